import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { embedRoles, type ApiScope, type EmbedWidget } from "@frontdesk/core";
import { tenants } from "./tenants";

/** Sessions a SaaS vendor's server mints for its front end (`<fd-provider client-secret>`); only the secret's hash is stored. */
export const embedSessions = sqliteTable(
  "embed_sessions",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    /** SHA-256 of the client secret, which is 32 random bytes: nothing to brute-force. */
    secretHash: text("secret_hash").notNull(),
    widgets: text("widgets", { mode: "json" }).$type<EmbedWidget[]>().notNull(),
    role: text("role", { enum: embedRoles }).notNull(),
    /** With role `staff`: the staff member the person is. */
    staffId: text("staff_id"),
    /** What the role may do, as it was when the session was minted. */
    scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>().notNull(),
    /** The vendor's front-end origins; null: any. */
    origins: text("origins", { mode: "json" }).$type<string[]>(),
    /** The secret key that minted it. */
    createdByKeyId: text("created_by_key_id").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("embed_sessions_secret_hash").on(t.secretHash), index("embed_sessions_tenant_expiry").on(t.tenantId, t.expiresAt)],
);
