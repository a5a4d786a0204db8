export { FdBooking } from "./booking/define";
export type { BookingCreatedDetail, BookingMode } from "./booking/booking";
