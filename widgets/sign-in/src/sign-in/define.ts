// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdSignIn } from "./sign-in";

if (!customElements.get("fd-sign-in")) customElements.define("fd-sign-in", FdSignIn);

export { FdSignIn };
