import { msg, str } from "@lit/localize";
import { FrontdeskClientError, type ManagedAppointment } from "@frontdesk/client";
import { commonErrorTexts, errorText } from "@frontdesk/ui";

/** What `<fd-booking-manage>` says about failures and what cannot change, in the widget's words. */

export const retryable = (error: unknown) => !(error instanceof FrontdeskClientError) || error.code === "NETWORK" || error.code === "INTERNAL";

// Whatever the server cannot find through a manage link, the customer's way forward is the same: a newer link.
const manageErrorTexts = { ...commonErrorTexts, NOT_FOUND: commonErrorTexts.INVALID_MANAGE_LINK };

export const errorMessage = (error: unknown) => errorText(error, manageErrorTexts);

/** Why the customer can no longer change the appointment, in the widget's words; the server's reason says the same in English. */
export function cannotChangeText(appointment: ManagedAppointment): string | null {
  if (appointment.canChange) return null;
  switch (appointment.status) {
    case "cancelled":
      return msg("This appointment has been cancelled.");
    case "rejected":
    case "expired":
      return msg("This request was not confirmed, so there is nothing to change.");
    case "completed":
    case "no_show":
      return msg("This appointment is in the past.");
    default: {
      const { name, cancellationNoticeHours: hours } = appointment.business;
      return hours === 1
        ? msg(str`Changes are possible up to 1 hour before the appointment. Please call ${name} instead.`)
        : msg(str`Changes are possible up to ${hours} hours before the appointment. Please call ${name} instead.`);
    }
  }
}
