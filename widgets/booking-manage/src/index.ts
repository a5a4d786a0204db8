export { FdBookingManage } from "./booking-manage/define";
export type { BookingCancelledDetail, BookingRescheduledDetail } from "./booking-manage/booking-manage";
