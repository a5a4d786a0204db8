import type { z } from "zod";
import { FrontdeskError, type StaffAppointment, type staffAppointmentsInput } from "@frontdesk/core";
import { forTenant, type Db, type Tenant } from "@frontdesk/db";
import type { OwnStaff } from "../auth/principal";
import { toSummary, type AppointmentDetail } from "./present";

/** Appointments as staff see them: with the customer's contact details, notes and what lapses when. */
export function appointmentList({ db, now }: { db: Db; now: () => number }) {
  return {
    /** `own`: whose appointments the caller may see (see `ownStaffId`); a staff member linked to none sees none. */
    async forStaff(tenant: Tenant, query: z.output<typeof staffAppointmentsInput>, own: OwnStaff = undefined): Promise<StaffAppointment[]> {
      if (own === null) return [];
      const staffId = own ?? query.staffId;
      const rows = await forTenant(db, tenant.id).appointmentList({
        fromMs: Date.parse(query.from),
        toMs: Date.parse(query.to),
        ...(query.statuses ? { statuses: query.statuses } : {}),
        ...(staffId ? { staffId } : {}),
      });
      return rows.map((row) => forStaff(row, tenant, now()));
    },

    /** One appointment of the business; another business's id reads as not found, and so does a colleague's for a staff member. */
    async oneForStaff(tenant: Tenant, appointmentId: string, own: OwnStaff = undefined): Promise<StaffAppointment> {
      const row = await forTenant(db, tenant.id).appointmentDetail(appointmentId);
      if (!row || (own !== undefined && row.appointment.staffId !== own)) throw new FrontdeskError("NOT_FOUND", "This business has no appointment with that id.", { field: "appointmentId" });
      return forStaff(row, tenant, now());
    },
  };
}

function forStaff(row: AppointmentDetail, tenant: Tenant, now: number): StaffAppointment {
  return {
    ...toSummary(row, tenant, now),
    customerEmail: row.customer?.email ?? "",
    customerPhone: row.customer?.phone ?? null,
    channel: row.appointment.channel,
    notes: row.appointment.notes,
    staffNotes: row.appointment.staffNotes,
    statusReason: row.appointment.statusReason,
    expiresAt: row.appointment.expiresAt === null ? null : new Date(row.appointment.expiresAt).toISOString(),
  };
}

export type AppointmentList = ReturnType<typeof appointmentList>;
