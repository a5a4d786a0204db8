/**
 * Retell, the voice brain of the phone line: `retellVoiceAgent` implements the core `VoiceAgentProvider` port with
 * retell-sdk. Live mode talks to api.retellai.com; sandbox mode and tests point `baseURL` at the fake
 * (`src/testing/fake.ts`). Errors come out as `ProviderError`, judged by HTTP status alone.
 */
import Retell, { APIConnectionError, APIError } from "retell-sdk";
import type { LlmCreateParams } from "retell-sdk/resources/llm";
import type { AgentCreateParams } from "retell-sdk/resources/agent";
import { ProviderError, type AgentRelease, type NumberBinding, type ProviderCall, type SipTrunk, type Voice, type VoiceAgentProvider } from "@frontdesk/core";
import { parseRetellCall } from "./webhook";

export * from "./webhook";

export interface RetellOptions {
  apiKey: string;
  /** Retell's API by default; the fake's URL in sandbox mode and tests. */
  baseURL?: string;
  /** Per request. Retell's SDK waits 60 s (and up to 5 min to list calls) when left alone. */
  timeoutMs?: number;
  /** Retries of reads on connection errors, 408, 429 and 5xx. Creates and purchases are never retried. */
  readRetries?: number;
  /** Items per page when listing; 100 unless a test wants many pages. */
  pageSize?: number;
}

/** The port, and the reads the server uses around it: versions, numbers, calls, web calls, LLMs. */
export interface RetellVoiceAgent extends VoiceAgentProvider {
  listAgentVersions(providerAgentId: string): Promise<{ version: number; published: boolean }[]>;
  listNumbers(): Promise<{ phoneNumber: string; nickname: string | null; inboundAgentId: string | null; inboundVersion: number | null }[]>;
  getNumber(phoneNumber: string): Promise<{ phoneNumber: string; nickname: string | null; inboundAgentId: string | null; inboundVersion: number | null; inboundWebhookUrl: string | null }>;
  /** Every call of an agent started in `[from, to]` (epoch ms), without transcripts: `getCall` has those. */
  listCalls(filter: { providerAgentId: string; from: number; to: number }): Promise<{ providerCallId: string; status: ProviderCall["status"]; startedAt?: number }[]>;
  /**
   * The newest call of an agent whose metadata holds every entry of `metadata`, among those created since `since`
   * (epoch ms; calls not started yet count as new): how a retried request finds the call an earlier attempt placed.
   * Looks at `maxCalls` calls at most.
   */
  findCall(filter: { providerAgentId: string; metadata: Record<string, string>; since: number; maxCalls?: number }): Promise<{ providerCallId: string } | undefined>;
  createWebCall(call: { providerAgentId: string; version: number; variables: Record<string, string>; metadata: Record<string, string> }): Promise<{ providerCallId: string; accessToken: string }>;
  getLlm(providerLlmId: string, version?: number): Promise<{ prompt: string; greeting: string; toolNames: string[] }>;
  /** Deleting an LLM already deleted succeeds. */
  deleteLlm(providerLlmId: string): Promise<void>;
}

const provider = "retell";

export function retellVoiceAgent(options: RetellOptions): RetellVoiceAgent {
  const pageSize = options.pageSize ?? 100;
  const common = { apiKey: options.apiKey, baseURL: options.baseURL ?? null, timeout: options.timeoutMs ?? 15_000 };
  const reads = new Retell({ ...common, maxRetries: options.readRetries ?? 2 });
  // A retried purchase or call could buy twice or ring twice: creates run once, and the caller reconciles.
  const writes = new Retell({ ...common, maxRetries: 0 });

  async function pages<T>(fetchPage: (key: string | undefined) => Promise<{ items: T[]; has_more: boolean; pagination_key?: string | null }>): Promise<T[]> {
    const all: T[] = [];
    let key: string | undefined;
    for (;;) {
      const page = await fetchPage(key);
      all.push(...page.items);
      if (!page.has_more || !page.pagination_key) return all;
      key = page.pagination_key;
    }
  }

  const llmBody = (release: AgentRelease): LlmCreateParams => ({
    general_prompt: release.prompt,
    begin_message: release.greeting,
    start_speaker: "agent",
    default_dynamic_variables: release.dynamicDefaults,
    general_tools: [
      ...release.tools.map((tool) => ({
        type: "custom" as const,
        name: tool.name,
        description: tool.description,
        url: tool.url,
        method: "POST" as const,
        parameters: { type: "object" as const, properties: tool.parameters.properties, ...(tool.parameters.required ? { required: [...tool.parameters.required] } : {}) },
        speak_during_execution: Boolean(tool.speakDuring),
        ...(tool.speakDuring ? { execution_message_description: tool.speakDuring } : {}),
        timeout_ms: 8000,
        // Our tools are idempotent on call + tool + arguments, so a retry never books twice.
        max_retry: 2,
        ...(tool.name === "transfer_to_human" ? { response_variables: { transfer_number: "transfer_number" } } : {}),
      })),
      ...(release.transfer
        ? [{ type: "transfer_call" as const, name: "transfer_call", description: "Transfer the caller to a person, only after transfer_to_human said TRANSFER_OK.", transfer_destination: { type: "predefined" as const, number: release.transfer.numberVariable }, transfer_option: { type: "cold_transfer" as const } }]
        : []),
      { type: "end_call" as const, name: "end_call", description: "End the call once the caller is done." },
    ] as LlmCreateParams["general_tools"],
  });

  const agentFields = (release: AgentRelease) => ({
    agent_name: release.name,
    voice_id: release.voiceId,
    language: release.language as AgentCreateParams["language"],
    webhook_url: release.eventsUrl,
    webhook_events: ["call_started", "call_ended", "call_analyzed"] as AgentCreateParams["webhook_events"],
    webhook_timeout_ms: 10_000,
    max_call_duration_ms: release.maxCallDurationMs,
    post_call_analysis_data: release.analysis.map((field) =>
      field.type === "enum" ? { type: "enum" as const, name: field.name, description: field.description, choices: field.choices ?? [] } : { type: field.type, name: field.name, description: field.description },
    ) as AgentCreateParams["post_call_analysis_data"],
    opt_in_signed_url: true,
  });

  const agents = (binding: NumberBinding["inbound"] | undefined) => (binding ? [{ agent_id: binding.providerAgentId, agent_version: binding.version, weight: 1 }] : []);
  const numberFields = (binding: NumberBinding) => ({
    inbound_agents: agents(binding.inbound),
    ...(binding.outbound !== undefined ? { outbound_agents: agents(binding.outbound) } : {}),
    inbound_webhook_url: binding.inboundWebhookUrl,
    nickname: binding.nickname,
  });
  const numberOf = (n: Retell.PhoneNumberResponse) => ({
    phoneNumber: n.phone_number,
    nickname: n.nickname ?? null,
    inboundAgentId: n.inbound_agents?.[0]?.agent_id ?? null,
    inboundVersion: n.inbound_agents?.[0]?.agent_version === undefined || n.inbound_agents[0].agent_version === null ? null : Number(n.inbound_agents[0].agent_version),
  });

  return {
    name: provider,

    listVoices: () =>
      call(async () =>
        (await reads.voice.list()).map(
          (v): Voice => ({ id: v.voice_id, name: v.voice_name, provider: v.provider, gender: v.gender, ...(v.accent ? { accent: v.accent } : {}), ...(v.preview_audio_url ? { previewUrl: v.preview_audio_url } : {}) }),
        ),
      ),

    publish: (release, existing) =>
      call(async () => {
        // A new LLM for every release: a published agent version freezes the LLM version it points at.
        const llm = await writes.llm.create(llmBody(release));
        const engine = { type: "retell-llm" as const, llm_id: llm.llm_id, version: llm.version ?? 0 };
        let agentId: string;
        let version: number;
        try {
          if (existing) {
            const latest = await reads.agent.retrieve(existing.providerAgentId);
            const draft = await writes.agent.createVersion(existing.providerAgentId, { base_version: latest.version ?? 0 });
            version = draft.version ?? 0;
            agentId = existing.providerAgentId;
            await writes.agent.update(agentId, { version, response_engine: engine, ...agentFields(release) });
          } else {
            const created = await writes.agent.create({ response_engine: engine, ...agentFields(release) });
            agentId = created.agent_id;
            version = created.version ?? 0;
          }
        } catch (error) {
          // Nothing points at the new LLM yet: take it back, as well as we can, so failed publishes leave no litter.
          await writes.llm.delete(llm.llm_id).catch(() => undefined);
          throw error;
        }
        await writes.agent.publish(agentId, { version, version_title: release.versionTitle });
        return { providerAgentId: agentId, version, providerLlmId: llm.llm_id };
      }),

    importAgent: (providerAgentId) =>
      call(async () => {
        const agent = await reads.agent.retrieve(providerAgentId);
        const engine = agent.response_engine;
        const llm = engine.type === "retell-llm" ? await reads.llm.retrieve(engine.llm_id, engine.version === undefined || engine.version === null ? {} : { version: engine.version }) : undefined;
        return {
          name: agent.agent_name ?? "",
          voiceId: agent.voice_id,
          // Retell may list several languages for a multilingual agent; the first is the one it starts in.
          language: (Array.isArray(agent.language) ? agent.language[0] : agent.language) ?? "en-US",
          prompt: llm?.general_prompt ?? "",
          toolNames: (llm?.general_tools ?? []).map((tool) => tool.name),
        };
      }),

    listAgents: (cursor) =>
      call(async () => {
        const page = await reads.agent.list({ limit: pageSize, ...(cursor ? { pagination_key: cursor } : {}), filter_criteria: { channel: { type: "string", op: "eq", value: "voice" } } });
        return { items: page.items.map((a) => ({ providerAgentId: a.agent_id, name: a.agent_name ?? "" })), ...(page.has_more && page.pagination_key ? { next: page.pagination_key } : {}) };
      }),

    deleteAgent: (providerAgentId) => call(() => writes.agent.delete(providerAgentId), { missingIsDone: true }),

    buyNumber: (query, binding) =>
      call(async () => {
        const bought = await writes.phoneNumber.create({
          country_code: query.country,
          number_provider: "twilio",
          ...(query.areaCode ? { area_code: Number(query.areaCode) } : {}),
          ...(query.tollFree ? { toll_free: true } : {}),
          ...(query.phoneNumber ? { phone_number: query.phoneNumber } : {}),
          ...numberFields(binding),
        });
        return { phoneNumber: bought.phone_number };
      }),

    importNumber: (phoneNumber, trunk: SipTrunk, binding) =>
      call(async () => {
        await writes.phoneNumber.import({
          phone_number: phoneNumber,
          termination_uri: trunk.terminationUri,
          sip_trunk_auth_username: trunk.username,
          sip_trunk_auth_password: trunk.password,
          transport: "TCP",
          ...numberFields(binding),
        });
      }),

    bindNumber: (phoneNumber, binding) => call(async () => void (await writes.phoneNumber.update(phoneNumber, numberFields(binding)))),

    releaseNumber: (phoneNumber) => call(() => writes.phoneNumber.delete(phoneNumber), { missingIsDone: true }),

    placeCall: (request) =>
      call(async () => {
        const placed = await writes.call.createPhoneCall({
          from_number: request.from,
          to_number: request.to,
          override_agent_id: request.providerAgentId,
          override_agent_version: request.version,
          retell_llm_dynamic_variables: request.variables,
          metadata: request.metadata,
        });
        return { providerCallId: placed.call_id };
      }),

    getCall: (providerCallId) => call(async () => parseRetellCall(await reads.call.retrieve(providerCallId))),

    async testConnection() {
      try {
        const concurrency = await reads.concurrency.retrieve();
        return { ok: true, concurrency: { current: concurrency.current_concurrency ?? 0, limit: concurrency.concurrency_limit ?? 0 } };
      } catch (error) {
        return { ok: false, reason: toProviderError(error).message };
      }
    },

    listAgentVersions: (providerAgentId) =>
      call(async () => {
        const versions = await pages((key) => reads.agent.listVersions(providerAgentId, { limit: pageSize, ...(key ? { pagination_key: key } : {}) }));
        return versions.map((v) => ({ version: v.version ?? 0, published: v.is_published ?? false }));
      }),

    listNumbers: () => call(async () => (await pages((key) => reads.phoneNumber.list({ limit: pageSize, ...(key ? { pagination_key: key } : {}) }))).map(numberOf)),

    getNumber: (phoneNumber) =>
      call(async () => {
        const number = await reads.phoneNumber.retrieve(phoneNumber);
        return { ...numberOf(number), inboundWebhookUrl: number.inbound_webhook_url ?? null };
      }),

    listCalls: (filter) =>
      call(async () => {
        const calls = await pages((key) =>
          reads.call.list({
            limit: pageSize,
            sort_order: "ascending",
            ...(key ? { pagination_key: key } : {}),
            filter_criteria: { agent: [{ agent_id: filter.providerAgentId }], start_timestamp: { type: "range", op: "bt", value: [filter.from, filter.to] } },
          }),
        );
        return calls.map((c) => ({ providerCallId: c.call_id, status: c.call_status, ...(c.start_timestamp !== undefined ? { startedAt: c.start_timestamp } : {}) }));
      }),

    findCall: (filter) =>
      call(async () => {
        const maxCalls = filter.maxCalls ?? 500;
        const matches = (metadata: unknown) => Object.entries(filter.metadata).every(([name, value]) => (metadata as Record<string, unknown> | null | undefined)?.[name] === value);
        let seen = 0;
        let key: string | undefined;
        // Newest first: stop at the first match, at a call started before `since`, or after `maxCalls`.
        for (;;) {
          const page = await reads.call.list({
            limit: Math.min(pageSize, maxCalls - seen),
            sort_order: "descending",
            ...(key ? { pagination_key: key } : {}),
            filter_criteria: { agent: [{ agent_id: filter.providerAgentId }] },
          });
          for (const found of page.items) {
            if (matches(found.metadata)) return { providerCallId: found.call_id };
            if (found.start_timestamp !== undefined && found.start_timestamp < filter.since) return undefined;
          }
          seen += page.items.length;
          if (!page.has_more || !page.pagination_key || seen >= maxCalls) return undefined;
          key = page.pagination_key;
        }
      }),

    createWebCall: (request) =>
      call(async () => {
        const web = await writes.call.createWebCall({ agent_id: request.providerAgentId, agent_version: request.version, retell_llm_dynamic_variables: request.variables, metadata: request.metadata });
        return { providerCallId: web.call_id, accessToken: web.access_token };
      }),

    getLlm: (providerLlmId, version) =>
      call(async () => {
        const llm = await reads.llm.retrieve(providerLlmId, version === undefined ? {} : { version });
        return { prompt: llm.general_prompt ?? "", greeting: llm.begin_message ?? "", toolNames: (llm.general_tools ?? []).map((tool) => tool.name) };
      }),

    deleteLlm: (providerLlmId) => call(() => writes.llm.delete(providerLlmId), { missingIsDone: true }),
  };
}

/** Runs one request, with Retell's errors as `ProviderError`; a 404 is success where "already gone" is. */
async function call<T>(request: () => Promise<T>, options: { missingIsDone?: boolean } = {}): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (options.missingIsDone && error instanceof APIError && error.status === 404) return undefined as T;
    throw toProviderError(error);
  }
}

/** By status alone: Retell's error bodies are not a documented contract. */
export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const body = error.error as { message?: unknown } | undefined;
    const message = typeof body?.message === "string" ? body.message : error.message;
    const kind = status === 404 ? "not_found" : status === 401 || status === 403 ? "auth" : status === 429 || status >= 500 || status === 408 ? "unavailable" : "rejected";
    return new ProviderError(kind, `Retell answered ${status}: ${message}`, provider, { providerCode: status, cause: error });
  }
  if (error instanceof APIConnectionError) return new ProviderError("unavailable", `Retell could not be reached: ${error.message}`, provider, { cause: error });
  return new ProviderError("unavailable", error instanceof Error ? error.message : String(error), provider, { cause: error });
}
