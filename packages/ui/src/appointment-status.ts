import { msg } from "@lit/localize";
import type { AppointmentStatus } from "@frontdesk/core";

/** An appointment's status in the customer's words, as `<fd-booking-manage>` shows it; staff's words differ only where `forStaff` says. */
export function appointmentStatusLabel(status: AppointmentStatus, forStaff: Partial<Record<AppointmentStatus, () => string>> = {}): string {
  const own = forStaff[status];
  if (own) return own();
  switch (status) {
    case "held":
      return msg("Held");
    case "pending":
      return msg("Awaiting confirmation");
    case "confirmed":
      return msg("Confirmed");
    case "cancelled":
      return msg("Cancelled");
    case "rejected":
      return msg("Declined");
    case "expired":
      return msg("Expired");
    case "completed":
      return msg("Completed");
    case "no_show":
      return msg("Missed");
  }
}
