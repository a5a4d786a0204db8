import type { z } from "zod";
import { FrontdeskError, type StaffAppointment, type staffAppointmentsInput } from "@frontdesk/core";
import { forTenant, type Db, type Tenant } from "@frontdesk/db";
import { toSummary, type AppointmentDetail } from "./present";

/** Appointments as staff see them: with the customer's contact details, notes and what lapses when. */
export function appointmentList({ db, now }: { db: Db; now: () => number }) {
  return {
    async forStaff(tenant: Tenant, query: z.output<typeof staffAppointmentsInput>): Promise<StaffAppointment[]> {
      const rows = await forTenant(db, tenant.id).appointmentList({
        fromMs: Date.parse(query.from),
        toMs: Date.parse(query.to),
        ...(query.statuses ? { statuses: query.statuses } : {}),
        ...(query.staffId ? { staffId: query.staffId } : {}),
      });
      return rows.map((row) => forStaff(row, tenant, now()));
    },

    /** One appointment of the business; another business's id reads as not found. */
    async oneForStaff(tenant: Tenant, appointmentId: string): Promise<StaffAppointment> {
      const row = await forTenant(db, tenant.id).appointmentDetail(appointmentId);
      if (!row) throw new FrontdeskError("NOT_FOUND", "This business has no appointment with that id.", { field: "appointmentId" });
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
