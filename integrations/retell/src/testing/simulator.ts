/**
 * The call simulator: it plays a scenario (JSON, `scenarioSchema`) as Retell would play a real call, using only what
 * was published to the fake: the number's inbound webhook, the agent version's LLM tools (their URLs, query
 * parameters, headers, timeouts and retries) and the agent's webhook. Every request is signed with the workspace's
 * API key, as Retell signs. The caller's lines and the agent's lines are scripted; the tool answers are real and feed
 * later turns through `{{…}}`.
 */
import { randomBytes } from "node:crypto";
import type { Scenario, ScenarioTurn } from "@frontdesk/core";
import { retellSignatureHeader, signRetellBody } from "../webhook";
import type { Json } from "./fake-workspace";
import { CallTranscript, callCost, callLatency } from "./transcript";

/** What the simulator needs of the fake: one workspace's numbers and published agents, and where calls are kept. */
export interface SimulatorHost {
  key: string;
  number(e164: string): Json | undefined;
  /** The agent version (latest published when `version` is left out) and its LLM version. */
  agent(agentId: string, version?: number): { agent: Json; llm: Json } | undefined;
  saveCall(call: Json): void;
  recordingUrl(callId: string): string;
}

/** Test-only misbehaviour, as Retell is seen to misbehave: events sent n times, out of order, a tool call retried. */
export interface Chaos {
  duplicate?: number;
  /** Call events in reverse: call_analyzed first, call_started last. */
  shuffle?: boolean;
  /** The first custom tool call is sent twice (a retry after a lost answer). */
  retryFirstToolCall?: boolean;
}

export interface SimulateOptions {
  /** The business's number: the one called (inbound) or calling (outbound). */
  number: string;
  /** The other party; the scenario's caller by default. */
  caller?: string;
  callId?: string;
  chaos?: Chaos;
  /** Epoch ms of the call's start, for `start_timestamp`; signatures always use the wall clock. */
  startAt?: number;
  /** Outbound calls: the agent and variables `create-phone-call` was given. */
  agent?: { agentId: string; version?: number };
  variables?: Record<string, string>;
  metadata?: Json;
}

export interface SimulationStep {
  kind: "inbound" | "tool" | "event";
  name: string;
  url: string;
  attempt: number;
  status: number | null;
  body: string;
  answer?: string;
  error?: string;
  ms: number;
}

export interface SimulationCheck {
  name: string;
  ok: boolean;
  expected: unknown;
  actual: unknown;
}

export interface SimulationResult {
  callId: string;
  status: "ended" | "not_connected" | "skipped" | "error";
  passed: boolean;
  reason?: string;
  routedTo?: "main" | "after_hours";
  checks: SimulationCheck[];
  steps: SimulationStep[];
  call: Json;
}

class SimulationError extends Error {}

export async function simulateCall(host: SimulatorHost, scenario: Scenario, options: SimulateOptions): Promise<SimulationResult> {
  const callId = options.callId ?? `call_${randomBytes(16).toString("hex")}`;
  const outbound = scenario.direction === "outbound";
  // A test-only scenario carries its own chaos; the caller's options win.
  const chaos = options.chaos ?? scenario.chaos;
  const other = options.caller ?? scenario.caller.number;
  const steps: SimulationStep[] = [];
  const checks: SimulationCheck[] = [];
  const send = (kind: SimulationStep["kind"], name: string, request: Outgoing) => deliver(host.key, kind, name, request, steps);
  const number = host.number(options.number);
  const base: Json = {
    call_id: callId,
    call_type: "phone_call",
    direction: outbound ? "outbound" : "inbound",
    from_number: outbound ? options.number : other,
    to_number: outbound ? other : options.number,
  };
  const result = (status: SimulationResult["status"], fields: Partial<SimulationResult>): SimulationResult => ({ callId, status, passed: false, checks, steps, call: base, ...fields });
  if (!number) return result("error", { reason: `${options.number} is not a number of this workspace.` });

  // Who answers: the inbound webhook's override, else the number's own agent.
  const bound = firstAgent(number[outbound ? "outbound_agents" : "inbound_agents"]);
  let chosen = options.agent ?? bound;
  let variables: Record<string, string> = { ...options.variables };
  let metadata: Json = { ...options.metadata };
  const inboundUrl = number.inbound_webhook_url;
  if (!outbound && typeof inboundUrl === "string" && inboundUrl) {
    const call_inbound = { ...(bound ? { agent_id: bound.agentId, agent_version: bound.version } : {}), from_number: other, to_number: options.number, call_id: callId };
    const answer = await send("inbound", "call_inbound", { url: inboundUrl, body: { event: "call_inbound", call_inbound }, timeoutMs: 10_000, retries: 3 });
    const parsed = answer.ok ? (jsonOf(answer.text)?.call_inbound as Json | undefined) : undefined;
    // Retell carries on with the number's own agent when the webhook fails; a simulated call says so.
    checks.push({ name: "inbound webhook answered", ok: parsed !== undefined, expected: "2xx with call_inbound", actual: answer.ok ? answer.text.slice(0, 200) : "no 2xx" });
    if (parsed?.override_agent_id) chosen = { agentId: String(parsed.override_agent_id), ...(typeof parsed.override_agent_version === "number" ? { version: parsed.override_agent_version } : {}) };
    if (parsed?.dynamic_variables) variables = { ...variables, ...stringsOf(parsed.dynamic_variables as Json) };
    if (parsed?.metadata) metadata = { ...metadata, ...(parsed.metadata as Json) };
  }
  const published = chosen && host.agent(chosen.agentId, chosen.version);
  if (!chosen || !published) {
    const call = { ...base, call_status: "not_connected", disconnection_reason: "error_no_agent", metadata };
    host.saveCall(call);
    return result("not_connected", { reason: chosen ? `Agent ${chosen.agentId} has no such published version.` : "No agent answers this number.", call });
  }
  const { agent, llm } = published;
  const routedTo = !bound || bound.agentId === agent.agent_id ? "main" : "after_hours";
  const open = variables.after_hours !== "true";
  if (scenario.requires.open !== undefined && scenario.requires.open !== open) {
    return result("skipped", { routedTo, reason: `The scenario needs the business ${scenario.requires.open ? "open" : "closed"}; the inbound webhook says it is ${open ? "open" : "closed"}.` });
  }
  variables = { ...stringsOf((llm.default_dynamic_variables as Json | null) ?? {}), ...variables };

  const startAt = options.startAt ?? Date.now();
  const transcript = new CallTranscript();
  const scope: Json = { caller: { number: other, name: scenario.caller.name ?? "" }, call: { id: callId } };
  const tools = ((llm.general_tools as Json[] | null) ?? []).filter((t) => typeof t.name === "string");
  const played: { name: string; code?: string }[] = [];
  const toolLatencies: number[] = [];
  let firstCustomCall = true;
  let disconnection = "user_hangup";
  let transferDestination: string | undefined;
  const callSoFar = (status: string): Json => ({
    ...base,
    agent_id: agent.agent_id,
    agent_version: agent.version,
    call_status: status,
    start_timestamp: startAt,
    retell_llm_dynamic_variables: variables,
    metadata,
    transcript: transcript.text,
    transcript_object: transcript.utterances,
  });
  const events = eventSender(agent, chaos, (name, request) => send("event", name, request));

  try {
    host.saveCall(callSoFar("ongoing"));
    await events.emit("call_started", { ...callSoFar("ongoing"), transcript: undefined, transcript_object: undefined });
    if (typeof llm.begin_message === "string" && llm.begin_message) transcript.say("agent", render(llm.begin_message, { ...variables, ...scope }, false) as string);

    const play = async (turns: ScenarioTurn[]): Promise<boolean> => {
      for (const turn of turns) {
        const vars = { ...variables, ...scope };
        if ("user" in turn) transcript.say("user", render(turn.user, vars, true) as string);
        else if ("agent" in turn) transcript.say("agent", render(turn.agent, vars, true) as string);
        else if ("end" in turn) {
          disconnection = turn.end;
          return false;
        } else if ("if" in turn) {
          if (!(await play(holds(turn.if, vars) ? turn.then : turn.else))) return false;
        } else {
          const args = render(turn.args, vars, true) as Json;
          if (turn.tool === "end_call") {
            transcript.toolCall("end_call", args, { content: "", successful: true, latencyMs: 0 });
            played.push({ name: "end_call" });
            disconnection = "agent_hangup";
            return false;
          }
          if (turn.tool === "transfer_call") {
            const spec = tools.find((t) => t.type === "transfer_call");
            const destination = (args.number as string | undefined) ?? (render(String((spec?.transfer_destination as Json | undefined)?.number ?? ""), vars, false) as string);
            transcript.toolCall("transfer_call", args, { content: destination ? `Transferring to ${destination}` : "No transfer number.", successful: Boolean(destination), latencyMs: 0 });
            played.push({ name: "transfer_call" });
            if (!destination) continue;
            transferDestination = destination;
            disconnection = "call_transfer";
            return false;
          }
          const tool = tools.find((t) => t.type === "custom" && t.name === turn.tool);
          if (!tool) throw new SimulationError(`The agent's LLM has no custom tool ${turn.tool}.`);
          const request: Outgoing = {
            url: withQuery(String(tool.url), tool.query_params as Json | undefined),
            method: typeof tool.method === "string" ? tool.method : "POST",
            headers: stringsOf((tool.headers as Json | undefined) ?? {}),
            body: { name: turn.tool, call: callSoFar("ongoing"), args },
            timeoutMs: typeof tool.timeout_ms === "number" ? tool.timeout_ms : 120_000,
            retries: typeof tool.max_retry === "number" ? tool.max_retry : 0,
          };
          const started = performance.now();
          if (firstCustomCall && chaos?.retryFirstToolCall) await send("tool", turn.tool, request);
          firstCustomCall = false;
          const answer = await send("tool", turn.tool, request);
          const latencyMs = Math.round(performance.now() - started);
          toolLatencies.push(latencyMs);
          const value = jsonOf(answer.text) ?? { text: answer.text };
          transcript.toolCall(turn.tool, args, { content: answer.text, successful: answer.ok, latencyMs });
          played.push({ name: turn.tool, ...(typeof value.code === "string" ? { code: value.code } : {}) });
          if (turn.as) scope[turn.as] = value;
          for (const [variable, path] of Object.entries((tool.response_variables as Json | undefined) ?? {})) {
            const lifted = lookup(value, String(path));
            if (lifted !== undefined) variables[variable] = String(lifted);
          }
        }
      }
      return true;
    };
    await play(scenario.turns);
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    const call = { ...callSoFar("error"), disconnection_reason: "error_unknown" };
    host.saveCall(call);
    await events.flush();
    return result("error", { routedTo, reason: error.message, call });
  }

  const durationMs = transcript.durationMs;
  const ended: Json = {
    ...callSoFar("ended"),
    end_timestamp: startAt + durationMs,
    duration_ms: durationMs,
    disconnection_reason: disconnection,
    transcript_with_tool_calls: transcript.withToolCalls,
    recording_url: host.recordingUrl(callId),
    call_cost: callCost(durationMs),
    latency: callLatency(toolLatencies),
    ...(transferDestination ? { transfer_destination: transferDestination } : {}),
  };
  const analysis = scenario.analysis;
  const analyzed: Json = {
    ...ended,
    call_analysis: { call_summary: analysis.call_summary, user_sentiment: analysis.user_sentiment, call_successful: analysis.call_successful, in_voicemail: false, custom_analysis_data: analysis.custom },
  };
  host.saveCall(analyzed);
  await events.emit("call_ended", ended);
  await events.emit("call_analyzed", analyzed);
  await events.flush();

  checks.push(...expectations(scenario, routedTo, played), { name: "call events delivered", ok: events.lost.length === 0, expected: [], actual: events.lost });
  return { callId, status: "ended", passed: checks.every((c) => c.ok), routedTo, checks, steps, call: analyzed };
}

/** The call events the agent asked for, to its webhook; held back and sent reversed under `shuffle`. */
function eventSender(agent: Json, chaos: Chaos | undefined, send: (name: string, request: Outgoing) => Promise<{ ok: boolean }>) {
  const url = typeof agent.webhook_url === "string" ? agent.webhook_url : undefined;
  const wanted = Array.isArray(agent.webhook_events) ? (agent.webhook_events as string[]) : ["call_started", "call_ended", "call_analyzed"];
  const held: [string, Outgoing][] = [];
  /** Events that got no 2xx after every retry. */
  const lost: string[] = [];
  const deliver = async (event: string, request: Outgoing) => {
    if (!(await send(event, request)).ok) lost.push(event);
  };
  const timeoutMs = typeof agent.webhook_timeout_ms === "number" ? agent.webhook_timeout_ms : 10_000;
  return {
    lost,
    async emit(event: string, call: Json) {
      if (!url || !wanted.includes(event)) return;
      // Snapshot now: later turns must not change what this event said.
      const request: Outgoing = { url, body: JSON.parse(JSON.stringify({ event, call })) as Json, timeoutMs, retries: 3 };
      for (let copy = 0; copy < (chaos?.duplicate ?? 1); copy++) {
        if (chaos?.shuffle) held.push([event, request]);
        else await deliver(event, request);
      }
    },
    async flush() {
      for (const [event, request] of held.reverse()) await deliver(event, request);
      held.length = 0;
    },
  };
}

function expectations(scenario: Scenario, routedTo: string, played: { name: string; code?: string }[]): SimulationCheck[] {
  const checks: SimulationCheck[] = [];
  const expect = scenario.expect;
  if (expect.routedTo) checks.push({ name: "routed to", ok: expect.routedTo === routedTo, expected: expect.routedTo, actual: routedTo });
  if (expect.tools) {
    const actual = played.map((p) => (p.code ? `${p.name}:${p.code}` : p.name));
    const expected = expect.tools.map((t) => (t.code ? `${t.name}:${t.code}` : t.name));
    const ok = actual.length === expected.length && expect.tools.every((t, i) => played[i]!.name === t.name && (!t.code || played[i]!.code === t.code));
    checks.push({ name: "tool calls", ok, expected, actual });
  }
  return checks;
}

// ---- Outgoing requests --------------------------------------------------------------------------------------------

interface Outgoing {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body: Json;
  timeoutMs: number;
  retries: number;
}

/** Sends one signed request, retrying on a non-2xx answer or no answer; each attempt is re-signed and recorded. */
async function deliver(key: string, kind: SimulationStep["kind"], name: string, request: Outgoing, steps: SimulationStep[]): Promise<{ ok: boolean; text: string }> {
  const body = JSON.stringify(request.body);
  let last = { ok: false, text: "" };
  for (let attempt = 0; attempt <= request.retries; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** (attempt - 1)));
    const started = performance.now();
    const step: SimulationStep = { kind, name, url: request.url, attempt, status: null, body, ms: 0 };
    steps.push(step);
    try {
      const response = await fetch(request.url, {
        method: request.method ?? "POST",
        headers: { ...request.headers, "content-type": "application/json", [retellSignatureHeader]: signRetellBody(body, key, Date.now()) },
        body,
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      step.status = response.status;
      step.answer = await response.text();
      last = { ok: response.ok, text: step.answer };
    } catch (error) {
      step.error = error instanceof Error ? error.message : String(error);
    }
    step.ms = Math.round(performance.now() - started);
    if (last.ok) return last;
  }
  return last;
}

function withQuery(url: string, params: Json | undefined): string {
  if (!params) return url;
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, String(value));
  return target.toString();
}

// ---- Templates ----------------------------------------------------------------------------------------------------

const TEMPLATE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** `{{path}}` filled in from `scope`; a value that is one template keeps its type (a slot's start, a list). */
function render(value: unknown, scope: Json, strict: boolean): unknown {
  if (typeof value === "string") {
    const whole = /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(value);
    if (whole) return resolve(whole[1]!, scope, strict) ?? "";
    return value.replace(TEMPLATE, (_, path: string) => String(resolve(path, scope, strict) ?? ""));
  }
  if (Array.isArray(value)) return value.map((item) => render(item, scope, strict));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v, scope, strict)]));
  return value;
}

function resolve(path: string, scope: Json, strict: boolean): unknown {
  const found = lookup(scope, path);
  if (found === undefined && strict) throw new SimulationError(`{{${path}}} is not known at this turn.`);
  return found;
}

function lookup(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** `avail.code == 'NO_SLOTS'` (or `!=`), as `scenarioSchema` allows it. */
function holds(condition: string, scope: Json): boolean {
  const [, path, op, literal] = /^(\S+) (==|!=) '([^']*)'$/.exec(condition)!;
  const equal = String(lookup(scope, path!) ?? "") === literal;
  return op === "==" ? equal : !equal;
}

// ---- Small readers ------------------------------------------------------------------------------------------------

function firstAgent(agents: unknown): { agentId: string; version?: number } | undefined {
  const first = Array.isArray(agents) ? (agents[0] as Json | undefined) : undefined;
  if (!first || typeof first.agent_id !== "string") return undefined;
  return { agentId: first.agent_id, ...(typeof first.agent_version === "number" ? { version: first.agent_version } : {}) };
}

function jsonOf(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function stringsOf(record: Json): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}
