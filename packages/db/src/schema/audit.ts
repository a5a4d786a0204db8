import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { auditActorKinds, auditOutcomes } from "@frontdesk/core";
import { tenants } from "./tenants";

/**
 * Who did what to a business's data, and who was refused: one row per change or denied attempt (reads are not
 * recorded, exports are). Rows hold ids, never secrets or a customer's details, so erasing a customer leaves them.
 */
export const auditEntries = sqliteTable(
  "audit_entries",
  {
    id: text("id").primaryKey(),
    /** Null for what belongs to no business it can be pinned on, e.g. an unknown secret key. */
    tenantId: text("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: auditActorKinds }).notNull(),
    /** A user id, a key's prefix, a session or appointment id: never a secret. */
    actorId: text("actor_id"),
    /** Dotted, e.g. `appointment.cancelled`, `config.service_saved`, `key.created`. */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: text("outcome", { enum: auditOutcomes }).notNull(),
    errorCode: text("error_code"),
    /** A keyed hash of the caller's network (IPv4 address, IPv6 /64): tells one caller's entries apart without storing where they are. */
    ipHash: text("ip_hash"),
    userAgent: text("user_agent"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_entries_tenant_at").on(t.tenantId, t.at, t.id),
    check("audit_entries_outcome", sql`${t.outcome} in ('ok', 'denied', 'failed')`),
  ],
);
