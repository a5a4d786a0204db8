import { FrontdeskError } from "@frontdesk/core";
import type { Tenant } from "@frontdesk/db";
import { changeableUntil, type AppointmentDetail } from "./present";

/**
 * Why a customer may no longer change or cancel an appointment themselves (its status, or the business's cancellation
 * notice), or null when they may: the same rule for a manage link and for the phone agent acting for a caller.
 */
export function whyUnchangeable(detail: AppointmentDetail, tenant: Tenant, now: number): string | null {
  const status = detail.appointment.status;
  if (status === "cancelled") return "This appointment has been cancelled.";
  if (status === "rejected" || status === "expired") return "This request was not confirmed, so there is nothing to change.";
  if (status === "completed" || status === "no_show") return "This appointment is in the past.";
  if (changeableUntil(detail, tenant, now) === null) {
    return `Changes are possible up to ${tenant.cancellationNoticeHours} hours before the appointment. Please call ${tenant.name} instead.`;
  }
  return null;
}

/** A lifecycle `guard`: refuses with CHANGE_WINDOW_CLOSED on `field` what `whyUnchangeable` refuses. */
export function customerChangeGuard(now: () => number, field: string) {
  return (detail: AppointmentDetail, tenant: Tenant): void => {
    const reason = whyUnchangeable(detail, tenant, now());
    if (reason) throw new FrontdeskError("CHANGE_WINDOW_CLOSED", reason, { field });
  };
}
