import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  callDirections,
  callerMessageStatuses,
  callIntents,
  callOutcomes,
  callStatuses,
  messageReasons,
  messageUrgencies,
  recordingStatuses,
  toolInvocationStatuses,
  type TranscriptTurn,
} from "@frontdesk/core";
import { agents, agentVersions } from "./agents";
import { customers } from "./appointments";
import { staff } from "./catalog";
import { voiceConnections } from "./connections";
import { phoneNumbers } from "./phone";
import { tenants } from "./tenants";

/**
 * One call, however many times and in whatever order its events arrived: a projection of its stored
 * `provider_events`, recomputed from them, so replays leave the same row.
 */
export const calls = sqliteTable(
  "calls",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    provider: text("provider").notNull().default("retell"),
    providerCallId: text("provider_call_id").notNull(),
    agentId: text("agent_id").references(() => agents.id),
    agentVersionId: text("agent_version_id").references(() => agentVersions.id),
    phoneNumberId: text("phone_number_id").references(() => phoneNumbers.id),
    connectionId: text("connection_id").references(() => voiceConnections.id),
    direction: text("direction", { enum: callDirections }).notNull(),
    fromE164: text("from_e164").notNull(),
    toE164: text("to_e164").notNull(),
    /** Matched by the caller's number. */
    customerId: text("customer_id").references(() => customers.id),
    status: text("status", { enum: callStatuses }).notNull(),
    /** Which events arrived: 1 started, 2 ended, 4 analysed. */
    seen: integer("seen").notNull().default(0),
    /** The provider's start time, else when we first heard of the call: the call log lists only calls that have one. */
    startedAt: integer("started_at"),
    endedAt: integer("ended_at"),
    durationMs: integer("duration_ms"),
    disconnectionReason: text("disconnection_reason"),
    summary: text("summary"),
    sentiment: text("sentiment"),
    intent: text("intent", { enum: callIntents }),
    intentConfidence: real("intent_confidence"),
    outcome: text("outcome", { enum: callOutcomes }),
    escalated: integer("escalated", { mode: "boolean" }).notNull().default(false),
    escalationReason: text("escalation_reason"),
    satisfaction: integer("satisfaction"),
    talkAgentMs: integer("talk_agent_ms"),
    talkCallerMs: integer("talk_caller_ms"),
    costCents: integer("cost_cents"),
    latencyP50Ms: integer("latency_p50_ms"),
    /** Key of the downloaded recording in the `recordings` storage: provider URLs expire. */
    recordingKey: text("recording_key"),
    recordingStatus: text("recording_status", { enum: recordingStatuses }).notNull().default("none"),
    providerRecordingUrl: text("provider_recording_url"),
    simulated: integer("simulated", { mode: "boolean" }).notNull().default(false),
    scenarioId: text("scenario_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("calls_provider_call").on(t.provider, t.providerCallId),
    // The call log, newest first, paged by (started_at, id).
    index("calls_log").on(t.tenantId, t.startedAt, t.id),
    // Each filter of the log in the log's own order, to the id: a filter that matches nothing or little reads only
    // its own calls. Without the id SQLite prefers the log's index to skip a sort and reads the whole log through it
    // (an agent with no calls, 1,000,000 calls in the log: 4.6 s).
    index("calls_agent").on(t.tenantId, t.agentId, t.startedAt, t.id),
    index("calls_outcome").on(t.tenantId, t.outcome, t.startedAt, t.id),
    index("calls_intent").on(t.tenantId, t.intent, t.startedAt, t.id),
    index("calls_number").on(t.tenantId, t.phoneNumberId, t.startedAt, t.id),
    index("calls_live").on(t.tenantId, t.status).where(sql`${t.status} in ('registered', 'ongoing')`),
    check("calls_satisfaction", sql`${t.satisfaction} is null or ${t.satisfaction} between 1 and 5`),
  ],
);

/**
 * A call's transcript: its turns with word timings, and the flattened text the full-text index
 * (`call_transcripts_fts`, FTS5, in a migration of its own) reads through the explicit rowid `seq`.
 */
export const callTranscripts = sqliteTable("call_transcripts", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  callId: text("call_id").notNull().unique().references(() => calls.id, { onDelete: "cascade" }),
  tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
  tenantToken: text("tenant_token").notNull(),
  turns: text("turns", { mode: "json" }).$type<TranscriptTurn[]>().notNull(),
  /** "Agent: …\nCaller: …", what search reads. */
  text: text("text").notNull(),
  updatedAt: integer("updated_at").notNull(),
}, (t) => [index("call_transcripts_tenant").on(t.tenantId, t.callId)]);

/**
 * Each tool call the agent made, and the exact answer it got: the provider retries, and a retry with the same
 * arguments gets this same answer and changes nothing again.
 */
export const toolInvocations = sqliteTable(
  "tool_invocations",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    providerCallId: text("provider_call_id").notNull(),
    /** Linked once the call's record exists. */
    callId: text("call_id").references(() => calls.id, { onDelete: "set null" }),
    agentId: text("agent_id").notNull().references(() => agents.id),
    tool: text("tool").notNull(),
    /** sha256 of the arguments as canonical JSON. */
    argsHash: text("args_hash").notNull(),
    args: text("args", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: toolInvocationStatuses }).notNull().default("running"),
    /** The exact body returned, byte for byte, for replays. */
    answer: text("answer"),
    outcomeCode: text("outcome_code"),
    appointmentId: text("appointment_id"),
    approvalId: text("approval_id"),
    messageId: text("message_id"),
    attempts: integer("attempts").notNull().default(1),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    latencyMs: integer("latency_ms"),
    providerToolCallId: text("provider_tool_call_id"),
    /** Where it happened: how many things were said before it, from the provider's transcript once the call has ended. */
    afterTurns: integer("after_turns"),
  },
  (t) => [
    uniqueIndex("tool_invocations_once").on(t.tenantId, t.providerCallId, t.tool, t.argsHash),
    index("tool_invocations_call").on(t.tenantId, t.callId, t.startedAt),
  ],
);

/**
 * Every webhook a provider sent, raw, as received: deduplicated on (provider, subject, event) and kept for replay.
 * The tenant is unknown until the event is resolved (an unknown agent's event is kept with none).
 */
export const providerEvents = sqliteTable(
  "provider_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    kind: text("kind", { enum: ["call_inbound", "call_started", "call_ended", "call_analyzed", "sms_status"] }).notNull(),
    /** The call id, or Twilio's MessageSid. */
    subjectId: text("subject_id").notNull(),
    /** The event kind, or `sms_status:<MessageStatus>`. */
    dedupeKey: text("dedupe_key").notNull(),
    receivedAt: integer("received_at").notNull(),
    /** The body, byte for byte: what the signature was over. */
    body: text("body").notNull(),
    duplicates: integer("duplicates").notNull().default(0),
    processedAt: integer("processed_at"),
    error: text("error"),
  },
  (t) => [
    uniqueIndex("provider_events_once").on(t.provider, t.subjectId, t.dedupeKey),
    index("provider_events_subject").on(t.tenantId, t.subjectId),
    // Starts with the provider and runs in the projection's order: without table statistics SQLite otherwise reads the
    // provider's every event through provider_events_once to find the few unprojected ones.
    index("provider_events_unprocessed").on(t.provider, t.receivedAt, t.id).where(sql`${t.processedAt} is null`),
  ],
);

/** A message the agent took for the business, and the callback it asks for: staff call back by `callbackDueAt`. */
export const callerMessages = sqliteTable(
  "caller_messages",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    callId: text("call_id").references(() => calls.id, { onDelete: "set null" }),
    providerCallId: text("provider_call_id"),
    name: text("name").notNull(),
    phoneE164: text("phone_e164"),
    message: text("message").notNull(),
    urgency: text("urgency", { enum: messageUrgencies }).notNull().default("normal"),
    reason: text("reason", { enum: messageReasons }).notNull(),
    status: text("status", { enum: callerMessageStatuses }).notNull().default("open"),
    callbackDueAt: integer("callback_due_at"),
    assignedStaffId: text("assigned_staff_id").references(() => staff.id),
    createdAt: integer("created_at").notNull(),
    doneAt: integer("done_at"),
  },
  (t) => [index("caller_messages_tenant").on(t.tenantId, t.status, t.createdAt)],
);
