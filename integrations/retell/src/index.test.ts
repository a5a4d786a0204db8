import Retell from "retell-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isProviderError, type AgentRelease, type NumberBinding, type ProviderError } from "@frontdesk/core";
import { retellVoiceAgent, toProviderError, type RetellVoiceAgent } from "./index";
import { startFakeRetell, type FakeRetell } from "./testing/fake";

const keyA = "key_workspace_a_4f1e";
const keyB = "key_workspace_b_9c2d";
let fake: FakeRetell;
let retell: RetellVoiceAgent;
let sdk: Retell;

const release = (overrides: Partial<AgentRelease> = {}): AgentRelease => ({
  name: "BrightSmile receptionist",
  voiceId: "retell-Cimo",
  language: "en-US",
  prompt: "You are the receptionist of {{business_name}}.",
  greeting: "Thanks for calling {{business_name}}, how can I help?",
  dynamicDefaults: { business_name: "BrightSmile Dental" },
  tools: [
    { name: "check_availability", description: "Free times for a service on a day.", parameters: { type: "object", properties: { service: { type: "string" }, date: { type: "string" } }, required: ["service", "date"] }, url: "https://frontdesk.example/webhooks/retell/agents/agt_1/tools/check_availability", speakDuring: "Let me look." },
    { name: "transfer_to_human", description: "Check whether a person can take the call.", parameters: { type: "object", properties: { reason: { type: "string" } } }, url: "https://frontdesk.example/webhooks/retell/agents/agt_1/tools/transfer_to_human" },
  ],
  transfer: { numberVariable: "{{transfer_number}}" },
  eventsUrl: "https://frontdesk.example/webhooks/retell/agents/agt_1/events",
  maxCallDurationMs: 900_000,
  analysis: [
    { name: "intent", type: "enum", description: "What the caller wanted.", choices: ["book", "question", "other"] },
    { name: "satisfaction", type: "number", description: "1 to 5." },
  ],
  versionTitle: "v1",
  ...overrides,
});
const binding = (agent: { providerAgentId: string; version: number } | null): NumberBinding => ({ inbound: agent, inboundWebhookUrl: "https://frontdesk.example/webhooks/retell/numbers/num_1/inbound", nickname: "Front desk" });

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isProviderError(error)) throw new Error(`Expected a ProviderError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  fake = await startFakeRetell({ keys: [keyA, keyB] });
  retell = retellVoiceAgent({ apiKey: keyA, baseURL: fake.url, readRetries: 0, pageSize: 2 });
  sdk = new Retell({ apiKey: keyA, baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("the Retell adapter against the fake", () => {
  it("lists the voices, each with a preview that plays", async () => {
    const voices = await retell.listVoices();
    expect(voices.map((v) => v.id)).toContain("11labs-Adrian");
    expect(voices.find((v) => v.id === "11labs-Lucia")).toMatchObject({ name: "Lucía", gender: "female", provider: "elevenlabs" });
    const preview = await fetch(voices[0]!.previewUrl!);
    expect(preview.headers.get("content-type")).toBe("audio/wav");
    expect((await preview.arrayBuffer()).byteLength).toBeGreaterThan(44);
  });

  it("publishes a release as an LLM with our tools and an agent with our webhook, and reads it back", async () => {
    const published = await retell.publish(release());
    expect(published.version).toBe(0);
    const llm = await sdk.llm.retrieve(published.providerLlmId);
    expect(llm.general_prompt).toBe(release().prompt);
    expect(llm.general_tools?.map((t) => [t.type, t.name])).toEqual([["custom", "check_availability"], ["custom", "transfer_to_human"], ["transfer_call", "transfer_call"], ["end_call", "end_call"]]);
    expect(llm.general_tools?.[0]).toMatchObject({ url: release().tools[0]!.url, timeout_ms: 8000, max_retry: 2, speak_during_execution: true, execution_message_description: "Let me look." });
    const agent = await sdk.agent.retrieve(published.providerAgentId);
    expect(agent).toMatchObject({ is_published: true, voice_id: "retell-Cimo", webhook_url: release().eventsUrl, webhook_events: ["call_started", "call_ended", "call_analyzed"], response_engine: { llm_id: published.providerLlmId } });
    expect(agent.post_call_analysis_data?.map((f) => f.name)).toEqual(["intent", "satisfaction"]);
    expect(await retell.importAgent(published.providerAgentId)).toEqual({ name: release().name, voiceId: "retell-Cimo", language: "en-US", prompt: release().prompt, toolNames: ["check_availability", "transfer_to_human", "transfer_call", "end_call"] });
    expect(await retell.getLlm(published.providerLlmId)).toMatchObject({ greeting: release().greeting });
  });

  it("publishes a change as the agent's next version, pins numbers to versions, and rolls back by re-pinning", async () => {
    const first = await retell.publish(release());
    const second = await retell.publish(release({ prompt: "Be brief.", versionTitle: "v2" }), { providerAgentId: first.providerAgentId });
    expect(second).toMatchObject({ providerAgentId: first.providerAgentId, version: 1 });
    expect(second.providerLlmId).not.toBe(first.providerLlmId);
    expect(await retell.listAgentVersions(first.providerAgentId)).toEqual([{ version: 0, published: true }, { version: 1, published: true }]);
    // A published version and its LLM are frozen.
    const frozen = await sdk.agent.update(first.providerAgentId, { version: 0, agent_name: "changed" }).then(() => undefined, toProviderError);
    expect(frozen).toMatchObject({ kind: "rejected", providerCode: 422 });

    const { phoneNumber } = await retell.buyNumber({ country: "US", areaCode: "415" }, binding({ providerAgentId: first.providerAgentId, version: 0 }));
    expect(phoneNumber).toBe("+14155550100");
    await retell.bindNumber(phoneNumber, binding({ providerAgentId: first.providerAgentId, version: 1 }));
    expect(await retell.getNumber(phoneNumber)).toMatchObject({ inboundAgentId: first.providerAgentId, inboundVersion: 1, nickname: "Front desk" });
    await retell.bindNumber(phoneNumber, binding({ providerAgentId: first.providerAgentId, version: 0 }));
    expect((await retell.getNumber(phoneNumber)).inboundVersion).toBe(0);
    await retell.bindNumber(phoneNumber, binding(null));
    expect(await retell.getNumber(phoneNumber)).toMatchObject({ inboundAgentId: null, inboundVersion: null });
  });

  it("walks lists page by page until has_more is false", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await retell.publish(release({ name: `Agent ${i}` }))).providerAgentId);
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await retell.listAgents(cursor);
      names.push(...page.items.map((a) => a.name));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toEqual(["Agent 4", "Agent 3", "Agent 2", "Agent 1", "Agent 0"]);

    for (let i = 0; i < 5; i++) await retell.buyNumber({ country: "US", areaCode: "628" }, binding(null));
    const before = fake.requests.length;
    expect((await retell.listNumbers()).map((n) => n.phoneNumber)).toEqual(["+16285550104", "+16285550103", "+16285550102", "+16285550101", "+16285550100"]);
    const listRequests = fake.requests.slice(before);
    expect(listRequests).toHaveLength(3);
    expect(listRequests[1]!.path).toMatch(/^\/v2\/list-phone-numbers\?limit=2&pagination_key=/);
  });

  it("buys through Retell, imports a carrier's number over its SIP trunk, and releases both", async () => {
    const agent = await retell.publish(release());
    const tollFree = await retell.buyNumber({ country: "US", tollFree: true }, binding(agent));
    expect(tollFree.phoneNumber).toMatch(/^\+1800555/);
    const trunk = { trunkId: "TK1", terminationUri: "frontdesk-ten1.pstn.twilio.com", username: "fd_ten1", password: "Sup3r-secret-pass" };
    await retell.importNumber("+14155550177", trunk, binding(agent));
    expect(fake.workspace(keyA).numbers.get("+14155550177")).toMatchObject({ phone_number_type: "custom", termination_uri: trunk.terminationUri, sip_trunk_auth_username: "fd_ten1", inbound_webhook_url: binding(null).inboundWebhookUrl });
    const badTrunk = await providerError(retell.importNumber("+14155550178", { ...trunk, terminationUri: "sip.example.com" }, binding(agent)));
    expect(badTrunk).toMatchObject({ kind: "rejected", providerCode: 422 });
    await retell.releaseNumber("+14155550177");
    await retell.releaseNumber("+14155550177");
    expect((await retell.listNumbers()).map((n) => n.phoneNumber)).toEqual([tollFree.phoneNumber]);
  });

  it("places an outbound call, reads it back, starts a web call, and finds calls by agent and time", async () => {
    const agent = await retell.publish(release());
    const { phoneNumber } = await retell.buyNumber({ country: "US", areaCode: "415" }, binding(agent));
    const placed = await retell.placeCall({ from: phoneNumber, to: "+14155550142", providerAgentId: agent.providerAgentId, version: agent.version, variables: { customer_name: "Jordan" }, metadata: { frontdesk_call_purpose: "reminder" } });
    expect(await retell.getCall(placed.providerCallId)).toMatchObject({ providerCallId: placed.providerCallId, direction: "outbound", status: "registered", from: phoneNumber, to: "+14155550142", variables: { customer_name: "Jordan" }, metadata: { frontdesk_call_purpose: "reminder" } });
    const web = await retell.createWebCall({ providerAgentId: agent.providerAgentId, version: agent.version, variables: {}, metadata: {} });
    expect(web.accessToken.length).toBeGreaterThan(20);

    const calls = fake.workspace(keyA).calls;
    [1000, 2000, 3000, 4000, 5000].forEach((start, i) => calls.set(`call_t${i}`, { call_id: `call_t${i}`, agent_id: agent.providerAgentId, agent_version: 0, call_status: "ended", direction: "inbound", start_timestamp: start, transcript: "Agent: hi" }));
    const found = await retell.listCalls({ providerAgentId: agent.providerAgentId, from: 2000, to: 5000 });
    expect(found.map((c) => c.providerCallId)).toEqual(["call_t1", "call_t2", "call_t3", "call_t4"]);
    const listed = await sdk.call.list({ filter_criteria: { agent: [{ agent_id: agent.providerAgentId }] }, limit: 1000 });
    expect(listed.items.every((c) => !("transcript" in c))).toBe(true);
  });

  it("finds a call an attempt placed though its answer was lost, by the metadata it was placed with", async () => {
    const agent = await retell.publish(release());
    const { phoneNumber } = await retell.buyNumber({ country: "US", areaCode: "415" }, binding(agent));
    const place = (request: string) =>
      retell.placeCall({ from: phoneNumber, to: "+14155550142", providerAgentId: agent.providerAgentId, version: agent.version, variables: {}, metadata: { frontdesk_request: request } });
    fake.failNext({ method: "POST", path: "/v2/create-phone-call", status: 500, afterDoing: true });
    expect(await providerError(place("ocl_lost"))).toMatchObject({ kind: "unavailable" });
    // Calls placed after it, and older ones of the same agent, on several pages of the provider's list.
    const calls = fake.workspace(keyA).calls;
    for (let i = 0; i < 7; i++) await place(`ocl_later_${i}`);
    const lost = [...calls.values()].find((call) => (call.metadata as Record<string, string>).frontdesk_request === "ocl_lost")!;
    const paged = retellVoiceAgent({ apiKey: keyA, baseURL: fake.url, pageSize: 3 });
    expect(await paged.findCall({ providerAgentId: agent.providerAgentId, metadata: { frontdesk_request: "ocl_lost" }, since: 0 })).toEqual({ providerCallId: lost.call_id });
    expect(await paged.findCall({ providerAgentId: agent.providerAgentId, metadata: { frontdesk_request: "ocl_never" }, since: 0 })).toBeUndefined();
    // It looks no further than it is told.
    expect(await paged.findCall({ providerAgentId: agent.providerAgentId, metadata: { frontdesk_request: "ocl_lost" }, since: 0, maxCalls: 5 })).toBeUndefined();
    const requests = fake.requests.length;
    calls.set("call_old", { call_id: "call_old", agent_id: agent.providerAgentId, agent_version: 0, call_status: "ended", direction: "outbound", start_timestamp: 1000, metadata: {} });
    expect(await paged.findCall({ providerAgentId: agent.providerAgentId, metadata: { frontdesk_request: "ocl_never" }, since: 2000 })).toBeUndefined();
    expect(fake.requests.length - requests).toBe(1);
  });

  it("answers the connection test with the workspace's concurrency, and a bad key as not ok", async () => {
    expect(await retell.testConnection()).toEqual({ ok: true, concurrency: { current: 0, limit: 20 } });
    const wrong = retellVoiceAgent({ apiKey: "key_nobody", baseURL: fake.url, readRetries: 0 });
    expect(await wrong.testConnection()).toMatchObject({ ok: false, reason: expect.stringContaining("401") });
    expect(await providerError(wrong.listVoices())).toMatchObject({ kind: "auth", providerCode: 401, transient: false });
  });

  it("maps Retell's answers to ProviderError by status, and never retries a purchase", async () => {
    expect(await providerError(retell.getCall("call_missing"))).toMatchObject({ kind: "not_found", providerCode: 404 });
    expect(await providerError(retell.importAgent("agent_missing"))).toMatchObject({ kind: "not_found" });
    const agent = await retell.publish(release());
    expect(await providerError(retell.publish(release({ voiceId: "no-such-voice" })))).toMatchObject({ kind: "rejected", providerCode: 422, message: expect.stringContaining("voice_id") });
    expect(await providerError(retell.buyNumber({ country: "US", areaCode: "12" }, binding(agent)))).toMatchObject({ kind: "rejected", providerCode: 400 });

    // A release the agent refuses leaves no LLM behind.
    expect(fake.workspace(keyA).llms.size).toBe(1);

    fake.failNext({ method: "POST", path: "/create-phone-number", status: 500 });
    const before = fake.requests.length;
    const outage = await providerError(retell.buyNumber({ country: "US", areaCode: "415" }, binding(agent)));
    expect(outage).toMatchObject({ kind: "unavailable", providerCode: 500, transient: true });
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(["/create-phone-number"]);

    fake.failNext({ method: "GET", path: "/list-voices", status: 429 });
    expect(await providerError(retell.listVoices())).toMatchObject({ kind: "unavailable", providerCode: 429 });
    const closed = retellVoiceAgent({ apiKey: keyA, baseURL: "http://127.0.0.1:9", readRetries: 0 });
    expect(await providerError(closed.listVoices())).toMatchObject({ kind: "unavailable", providerCode: undefined });
  });

  it("deletes what is gone already without complaint, and refuses to delete an agent a number uses", async () => {
    const agent = await retell.publish(release());
    const { phoneNumber } = await retell.buyNumber({ country: "US", areaCode: "415" }, binding(agent));
    expect(await providerError(retell.deleteAgent(agent.providerAgentId))).toMatchObject({ kind: "rejected", providerCode: 409 });
    await retell.releaseNumber(phoneNumber);
    await retell.deleteAgent(agent.providerAgentId);
    await retell.deleteAgent(agent.providerAgentId);
    await retell.deleteLlm(agent.providerLlmId);
    await retell.deleteLlm(agent.providerLlmId);
    expect(await providerError(retell.importAgent(agent.providerAgentId))).toMatchObject({ kind: "not_found" });
  });

  it("keeps each API key's workspace to itself", async () => {
    const other = retellVoiceAgent({ apiKey: keyB, baseURL: fake.url, readRetries: 0 });
    const agent = await retell.publish(release());
    const { phoneNumber } = await retell.buyNumber({ country: "US", areaCode: "415" }, binding(agent));
    expect(await other.listAgents()).toEqual({ items: [] });
    expect(await other.listNumbers()).toEqual([]);
    expect(await providerError(other.importAgent(agent.providerAgentId))).toMatchObject({ kind: "not_found" });
    expect(await providerError(other.bindNumber(phoneNumber, binding(null)))).toMatchObject({ kind: "not_found" });
    expect(await providerError(other.releaseNumber(phoneNumber).then(() => other.getNumber(phoneNumber)))).toMatchObject({ kind: "not_found" });
    expect((await retell.getNumber(phoneNumber)).inboundAgentId).toBe(agent.providerAgentId);
    // A number has one owner across workspaces: B is handed the next one.
    const ownAgent = await other.publish(release());
    expect((await other.buyNumber({ country: "US", areaCode: "415" }, binding(ownAgent))).phoneNumber).toBe("+14155550101");
    expect(await providerError(other.bindNumber(phoneNumber, binding(ownAgent)))).toMatchObject({ kind: "not_found" });
  });
});
