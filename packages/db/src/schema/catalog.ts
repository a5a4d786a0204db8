import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants";

export const services = sqliteTable(
  "services",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** What callers may call it besides its name ("limpieza", "cleaning"): the phone agent matches and says them. */
    otherNames: text("other_names", { mode: "json" }).$type<string[]>().notNull().default([]),
    description: text("description").notNull().default(""),
    durationMin: integer("duration_min").notNull(),
    bufferBeforeMin: integer("buffer_before_min").notNull().default(0),
    bufferAfterMin: integer("buffer_after_min").notNull().default(0),
    priceCents: integer("price_cents"),
    currency: text("currency").notNull().default("USD"),
    /** Seats per session: above 1, several customers book the same start with the same staff member. */
    capacity: integer("capacity").notNull().default(1),
    requiresApproval: integer("requires_approval", { mode: "boolean" }).notNull().default(false),
    /** Per-service policy; null falls back to the business's. */
    minNoticeMin: integer("min_notice_min"),
    horizonDays: integer("horizon_days"),
    slotIntervalMin: integer("slot_interval_min"),
    maxPerDay: integer("max_per_day"),
    maxPerWeek: integer("max_per_week"),
    position: integer("position").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    index("services_tenant").on(t.tenantId, t.position),
    check("services_duration_positive", sql`${t.durationMin} > 0`),
    check("services_buffers_non_negative", sql`${t.bufferBeforeMin} >= 0 and ${t.bufferAfterMin} >= 0`),
    check("services_capacity_positive", sql`${t.capacity} >= 1`),
  ],
);

export const staff = sqliteTable(
  "staff",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    email: text("email"),
    maxPerDay: integer("max_per_day"),
    maxPerWeek: integer("max_per_week"),
    position: integer("position").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("staff_tenant").on(t.tenantId, t.position)],
);

/** Which staff member performs which service. */
export const staffServices = sqliteTable(
  "staff_services",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    serviceId: text("service_id").notNull().references(() => services.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.serviceId, t.staffId] })],
);
