import { FdBooking } from "./booking";

if (!customElements.get("fd-booking")) customElements.define("fd-booking", FdBooking);

export { FdBooking };
