import { z } from "zod";
import { singleLineText } from "../text";
import { idSchema } from "./common";
import { approvalOutput } from "./approvals";
import { e164Schema } from "./numbers";
import { agentStatuses, callDirections, callIntents, callOutcomes, callStatuses, recordingStatuses, toolInvocationStatuses } from "../vocabulary";

/** The call log: one record per call however its events arrived, with its transcript, tool invocations and approvals. */

export const callListInput = z.object({
  /** Local dates in the business's zone, inclusive. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  agentId: idSchema.optional(),
  numberId: idSchema.optional(),
  outcome: z.enum(callOutcomes).optional(),
  intent: z.enum(callIntents).optional(),
  direction: z.enum(callDirections).optional(),
  /** Words every transcript found holds (full-text; accents do not matter); results come newest transcript first. */
  search: singleLineText().max(200).optional(),
  /** The `next` of the page before. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type CallListInput = z.infer<typeof callListInput>;

export const callSummaryOutput = z.object({
  id: z.string(),
  direction: z.enum(callDirections),
  from: z.string(),
  to: z.string(),
  status: z.enum(callStatuses),
  agentId: z.string().nullable(),
  numberId: z.string().nullable(),
  customerId: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  summary: z.string().nullable(),
  intent: z.enum(callIntents).nullable(),
  outcome: z.enum(callOutcomes).nullable(),
  simulated: z.boolean(),
  /** For a search: the matching words in context. */
  snippet: z.string().optional(),
});
export type CallSummary = z.infer<typeof callSummaryOutput>;
export const callPageOutput = z.object({ items: z.array(callSummaryOutput), next: z.string().nullable() });

export const transcriptTurnSchema = z.object({
  role: z.enum(["agent", "user", "transfer_target"]),
  text: z.string(),
  startSec: z.number(),
  endSec: z.number(),
  words: z.array(z.object({ w: z.string(), s: z.number(), e: z.number() })),
});
export type TranscriptTurn = z.infer<typeof transcriptTurnSchema>;

export const toolInvocationOutput = z.object({
  id: z.string(),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  status: z.enum(toolInvocationStatuses),
  outcomeCode: z.string().nullable(),
  /** What the agent was told, as sent. */
  answer: z.string().nullable(),
  latencyMs: z.number().int().nullable(),
  startedAt: z.string(),
  /** How many turns of the transcript come before it: its place in the conversation, once the provider's transcript says. */
  afterTurns: z.number().int().min(0).nullable(),
  appointmentId: z.string().nullable(),
  approvalId: z.string().nullable(),
});

export const callDetailOutput = callSummaryOutput.extend({
  endedAt: z.string().nullable(),
  disconnectionReason: z.string().nullable(),
  sentiment: z.string().nullable(),
  intentConfidence: z.number().nullable(),
  escalated: z.boolean(),
  escalationReason: z.string().nullable(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  talkAgentMs: z.number().int().nullable(),
  talkCallerMs: z.number().int().nullable(),
  costCents: z.number().int().nullable(),
  latencyP50Ms: z.number().int().nullable(),
  recordingStatus: z.enum(recordingStatuses),
  /** Our own URL for the stored recording; null until it is stored. */
  recordingUrl: z.string().nullable(),
  turns: z.array(transcriptTurnSchema),
  toolInvocations: z.array(toolInvocationOutput),
  approvals: z.array(approvalOutput),
});
export type CallDetail = z.infer<typeof callDetailOutput>;

export const callIdInput = z.object({ callId: idSchema });

/** An outbound call from an agent: a reminder or a follow-up. */
export const placeCallInput = z.object({
  agentId: idSchema,
  numberId: idSchema.optional(),
  to: e164Schema,
  purpose: z.enum(["reminder", "follow_up"]),
  appointmentId: idSchema.optional(),
});

export const simulateCallInput = z.object({
  scenarioId: z.string().trim().regex(/^[a-z0-9-]{1,64}$/, "Use a scenario id such as book-cleaning-next-tuesday."),
  callerNumber: e164Schema.optional(),
  numberId: idSchema.optional(),
});

export const simulateCallOutput = z.object({
  callId: z.string(),
  passed: z.boolean(),
  skipped: z.string().optional(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), expected: z.unknown(), actual: z.unknown() })),
});

/** The call log's filters, for a CSV export: up to 5,000 calls at a time, `cursor` continuing where the last stopped. */
export const callExportInput = callListInput.omit({ limit: true });

export const callExportOutput = z.object({
  format: z.literal("csv"),
  /** A header line, then one call a line, newest first. */
  content: z.string(),
  count: z.number().int(),
  /** Set when the filter held more calls than one export may: export again with this `cursor` for the rest. */
  next: z.string().nullable(),
});

/** An outbound call is placed by a job: its request id, while it waits to be placed. */
export const placeCallOutput = z.object({ requestId: z.string(), status: z.literal("queued") });

/** What the live view shows: calls in progress, and each agent's status with how many calls it is on. */
export const callLiveOutput = z.object({
  calls: z.array(callSummaryOutput),
  agents: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(agentStatuses), onCall: z.number().int() })),
});
