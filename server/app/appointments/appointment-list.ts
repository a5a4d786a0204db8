import type { z } from "zod";
import type { StaffAppointment, staffAppointmentsInput } from "@frontdesk/core";
import { forTenant, type Db, type Tenant } from "@frontdesk/db";
import { toSummary } from "./present";

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
      return rows.map((row) => ({
        ...toSummary(row, tenant, now()),
        customerEmail: row.customer.email,
        customerPhone: row.customer.phone,
        channel: row.appointment.channel,
        notes: row.appointment.notes,
        staffNotes: row.appointment.staffNotes,
        statusReason: row.appointment.statusReason,
        expiresAt: row.appointment.expiresAt === null ? null : new Date(row.appointment.expiresAt).toISOString(),
      }));
    },
  };
}

export type AppointmentList = ReturnType<typeof appointmentList>;
