// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdBooking } from "./booking";

if (!customElements.get("fd-booking")) customElements.define("fd-booking", FdBooking);

export { FdBooking };
