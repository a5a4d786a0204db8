import { FrontdeskError, type Availability, type ManagedAppointment } from "@frontdesk/core";
import type { Db, Tenant } from "@frontdesk/db";
import type { LifecycleService } from "../appointments/lifecycle.service";
import { whyUnchangeable as whyUnchangeableNow, customerChangeGuard } from "../appointments/change-policy";
import { toSummary, type AppointmentDetail } from "../appointments/present";
import type { BookingService } from "../booking/booking.service";
import { manageLinkDaysAfterEnd, openManageLink, type ManageLink, type ManageLinks } from "./manage-links";

export interface ManageDeps {
  db: Db;
  now: () => number;
  links: ManageLinks;
  booking: BookingService;
  lifecycle: LifecycleService;
}

/** The customer's side of an appointment, reached through the signed token in their manage link. */
export function manageService({ db, now, links, booking, lifecycle }: ManageDeps) {
  /** A token from a link, or the link a manage-link principal already opened. */
  async function open(link: string | ManageLink) {
    const { tenant, appointmentId } = typeof link === "string" ? await openManageLink(db, links, link) : link;
    const loaded = await lifecycle.load(tenant, appointmentId);
    // The token itself never expires; its appointment's end decides, so a rescheduled appointment keeps its link alive.
    if (now() > loaded.detail.appointment.endAt + manageLinkDaysAfterEnd * 86_400_000) {
      throw new FrontdeskError(
        "MANAGE_LINK_EXPIRED",
        `This link has expired: links work until ${manageLinkDaysAfterEnd} days after the appointment. Please contact ${loaded.tenant.name} directly.`,
        { field: "token" },
      );
    }
    return { ...loaded, appointmentId };
  }

  function present(detail: AppointmentDetail, tenant: Tenant): ManagedAppointment {
    const reason = whyUnchangeable(detail, tenant);
    return {
      ...toSummary(detail, tenant, now()),
      business: { name: tenant.name, timeZone: tenant.timeZone, cancellationNoticeHours: tenant.cancellationNoticeHours },
      customerTimeZone: detail.appointment.customerTimeZone ?? detail.customer?.timeZone ?? null,
      canChange: reason === null,
      cannotChangeReason: reason,
    };
  }

  const whyUnchangeable = (detail: AppointmentDetail, tenant: Tenant) => whyUnchangeableNow(detail, tenant, now());
  const guard = customerChangeGuard(now, "token");

  return {
    async get(link: string | ManageLink): Promise<ManagedAppointment> {
      const after = await open(link);
      return present(after.detail, after.tenant);
    },

    async availability(link: string | ManageLink, range: { from: string; to: string }): Promise<Availability> {
      const { detail, tenant, appointmentId } = await open(link);
      const { appointment } = detail;
      return booking.availability(
        tenant,
        {
          serviceId: appointment.serviceId,
          from: range.from,
          to: range.to,
          ...(appointment.assignedBy === "customer" ? { staffId: appointment.staffId } : {}),
          ...(appointment.locationId ? { locationId: appointment.locationId } : {}),
        },
        appointmentId,
      );
    },

    async reschedule(link: string | ManageLink, start: string): Promise<ManagedAppointment> {
      const { tenant, appointmentId } = await open(link);
      await lifecycle.reschedule(tenant, appointmentId, start, { actor: "customer", guard });
      const after = await open(link);
      return present(after.detail, after.tenant);
    },

    async cancel(link: string | ManageLink, reason?: string): Promise<ManagedAppointment> {
      const { tenant, appointmentId } = await open(link);
      await lifecycle.cancel(tenant, appointmentId, { actor: "customer", reason: reason ?? null, guard });
      const after = await open(link);
      return present(after.detail, after.tenant);
    },
  };
}

export type ManageService = ReturnType<typeof manageService>;
