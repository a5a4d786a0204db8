export { FdBooking } from "./booking/define";
export type { BookingCreatedDetail } from "./booking/booking";
