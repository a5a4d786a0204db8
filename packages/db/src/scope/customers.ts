import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { DrizzleDb } from "../client";
import { appointmentEvents, appointments, customers } from "../schema/appointments";
import { services, staff } from "../schema/catalog";
import { notifications } from "../schema/notifications";

/** What an erased customer is called from then on, wherever their name was shown. */
export const erasedCustomerName = "Erased customer";

/** One tenant's personal data about its customers, for export: reads. */
export function customerDataReads(orm: DrizzleDb, tenantId: string) {
  return {
    /** Customers whose name holds `name` (any case), not erased, at most `limit`: for a caller who gives their name. */
    customersByName(name: string, limit: number) {
      const pattern = `%${name.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return orm
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), isNull(customers.erasedAt), sql`lower(${customers.name}) like ${pattern} escape '\\'`))
        .orderBy(asc(customers.name), asc(customers.id))
        .limit(limit);
    },

    /** Every appointment of the customer, whatever its status, oldest first, with the names a person reads. */
    customerAppointments(customerId: string) {
      return orm
        .select({ appointment: appointments, serviceName: services.name, staffName: staff.name })
        .from(appointments)
        .innerJoin(services, eq(services.id, appointments.serviceId))
        .innerJoin(staff, eq(staff.id, appointments.staffId))
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.customerId, customerId)))
        .orderBy(asc(appointments.startAt));
    },

    /** The history of these appointments, oldest first. */
    eventsOfAppointments(appointmentIds: string[]) {
      if (appointmentIds.length === 0) return Promise.resolve([]);
      return orm
        .select()
        .from(appointmentEvents)
        .where(and(eq(appointmentEvents.tenantId, tenantId), inArray(appointmentEvents.appointmentId, appointmentIds)))
        .orderBy(asc(appointmentEvents.at));
    },

    /** Messages about these appointments, or sent to one of these addresses, oldest first. */
    messagesTo(appointmentIds: string[], recipients: string[]) {
      return orm
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.tenantId, tenantId),
            or(
              appointmentIds.length > 0 ? inArray(notifications.appointmentId, appointmentIds) : undefined,
              recipients.length > 0 ? inArray(notifications.recipient, recipients) : undefined,
            ),
          ),
        )
        .orderBy(asc(notifications.createdAt));
    },
  };
}

/** One tenant's personal data about its customers, for erasure: writes, only on a Writer's scope. */
export function customerDataWrites(orm: DrizzleDb, tenantId: string) {
  return {
    /** The customer's pending and confirmed appointments starting after `now`, cancelled; returns their ids. */
    async cancelUpcomingOf(customerId: string, now: number, reason: string): Promise<string[]> {
      const rows = await orm
        .update(appointments)
        .set({ status: "cancelled", statusReason: reason, expiresAt: null })
        .where(
          and(
            eq(appointments.tenantId, tenantId),
            eq(appointments.customerId, customerId),
            inArray(appointments.status, ["pending", "confirmed"]),
            gt(appointments.startAt, now),
          ),
        )
        .returning({ id: appointments.id });
      return rows.map((row) => row.id);
    },

    /** Keeps the appointments (time, service, staff, status) and drops what the customer or staff wrote about them. */
    async anonymiseAppointmentsOf(customerId: string): Promise<string[]> {
      const rows = await orm
        .update(appointments)
        .set({ notes: "", staffNotes: "", statusReason: null, customerTimeZone: null, idempotencyKey: null, holdClient: null })
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.customerId, customerId)))
        .returning({ id: appointments.id });
      const ids = rows.map((row) => row.id);
      // Events keep what happened and when; their details (notes, reasons) may quote the customer.
      if (ids.length > 0) {
        await orm
          .update(appointmentEvents)
          .set({ detail: {} })
          .where(and(eq(appointmentEvents.tenantId, tenantId), inArray(appointmentEvents.appointmentId, ids)));
      }
      return ids;
    },

    async removeMessages(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await orm.delete(notifications).where(and(eq(notifications.tenantId, tenantId), inArray(notifications.id, ids)));
    },

    /** The row stays, for the appointments that point at it, with nothing left that names the person. */
    async anonymiseCustomer(customerId: string, at: number): Promise<void> {
      await orm
        .update(customers)
        .set({ name: erasedCustomerName, email: `erased-${customerId}@erased.invalid`, phone: null, phoneE164: null, timeZone: null, locale: null, erasedAt: at })
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
    },
  };
}
