import { and, asc, eq, gt, gte, inArray, lt, lte, or, sql, type Placeholder } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { FrontdeskError, type Actor, type AppointmentStatus } from "@frontdesk/core";
import { ormOf, preparedQuery, type DrizzleDb, type Reader, type Writer } from "../client";
import { randomId } from "../ids";
import { appointmentEvents, appointments, customers } from "../schema/appointments";
import { calendarBusyDays } from "../schema/calendar";
import { services, staff } from "../schema/catalog";
import { timeOff } from "../schema/schedules";
import { tenants } from "../schema/tenants";
import { guarded } from "./conflicts";
import { shapedInsert } from "./shaped-insert";

export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = Omit<typeof appointments.$inferInsert, "tenantId">;
export type AppointmentPatch = Partial<Omit<typeof appointments.$inferInsert, "tenantId" | "id">>;
export type Customer = typeof customers.$inferSelect;

export interface NewCustomer {
  id: string;
  name: string;
  /** Lower case; null only for a customer known by phone alone, who then needs `phoneE164`. */
  email: string | null;
  phone: string | null;
  /** The phone number in E.164, when the server could read it (`@frontdesk/core/phone`). */
  phoneE164?: string | null;
  timeZone: string | null;
  locale: string | null;
}

export interface AppointmentListFilter {
  fromMs?: number;
  toMs?: number;
  statuses?: readonly AppointmentStatus[];
  customerId?: string;
  staffId?: string;
  limit?: number;
}

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
function holdsTime(now: number | Placeholder) {
  return or(inArray(appointments.status, ["pending", "confirmed"]), and(eq(appointments.status, "held"), gt(appointments.expiresAt, now)))!;
}

const param = (name: string) => sql.placeholder(name);
/** A staff id among the JSON array bound as `staffIds`: one statement for any number of them. */
const amongStaff = (column: SQLiteColumn) => sql`${column} in (select value from json_each(${param("staffIds")}))`;

/**
 * The longest an appointment keeps its staff member busy, with room to spare: a service is at most 24 hours with 4
 * hours of buffer on each side (the configuration's schema), so 32 hours. An appointment that holds time in a range
 * started less than this before it.
 */
const longestBlockMs = 3 * 86_400_000;
const dayMs = 86_400_000;

/**
 * Time off, the busy days of the staff's own calendars and the appointments that hold time, in one statement (each
 * statement costs about as much to prepare as to run). Every availability query and every booking asks it, so its
 * SQL is built once.
 */
const busyQuery = preparedQuery((orm) => {
  const none = sql<string | null>`null`;
  const noSpans = sql<string | null>`null`.as("spans");
  return orm
    .select({ id: none.as("id"), staffId: timeOff.staffId, serviceId: none.as("service_id"), startAt: timeOff.startAt, endAt: timeOff.endAt, blockedStart: timeOff.startAt, blockedEnd: timeOff.endAt, spans: noSpans })
    .from(timeOff)
    .where(and(eq(timeOff.tenantId, param("tenantId")), amongStaff(timeOff.staffId), lt(timeOff.startAt, param("toMs")), gt(timeOff.endAt, param("fromMs"))))
    .unionAll(
      // Busy time from the staff's own calendars: a row a day, its merged spans in `spans`.
      orm
        .select({
          id: none.as("id"),
          staffId: calendarBusyDays.staffId,
          serviceId: none.as("service_id"),
          startAt: calendarBusyDays.day,
          endAt: calendarBusyDays.day,
          blockedStart: calendarBusyDays.day,
          blockedEnd: calendarBusyDays.day,
          spans: sql<string | null>`${calendarBusyDays.spans}`.as("spans"),
        })
        .from(calendarBusyDays)
        .where(and(eq(calendarBusyDays.tenantId, param("tenantId")), amongStaff(calendarBusyDays.staffId), gte(calendarBusyDays.day, param("fromDay")), lte(calendarBusyDays.day, param("toDay")))),
    )
    .unionAll(
      orm
        .select({ ...bookedColumns, spans: noSpans })
        .from(appointments)
        .where(
          and(
            eq(appointments.tenantId, param("tenantId")),
            amongStaff(appointments.staffId),
            holdsTime(param("now")),
            lt(appointments.blockedStart, param("toMs")),
            // The index runs by start: without a lower bound, every earlier appointment of the staff would be read.
            gt(appointments.blockedStart, param("earliestStart")),
            gt(appointments.blockedEnd, param("fromMs")),
          ),
        ),
    );
});

/** A row of `busyQuery`, in its select's order (indexed, not iterable): id, staff, service, start, end, blocked start, blocked end, spans. */
type BusyRow = readonly [string | null, string, string | null, number, number, number, number, string | null];

const byIdempotencyKeyQuery = preparedQuery((orm) =>
  orm.select().from(appointments).where(and(eq(appointments.tenantId, param("tenantId")), eq(appointments.idempotencyKey, param("key")))),
);
const detailQuery = preparedQuery((orm) =>
  orm
    .select({ appointment: appointments, service: services, staff: staff, customer: customers })
    .from(appointments)
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .innerJoin(staff, eq(staff.id, appointments.staffId))
    .leftJoin(customers, eq(customers.id, appointments.customerId))
    .where(and(eq(appointments.tenantId, param("tenantId")), eq(appointments.id, param("id")))),
);
const insertAppointmentRow = shapedInsert<NewAppointment & { tenantId: string }, Appointment>((orm, values) => orm.insert(appointments).values(values as never).returning());
const insertEventRow = shapedInsert<typeof appointmentEvents.$inferInsert, never>((orm, values) => orm.insert(appointmentEvents).values(values as never).returning({ id: appointmentEvents.id }) as never);
const customerByPhoneQuery = preparedQuery((orm) =>
  orm.select().from(customers).where(and(eq(customers.tenantId, param("tenantId")), eq(customers.phoneE164, param("phoneE164")))),
);
const lapsedHoldsQuery = preparedQuery((orm) =>
  orm
    .update(appointments)
    .set({ status: "expired", statusReason: "The hold lapsed." })
    // Written out as the partial index `appointments_expiring` states it, so SQLite reads that index, not the table.
    .where(and(sql`${appointments.status} in ('held', 'pending')`, sql`${appointments.status} = 'held'`, lte(appointments.expiresAt, param("now")))),
);

/** One tenant's appointments, customers and their history: reads. */
export function appointmentReads(orm: DrizzleDb, tenantId: string) {
  const own = eq(appointments.tenantId, tenantId);
  return {
    /** What keeps the staff members busy between two instants: time off, and appointments that hold their time. */
    async busy(staffIds: string[], range: { fromMs: number; toMs: number; now: number }) {
      if (staffIds.length === 0) return { absences: [], booked: [] };
      const { fromMs, toMs } = range;
      // As the driver gives them, by position (the select's order): a busy week has hundreds of rows, and mapping
      // each through the ORM's field mappers cost more than the query.
      const rows = (await busyQuery(orm).values({
        tenantId,
        staffIds: JSON.stringify(staffIds),
        ...range,
        earliestStart: fromMs - longestBlockMs,
        fromDay: Math.floor(fromMs / dayMs),
        toDay: Math.floor((toMs - 1) / dayMs),
      })) as unknown as BusyRow[];
      const absences: { staffId: string; start: number; end: number }[] = [];
      const booked: Pick<Appointment, keyof typeof bookedColumns>[] = [];
      for (const row of rows) {
        const [id, staffId, serviceId, startAt, endAt, blockedStart, blockedEnd, spans] = [row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]];
        if (spans !== null) {
          // A day of calendar busy time.
          const times = JSON.parse(spans) as number[];
          for (let i = 0; i < times.length; i += 2) {
            if (times[i + 1]! > fromMs && times[i]! < toMs) absences.push({ staffId, start: times[i]!, end: times[i + 1]! });
          }
        } else if (id === null || serviceId === null) absences.push({ staffId, start: startAt, end: endAt });
        else booked.push({ id, staffId, serviceId, startAt, endAt, blockedStart, blockedEnd });
      }
      return { absences, booked };
    },

    /** Appointments of one service, by anyone, that hold their time: counted against the service's limits. */
    activeBookingsOfService(serviceId: string, fromMs: number, toMs: number, now: number) {
      return orm
        .select(bookedColumns)
        .from(appointments)
        .where(and(own, eq(appointments.serviceId, serviceId), holdsTime(now), gte(appointments.startAt, fromMs), lt(appointments.startAt, toMs)));
    },

    /** When each staff member last got a booking through the assignment policy. */
    async lastPolicyAssignments(staffIds: string[]): Promise<Map<string, number>> {
      if (staffIds.length === 0) return new Map();
      const rows = await orm
        .select({ staffId: appointments.staffId, at: sql<number>`max(${appointments.createdAt})` })
        .from(appointments)
        .where(
          and(
            own,
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
      const [row] = await orm.select().from(appointments).where(and(own, eq(appointments.id, id)));
      return row;
    },

    async appointmentByIdempotencyKey(key: string): Promise<Appointment | undefined> {
      const [row] = await byIdempotencyKeyQuery(orm).all({ tenantId, key });
      return row;
    },

    /** The appointment with the names a person reads, or undefined. */
    async appointmentDetail(id: string) {
      const [row] = await detailQuery(orm).all({ tenantId, id });
      return row;
    },

    /** Appointments matching a filter, newest start last, with names. */
    appointmentList(filter: AppointmentListFilter) {
      return orm
        .select({ appointment: appointments, service: services, staff: staff, customer: customers })
        .from(appointments)
        .innerJoin(services, eq(services.id, appointments.serviceId))
        .innerJoin(staff, eq(staff.id, appointments.staffId))
        .innerJoin(customers, eq(customers.id, appointments.customerId))
        .where(
          and(
            own,
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

    async customer(id: string): Promise<Customer | undefined> {
      const [row] = await orm.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
      return row;
    },

    async customerByEmail(email: string): Promise<Customer | undefined> {
      const [row] = await orm.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.email, email.toLowerCase())));
      return row;
    },

    /** The customer with this number (E.164): how the phone line knows a caller. */
    async customerByPhone(phoneE164: string): Promise<Customer | undefined> {
      const [row] = await customerByPhoneQuery(orm).all({ tenantId, phoneE164 });
      return row;
    },
  };
}

/** One tenant's appointments, customers and their history: writes, only on a Writer's scope. */
export function appointmentWrites(orm: DrizzleDb, tenantId: string) {
  const own = eq(appointments.tenantId, tenantId);
  return {
    /** Holds still running, all of them and those one client asked for: counted inside the write, after `expireLapsedHolds`. */
    async activeHolds(holdClient: string | null): Promise<{ all: number; byClient: number }> {
      const [row] = await orm
        .select({ all: sql<number>`count(*)`, byClient: sql<number>`coalesce(sum(${appointments.holdClient} = ${holdClient}), 0)` })
        .from(appointments)
        .where(and(own, eq(appointments.status, "held")));
      return row!;
    },

    /**
     * The customer with this email, else (known by phone alone) with this number, created if new; returns their id.
     * An anonymous booking only fills in what is missing: knowing someone's email or number must not let a stranger
     * change their details. A number another customer already has stays theirs (it is kept as written, unmatched).
     */
    async saveCustomer(customer: NewCustomer): Promise<string> {
      const { phoneE164 = null, ...fields } = customer;
      const fillIn = {
        phone: sql`coalesce(${customers.phone}, excluded.phone)`,
        timeZone: sql`coalesce(${customers.timeZone}, excluded.time_zone)`,
        locale: sql`coalesce(${customers.locale}, excluded.locale)`,
      };
      if (fields.email !== null) {
        const [holder] = phoneE164 === null ? [] : await orm.select({ email: customers.email }).from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.phoneE164, phoneE164)));
        const claimed = holder === undefined || holder.email === fields.email ? phoneE164 : null;
        const [row] = await orm
          .insert(customers)
          .values({ ...fields, phoneE164: claimed, tenantId })
          .onConflictDoUpdate({
            target: [customers.tenantId, customers.email],
            targetWhere: sql`${customers.email} is not null`,
            set: { ...fillIn, phoneE164: sql`coalesce(${customers.phoneE164}, excluded.phone_e164)` },
          })
          .returning({ id: customers.id });
        return row!.id;
      }
      if (phoneE164 === null) throw new FrontdeskError("VALIDATION_FAILED", "Give the customer's email address or phone number.", { field: "customer" });
      const [row] = await orm
        .insert(customers)
        .values({ ...fields, phoneE164, tenantId })
        .onConflictDoUpdate({ target: [customers.tenantId, customers.phoneE164], targetWhere: sql`${customers.phoneE164} is not null`, set: fillIn })
        .returning({ id: customers.id });
      return row!.id;
    },

    /** Throws SLOT_TAKEN when the overlap trigger refuses it, IDEMPOTENCY_KEY_REUSED when its key is taken. */
    async insertAppointment(values: NewAppointment): Promise<Appointment> {
      const [row] = await guarded(insertAppointmentRow(orm, { ...values, tenantId }));
      return row!;
    },

    /** Changes one appointment if it is (still) in one of `from`; undefined if it was not. Throws SLOT_TAKEN when the overlap trigger refuses it. */
    async updateAppointment(id: string, from: readonly AppointmentStatus[], patch: AppointmentPatch): Promise<Appointment | undefined> {
      const [row] = await guarded(
        orm
          .update(appointments)
          .set({ ...patch, updatedAt: sql`(unixepoch('subsec') * 1000)` })
          .where(and(own, eq(appointments.id, id), inArray(appointments.status, [...from])))
          .returning(),
      );
      return row;
    },

    async recordEvent(event: { appointmentId: string; at: number; actor: Actor; action: string; detail?: Record<string, unknown> }) {
      await insertEventRow(orm, { id: randomId("evt"), detail: {}, ...event, tenantId });
    },
  };
}

/** Holds past their expiry give their time back, every tenant's: before writes that could meet them. */
export async function expireLapsedHolds(writer: Writer, now: number): Promise<void> {
  await lapsedHoldsQuery(ormOf(writer)).run({ now });
}

/** Requests nobody approved in time, across tenants: for the task that lets them lapse. */
export function lapsedPendingAppointments(db: Reader, now: number): Promise<{ id: string; tenantId: string }[]> {
  return ormOf(db)
    .select({ id: appointments.id, tenantId: appointments.tenantId })
    .from(appointments)
    .where(and(sql`${appointments.status} in ('held', 'pending')`, sql`${appointments.status} = 'pending'`, lte(appointments.expiresAt, now)));
}

/** The tenant an appointment belongs to: for signed links, which name an appointment but no tenant. */
export async function findTenantOfAppointment(db: Reader, appointmentId: string): Promise<typeof tenants.$inferSelect | undefined> {
  const [row] = await ormOf(db)
    .select({ tenant: tenants })
    .from(appointments)
    .innerJoin(tenants, eq(tenants.id, appointments.tenantId))
    .where(eq(appointments.id, appointmentId));
  return row?.tenant;
}
