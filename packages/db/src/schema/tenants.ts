import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull(),
  /** Sandbox tenants talk to fake providers; the UI labels their data as such. */
  sandbox: integer("sandbox", { mode: "boolean" }).notNull().default(false),
  minNoticeMin: integer("min_notice_min").notNull().default(60),
  horizonDays: integer("horizon_days").notNull().default(60),
  slotIntervalMin: integer("slot_interval_min").notNull().default(15),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
});

export const publishableKeys = sqliteTable(
  "publishable_keys",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    key: text("key").primaryKey(),
    /** Origins allowed to use the key, e.g. `https://clinic.example`; `*` allows any. */
    allowedOrigins: text("allowed_origins", { mode: "json" }).$type<string[]>().notNull(),
    revokedAt: integer("revoked_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("publishable_keys_tenant").on(t.tenantId)],
);

export const holidays = sqliteTable(
  "holidays",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    date: text("date").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("holidays_tenant_date").on(t.tenantId, t.date)],
);
