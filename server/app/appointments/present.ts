import type { AppointmentSummary } from "@frontdesk/core";
import type { TenantScope, Tenant } from "@frontdesk/db";

export type AppointmentDetail = NonNullable<Awaited<ReturnType<TenantScope["appointmentDetail"]>>>;

/** The latest instant the customer may still change the appointment, or null when it cannot change any more. */
export function changeableUntil(detail: AppointmentDetail, tenant: Tenant, now: number): number | null {
  const { appointment } = detail;
  if (appointment.status !== "pending" && appointment.status !== "confirmed") return null;
  const deadline = appointment.startAt - tenant.cancellationNoticeHours * 3_600_000;
  return deadline > now ? deadline : null;
}

export function toSummary(detail: AppointmentDetail, tenant: Tenant, now: number): AppointmentSummary {
  const { appointment, service, staff, customer } = detail;
  const until = changeableUntil(detail, tenant, now);
  return {
    id: appointment.id,
    status: appointment.status,
    serviceId: appointment.serviceId,
    staffId: appointment.staffId,
    start: new Date(appointment.startAt).toISOString(),
    end: new Date(appointment.endAt).toISOString(),
    timeZone: tenant.timeZone,
    serviceName: service.name,
    staffName: staff.name,
    customerName: customer?.name ?? "",
    changeableUntil: until === null ? null : new Date(until).toISOString(),
  };
}
