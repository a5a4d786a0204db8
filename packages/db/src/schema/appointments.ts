import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { services, staff } from "./catalog";
import { tenants } from "./tenants";

export const customers = sqliteTable(
  "customers",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    timeZone: text("time_zone"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [uniqueIndex("customers_tenant_email").on(t.tenantId, t.email)],
);

export const appointmentStatuses = ["pending", "confirmed", "cancelled", "completed", "no_show"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const appointments = sqliteTable(
  "appointments",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    serviceId: text("service_id").notNull().references(() => services.id),
    staffId: text("staff_id").notNull().references(() => staff.id),
    customerId: text("customer_id").notNull().references(() => customers.id),
    status: text("status", { enum: appointmentStatuses }).notNull(),
    /** The appointment itself, UTC epoch ms. */
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    /** The time it keeps the staff member busy: the appointment plus the service's buffers. */
    blockedStart: integer("blocked_start").notNull(),
    blockedEnd: integer("blocked_end").notNull(),
    channel: text("channel").notNull().default("web"),
    notes: text("notes").notNull().default(""),
    customerTimeZone: text("customer_time_zone"),
    idempotencyKey: text("idempotency_key"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    index("appointments_staff_time").on(t.tenantId, t.staffId, t.blockedStart),
    index("appointments_tenant_start").on(t.tenantId, t.startAt),
    uniqueIndex("appointments_idempotency").on(t.tenantId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    // One of the two guards against double booking; the overlap trigger in the migrations is the other.
    uniqueIndex("appointments_staff_start_active")
      .on(t.tenantId, t.staffId, t.startAt)
      .where(sql`${t.status} in ('pending', 'confirmed')`),
    check("appointments_status", sql`${t.status} in ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')`),
    check("appointments_range", sql`${t.startAt} < ${t.endAt} and ${t.blockedStart} <= ${t.startAt} and ${t.endAt} <= ${t.blockedEnd}`),
  ],
);
