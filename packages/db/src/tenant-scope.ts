import { and, asc, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { Db } from "./client";
import { appointments, customers } from "./schema/appointments";
import { services, staff, staffServices } from "./schema/catalog";
import { dateOverrides, timeOff, workingHours } from "./schema/schedules";
import { holidays, publishableKeys, tenants } from "./schema/tenants";

export type Tenant = typeof tenants.$inferSelect;
export type Service = typeof services.$inferSelect;
export type StaffMember = typeof staff.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;

export interface NewBooking {
  id: string;
  serviceId: string;
  staffId: string;
  startAt: number;
  endAt: number;
  blockedStart: number;
  blockedEnd: number;
  status: "pending" | "confirmed";
  channel: "web" | "phone" | "staff";
  notes: string;
  customerTimeZone: string | null;
  idempotencyKey: string | null;
  customer: { id: string; name: string; email: string; phone: string | null };
}

/** The publishable key row and its tenant, or undefined for an unknown or revoked key. */
export async function findPublishableKey(db: Db, key: string) {
  const [row] = await db.orm
    .select({ key: publishableKeys, tenant: tenants })
    .from(publishableKeys)
    .innerJoin(tenants, eq(tenants.id, publishableKeys.tenantId))
    .where(and(eq(publishableKeys.key, key), isNull(publishableKeys.revokedAt)));
  return row;
}

/** Every query about one tenant's data: another tenant's ids simply find nothing. */
export function forTenant(db: Db, tenantId: string) {
  const orm = db.orm;
  return {
    tenantId,

    async tenant(): Promise<Tenant | undefined> {
      const [row] = await orm.select().from(tenants).where(eq(tenants.id, tenantId));
      return row;
    },

    services(): Promise<Service[]> {
      return orm
        .select()
        .from(services)
        .where(and(eq(services.tenantId, tenantId), eq(services.active, true)))
        .orderBy(asc(services.position), asc(services.name));
    },

    async service(id: string): Promise<Service | undefined> {
      const [row] = await orm
        .select()
        .from(services)
        .where(and(eq(services.tenantId, tenantId), eq(services.id, id), eq(services.active, true)));
      return row;
    },

    staff(): Promise<StaffMember[]> {
      return orm
        .select()
        .from(staff)
        .where(and(eq(staff.tenantId, tenantId), eq(staff.active, true)))
        .orderBy(asc(staff.position), asc(staff.name));
    },

    staffServices(): Promise<{ staffId: string; serviceId: string }[]> {
      return orm
        .select({ staffId: staffServices.staffId, serviceId: staffServices.serviceId })
        .from(staffServices)
        .where(eq(staffServices.tenantId, tenantId));
    },

    /** Active staff who perform the service, in display order. */
    staffForService(serviceId: string): Promise<StaffMember[]> {
      return orm
        .select(selectStaff)
        .from(staff)
        .innerJoin(staffServices, and(eq(staffServices.staffId, staff.id), eq(staffServices.tenantId, tenantId)))
        .where(and(eq(staff.tenantId, tenantId), eq(staff.active, true), eq(staffServices.serviceId, serviceId)))
        .orderBy(asc(staff.position), asc(staff.name));
    },

    holidayDates(from: string, to: string): Promise<{ date: string }[]> {
      return orm
        .select({ date: holidays.date })
        .from(holidays)
        .where(and(eq(holidays.tenantId, tenantId), gte(holidays.date, from), lte(holidays.date, to)));
    },

    /** Everything that shapes the staff members' days between two local dates / instants. */
    async schedules(staffIds: string[], range: { fromDate: string; toDate: string; fromMs: number; toMs: number }) {
      if (staffIds.length === 0) return { hours: [], overrides: [], absences: [], booked: [] };
      const [hours, overrides, absences, booked] = await Promise.all([
        orm
          .select()
          .from(workingHours)
          .where(and(eq(workingHours.tenantId, tenantId), inArray(workingHours.staffId, staffIds)))
          .orderBy(asc(workingHours.startMin)),
        orm
          .select()
          .from(dateOverrides)
          .where(
            and(
              eq(dateOverrides.tenantId, tenantId),
              inArray(dateOverrides.staffId, staffIds),
              gte(dateOverrides.date, range.fromDate),
              lte(dateOverrides.date, range.toDate),
            ),
          )
          .orderBy(asc(dateOverrides.startMin)),
        orm
          .select({ staffId: timeOff.staffId, start: timeOff.startAt, end: timeOff.endAt })
          .from(timeOff)
          .where(
            and(eq(timeOff.tenantId, tenantId), inArray(timeOff.staffId, staffIds), lt(timeOff.startAt, range.toMs), gt(timeOff.endAt, range.fromMs)),
          ),
        orm
          .select({ staffId: appointments.staffId, start: appointments.blockedStart, end: appointments.blockedEnd })
          .from(appointments)
          .where(
            and(
              eq(appointments.tenantId, tenantId),
              inArray(appointments.staffId, staffIds),
              inArray(appointments.status, ["pending", "confirmed"]),
              lt(appointments.blockedStart, range.toMs),
              gt(appointments.blockedEnd, range.fromMs),
            ),
          ),
      ]);
      return { hours, overrides, absences, booked };
    },

    async appointment(id: string): Promise<Appointment | undefined> {
      const [row] = await orm.select().from(appointments).where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)));
      return row;
    },

    async appointmentByIdempotencyKey(key: string): Promise<Appointment | undefined> {
      const [row] = await orm
        .select()
        .from(appointments)
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.idempotencyKey, key)));
      return row;
    },

    /** Saves the customer (by email) and the appointment in one transaction: both land or neither. Call inside `db.write`. */
    async insertBooking(booking: NewBooking): Promise<void> {
      const { customer } = booking;
      await orm.batch([
        orm
          .insert(customers)
          .values({ tenantId, id: customer.id, name: customer.name, email: customer.email, phone: customer.phone, timeZone: booking.customerTimeZone })
          .onConflictDoUpdate({
            target: [customers.tenantId, customers.email],
            set: { name: customer.name, phone: sql`coalesce(excluded.phone, ${customers.phone})`, timeZone: sql`coalesce(excluded.time_zone, ${customers.timeZone})` },
          }),
        orm.insert(appointments).values({
          tenantId,
          id: booking.id,
          serviceId: booking.serviceId,
          staffId: booking.staffId,
          customerId: sql`(select ${customers.id} from ${customers} where ${customers.tenantId} = ${tenantId} and ${customers.email} = ${customer.email})`,
          status: booking.status,
          startAt: booking.startAt,
          endAt: booking.endAt,
          blockedStart: booking.blockedStart,
          blockedEnd: booking.blockedEnd,
          channel: booking.channel,
          notes: booking.notes,
          customerTimeZone: booking.customerTimeZone,
          idempotencyKey: booking.idempotencyKey,
        }),
      ]);
    },

    /** Appointments that start in [fromMs, toMs), with the names a person reads. */
    appointmentsBetween(fromMs: number, toMs: number) {
      return orm
        .select({ appointment: appointments, serviceName: services.name, staffName: staff.name, customerName: customers.name, customerEmail: customers.email })
        .from(appointments)
        .innerJoin(services, eq(services.id, appointments.serviceId))
        .innerJoin(staff, eq(staff.id, appointments.staffId))
        .innerJoin(customers, eq(customers.id, appointments.customerId))
        .where(and(eq(appointments.tenantId, tenantId), gte(appointments.startAt, fromMs), lt(appointments.startAt, toMs)))
        .orderBy(asc(appointments.startAt));
    },
  };
}

export type TenantScope = ReturnType<typeof forTenant>;

const selectStaff = getTableColumns(staff);
