import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ApiScope } from "@frontdesk/core";

export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull(),
  /** Sandbox tenants talk to fake providers; the UI labels their data as such. */
  sandbox: integer("sandbox", { mode: "boolean" }).notNull().default(false),
  minNoticeMin: integer("min_notice_min").notNull().default(60),
  horizonDays: integer("horizon_days").notNull().default(60),
  slotIntervalMin: integer("slot_interval_min").notNull().default(15),
  /** Minutes after the start of each working range at which the slot grid begins. */
  startOffsetMin: integer("start_offset_min").notNull().default(0),
  /** Who gets an "any staff" booking: `least_busy` that day, or `round_robin` (longest since last assigned). */
  assignmentPolicy: text("assignment_policy", { enum: ["least_busy", "round_robin"] }).notNull().default("least_busy"),
  holdMinutes: integer("hold_minutes").notNull().default(5),
  /** Web and phone bookings can each be made `pending` until staff approve them. */
  webRequiresApproval: integer("web_requires_approval", { mode: "boolean" }).notNull().default(false),
  phoneRequiresApproval: integer("phone_requires_approval", { mode: "boolean" }).notNull().default(true),
  pendingExpiryHours: integer("pending_expiry_hours").notNull().default(24),
  /** Customers may not cancel or reschedule within this many hours of the start. */
  cancellationNoticeHours: integer("cancellation_notice_hours").notNull().default(24),
  reminderHours: integer("reminder_hours").notNull().default(24),
  /** The business's page holding `<fd-booking-manage>`; without it, manage links go to the server's own page. */
  manageUrl: text("manage_url"),
  replyToEmail: text("reply_to_email"),
  /**
   * What the events written to staff calendars (and their ICS feeds) tell about the customer: `name` (their name),
   * `full` (name, e-mail, phone and the booking's notes) or `none` (the service only).
   */
  calendarEventDetails: text("calendar_event_details", { enum: ["name", "full", "none"] }).notNull().default("name"),
  /** Set by a platform operator: the business's keys answer 403 and its widgets say it is unavailable. */
  suspendedAt: integer("suspended_at"),
  /**
   * Moves on every change to the business's set-up (this row, services, staff, hours, overrides, holidays,
   * locations), by triggers in the database: a booking compares it with the snapshot it holds instead of reading the
   * set-up again inside its write.
   */
  setupVersion: integer("setup_version").notNull().default(0),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
});

/** Secret keys (`sk_…`) authorise a business's own server, each within its scopes; only a hash is stored. */
export const secretKeys = sqliteTable(
  "secret_keys",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    hash: text("hash").notNull(),
    /** The first characters, to tell keys apart in a list. */
    prefix: text("prefix").notNull(),
    /** What the key is for, as its owner named it. */
    name: text("name").notNull().default(""),
    /** What the key may do; null (keys made before scopes existed, the demo's) means every scope there is. */
    scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>(),
    /** Recorded at most once a minute per key and process: a hint of use, not an audit trail. */
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [uniqueIndex("secret_keys_hash").on(t.hash), index("secret_keys_tenant").on(t.tenantId)],
);

/** A branch or room set; staff hours and business hours may be tied to one. */
export const locations = sqliteTable(
  "locations",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("locations_tenant").on(t.tenantId, t.position)],
);

/** Server-wide values the server creates for itself, such as the key that signs manage links. */
export const serverSettings = sqliteTable("server_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
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

/** A date the business is closed, or (with a range) open only at special hours; several rows make several ranges. */
export const holidays = sqliteTable(
  "holidays",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    date: text("date").notNull(),
    name: text("name").notNull(),
    startMin: integer("start_min"),
    endMin: integer("end_min"),
  },
  (t) => [
    index("holidays_tenant_date").on(t.tenantId, t.date),
    check(
      "holidays_range",
      sql`(${t.startMin} is null and ${t.endMin} is null) or (${t.startMin} >= 0 and ${t.endMin} <= 1440 and ${t.startMin} < ${t.endMin})`,
    ),
  ],
);
