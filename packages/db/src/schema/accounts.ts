import { relations, sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accountMessageKinds, memberRoles } from "@frontdesk/core";
import { staff } from "./catalog";
import { tenants } from "./tenants";

export const invitationStatuses = ["pending", "accepted", "revoked"] as const;

// People and how they sign in. users…passkeys are the accounts library's tables (better-auth: its schema check names
// any column that drifts, at start); members and invitations are ours and tenant-scoped like every business's row.

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`)
    .$onUpdate(() => new Date());

/** A person who signs in: business staff and platform operators alike. */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  /** Avatar URL. */
  image: text("image"),
  /** BCP 47 tag the person reads the back office and their mail in. */
  locale: text("locale"),
  timeZone: text("time_zone"),
  twoFactorEnabled: integer("two_factor_enabled", { mode: "boolean" }).default(false),
  /** Set by a platform operator: the person cannot sign in, and their sessions end. */
  suspendedAt: integer("suspended_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A signed-in browser; the cookie holds `token`. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    token: text("token").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** A sign-in method of a user: `credential` holds the password hash (argon2id). */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("accounts_user").on(t.userId)],
);

/** One-time values: password-reset tokens, passkey challenges. */
export const verifications = sqliteTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verifications_identifier").on(t.identifier)],
);

/** A person's place in a business: `owner`, `admin` or `staff`; a staff member may be linked to their bookable staff record. */
export const members = sqliteTable(
  "members",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: memberRoles }).notNull(),
    staffId: text("staff_id").references(() => staff.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("members_tenant_user").on(t.tenantId, t.userId), index("members_user").on(t.userId)],
);

/** An e-mailed invitation to join a business; the link carries a token of which only the hash is kept. */
export const invitations = sqliteTable(
  "invitations",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    role: text("role", { enum: memberRoles }).notNull(),
    /** The staff record the invitee will be linked to. */
    staffId: text("staff_id").references(() => staff.id, { onDelete: "set null" }),
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: invitationStatuses }).notNull().default("pending"),
    expiresAt: integer("expires_at").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("invitations_tenant").on(t.tenantId, t.createdAt),
    uniqueIndex("invitations_token").on(t.tokenHash),
    // One open invitation per address and business: inviting again replaces it.
    uniqueIndex("invitations_pending_email").on(t.tenantId, t.email).where(sql`${t.status} = 'pending'`),
  ],
);

/** TOTP secret and backup codes, both encrypted by the library with a key derived from the server's secret. */
export const twoFactors = sqliteTable(
  "two_factors",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    verified: integer("verified", { mode: "boolean" }).default(true),
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
  },
  (t) => [index("two_factors_user").on(t.userId), index("two_factors_secret").on(t.secret)],
);

export const passkeys = sqliteTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    credentialID: text("credential_id").notNull(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull(),
    transports: text("transports"),
    aaguid: text("aaguid"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("passkeys_user").on(t.userId), index("passkeys_credential").on(t.credentialID)],
);

/**
 * Mail about a person's account rather than an appointment (verify, reset, invitation): durable before it is sent,
 * delivered by a job like customer messages; without SMTP (sandbox) the rows are the outbox.
 */
export const accountMessages = sqliteTable(
  "account_messages",
  {
    id: text("id").primaryKey(),
    /** The business it is about (an invitation); null for the person's own account. */
    tenantId: text("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: accountMessageKinds }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    status: text("status", { enum: ["queued", "sent", "failed"] }).notNull().default("queued"),
    transport: text("transport"),
    lastError: text("last_error"),
    sentAt: integer("sent_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("account_messages_recipient").on(t.recipient, t.createdAt), index("account_messages_tenant").on(t.tenantId, t.createdAt)],
);

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  accounts: many(accounts),
  twoFactors: many(twoFactors),
  passkeys: many(passkeys),
}));
export const sessionsRelations = relations(sessions, ({ one }) => ({ user: one(users, { fields: [sessions.userId], references: [users.id] }) }));
export const accountsRelations = relations(accounts, ({ one }) => ({ user: one(users, { fields: [accounts.userId], references: [users.id] }) }));
export const twoFactorsRelations = relations(twoFactors, ({ one }) => ({ user: one(users, { fields: [twoFactors.userId], references: [users.id] }) }));
export const passkeysRelations = relations(passkeys, ({ one }) => ({ user: one(users, { fields: [passkeys.userId], references: [users.id] }) }));
