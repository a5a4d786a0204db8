import { callIntents, callOutcomes, type CallIntent, type CallOutcome, type CallStatus, type ProviderCall, type TranscriptTurn } from "@frontdesk/core";
import { parseCallEvent } from "@frontdesk/retell/webhook";

/** The call events a record is made from, in the order their fields win: a later kind's field replaces an earlier one's. */
export const callEventKinds = ["call_started", "call_ended", "call_analyzed"] as const;
export type CallEventKind = (typeof callEventKinds)[number];

/** Which events a record has seen: the `seen` bits. */
export const seenBit: Record<CallEventKind, number> = { call_started: 1, call_ended: 2, call_analyzed: 4 };

/** How far along a status is: a record never moves back (an `ongoing` replayed after `ended` changes nothing). */
const progress: Record<CallStatus, number> = { registered: 0, ongoing: 1, not_connected: 2, error: 2, ended: 2 };

export interface StoredCallEvent {
  kind: string;
  body: string;
  receivedAt: number;
}

/**
 * Event bodies parsed as they arrived, by their bytes: the projection, a moment later, reads the same bodies from the
 * database and need not parse them again (parsing is about a tenth of an event's cost), nor when the call's later
 * events project it again. The oldest go first; what is not here is parsed again. The parsed events are shared: nothing may change them.
 */
const maxParsedKept = 2_000;
const parsedBodies = new Map<string, ReturnType<typeof parseCallEvent>>();

/** Parses an event body (`FrontdeskError` if it is not one), and keeps the answer for its projection. */
export function parseArrivedEvent(body: string): ReturnType<typeof parseCallEvent> {
  const parsed = parseCallEvent(body);
  if (parsed.kind === "unhandled") return parsed;
  if (parsedBodies.size >= maxParsedKept) parsedBodies.delete(parsedBodies.keys().next().value!);
  parsedBodies.set(body, parsed);
  return parsed;
}

function parsedEvent(body: string): ReturnType<typeof parseCallEvent> {
  return parsedBodies.get(body) ?? parseCallEvent(body);
}

/** What a call's stored events say about it, whatever order and however often they came. */
export interface ProjectedCall {
  call: ProviderCall;
  status: CallStatus;
  seen: number;
  /** When we first and last heard of it: the record's own times, so a replay writes the same row. */
  firstReceivedAt: number;
  lastReceivedAt: number;
  turns: TranscriptTurn[];
  text: string;
  talkAgentMs: number | null;
  talkCallerMs: number | null;
  analysis: {
    intent: CallIntent | null;
    intentConfidence: number | null;
    outcome: CallOutcome | null;
    escalated: boolean;
    escalationReason: string | null;
    satisfaction: number | null;
  };
}

/**
 * Merges the call's events: fields of `call_analyzed` ≻ `call_ended` ≻ `call_started` (a field an event leaves out keeps the
 * earlier one's), the most advanced status of any. Undefined when none of them is a call event we record.
 */
export function projectCall(events: readonly StoredCallEvent[]): ProjectedCall | undefined {
  const ranked = events
    .filter((event): event is StoredCallEvent & { kind: CallEventKind } => (callEventKinds as readonly string[]).includes(event.kind))
    .sort((a, b) => callEventKinds.indexOf(a.kind) - callEventKinds.indexOf(b.kind));
  if (ranked.length === 0) return undefined;
  let call: ProviderCall | undefined;
  let status: CallStatus = "registered";
  let seen = 0;
  for (const event of ranked) {
    const parsed = parsedEvent(event.body);
    if (parsed.kind === "unhandled") continue;
    call = call ? merge(call, parsed.call) : parsed.call;
    if (progress[parsed.call.status] >= progress[status]) status = parsed.call.status;
    seen |= seenBit[event.kind];
  }
  if (!call) return undefined;
  const turns = call.turns ?? [];
  const times = events.map((event) => event.receivedAt);
  return {
    call,
    status,
    seen,
    firstReceivedAt: Math.min(...times),
    lastReceivedAt: Math.max(...times),
    turns,
    text: transcriptText(turns),
    ...talkTime(turns),
    analysis: analysisOf(call.analysis?.custom),
  };
}

function merge(earlier: ProviderCall, later: ProviderCall): ProviderCall {
  const given = Object.fromEntries(Object.entries(later).filter(([, value]) => value !== undefined && value !== ""));
  return {
    ...earlier,
    ...given,
    // Retell sends an empty transcript before the call has one: never replace words with none.
    ...(later.turns && later.turns.length === 0 && earlier.turns?.length ? { turns: earlier.turns } : {}),
    ...(earlier.analysis || later.analysis ? { analysis: { ...earlier.analysis, ...later.analysis } } : {}),
  } as ProviderCall;
}

const speaker: Record<TranscriptTurn["role"], string> = { agent: "Agent", user: "Caller", transfer_target: "Transfer" };

/** "Agent: …\nCaller: …": what the full-text index reads. */
export function transcriptText(turns: readonly TranscriptTurn[]): string {
  return turns.map((turn) => `${speaker[turn.role]}: ${turn.text}`).join("\n");
}

/** How long each side spoke, from the word timings (seconds of audio); null without any timed word. */
function talkTime(turns: readonly TranscriptTurn[]): { talkAgentMs: number | null; talkCallerMs: number | null } {
  let agent = 0;
  let caller = 0;
  let timed = false;
  for (const turn of turns) {
    const spoken = turn.words.reduce((sum, word) => sum + Math.max(0, word.e - word.s), 0);
    if (turn.words.length > 0) timed = true;
    if (turn.role === "agent") agent += spoken;
    else caller += spoken;
  }
  return timed ? { talkAgentMs: Math.round(agent * 1000), talkCallerMs: Math.round(caller * 1000) } : { talkAgentMs: null, talkCallerMs: null };
}

/** The agent's post-call analysis (`custom_analysis_data`), read defensively: a value outside the vocabulary is left out. */
function analysisOf(custom: Record<string, unknown> | undefined): ProjectedCall["analysis"] {
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
  const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : null);
  const intent = text(custom?.intent)?.toLowerCase() ?? null;
  const outcome = text(custom?.outcome)?.toLowerCase() ?? null;
  const confidence = number(custom?.intent_confidence);
  const satisfaction = number(custom?.satisfaction);
  const escalationReason = text(custom?.escalation_reason);
  const knownOutcome = outcome && (callOutcomes as readonly string[]).includes(outcome) ? (outcome as CallOutcome) : null;
  return {
    intent: intent ? ((callIntents as readonly string[]).includes(intent) ? (intent as CallIntent) : "other") : null,
    intentConfidence: confidence !== null && confidence >= 0 && confidence <= 1 ? confidence : null,
    outcome: knownOutcome,
    escalated: knownOutcome === "escalated" || escalationReason !== null,
    escalationReason,
    satisfaction: satisfaction !== null && satisfaction >= 1 && satisfaction <= 5 ? Math.round(satisfaction) : null,
  };
}
