import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { actors, appointmentStatuses, bookingChannels } from "@frontdesk/core";
import { services, staff } from "./catalog";
import { tenants } from "./tenants";

export const customers = sqliteTable(
  "customers",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Lower case. Null only for a customer known by phone alone (booked on the phone line). */
    email: text("email"),
    /** As the customer wrote it. */
    phone: text("phone"),
    /** The same number in E.164, when it could be read: how the phone line knows a caller. */
    phoneE164: text("phone_e164"),
    timeZone: text("time_zone"),
    locale: text("locale"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    /** When the customer's personal data was erased: the row stays (appointments point at it), anonymised. */
    erasedAt: integer("erased_at"),
  },
  (t) => [
    uniqueIndex("customers_tenant_email").on(t.tenantId, t.email).where(sql`${t.email} is not null`),
    uniqueIndex("customers_tenant_phone").on(t.tenantId, t.phoneE164).where(sql`${t.phoneE164} is not null`),
    check("customers_reachable", sql`${t.email} is not null or ${t.phoneE164} is not null or ${t.erasedAt} is not null`),
  ],
);

/**
 * `held` keeps a slot for a few minutes while a customer fills in the form; `pending` awaits staff approval.
 * Held, pending and confirmed appointments keep their time; the rest do not.
 */
export const activeStatuses = ["held", "pending", "confirmed"] as const;

export const appointments = sqliteTable(
  "appointments",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    serviceId: text("service_id").notNull().references(() => services.id),
    staffId: text("staff_id").notNull().references(() => staff.id),
    /** Empty only for a hold (and a hold that lapsed). */
    customerId: text("customer_id").references(() => customers.id),
    locationId: text("location_id"),
    status: text("status", { enum: appointmentStatuses }).notNull(),
    /** The appointment itself, UTC epoch ms. */
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    /** The time it keeps the staff member busy: the appointment plus the service's buffers. */
    blockedStart: integer("blocked_start").notNull(),
    blockedEnd: integer("blocked_end").notNull(),
    channel: text("channel", { enum: bookingChannels }).notNull().default("web"),
    /** When a hold or an unapproved booking lapses. */
    expiresAt: integer("expires_at"),
    /** Whether the customer chose the staff member or the assignment policy did. */
    assignedBy: text("assigned_by", { enum: ["customer", "policy"] }).notNull().default("customer"),
    statusReason: text("status_reason"),
    staffNotes: text("staff_notes").notNull().default(""),
    /** Bumped on every reschedule, so calendar files update the event rather than add one. */
    sequence: integer("sequence").notNull().default(0),
    notes: text("notes").notNull().default(""),
    customerTimeZone: text("customer_time_zone"),
    idempotencyKey: text("idempotency_key"),
    /** For a hold: a keyed hash of the address that asked for it, so one address cannot hold a whole calendar. */
    holdClient: text("hold_client"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    index("appointments_staff_time").on(t.tenantId, t.staffId, t.blockedStart),
    index("appointments_tenant_start").on(t.tenantId, t.startAt),
    uniqueIndex("appointments_idempotency").on(t.tenantId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    index("appointments_expiring").on(t.status, t.expiresAt).where(sql`${t.status} in ('held', 'pending')`),
    index("appointments_customer").on(t.tenantId, t.customerId, t.startAt),
    check(
      "appointments_status",
      sql`${t.status} in ('held', 'pending', 'confirmed', 'cancelled', 'rejected', 'expired', 'completed', 'no_show')`,
    ),
    check("appointments_customer_unless_held", sql`${t.customerId} is not null or ${t.status} in ('held', 'expired')`),
    check("appointments_range", sql`${t.startAt} < ${t.endAt} and ${t.blockedStart} <= ${t.startAt} and ${t.endAt} <= ${t.blockedEnd}`),
  ],
);

/** What happened to an appointment, by whom: the history staff and customers see. */
export const appointmentEvents = sqliteTable(
  "appointment_events",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    appointmentId: text("appointment_id").notNull().references(() => appointments.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    actor: text("actor", { enum: actors }).notNull(),
    action: text("action").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("appointment_events_appointment").on(t.tenantId, t.appointmentId, t.at)],
);
