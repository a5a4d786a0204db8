import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { staff } from "./catalog";
import { locations, tenants } from "./tenants";

/** Regular weekly hours; several rows per weekday make breaks. Minutes after local midnight. */
export const workingHours = sqliteTable(
  "working_hours",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    locationId: text("location_id").references(() => locations.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMin: integer("start_min").notNull(),
    endMin: integer("end_min").notNull(),
  },
  (t) => [
    index("working_hours_staff").on(t.tenantId, t.staffId),
    check("working_hours_weekday", sql`${t.weekday} between 0 and 6`),
    check("working_hours_range", sql`${t.startMin} >= 0 and ${t.endMin} <= 1440 and ${t.startMin} < ${t.endMin}`),
  ],
);

/** Hours that replace the weekly ones on one date. A row without a range marks the day off. */
export const dateOverrides = sqliteTable(
  "date_overrides",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    date: text("date").notNull(),
    startMin: integer("start_min"),
    endMin: integer("end_min"),
  },
  (t) => [
    index("date_overrides_staff_date").on(t.tenantId, t.staffId, t.date),
    check(
      "date_overrides_range",
      sql`(${t.startMin} is null and ${t.endMin} is null) or (${t.startMin} >= 0 and ${t.endMin} <= 1440 and ${t.startMin} < ${t.endMin})`,
    ),
  ],
);

/** Absences as UTC instants (epoch ms), e.g. a conference or sick leave. */
export const timeOff = sqliteTable(
  "time_off",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    reason: text("reason").notNull().default(""),
  },
  (t) => [
    index("time_off_staff").on(t.tenantId, t.staffId, t.startAt),
    check("time_off_range", sql`${t.startAt} < ${t.endAt}`),
  ],
);

/** The business's opening hours; staff hours outside them are not bookable. No rows: no limit. */
export const businessHours = sqliteTable(
  "business_hours",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    locationId: text("location_id").references(() => locations.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMin: integer("start_min").notNull(),
    endMin: integer("end_min").notNull(),
  },
  (t) => [
    index("business_hours_tenant").on(t.tenantId, t.weekday),
    check("business_hours_weekday", sql`${t.weekday} between 0 and 6`),
    check("business_hours_range", sql`${t.startMin} >= 0 and ${t.endMin} <= 1440 and ${t.startMin} < ${t.endMin}`),
  ],
);
