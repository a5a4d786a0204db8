import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { phoneCarriers, phoneNumberStatuses, phoneNumberTypes, portingStatuses } from "@frontdesk/core";
import { agents, agentVersions } from "./agents";
import { voiceConnections } from "./connections";
import { tenants } from "./tenants";

/** A business's phone number: bought through Twilio (wired to Retell over a SIP trunk) or through Retell, or ported in. */
export const phoneNumbers = sqliteTable(
  "phone_numbers",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    e164: text("e164").notNull(),
    country: text("country").notNull(),
    type: text("type", { enum: phoneNumberTypes }).notNull(),
    nickname: text("nickname").notNull().default(""),
    carrier: text("carrier", { enum: phoneCarriers }).notNull(),
    connectionId: text("connection_id").references(() => voiceConnections.id),
    /** Twilio's `PN…` sid, for a number bought there. */
    twilioSid: text("twilio_sid"),
    /** Whether Retell knows the number yet (imported over the trunk, or bought there). */
    retellImported: integer("retell_imported", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: phoneNumberStatuses }).notNull().default("inactive"),
    agentId: text("agent_id").references(() => agents.id),
    afterHoursAgentId: text("after_hours_agent_id").references(() => agents.id),
    /** The published version calls are answered with. */
    pinnedVersionId: text("pinned_version_id").references(() => agentVersions.id),
    capabilities: text("capabilities", { mode: "json" }).$type<{ voice: boolean; sms: boolean; mms: boolean }>().notNull(),
    boughtAt: integer("bought_at"),
    releasedAt: integer("released_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    // One live owner per number, across businesses: a released number may be bought again, by anyone.
    uniqueIndex("phone_numbers_e164").on(t.e164).where(sql`${t.status} <> 'released'`),
    index("phone_numbers_tenant").on(t.tenantId, t.status, t.createdAt),
    check("phone_numbers_e164_shape", sql`${t.e164} glob '+[1-9]*' and length(${t.e164}) between 8 and 16`),
    check("phone_numbers_bound_only_if_usable", sql`${t.agentId} is null or ${t.status} in ('active', 'inactive')`),
  ],
);

/** Every status a number went through, and who moved it. */
export const phoneNumberEvents = sqliteTable(
  "phone_number_events",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    numberId: text("number_id").notNull().references(() => phoneNumbers.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    status: text("status", { enum: phoneNumberStatuses }).notNull(),
    actor: text("actor", { enum: ["staff", "operator", "system"] }).notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [index("phone_number_events_number").on(t.tenantId, t.numberId, t.at)],
);

/** Moving a business's existing number to us: a tracked request with its Letter of Authorization, never a fake success. */
export const portingRequests = sqliteTable(
  "porting_requests",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    e164: text("e164").notNull(),
    currentCarrier: text("current_carrier").notNull(),
    accountNumberSealed: text("account_number_sealed").notNull(),
    pinSealed: text("pin_sealed"),
    /** Key of the signed Letter of Authorization in the `documents` storage. */
    loaDocumentKey: text("loa_document_key"),
    status: text("status", { enum: portingStatuses }).notNull().default("draft"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("porting_requests_tenant").on(t.tenantId, t.status, t.createdAt)],
);

export const portingRequestEvents = sqliteTable(
  "porting_request_events",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    requestId: text("request_id").notNull().references(() => portingRequests.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    status: text("status", { enum: portingStatuses }).notNull(),
    note: text("note").notNull().default(""),
    actor: text("actor", { enum: ["staff", "operator", "system"] }).notNull(),
  },
  (t) => [index("porting_request_events_request").on(t.tenantId, t.requestId, t.at)],
);
