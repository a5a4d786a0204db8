/**
 * The fake Retell's state: one workspace per API key, holding LLMs, agents (each a list of versions), phone numbers
 * and calls, and the rules Retell applies to them (required fields, immutable published versions, weights that sum
 * to 1). Plain JSON objects in Retell's own field names, so what the HTTP layer returns is what is stored.
 */
import { randomBytes } from "node:crypto";

export type Json = Record<string, unknown>;

/** An error answer: the status and `{ status: "error", message }`, as Retell's API answers. */
export class FakeRetellError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const fakeVoices: readonly Json[] = [
  { voice_id: "retell-Cimo", voice_name: "Cimo", provider: "elevenlabs", gender: "female", accent: "American", age: "Young" },
  { voice_id: "11labs-Adrian", voice_name: "Adrian", provider: "elevenlabs", gender: "male", accent: "American", age: "Middle Aged" },
  { voice_id: "openai-Alloy", voice_name: "Alloy", provider: "openai", gender: "female", accent: "American", age: "Young" },
  { voice_id: "cartesia-Brooke", voice_name: "Brooke", provider: "cartesia", gender: "female", accent: "British", age: "Middle Aged" },
  { voice_id: "deepgram-Orion", voice_name: "Orion", provider: "deepgram", gender: "male", accent: "Australian", age: "Old" },
  { voice_id: "11labs-Lucia", voice_name: "Lucía", provider: "elevenlabs", gender: "female", accent: "Spanish (Mexico)", age: "Young" },
];

export interface FakeWorkspace {
  key: string;
  /** Versions of each LLM, oldest first. */
  llms: Map<string, Json[]>;
  /** Versions of each agent, oldest first. */
  agents: Map<string, Json[]>;
  numbers: Map<string, Json>;
  calls: Map<string, Json>;
  concurrencyLimit: number;
}

export function newWorkspace(key: string): FakeWorkspace {
  return { key, llms: new Map(), agents: new Map(), numbers: new Map(), calls: new Map(), concurrencyLimit: 20 };
}

export function fakeId(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

// ---- Validation helpers -------------------------------------------------------------------------------------------

export function bad(message: string): never {
  throw new FakeRetellError(400, message);
}
export function unprocessable(message: string): never {
  throw new FakeRetellError(422, message);
}
export function notFound(message: string): never {
  throw new FakeRetellError(404, message);
}

export function requireString(body: Json, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value === "") bad(`${field} is required and must be a string.`);
  return value;
}

const E164 = /^\+[1-9]\d{6,14}$/;
export function requireE164(value: unknown, field: string): string {
  if (typeof value !== "string" || !E164.test(value)) bad(`${field} must be a phone number in E.164 format.`);
  return value;
}

function optionalInt(value: unknown, field: string, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) bad(`${field} must be an integer from ${min} to ${max}.`);
}

// ---- Pagination ---------------------------------------------------------------------------------------------------

export interface PageQuery {
  limit?: unknown;
  pagination_key?: unknown;
  sort_order?: unknown;
}

/** `{ items, has_more, pagination_key? }`: the key is opaque (the last item's id, base64url). Newest first by default. */
export function page(items: Json[], idOf: (item: Json) => string, query: PageQuery): { items: Json[]; has_more: boolean; pagination_key?: string } {
  const limit = query.limit === undefined || query.limit === "" ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) bad("limit must be an integer from 1 to 1000.");
  const order = query.sort_order ?? "descending";
  if (order !== "ascending" && order !== "descending") bad("sort_order must be ascending or descending.");
  const sorted = order === "descending" ? [...items].reverse() : items;
  let start = 0;
  if (typeof query.pagination_key === "string" && query.pagination_key !== "") {
    const after = Buffer.from(query.pagination_key, "base64url").toString("utf8");
    const index = sorted.findIndex((item) => idOf(item) === after);
    if (index < 0) bad("pagination_key is not one this list gave.");
    start = index + 1;
  }
  const slice = sorted.slice(start, start + limit);
  const hasMore = start + limit < sorted.length;
  return { items: slice, has_more: hasMore, ...(hasMore ? { pagination_key: Buffer.from(idOf(slice.at(-1)!), "utf8").toString("base64url") } : {}) };
}

// ---- LLMs ---------------------------------------------------------------------------------------------------------

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function validateTools(tools: unknown): Json[] {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) bad("general_tools must be an array.");
  const names = new Set<string>();
  for (const [index, tool] of (tools as Json[]).entries()) {
    const at = `general_tools[${index}]`;
    if (typeof tool !== "object" || tool === null) bad(`${at} must be an object.`);
    if (typeof tool.type !== "string") bad(`${at}.type is required.`);
    if (typeof tool.name !== "string" || !TOOL_NAME.test(tool.name)) bad(`${at}.name must match ^[a-zA-Z0-9_-]{1,64}$.`);
    if (names.has(tool.name)) bad(`${at}.name ${tool.name} is used twice.`);
    names.add(tool.name);
    if (tool.type === "custom") {
      if (typeof tool.url !== "string" || !/^https?:\/\/[^/]/.test(tool.url)) bad(`${at}.url must be an absolute http(s) URL.`);
      optionalInt(tool.timeout_ms, `${at}.timeout_ms`, 1000, 600_000);
      optionalInt(tool.max_retry, `${at}.max_retry`, 0, 5);
    }
    if (tool.type === "transfer_call" && (typeof tool.transfer_destination !== "object" || tool.transfer_destination === null)) bad(`${at}.transfer_destination is required.`);
  }
  return tools as Json[];
}

export function llmVersion(ws: FakeWorkspace, id: string, version: unknown): Json {
  const versions = ws.llms.get(id) ?? notFound(`Retell LLM ${id} not found.`);
  if (version === undefined || version === null || version === "") return versions.at(-1)!;
  return versions.find((v) => v.version === Number(version)) ?? notFound(`Retell LLM ${id} has no version ${String(version)}.`);
}

// ---- Agents -------------------------------------------------------------------------------------------------------

export function agentVersion(ws: FakeWorkspace, id: string, version: unknown): Json {
  const versions = ws.agents.get(id) ?? notFound(`Agent ${id} not found.`);
  if (version === undefined || version === null || version === "") return versions.at(-1)!;
  return versions.find((v) => v.version === Number(version)) ?? notFound(`Agent ${id} has no version ${String(version)}.`);
}

/** The agent fields a create or an update may set, checked against this workspace (voice and LLM must exist). */
export function validateAgentFields(ws: FakeWorkspace, body: Json, creating: boolean): Json {
  const fields: Json = { ...body };
  delete fields.version;
  if (creating || body.response_engine !== undefined) {
    const engine = body.response_engine as Json | undefined;
    if (typeof engine !== "object" || engine === null) bad("response_engine is required.");
    if (engine.type !== "retell-llm") unprocessable(`response_engine.type ${String(engine.type)} is not supported by this fake.`);
    if (typeof engine.llm_id !== "string") bad("response_engine.llm_id is required.");
    if (!ws.llms.has(engine.llm_id)) unprocessable(`response_engine.llm_id ${engine.llm_id} does not exist.`);
    llmVersion(ws, engine.llm_id, engine.version);
  }
  if (creating || body.voice_id !== undefined) {
    const voiceId = requireString(body, "voice_id");
    if (!fakeVoices.some((v) => v.voice_id === voiceId)) unprocessable(`voice_id ${voiceId} does not exist.`);
  }
  if (body.webhook_url !== undefined && body.webhook_url !== null && (typeof body.webhook_url !== "string" || !/^https?:\/\//.test(body.webhook_url))) bad("webhook_url must be an http(s) URL.");
  if (body.webhook_events !== undefined && body.webhook_events !== null) {
    const known = ["call_started", "call_ended", "call_analyzed", "transcript_updated", "transfer_started", "transfer_bridged", "transfer_cancelled", "transfer_ended"];
    if (!Array.isArray(body.webhook_events) || body.webhook_events.some((e) => !known.includes(e as string))) bad("webhook_events holds an unknown event.");
  }
  optionalInt(body.max_call_duration_ms, "max_call_duration_ms", 60_000, 7_200_000);
  optionalInt(body.webhook_timeout_ms, "webhook_timeout_ms", 1000, 30_000);
  return fields;
}

/** Whether a number sends its inbound or outbound calls to this agent. */
export function agentIsBound(ws: FakeWorkspace, agentId: string): boolean {
  return [...ws.numbers.values()].some((n) => [...((n.inbound_agents as Json[] | null) ?? []), ...((n.outbound_agents as Json[] | null) ?? [])].some((a) => a.agent_id === agentId));
}

// ---- Phone numbers ------------------------------------------------------------------------------------------------

/** `inbound_agents` / `outbound_agents`: each agent (and version) must exist here, and the weights must sum to 1. */
export function validateAgentWeights(ws: FakeWorkspace, value: unknown, field: string): Json[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) bad(`${field} must be an array.`);
  const agents = value as Json[];
  for (const [index, entry] of agents.entries()) {
    if (typeof entry?.agent_id !== "string") bad(`${field}[${index}].agent_id is required.`);
    if (typeof entry.weight !== "number" || entry.weight <= 0 || entry.weight > 1) bad(`${field}[${index}].weight must be a number above 0, at most 1.`);
    agentVersion(ws, entry.agent_id, entry.agent_version);
  }
  const sum = agents.reduce((total, entry) => total + (entry.weight as number), 0);
  if (agents.length > 0 && Math.abs(sum - 1) > 1e-9) unprocessable(`${field} weights must sum to 1 (they sum to ${sum}).`);
  return agents;
}

export function numberOf(ws: FakeWorkspace, phoneNumber: string): Json {
  return ws.numbers.get(phoneNumber) ?? notFound(`Phone number ${phoneNumber} not found.`);
}

/** The first free fictional number `+1{area}5550{100–199}` across every workspace (a number has one owner). */
export function pickNumber(taken: (e164: string) => boolean, areaCode: number): string | undefined {
  for (let line = 100; line < 200; line++) {
    const e164 = `+1${areaCode}5550${line}`;
    if (!taken(e164)) return e164;
  }
  return undefined;
}

export function prettyNumber(e164: string): string {
  const d = e164.slice(2);
  return e164.startsWith("+1") && d.length === 10 ? `+1 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : e164;
}

// ---- Calls --------------------------------------------------------------------------------------------------------

/** What `list-calls` leaves out of each call: transcripts are only in `get-call`. */
export function callSummary(call: Json): Json {
  const { transcript: _t, transcript_object: _o, transcript_with_tool_calls: _w, scrubbed_transcript_with_tool_calls: _s, ...summary } = call;
  return summary;
}

/** Retell's `filter_criteria` for `list-calls`, the subset we use: agent (and versions), status, direction, start range. */
export function callMatches(call: Json, filter: Json | undefined): boolean {
  if (!filter) return true;
  const agents = filter.agent as { agent_id: string; version?: number[] }[] | undefined;
  if (agents && !agents.some((a) => a.agent_id === call.agent_id && (!a.version || a.version.includes(call.agent_version as number)))) return false;
  const inEnum = (criterion: unknown, value: unknown) => {
    const values = (criterion as { value?: unknown[] } | undefined)?.value;
    return !values || values.includes(value);
  };
  if (!inEnum(filter.call_status, call.call_status) || !inEnum(filter.direction, call.direction)) return false;
  const start = filter.start_timestamp as { op?: string; value?: unknown } | undefined;
  if (start) {
    const at = call.start_timestamp as number | undefined;
    if (at === undefined) return false;
    if (start.op === "bt" && Array.isArray(start.value)) return at >= Number(start.value[0]) && at <= Number(start.value[1]);
    const v = Number(start.value);
    const ops: Record<string, boolean> = { eq: at === v, ne: at !== v, gt: at > v, ge: at >= v, lt: at < v, le: at <= v };
    if (start.op && start.op in ops) return ops[start.op]!;
    bad("filter_criteria.start_timestamp has an unknown op.");
  }
  return true;
}
