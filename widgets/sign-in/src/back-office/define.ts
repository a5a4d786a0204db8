// Its views use the sign-in and account elements, so they are defined with it.
import "../sign-in/define";
import "../account/define";
import { FdBackOffice } from "./back-office";

if (!customElements.get("fd-back-office")) customElements.define("fd-back-office", FdBackOffice);

export { FdBackOffice };
