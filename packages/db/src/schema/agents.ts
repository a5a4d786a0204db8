import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { agentStatuses, agentTypes, knowledgeKinds, type AgentConfig } from "@frontdesk/core";
import { voiceConnections } from "./connections";
import { tenants } from "./tenants";

/** A phone agent: its draft configuration, and the version of it published to the voice provider. */
export const agents = sqliteTable(
  "agents",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    type: text("type", { enum: agentTypes }).notNull(),
    status: text("status", { enum: agentStatuses }).notNull().default("inactive"),
    lastError: text("last_error"),
    /** What staff edit; published versions keep their own copy. */
    draftConfig: text("draft_config", { mode: "json" }).$type<AgentConfig>().notNull(),
    requireApproval: integer("require_approval", { mode: "boolean" }).notNull().default(true),
    /** Null: the server's platform connection. */
    connectionId: text("connection_id").references(() => voiceConnections.id),
    providerAgentId: text("provider_agent_id"),
    publishedVersionId: text("published_version_id").references((): AnySQLiteColumn => agentVersions.id),
    deletedAt: integer("deleted_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    index("agents_tenant").on(t.tenantId, t.status),
    // One agent of ours per agent at the provider's account.
    uniqueIndex("agents_provider_agent").on(t.connectionId, t.providerAgentId).where(sql`${t.providerAgentId} is not null`),
  ],
);

/** One published release: the configuration, the prompt and tools generated from it, and the provider's version. */
export const agentVersions = sqliteTable(
  "agent_versions",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    agentId: text("agent_id").notNull().references((): AnySQLiteColumn => agents.id, { onDelete: "cascade" }),
    /** 1, 2, … per agent. */
    number: integer("number").notNull(),
    config: text("config", { mode: "json" }).$type<AgentConfig>().notNull(),
    prompt: text("prompt").notNull(),
    /** The tool definitions as published. */
    tools: text("tools", { mode: "json" }).$type<unknown[]>().notNull(),
    promptHash: text("prompt_hash").notNull(),
    providerLlmId: text("provider_llm_id"),
    providerVersion: integer("provider_version"),
    publishedAt: integer("published_at").notNull(),
    /** The user who published it. */
    publishedBy: text("published_by"),
    note: text("note").notNull().default(""),
  },
  (t) => [
    uniqueIndex("agent_versions_number").on(t.tenantId, t.agentId, t.number),
    index("agent_versions_published").on(t.tenantId, t.agentId, t.publishedAt),
  ],
);

/**
 * The knowledge base: questions with their answers, and documents. `seq` is the rowid the full-text index
 * (`knowledge_fts`, FTS5, in a migration of its own) points at: an explicit one, which VACUUM never renumbers.
 */
export const knowledgeEntries = sqliteTable(
  "knowledge_entries",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    /** One token naming the tenant inside the full-text index, so a search is filtered there (`tenantToken`). */
    tenantToken: text("tenant_token").notNull(),
    kind: text("kind", { enum: knowledgeKinds }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("knowledge_entries_tenant").on(t.tenantId, t.kind, t.updatedAt)],
);
