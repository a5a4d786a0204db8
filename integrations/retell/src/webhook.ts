/**
 * Retell's webhooks, pure: the `x-retell-signature` scheme (call events, the inbound-call webhook and custom tool
 * calls all use it) and parsers from Retell's bodies to the provider-neutral shapes of `@frontdesk/core`. No SDK:
 * the server verifies with this, and tests and the simulator sign with it. Parsers let unknown fields through and
 * require only what we use, so a field Retell adds or leaves out does not break a call.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { FrontdeskError, type ProviderCall, type ProviderCallEvent, type ProviderCallTurn, type ProviderToolCall } from "@frontdesk/core";

export const retellSignatureHeader = "x-retell-signature";
/** How far a signature's time may be from ours, either way: Retell's own rule. */
export const retellSignatureToleranceMs = 5 * 60_000;

const SIGNATURE = /^v=(\d{1,16}),d=([0-9a-f]{64})$/i;

/** `v=<unix ms>,d=<hex HMAC-SHA256 of the raw body followed by the time, keyed with the API key>`, as Retell signs. */
export function signRetellBody(rawBody: string, key: string, at: number): string {
  return `v=${at},d=${digest(rawBody, key, at)}`;
}

export type RetellSignatureCheck = { ok: true; signedAt: number } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

/**
 * Whether `header` signs these exact bytes with `key`, at a time within five minutes of `now` (the wall clock: the
 * transport's freshness, not the business clock). Verify the body as received, never a re-serialised copy.
 */
export function verifyRetellSignature(rawBody: string, header: string | null | undefined, key: string, options: { now: number }): RetellSignatureCheck {
  if (!header) return { ok: false, reason: "missing" };
  const match = SIGNATURE.exec(header.trim());
  if (!match) return { ok: false, reason: "malformed" };
  const signedAt = Number(match[1]);
  if (!Number.isSafeInteger(signedAt)) return { ok: false, reason: "malformed" };
  // The digest is compared even for a stale signature, so both refusals take the same time.
  const expected = Buffer.from(digest(rawBody, key, signedAt), "hex");
  const matches = timingSafeEqual(Buffer.from(match[2]!.toLowerCase(), "hex"), expected);
  if (Math.abs(options.now - signedAt) > retellSignatureToleranceMs) return { ok: false, reason: "stale" };
  return matches ? { ok: true, signedAt } : { ok: false, reason: "mismatch" };
}

function digest(rawBody: string, key: string, at: number): string {
  return createHmac("sha256", key).update(`${rawBody}${at}`, "utf8").digest("hex");
}

// ---- Bodies -------------------------------------------------------------------------------------------------------

const word = z.object({ word: z.string(), start: z.number(), end: z.number() }).loose();
const utterance = z.object({ role: z.string(), content: z.string().default(""), words: z.array(word).optional() }).loose();
const transcriptEntry = z
  .object({
    role: z.string(),
    content: z.string().optional(),
    words: z.array(word).optional(),
    tool_call_id: z.string().optional(),
    name: z.string().optional(),
    arguments: z.string().optional(),
    successful: z.boolean().optional(),
  })
  .loose();
const stringRecord = z.record(z.string(), z.unknown()).transform((record) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)])));

const retellCall = z
  .object({
    call_id: z.string().min(1),
    agent_id: z.string().default(""),
    agent_version: z.number().int().optional(),
    call_status: z.enum(["registered", "not_connected", "ongoing", "ended", "error"]).catch("error"),
    direction: z.enum(["inbound", "outbound"]).optional(),
    from_number: z.string().optional(),
    to_number: z.string().optional(),
    start_timestamp: z.number().optional(),
    end_timestamp: z.number().optional(),
    duration_ms: z.number().optional(),
    disconnection_reason: z.string().optional(),
    transcript_object: z.array(utterance).optional(),
    transcript_with_tool_calls: z.array(transcriptEntry).optional(),
    call_analysis: z
      .object({
        call_summary: z.string().optional(),
        user_sentiment: z.string().optional(),
        call_successful: z.boolean().optional(),
        in_voicemail: z.boolean().optional(),
        custom_analysis_data: z.record(z.string(), z.unknown()).optional(),
      })
      .loose()
      .optional(),
    call_cost: z.object({ combined_cost: z.number().optional() }).loose().optional(),
    latency: z.object({ e2e: z.object({ p50: z.number().optional() }).loose().optional() }).loose().optional(),
    recording_url: z.string().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    retell_llm_dynamic_variables: stringRecord.optional(),
    transfer_destination: z.string().optional(),
  })
  .loose();
type RetellCall = z.infer<typeof retellCall>;

const callEventBody = z.object({ event: z.string(), call: retellCall }).loose();
const inboundBody = z
  .object({
    event: z.literal("call_inbound"),
    call_inbound: z
      .object({ from_number: z.string(), to_number: z.string(), agent_id: z.string().optional(), agent_version: z.number().int().optional(), call_id: z.string().optional() })
      .loose(),
  })
  .loose();
const toolCallBody = z
  .object({
    name: z.string().min(1),
    call: retellCall,
    args: z.record(z.string(), z.unknown()).default({}),
  })
  .loose();

/** A call event we record, or one we do not (transcript updates, transfer events), by its name. */
export type ParsedRetellEvent = ProviderCallEvent | { kind: "unhandled"; event: string; providerCallId: string };

export function parseCallEvent(rawBody: string): ParsedRetellEvent {
  const body = parse(callEventBody, rawBody);
  const kind = body.event;
  if (kind === "call_started" || kind === "call_ended" || kind === "call_analyzed") return { kind, call: toProviderCall(body.call) };
  return { kind: "unhandled", event: kind, providerCallId: body.call.call_id };
}

export interface InboundCall {
  from: string;
  to: string;
  /** Retell may leave these out; never rely on them. */
  providerCallId?: string;
  providerAgentId?: string;
  agentVersion?: number;
}

export function parseInbound(rawBody: string): InboundCall {
  const { call_inbound: call } = parse(inboundBody, rawBody);
  return {
    from: call.from_number,
    to: call.to_number,
    ...(call.call_id ? { providerCallId: call.call_id } : {}),
    ...(call.agent_id ? { providerAgentId: call.agent_id } : {}),
    ...(call.agent_version !== undefined ? { agentVersion: call.agent_version } : {}),
  };
}

/** What the inbound webhook answers: the agent (and version) to take the call, and the call's dynamic variables. */
export function inboundAnswer(answer: { providerAgentId?: string; version?: number; variables: Record<string, string>; metadata?: Record<string, string> }): string {
  return JSON.stringify({
    call_inbound: {
      ...(answer.providerAgentId ? { override_agent_id: answer.providerAgentId } : {}),
      ...(answer.version !== undefined ? { override_agent_version: answer.version } : {}),
      dynamic_variables: answer.variables,
      ...(answer.metadata ? { metadata: answer.metadata } : {}),
    },
  });
}

export interface ToolCall {
  name: string;
  providerCallId: string;
  providerAgentId: string;
  agentVersion: number | undefined;
  from: string;
  to: string;
  direction: "inbound" | "outbound";
  /** As the language model filled them in: validate with the tool's own schema. */
  args: Record<string, unknown>;
  variables: Record<string, string>;
}

export function parseToolCall(rawBody: string): ToolCall {
  const body = parse(toolCallBody, rawBody);
  return {
    name: body.name,
    providerCallId: body.call.call_id,
    providerAgentId: body.call.agent_id,
    agentVersion: body.call.agent_version,
    from: body.call.from_number ?? "",
    to: body.call.to_number ?? "",
    direction: body.call.direction ?? "inbound",
    args: body.args,
    variables: body.call.retell_llm_dynamic_variables ?? {},
  };
}

/** A call object as `call.retrieve` answers it, checked and read into the provider-neutral snapshot. */
export function parseRetellCall(value: unknown): ProviderCall {
  const result = retellCall.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new FrontdeskError("VALIDATION_FAILED", `Not a Retell call we know: ${issue.message}`, { field: issue.path.join(".") || undefined });
  }
  return toProviderCall(result.data);
}

/** Retell's call object (from an event, a tool call or `call.retrieve`) as the provider-neutral snapshot. */
export function toProviderCall(call: RetellCall): ProviderCall {
  const analysis = call.call_analysis;
  return {
    providerCallId: call.call_id,
    providerAgentId: call.agent_id,
    agentVersion: call.agent_version ?? 0,
    direction: call.direction ?? "inbound",
    from: call.from_number ?? "",
    to: call.to_number ?? "",
    status: call.call_status,
    ...defined({
      startedAt: call.start_timestamp,
      endedAt: call.end_timestamp,
      durationMs: call.duration_ms,
      disconnectionReason: call.disconnection_reason,
      turns: call.transcript_object?.map(toTurn),
      toolCalls: call.transcript_with_tool_calls ? toolCallsOf(call.transcript_with_tool_calls) : undefined,
      analysis: analysis
        ? defined({
            summary: analysis.call_summary,
            sentiment: analysis.user_sentiment,
            successful: analysis.call_successful,
            inVoicemail: analysis.in_voicemail,
            custom: analysis.custom_analysis_data,
          })
        : undefined,
      costCents: call.call_cost?.combined_cost,
      latencyP50Ms: call.latency?.e2e?.p50,
      recordingUrl: call.recording_url,
      metadata: call.metadata,
      variables: call.retell_llm_dynamic_variables,
      transferDestination: call.transfer_destination,
    }),
  };
}

function toTurn(entry: z.infer<typeof utterance>): ProviderCallTurn {
  const words = (entry.words ?? []).map((w) => ({ w: w.word, s: w.start, e: w.end }));
  const role = entry.role === "agent" || entry.role === "transfer_target" ? entry.role : "user";
  return { role, text: entry.content, startSec: words[0]?.s ?? 0, endSec: words.at(-1)?.e ?? 0, words };
}

/** The entries of `transcript_with_tool_calls` that are `transcript_object`'s utterances (node transitions, digits and texts are not). */
const utteranceRoles = new Set(["agent", "user", "transfer_target"]);

/** Each invocation in its place among the utterances, with its result when the transcript holds one (paired by `tool_call_id`). */
function toolCallsOf(entries: z.infer<typeof transcriptEntry>[]): ProviderToolCall[] {
  const results = new Map(entries.filter((e) => e.role === "tool_call_result" && e.tool_call_id).map((e) => [e.tool_call_id!, e]));
  const calls: ProviderToolCall[] = [];
  let turns = 0;
  for (const e of entries) {
    if (utteranceRoles.has(e.role)) turns += 1;
    else if (e.role === "tool_call_invocation" && e.tool_call_id && e.name) {
      const result = results.get(e.tool_call_id);
      calls.push({ toolCallId: e.tool_call_id, name: e.name, arguments: e.arguments ?? "{}", afterTurns: turns, ...defined({ result: result?.content, successful: result?.successful }) });
    }
  }
  return calls;
}

function parse<T extends z.ZodType>(schema: T, rawBody: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (cause) {
    throw new FrontdeskError("INVALID_JSON", "The body is not JSON.", { cause });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new FrontdeskError("VALIDATION_FAILED", `Not a Retell body we know: ${issue.message}`, { field: issue.path.join(".") || undefined });
  }
  return result.data;
}

/** The object without its undefined fields: the snapshot says only what the provider told. */
function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
