import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { appointments } from "./appointments";
import { staff } from "./catalog";
import { tenants } from "./tenants";

export const calendarProviderNames = ["google", "microsoft"] as const;
export const calendarConnectionStatuses = ["connected", "broken"] as const;

/**
 * A staff member's own account at Google or Microsoft, connected through OAuth. The tokens are sealed (see
 * `server/app/calendar-sync/token-seal.ts`); the server opens them only to call the provider. `broken` means the
 * provider no longer honours the grant (`invalid_grant`): nothing is read or written until the staff member reconnects.
 */
export const calendarConnections = sqliteTable(
  "calendar_connections",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: calendarProviderNames }).notNull(),
    /** Google's `sub`, Graph's user id: the same account connected again updates this row. */
    providerAccountId: text("provider_account_id").notNull(),
    email: text("email").notNull(),
    accountName: text("account_name"),
    accessTokenSealed: text("access_token_sealed").notNull(),
    refreshTokenSealed: text("refresh_token_sealed"),
    /** Epoch ms: the access token is refreshed some minutes before. */
    accessExpiresAt: integer("access_expires_at").notNull(),
    /** The scopes granted, separated by spaces. */
    scopes: text("scopes").notNull().default(""),
    status: text("status", { enum: calendarConnectionStatuses }).notNull().default("connected"),
    /** Why it broke, as a person can read it; null while connected. */
    brokenReason: text("broken_reason"),
    brokenAt: integer("broken_at"),
    /** The person whose session connected it (null for a signed connect link). */
    connectedBy: text("connected_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("calendar_connections_account").on(t.tenantId, t.staffId, t.provider, t.providerAccountId),
    index("calendar_connections_staff").on(t.tenantId, t.staffId),
  ],
);

/**
 * One calendar of a connection, as Frontdesk uses it: whether its events count as busy, whether appointments are
 * written there (one destination per staff member), the incremental read's cursor and the push channel.
 */
export const connectedCalendars = sqliteTable(
  "connected_calendars",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    connectionId: text("connection_id").notNull().references(() => calendarConnections.id, { onDelete: "cascade" }),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    providerCalendarId: text("provider_calendar_id").notNull(),
    name: text("name").notNull(),
    timeZone: text("time_zone"),
    primary: integer("primary", { mode: "boolean" }).notNull().default(false),
    canWrite: integer("can_write", { mode: "boolean" }).notNull().default(false),
    countsBusy: integer("counts_busy", { mode: "boolean" }).notNull().default(false),
    isDestination: integer("is_destination", { mode: "boolean" }).notNull().default(false),
    /** Google's sync token or Graph's delta link; null: the next read is a full one. */
    syncCursor: text("sync_cursor"),
    /** The window the last full read covered (epoch ms); a read in full again follows as it slides. */
    windowFrom: integer("window_from"),
    windowTo: integer("window_to"),
    /** The last read that succeeded, full or incremental: how fresh the busy blocks are. */
    syncedAt: integer("synced_at"),
    fullSyncedAt: integer("full_synced_at"),
    /** The last read's error while it keeps failing; null once one succeeds. */
    syncError: text("sync_error"),
    /** Raised by every push and by each read as it starts: a sync job's key carries it, so a push during a read queues another. */
    syncEpoch: integer("sync_epoch").notNull().default(0),
    /** The push channel: Google's channel id (ours) and resource id, or Graph's subscription id. */
    channelId: text("channel_id"),
    channelResourceId: text("channel_resource_id"),
    /** SHA-256 (hex) of the secret the provider sends back with each push (Google's channel token, Graph's clientState). */
    channelSecretHash: text("channel_secret_hash"),
    channelExpiresAt: integer("channel_expires_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("connected_calendars_provider_id").on(t.connectionId, t.providerCalendarId),
    uniqueIndex("connected_calendars_channel").on(t.channelId),
    // One calendar per staff member receives the appointments.
    uniqueIndex("connected_calendars_destination").on(t.tenantId, t.staffId).where(sql`${t.isDestination} = 1`),
    index("connected_calendars_staff").on(t.tenantId, t.staffId),
    index("connected_calendars_channel_expiry").on(t.channelExpiresAt),
    check("connected_calendars_destination_writable", sql`${t.isDestination} = 0 or ${t.canWrite} = 1`),
  ],
);

/** The longest a busy block runs: a longer event is stored in pieces, so that the busy query has a lower bound to start from. */
export const busyBlockPieceMs = 86_400_000;

/**
 * Busy time from a staff member's own calendars, one row per event (or per day-long piece of a longer one): what the
 * availability engine subtracts beside appointments and time off. Free events and Frontdesk's own are not stored.
 * Kept per event so that a read can replace what changed; availability reads `calendar_busy_days` instead.
 */
export const calendarBusyBlocks = sqliteTable(
  "calendar_busy_blocks",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    calendarId: text("calendar_id").notNull().references(() => connectedCalendars.id, { onDelete: "cascade" }),
    staffId: text("staff_id").notNull(),
    /** The provider's id of the event or instance. */
    eventId: text("event_id").notNull(),
    piece: integer("piece").notNull().default(0),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    allDay: integer("all_day", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.calendarId, t.eventId, t.piece] }),
    index("calendar_busy_blocks_staff").on(t.tenantId, t.staffId, t.startAt),
    check("calendar_busy_blocks_piece", sql`${t.endAt} > ${t.startAt} and ${t.endAt} - ${t.startAt} <= 86400000`),
  ],
);

/**
 * A staff member's calendar busy time, one row per UTC day (`day` = ms / 86,400,000): the blocks of all their busy
 * calendars that overlap the day, cut to it and merged, as a JSON array `[start, end, start, end, …]` in ms. Written
 * in the same transaction as the blocks, so that availability reads a row a day instead of a row an event.
 */
export const calendarBusyDays = sqliteTable(
  "calendar_busy_days",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    day: integer("day").notNull(),
    spans: text("spans").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.staffId, t.day] })],
);

/**
 * The event an appointment was written as, in the calendar it went to: one per appointment and calendar, so a retry
 * updates it. (The adapters' writes are idempotent by appointment id as well, so a crash before this row is written
 * still leaves one event.)
 */
export const calendarEventLinks = sqliteTable(
  "calendar_event_links",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    appointmentId: text("appointment_id").notNull().references(() => appointments.id, { onDelete: "cascade" }),
    calendarId: text("calendar_id").notNull().references(() => connectedCalendars.id, { onDelete: "cascade" }),
    providerEventId: text("provider_event_id").notNull(),
    /** What the event last showed: the appointment's `sequence`, status and start, so a stale job changes nothing. */
    writtenSequence: integer("written_sequence").notNull(),
    writtenStatus: text("written_status").notNull(),
    /** Set when the event was deleted (the appointment was cancelled, or moved to someone else's calendar). */
    deletedAt: integer("deleted_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.appointmentId, t.calendarId] }), index("calendar_event_links_calendar").on(t.calendarId)],
);

/** A connection on its way: the OAuth `state` and PKCE verifier, kept until the callback or for 10 minutes. */
export const calendarConnectAttempts = sqliteTable("calendar_connect_attempts", {
  state: text("state").primaryKey(),
  tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
  staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
  provider: text("provider", { enum: calendarProviderNames }).notNull(),
  /** Sealed like the tokens. */
  codeVerifierSealed: text("code_verifier_sealed").notNull(),
  connectedBy: text("connected_by"),
  /** Where the browser goes after the callback: a path on this server or a trusted origin. */
  returnTo: text("return_to").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** A secret ICS feed of one staff member's appointments, for any calendar app; the URL holds the token, the row its hash. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    staffId: text("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    lastReadAt: integer("last_read_at"),
  },
  (t) => [uniqueIndex("calendar_feeds_token").on(t.tokenHash), index("calendar_feeds_staff").on(t.tenantId, t.staffId)],
);
