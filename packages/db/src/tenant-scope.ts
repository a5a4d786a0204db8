import { and, asc, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "./client";
import type { AppointmentStatus } from "@frontdesk/core";
import { randomId } from "./ids";
import { appointmentEvents, appointments, customers } from "./schema/appointments";
import { services, staff, staffServices } from "./schema/catalog";
import { businessHours, dateOverrides, timeOff, workingHours } from "./schema/schedules";
import { holidays, locations, publishableKeys, tenants } from "./schema/tenants";

export type Tenant = typeof tenants.$inferSelect;
export type Service = typeof services.$inferSelect;
export type StaffMember = typeof staff.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type WorkingHours = typeof workingHours.$inferSelect;
export type DateOverride = typeof dateOverrides.$inferSelect;
export type Location = typeof locations.$inferSelect;

export type Customer = typeof customers.$inferSelect;
export type AppointmentEventActor = (typeof appointmentEvents.$inferInsert)["actor"];

export interface NewCustomer {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  timeZone: string | null;
  locale: string | null;
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
    /** The connection this scope reads and writes through (a transaction's, inside one). */
    db,

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

    holidays(from: string, to: string) {
      return orm
        .select({ date: holidays.date, name: holidays.name, startMin: holidays.startMin, endMin: holidays.endMin })
        .from(holidays)
        .where(and(eq(holidays.tenantId, tenantId), gte(holidays.date, from), lte(holidays.date, to)))
        .orderBy(asc(holidays.date), asc(holidays.startMin));
    },

    /** Opening hours: a location's own when it has any, else the business's. */
    async businessHours(locationId?: string) {
      const rows = await orm
        .select({ locationId: businessHours.locationId, weekday: businessHours.weekday, startMin: businessHours.startMin, endMin: businessHours.endMin })
        .from(businessHours)
        .where(
          and(
            eq(businessHours.tenantId, tenantId),
            locationId ? or(isNull(businessHours.locationId), eq(businessHours.locationId, locationId)) : isNull(businessHours.locationId),
          ),
        )
        .orderBy(asc(businessHours.weekday), asc(businessHours.startMin));
      const own = rows.filter((row) => row.locationId !== null);
      return own.length > 0 ? own : rows;
    },

    locations() {
      return orm.select().from(locations).where(eq(locations.tenantId, tenantId)).orderBy(asc(locations.position), asc(locations.name));
    },

    async location(id: string) {
      const [row] = await orm.select().from(locations).where(and(eq(locations.tenantId, tenantId), eq(locations.id, id)));
      return row;
    },

    /** The staff members' weekly hours; with a location, those there and those tied to none. */
    workingHours(staffIds: string[], locationId?: string): Promise<WorkingHours[]> {
      if (staffIds.length === 0) return Promise.resolve([]);
      return orm
        .select()
        .from(workingHours)
        .where(
          and(
            eq(workingHours.tenantId, tenantId),
            inArray(workingHours.staffId, staffIds),
            // Hours tied to no location count everywhere.
            locationId ? or(isNull(workingHours.locationId), eq(workingHours.locationId, locationId)) : undefined,
          ),
        )
        .orderBy(asc(workingHours.startMin));
    },

    /** The staff members' hours for particular dates, replacing their weekly ones there. */
    dateOverrides(staffIds: string[], fromDate: string, toDate: string): Promise<DateOverride[]> {
      if (staffIds.length === 0) return Promise.resolve([]);
      return orm
        .select()
        .from(dateOverrides)
        .where(
          and(eq(dateOverrides.tenantId, tenantId), inArray(dateOverrides.staffId, staffIds), gte(dateOverrides.date, fromDate), lte(dateOverrides.date, toDate)),
        )
        .orderBy(asc(dateOverrides.startMin));
    },

    /** What keeps the staff members busy between two instants: time off, and appointments that hold their time. */
    async busy(staffIds: string[], range: { fromMs: number; toMs: number; now: number }) {
      if (staffIds.length === 0) return { absences: [], booked: [] };
      const [absences, booked] = await Promise.all([
        orm
          .select({ staffId: timeOff.staffId, start: timeOff.startAt, end: timeOff.endAt })
          .from(timeOff)
          .where(
            and(eq(timeOff.tenantId, tenantId), inArray(timeOff.staffId, staffIds), lt(timeOff.startAt, range.toMs), gt(timeOff.endAt, range.fromMs)),
          ),
        orm
          .select(bookedColumns)
          .from(appointments)
          .where(
            and(
              eq(appointments.tenantId, tenantId),
              inArray(appointments.staffId, staffIds),
              holdsTime(range.now),
              lt(appointments.blockedStart, range.toMs),
              gt(appointments.blockedEnd, range.fromMs),
            ),
          ),
      ]);
      return { absences, booked };
    },

    /** Every row of the business's set-up that availability reads, for all staff and for dates from `sinceDate`: for a snapshot kept between writes. */
    async setup(sinceDate: string) {
      const [tenant, services, staff, staffServices, locations, weeklyHours, overrides, openingHours, closures] = await Promise.all([
        this.tenant(),
        this.services(),
        this.staff(),
        this.staffServices(),
        this.locations(),
        orm.select().from(workingHours).where(eq(workingHours.tenantId, tenantId)).orderBy(asc(workingHours.startMin)),
        orm
          .select()
          .from(dateOverrides)
          .where(and(eq(dateOverrides.tenantId, tenantId), gte(dateOverrides.date, sinceDate)))
          .orderBy(asc(dateOverrides.startMin)),
        orm
          .select({ locationId: businessHours.locationId, weekday: businessHours.weekday, startMin: businessHours.startMin, endMin: businessHours.endMin })
          .from(businessHours)
          .where(eq(businessHours.tenantId, tenantId))
          .orderBy(asc(businessHours.weekday), asc(businessHours.startMin)),
        orm
          .select({ date: holidays.date, name: holidays.name, startMin: holidays.startMin, endMin: holidays.endMin })
          .from(holidays)
          .where(and(eq(holidays.tenantId, tenantId), gte(holidays.date, sinceDate)))
          .orderBy(asc(holidays.date), asc(holidays.startMin)),
      ]);
      return { tenant, services, staff, staffServices, locations, workingHours: weeklyHours, dateOverrides: overrides, businessHours: openingHours, holidays: closures };
    },

    /** Appointments of one service, by anyone, that hold their time: counted against the service's limits. */
    activeBookingsOfService(serviceId: string, fromMs: number, toMs: number, now: number) {
      return orm
        .select(bookedColumns)
        .from(appointments)
        .where(
          and(
            eq(appointments.tenantId, tenantId),
            eq(appointments.serviceId, serviceId),
            holdsTime(now),
            gte(appointments.startAt, fromMs),
            lt(appointments.startAt, toMs),
          ),
        );
    },

    /** When each staff member last got a booking through the assignment policy. */
    async lastPolicyAssignments(staffIds: string[]): Promise<Map<string, number>> {
      if (staffIds.length === 0) return new Map();
      const rows = await orm
        .select({ staffId: appointments.staffId, at: sql<number>`max(${appointments.createdAt})` })
        .from(appointments)
        .where(
          and(
            eq(appointments.tenantId, tenantId),
            inArray(appointments.staffId, staffIds),
            eq(appointments.assignedBy, "policy"),
            // An abandoned hold is no turn taken.
            inArray(appointments.status, ["pending", "confirmed", "completed", "no_show"]),
          ),
        )
        .groupBy(appointments.staffId);
      return new Map(rows.map((row) => [row.staffId, row.at]));
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

    /** Holds still running, all of them and those one client asked for. Call after `expireLapsedHolds`, inside the write. */
    async activeHolds(holdClient: string | null): Promise<{ all: number; byClient: number }> {
      const [row] = await orm
        .select({ all: sql<number>`count(*)`, byClient: sql<number>`coalesce(sum(${appointments.holdClient} = ${holdClient}), 0)` })
        .from(appointments)
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.status, "held")));
      return row!;
    },

    /**
     * The customer with this email, created if new; returns their id. Call inside `db.write`. An anonymous
     * booking only fills in what is missing: knowing someone's email must not let a stranger change their details.
     */
    async saveCustomer(customer: NewCustomer): Promise<string> {
      const [row] = await orm
        .insert(customers)
        .values({ tenantId, ...customer })
        .onConflictDoUpdate({
          target: [customers.tenantId, customers.email],
          set: {
            phone: sql`coalesce(${customers.phone}, excluded.phone)`,
            timeZone: sql`coalesce(${customers.timeZone}, excluded.time_zone)`,
            locale: sql`coalesce(${customers.locale}, excluded.locale)`,
          },
        })
        .returning({ id: customers.id });
      return row!.id;
    },

    /** Call inside `db.write`; the overlap trigger may refuse it with SLOT_TAKEN. */
    async insertAppointment(values: Omit<typeof appointments.$inferInsert, "tenantId">): Promise<Appointment> {
      const [row] = await orm.insert(appointments).values({ ...values, tenantId }).returning();
      return row!;
    },

    /** Changes one appointment if it is (still) in one of `from`; undefined if it was not. Call inside `db.write`. */
    async updateAppointment(
      id: string,
      from: readonly AppointmentStatus[],
      patch: Partial<Omit<typeof appointments.$inferInsert, "tenantId" | "id">>,
    ): Promise<Appointment | undefined> {
      const [row] = await orm
        .update(appointments)
        .set({ ...patch, updatedAt: sql`(unixepoch('subsec') * 1000)` })
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id), inArray(appointments.status, [...from])))
        .returning();
      return row;
    },

    recordEvent(event: { appointmentId: string; at: number; actor: AppointmentEventActor; action: string; detail?: Record<string, unknown> }) {
      return orm.insert(appointmentEvents).values({ tenantId, id: randomId("evt"), detail: {}, ...event });
    },

    /** The appointment with the names a person reads, or undefined. */
    async appointmentDetail(id: string) {
      const [row] = await orm
        .select({ appointment: appointments, service: services, staff: staff, customer: customers })
        .from(appointments)
        .innerJoin(services, eq(services.id, appointments.serviceId))
        .innerJoin(staff, eq(staff.id, appointments.staffId))
        .leftJoin(customers, eq(customers.id, appointments.customerId))
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)));
      return row;
    },

    /** Appointments matching a filter, newest start last, with names. */
    appointmentList(filter: { fromMs?: number; toMs?: number; statuses?: readonly AppointmentStatus[]; customerId?: string; staffId?: string; limit?: number }) {
      return orm
        .select({ appointment: appointments, service: services, staff: staff, customer: customers })
        .from(appointments)
        .innerJoin(services, eq(services.id, appointments.serviceId))
        .innerJoin(staff, eq(staff.id, appointments.staffId))
        .innerJoin(customers, eq(customers.id, appointments.customerId))
        .where(
          and(
            eq(appointments.tenantId, tenantId),
            filter.fromMs !== undefined ? gte(appointments.startAt, filter.fromMs) : undefined,
            filter.toMs !== undefined ? lt(appointments.startAt, filter.toMs) : undefined,
            filter.statuses ? inArray(appointments.status, [...filter.statuses]) : undefined,
            filter.customerId ? eq(appointments.customerId, filter.customerId) : undefined,
            filter.staffId ? eq(appointments.staffId, filter.staffId) : undefined,
          ),
        )
        .orderBy(asc(appointments.startAt))
        .limit(filter.limit ?? 500);
    },

    events(appointmentId: string) {
      return orm
        .select()
        .from(appointmentEvents)
        .where(and(eq(appointmentEvents.tenantId, tenantId), eq(appointmentEvents.appointmentId, appointmentId)))
        .orderBy(asc(appointmentEvents.at));
    },

    async customer(id: string) {
      const [row] = await orm.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
      return row;
    },

    async customerByEmail(email: string) {
      const [row] = await orm.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.email, email.toLowerCase())));
      return row;
    },
  };
}

/** Holds past their expiry give their time back. Call inside `db.write`, before writes that could meet them. */
export async function expireLapsedHolds(db: Db, now: number): Promise<void> {
  await db.orm
    .update(appointments)
    .set({ status: "expired", statusReason: "The hold lapsed." })
    .where(and(eq(appointments.status, "held"), lte(appointments.expiresAt, now)));
}

export type TenantScope = ReturnType<typeof forTenant>;

const selectStaff = getTableColumns(staff);

const bookedColumns = {
  id: appointments.id,
  staffId: appointments.staffId,
  serviceId: appointments.serviceId,
  startAt: appointments.startAt,
  endAt: appointments.endAt,
  blockedStart: appointments.blockedStart,
  blockedEnd: appointments.blockedEnd,
};

/** Pending and confirmed appointments keep their time, and so does a hold until it lapses. */
export function holdsTime(now: number) {
  return or(
    inArray(appointments.status, ["pending", "confirmed"]),
    and(eq(appointments.status, "held"), gt(appointments.expiresAt, now)),
  )!;
}

/** The tenant an appointment belongs to: for signed links, which name an appointment but no tenant. */
export async function findTenantOfAppointment(db: Db, appointmentId: string): Promise<string | undefined> {
  const [row] = await db.orm.select({ tenantId: appointments.tenantId }).from(appointments).where(eq(appointments.id, appointmentId));
  return row?.tenantId;
}
