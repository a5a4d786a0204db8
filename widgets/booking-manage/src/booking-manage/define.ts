import { FdBookingManage } from "./booking-manage";

if (!customElements.get("fd-booking-manage")) customElements.define("fd-booking-manage", FdBookingManage);

export { FdBookingManage };
