/**
 * The Retell routes the fake answers, one entry per method and path, in Retell's own shapes. A handler returns
 * the JSON to send (with the route's status), or `undefined` for 204; it throws `FakeRetellError` for 4xx answers.
 */
import { randomBytes } from "node:crypto";
import {
  agentIsBound,
  agentVersion,
  bad,
  callMatches,
  callSummary,
  fakeId,
  FakeRetellError,
  fakeVoices,
  llmVersion,
  notFound,
  numberOf,
  page,
  pickNumber,
  prettyNumber,
  requireE164,
  requireString,
  unprocessable,
  validateAgentFields,
  validateAgentWeights,
  validateTools,
  type FakeWorkspace,
  type Json,
} from "./fake-workspace";

export interface FakeContext {
  ws: FakeWorkspace;
  /** The fake's own origin, for the links it hands out. */
  url: string;
  /** Whether any workspace of the fake owns the number. */
  taken(e164: string): boolean;
  /** Plays an outbound call's scenario, if the fake was given one for it. */
  startOutbound(call: Json, request: Json): void;
}

interface Request {
  params: string[];
  query: Record<string, string>;
  body: Json;
}

interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: RegExp;
  status?: number;
  handle(ctx: FakeContext, req: Request): unknown;
}

const now = () => Date.now();
const llmId = (v: Json) => String(v.llm_id);
const agentId = (v: Json) => String(v.agent_id);

export const retellRoutes: Route[] = [
  // ---- Voices
  { method: "GET", path: /^\/list-voices$/, handle: ({ url }) => fakeVoices.map((v) => withPreview(url, v)) },
  { method: "GET", path: /^\/get-voice\/([^/]+)$/, handle: ({ url }, { params }) => withPreview(url, fakeVoices.find((v) => v.voice_id === params[0]) ?? notFound(`Voice ${params[0]} not found.`)) },

  // ---- Retell LLMs
  {
    method: "POST",
    path: /^\/create-retell-llm$/,
    status: 201,
    handle({ ws }, { body }) {
      const llm = { ...body, llm_id: fakeId("llm_"), version: 0, is_published: false, general_tools: validateTools(body.general_tools), last_modification_timestamp: now() };
      ws.llms.set(llm.llm_id, [llm]);
      return llm;
    },
  },
  { method: "GET", path: /^\/get-retell-llm\/([^/]+)$/, handle: ({ ws }, { params, query }) => llmVersion(ws, params[0]!, query.version) },
  {
    method: "PATCH",
    path: /^\/update-retell-llm\/([^/]+)$/,
    handle({ ws }, { params, query, body }) {
      const llm = llmVersion(ws, params[0]!, query.version);
      if (llm.is_published) unprocessable(`Version ${String(llm.version)} of this LLM is published; published versions are immutable.`);
      Object.assign(llm, body, { general_tools: body.general_tools === undefined ? llm.general_tools : validateTools(body.general_tools), llm_id: llm.llm_id, version: llm.version, last_modification_timestamp: now() });
      return llm;
    },
  },
  { method: "DELETE", path: /^\/delete-retell-llm\/([^/]+)$/, handle: ({ ws }, { params }) => void (ws.llms.delete(params[0]!) || notFound(`Retell LLM ${params[0]} not found.`)) },
  { method: "GET", path: /^\/v2\/list-retell-llms$/, handle: ({ ws }, { query }) => page([...ws.llms.values()].map((v) => v.at(-1)!), llmId, query) },

  // ---- Agents
  {
    method: "POST",
    path: /^\/create-agent$/,
    status: 201,
    handle({ ws }, { body }) {
      const agent = { ...validateAgentFields(ws, body, true), agent_id: fakeId("agent_"), version: 0, is_published: false, channel: "voice", last_modification_timestamp: now() };
      ws.agents.set(agent.agent_id, [agent]);
      return agent;
    },
  },
  { method: "GET", path: /^\/get-agent\/([^/]+)$/, handle: ({ ws }, { params, query }) => agentVersion(ws, params[0]!, query.version) },
  {
    method: "PATCH",
    path: /^\/update-agent\/([^/]+)$/,
    handle({ ws }, { params, query, body }) {
      const agent = agentVersion(ws, params[0]!, query.version);
      if (agent.is_published) unprocessable(`Version ${String(agent.version)} of this agent is published; published versions are immutable.`);
      return Object.assign(agent, validateAgentFields(ws, body, false), { agent_id: agent.agent_id, version: agent.version, last_modification_timestamp: now() });
    },
  },
  {
    method: "POST",
    path: /^\/v2\/list-agents$/,
    handle({ ws }, { query, body }) {
      const filter = (body.filter_criteria ?? {}) as { channel?: { value?: string }; query?: string };
      const latest = [...ws.agents.values()].map((v) => v.at(-1)!);
      const matching = latest.filter((a) => (!filter.channel?.value || a.channel === filter.channel.value) && (!filter.query || `${String(a.agent_name ?? "")} ${agentId(a)}`.toLowerCase().includes(filter.query.toLowerCase())));
      const summaries = matching.map((a) => ({ agent_id: a.agent_id, agent_name: a.agent_name ?? null, channel: a.channel, tags: a.tags ?? [], user_modified_timestamp: a.last_modification_timestamp }));
      return page(summaries, agentId, query);
    },
  },
  {
    method: "POST",
    path: /^\/create-agent-version\/([^/]+)$/,
    status: 201,
    handle({ ws }, { params, body }) {
      if (!Number.isInteger(body.base_version)) bad("base_version is required and must be an integer.");
      const base = agentVersion(ws, params[0]!, body.base_version);
      const versions = ws.agents.get(params[0]!)!;
      const draft = { ...structuredClone(base), version: Number(versions.at(-1)!.version) + 1, is_published: false, last_modification_timestamp: now() };
      versions.push(draft);
      return draft;
    },
  },
  {
    method: "GET",
    path: /^\/list-agent-versions\/([^/]+)$/,
    handle: ({ ws }, { params, query }) => page(ws.agents.get(params[0]!) ?? notFound(`Agent ${params[0]} not found.`), (v) => String(v.version), { sort_order: "ascending", ...query }),
  },
  {
    method: "POST",
    path: /^\/publish-agent-version\/([^/]+)$/,
    handle({ ws }, { params, body }) {
      if (!Number.isInteger(body.version)) bad("version is required and must be an integer.");
      const agent = agentVersion(ws, params[0]!, body.version);
      const engine = agent.response_engine as Json;
      Object.assign(agent, { is_published: true, version_title: body.version_title ?? null, version_description: body.version_description ?? null, published_timestamp: now() });
      // A published agent version freezes the LLM version it answers with.
      llmVersion(ws, String(engine.llm_id), engine.version).is_published = true;
      return undefined;
    },
  },
  {
    method: "DELETE",
    path: /^\/delete-agent\/([^/]+)$/,
    handle({ ws }, { params }) {
      if (!ws.agents.has(params[0]!)) notFound(`Agent ${params[0]} not found.`);
      if (agentIsBound(ws, params[0]!)) throw new FakeRetellError(409, `Agent ${params[0]} answers a phone number; unbind it first.`);
      ws.agents.delete(params[0]!);
      return undefined;
    },
  },

  // ---- Phone numbers
  {
    method: "POST",
    path: /^\/create-phone-number$/,
    status: 201,
    handle(ctx, { body }) {
      const country = body.country_code ?? "US";
      if (country !== "US" && country !== "CA") bad("country_code must be US or CA.");
      let e164: string | undefined;
      if (body.phone_number !== undefined) {
        e164 = requireE164(body.phone_number, "phone_number");
        if (ctx.taken(e164)) unprocessable(`${e164} is not available.`);
      } else {
        const area = body.toll_free ? 800 : body.area_code === undefined ? 415 : Number(body.area_code);
        if (!Number.isInteger(area) || area < 200 || area > 999) bad("area_code must be a 3-digit number.");
        e164 = pickNumber(ctx.taken, area) ?? notFound(`No phone numbers are available in area code ${area}.`);
      }
      return saveNumber(ctx.ws, e164, body, { phone_number_type: "retell-twilio", area_code: Number(e164.slice(2, 5)) });
    },
  },
  {
    method: "POST",
    path: /^\/import-phone-number$/,
    status: 201,
    handle(ctx, { body }) {
      const e164 = requireE164(body.phone_number, "phone_number");
      const termination = requireString(body, "termination_uri");
      if (!/\.pstn\.twilio\.com$/.test(termination)) unprocessable("termination_uri must be an elastic SIP trunk's domain, ending in .pstn.twilio.com.");
      if (ctx.taken(e164)) unprocessable(`${e164} is already in a workspace.`);
      return saveNumber(ctx.ws, e164, body, { phone_number_type: "custom", termination_uri: termination, sip_trunk_auth_username: body.sip_trunk_auth_username ?? null, transport: body.transport ?? "TCP" });
    },
  },
  { method: "GET", path: /^\/get-phone-number\/([^/]+)$/, handle: ({ ws }, { params }) => numberOf(ws, params[0]!) },
  {
    method: "PATCH",
    path: /^\/update-phone-number\/([^/]+)$/,
    handle({ ws }, { params, body }) {
      const number = numberOf(ws, params[0]!);
      if ("inbound_agents" in body) number.inbound_agents = validateAgentWeights(ws, body.inbound_agents, "inbound_agents") ?? [];
      if ("outbound_agents" in body) number.outbound_agents = validateAgentWeights(ws, body.outbound_agents, "outbound_agents") ?? [];
      if ("inbound_webhook_url" in body) number.inbound_webhook_url = body.inbound_webhook_url ?? null;
      if ("nickname" in body) number.nickname = body.nickname ?? null;
      number.last_modification_timestamp = now();
      return number;
    },
  },
  { method: "DELETE", path: /^\/delete-phone-number\/([^/]+)$/, handle: ({ ws }, { params }) => void (ws.numbers.delete(params[0]!) || notFound(`Phone number ${params[0]} not found.`)) },
  { method: "GET", path: /^\/v2\/list-phone-numbers$/, handle: ({ ws }, { query }) => page([...ws.numbers.values()], (n) => String(n.phone_number), query) },

  // ---- Calls
  {
    method: "POST",
    path: /^\/v2\/create-phone-call$/,
    status: 201,
    handle(ctx, { body }) {
      const from = requireE164(body.from_number, "from_number");
      const to = requireE164(body.to_number, "to_number");
      const number = ctx.ws.numbers.get(from) ?? bad(`from_number ${from} is not a number of this workspace.`);
      const outbound = ((number.outbound_agents as Json[] | null) ?? [])[0];
      const chosenId = (body.override_agent_id as string | undefined) ?? (outbound?.agent_id as string | undefined) ?? bad(`${from} has no outbound agent; set outbound_agents or override_agent_id.`);
      const agent = agentVersion(ctx.ws, chosenId, body.override_agent_version ?? outbound?.agent_version);
      const call = {
        call_id: fakeId("call_"),
        call_type: "phone_call",
        agent_id: agent.agent_id,
        agent_version: agent.version,
        call_status: "registered",
        direction: "outbound",
        from_number: from,
        to_number: to,
        metadata: body.metadata ?? {},
        retell_llm_dynamic_variables: body.retell_llm_dynamic_variables ?? {},
      };
      ctx.ws.calls.set(call.call_id, call);
      ctx.startOutbound(call, body);
      return call;
    },
  },
  {
    method: "POST",
    path: /^\/v3\/create-web-call$/,
    status: 201,
    handle({ ws }, { body }) {
      const agent = agentVersion(ws, requireString(body, "agent_id"), body.agent_version);
      const call = { call_id: fakeId("call_"), call_type: "web_call", agent_id: agent.agent_id, agent_version: agent.version, call_status: "registered", metadata: body.metadata ?? {}, retell_llm_dynamic_variables: body.retell_llm_dynamic_variables ?? {} };
      ws.calls.set(call.call_id, call);
      return { access_token: randomBytes(24).toString("base64url"), call_id: call.call_id, expires_at: now() + 30_000, ice_servers: [{ urls: "stun:stun.l.google.com:19302" }], transport: "gateway" };
    },
  },
  { method: "GET", path: /^\/v2\/get-call\/([^/]+)$/, handle: ({ ws }, { params }) => ws.calls.get(params[0]!) ?? notFound(`Call ${params[0]} not found.`) },
  {
    method: "POST",
    path: /^\/v3\/list-calls$/,
    handle({ ws }, { body }) {
      const calls = [...ws.calls.values()].filter((c) => callMatches(c, body.filter_criteria as Json | undefined)).map(callSummary);
      return page(calls, (c) => String(c.call_id), body);
    },
  },
  {
    method: "GET",
    path: /^\/get-concurrency$/,
    handle: ({ ws }) => ({ current_concurrency: [...ws.calls.values()].filter((c) => c.call_status === "ongoing").length, concurrency_limit: ws.concurrencyLimit, base_concurrency: ws.concurrencyLimit, purchased_concurrency: 0 }),
  },
];

function withPreview(url: string, voice: Json): Json {
  return { ...voice, preview_audio_url: `${url}/__fake/audio/${String(voice.voice_id)}.wav` };
}

function saveNumber(ws: FakeWorkspace, e164: string, body: Json, fields: Json): Json {
  const number = {
    phone_number: e164,
    phone_number_pretty: prettyNumber(e164),
    nickname: body.nickname ?? null,
    inbound_agents: validateAgentWeights(ws, body.inbound_agents, "inbound_agents") ?? [],
    outbound_agents: validateAgentWeights(ws, body.outbound_agents, "outbound_agents") ?? [],
    inbound_webhook_url: body.inbound_webhook_url ?? null,
    ...fields,
    last_modification_timestamp: now(),
  };
  ws.numbers.set(e164, number);
  return number;
}
