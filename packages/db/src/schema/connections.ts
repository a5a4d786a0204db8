import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { connectionModes, connectionStatuses, voiceProviders } from "@frontdesk/core";
import { tenants } from "./tenants";

/**
 * A business's own account at a provider (Retell, Twilio). Secrets are sealed like webhook secrets: the server must
 * read them to call the provider. A business without one uses the server's platform connection, from its environment.
 */
export const voiceConnections = sqliteTable(
  "voice_connections",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    provider: text("provider", { enum: voiceProviders }).notNull(),
    /** `sandbox` speaks to the bundled fakes at `baseUrl`, `live` to the provider. */
    mode: text("mode", { enum: connectionModes }).notNull(),
    /** Twilio's Account SID (`AC…`); null for Retell. */
    accountRef: text("account_ref"),
    /** Retell's API key or Twilio's auth token, sealed. */
    secretSealed: text("secret_sealed").notNull(),
    /** Retell: the key with the webhook badge, sealed, when it is not the API key itself. */
    webhookSecretSealed: text("webhook_secret_sealed"),
    baseUrl: text("base_url"),
    /** Twilio: the elastic SIP trunk carrying the business's calls to Retell, once it exists. */
    trunkId: text("trunk_id"),
    trunkDomain: text("trunk_domain"),
    sipUsername: text("sip_username"),
    sipPasswordSealed: text("sip_password_sealed"),
    status: text("status", { enum: connectionStatuses }).notNull().default("unchecked"),
    lastCheckedAt: integer("last_checked_at"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    uniqueIndex("voice_connections_provider").on(t.tenantId, t.provider),
    check("voice_connections_base_url", sql`${t.baseUrl} is null or ${t.mode} = 'sandbox'`),
  ],
);
