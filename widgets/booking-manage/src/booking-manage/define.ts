// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdBookingManage } from "./booking-manage";

if (!customElements.get("fd-booking-manage")) customElements.define("fd-booking-manage", FdBookingManage);

export { FdBookingManage };
