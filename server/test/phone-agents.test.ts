import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentToolNames } from "@frontdesk/core";
import { accountMessages, forTenant, openDb, phoneNumbers, tenants, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { retellVoiceAgent } from "@frontdesk/retell";
import { startFakeRetell, type FakeRetell, type FakeWorkspace } from "@frontdesk/retell/testing";
import { sandboxTwilioAccount, startFakeTwilio, type FakeTwilio } from "@frontdesk/twilio/testing";
import { linkIn, person, type CallAnswer } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

type Json = Record<string, any>;

const ownRetellKey = "key_own_retell_account_of_the_clinic";
const ownTwilio = { accountSid: `AC${"ab12".repeat(8)}`, authToken: "own-twilio-auth-token-0001" };

describe("phone agents, through tRPC and REST, against a fake Retell", () => {
  let server: RunningServer;
  let retell: FakeRetell;
  let twilio: FakeTwilio;
  let db: Db;
  let publicUrl: string;

  const demo = () => person(server.url);
  const call = (path: string, input?: unknown, mutation = false): Promise<CallAnswer> =>
    demo().call(path, input, { mutation, headers: { authorization: `Bearer ${server.demoSecretKey}` } });
  const must = async (answer: Promise<CallAnswer>): Promise<any> => {
    const settled = await answer;
    expect(settled, JSON.stringify(settled)).toMatchObject({ status: 200 });
    return settled.data;
  };
  const restCall = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${server.demoSecretKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  /** The fake's workspace holding the agent, and its versions there. */
  const atRetell = (providerAgentId: string): { ws: FakeWorkspace; versions: Json[] } => {
    for (const key of new Set(retell.requests.map((request) => request.key).filter(Boolean))) {
      const ws = retell.workspace(key);
      const versions = ws.agents.get(providerAgentId);
      if (versions) return { ws, versions };
    }
    throw new Error(`The fake has no agent ${providerAgentId}.`);
  };
  const publishedAtRetell = (providerAgentId: string) => {
    const { ws, versions } = atRetell(providerAgentId);
    const agent = versions.filter((version) => version.is_published).at(-1)!;
    const engine = agent.response_engine as Json;
    const llm = ws.llms.get(engine.llm_id)!.find((version) => version.version === engine.version)!;
    return { agent, llm };
  };

  beforeAll(async () => {
    retell = await startFakeRetell({ acceptKeys: (key) => key.startsWith("key_sandbox_") });
    twilio = await startFakeTwilio({ accounts: [sandboxTwilioAccount, ownTwilio] });
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    server = await startServer({ PORT: String(port), PUBLIC_URL: publicUrl, FRONTDESK_RETELL_URL: retell.url, FRONTDESK_TWILIO_URL: twilio.url });
    db = await openDb(server.databaseUrl);
  });
  afterAll(async () => {
    db?.close();
    await server?.stop();
    await retell?.close();
    await twilio?.close();
  });

  it("creates an agent, shows the diff, publishes it with the tools and URLs, and rolls back to version 1 in one call", async () => {
    const voices = await must(call("agents.voices"));
    expect(voices).toEqual(expect.arrayContaining([expect.objectContaining({ id: "retell-Cimo", previewUrl: expect.stringMatching(/\/__fake\/audio\/retell-Cimo\.wav$/) })]));
    await must(call("knowledge.add", { kind: "qa", title: "Is there parking?", body: "Yes, free parking behind the building." }, true));

    const created = await must(call("agents.create", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo", transferNumber: "+14155550123" } }, true));
    expect(created).toMatchObject({ status: "inactive", publishedVersionId: null, hasUnpublishedChanges: true, sandbox: true });
    const agentId = created.id as string;

    const first = await must(call("agents.preview", { agentId }));
    expect(first).toMatchObject({ changed: true, publishedVersionId: null, tools: { removed: [], changed: [] } });
    expect(first.tools.added).toEqual([...agentToolNames, "transfer_call", "end_call"]);
    expect(first.prompt.after).toContain('Check-up & cleaning (callers may say "limpieza", "revisión"): 45 minutes, 95 USD');
    expect(first.prompt.after).toContain("Q: Is there parking?");
    expect(first.prompt.lines.every((line: Json) => line.op === "added")).toBe(true);

    const v1 = await must(call("agents.publish", { agentId, note: "first" }, true));
    expect(v1).toMatchObject({ number: 1, note: "first", toolNames: [...agentToolNames, "transfer_call", "end_call"] });
    const afterPublish = await must(call("agents.get", { agentId }));
    expect(afterPublish).toMatchObject({ publishedVersionId: v1.id, publishedVersion: 1, hasUnpublishedChanges: false, providerAgentId: expect.stringMatching(/^agent_/) });

    // What Retell now has: the LLM with our 8 tools at our URLs, the built-ins, the events URL and the analysis fields.
    const { agent: retellAgent, llm } = publishedAtRetell(afterPublish.providerAgentId);
    expect(llm.general_prompt).toBe(v1.prompt);
    const tools = llm.general_tools as Json[];
    expect(tools.map((tool) => tool.name)).toEqual([...agentToolNames, "transfer_call", "end_call"]);
    for (const tool of tools.filter((t) => t.type === "custom")) {
      expect(tool).toMatchObject({ url: `${publicUrl}/webhooks/retell/agents/${agentId}/tools/${tool.name}`, method: "POST", timeout_ms: 8000, max_retry: 2 });
    }
    expect(tools.find((tool) => tool.name === "check_availability")).toMatchObject({ speak_during_execution: true, parameters: { required: ["service", "date"] } });
    expect(tools.find((tool) => tool.name === "transfer_call")).toMatchObject({ type: "transfer_call", transfer_destination: { number: "{{transfer_number}}" } });
    expect(retellAgent).toMatchObject({ webhook_url: `${publicUrl}/webhooks/retell/agents/${agentId}/events`, voice_id: "retell-Cimo", max_call_duration_ms: 15 * 60_000 });
    expect((retellAgent.post_call_analysis_data as Json[]).map((field) => field.name)).toEqual(["intent", "intent_confidence", "outcome", "escalation_reason", "satisfaction"]);
    expect((retellAgent.post_call_analysis_data as Json[])[2]).toMatchObject({ type: "enum", choices: ["successful", "escalated", "failed"] });

    expect(await must(call("agents.preview", { agentId }))).toMatchObject({ changed: false, config: [], tools: { added: [], removed: [], changed: [] }, publishedVersionId: v1.id });

    // A number answering with version 1, as the numbers package binds one: at Retell, and in our table.
    const { ws } = atRetell(afterPublish.providerAgentId);
    const sandboxRetell = retellVoiceAgent({ apiKey: ws.key, baseURL: retell.url, readRetries: 0 });
    const numberId = "num_pinned_by_the_test";
    const inbound = `${publicUrl}/webhooks/retell/numbers/${numberId}/inbound`;
    const { phoneNumber } = await sandboxRetell.buyNumber({ country: "US", areaCode: "628" }, { inbound: { providerAgentId: afterPublish.providerAgentId, version: retellAgent.version as number }, inboundWebhookUrl: inbound, nickname: "Front line" });
    const [demoTenant] = await rowsOf(db, tenants, { sandbox: true });
    await db.write((writer) =>
      forTenant(writer, demoTenant!.id).addPhoneNumber({ id: numberId, e164: phoneNumber, country: "US", type: "local", nickname: "Front line", carrier: "retell", retellImported: true, status: "active", agentId, pinnedVersionId: v1.id, capabilities: { voice: true, sms: false, mms: false } }),
    );
    const pinned = async () => ({ row: (await rowsOf(db, phoneNumbers, { id: numberId }))[0]!.pinnedVersionId, atRetell: (ws.numbers.get(phoneNumber)!.inbound_agents as Json[])[0]!.agent_version });
    const latestAtRetell = () => atRetell(afterPublish.providerAgentId).versions.filter((version) => version.is_published).at(-1)!.version;

    const edited = await must(call("agents.update", { agentId, config: { customInstructions: "Always mention the free parking." } }, true));
    expect(edited).toMatchObject({ hasUnpublishedChanges: true, config: { customInstructions: "Always mention the free parking.", transferNumber: "+14155550123", voiceId: "retell-Cimo" } });
    const diff = await must(call("agents.preview", { agentId }));
    expect(diff).toMatchObject({ changed: true, config: ["customInstructions"], tools: { added: [], removed: [], changed: [] } });
    expect(diff.prompt.lines.filter((line: Json) => line.op !== "same")).toEqual([
      { op: "added", text: "" },
      { op: "added", text: "The business's own instructions:" },
      { op: "added", text: "Always mention the free parking." },
    ]);

    const v2 = await restCall("POST", `/agents/${agentId}/publish`, {});
    expect(v2).toMatchObject({ status: 200, body: { number: 2 } });
    expect(publishedAtRetell(afterPublish.providerAgentId).llm.general_prompt).toContain("Always mention the free parking.");
    expect((await restCall("GET", `/agents/${agentId}/versions`)).body.map((version: Json) => version.number)).toEqual([2, 1]);
    expect(await pinned()).toEqual({ row: v2.body.id, atRetell: latestAtRetell() });
    expect(latestAtRetell()).not.toBe(retellAgent.version);

    const v3 = await restCall("POST", `/agents/${agentId}/rollback`, { versionId: v1.id });
    expect(v3).toMatchObject({ status: 200, body: { number: 3, note: "Rollback to version 1", prompt: v1.prompt } });
    expect(publishedAtRetell(afterPublish.providerAgentId).llm.general_prompt).toBe(v1.prompt);
    expect(atRetell(afterPublish.providerAgentId).versions.filter((version) => version.is_published)).toHaveLength(3);
    const rolledBack = await must(call("agents.get", { agentId }));
    expect(rolledBack).toMatchObject({ publishedVersion: 3, hasUnpublishedChanges: false, config: { customInstructions: "" }, lastError: null });
    expect(await pinned()).toEqual({ row: v3.body.id, atRetell: latestAtRetell() });
    expect(ws.numbers.get(phoneNumber)).toMatchObject({ inbound_webhook_url: inbound, nickname: "Front line" });
    // A number answers with it: it stays.
    expect(await call("agents.delete", { agentId }, true)).toMatchObject({ status: 409, code: "INVALID_TRANSITION", field: "agentId" });

    expect(await must(call("agents.activate", { agentId }, true))).toMatchObject({ status: "active" });
    expect(await must(call("agents.deactivate", { agentId }, true))).toMatchObject({ status: "inactive" });
  });

  it("duplicates an agent unpublished, publishes one on activation, and deletes it at Retell too", async () => {
    const original = await must(call("agents.create", { config: { name: "Night owl", type: "after_hours", voiceId: "11labs-Adrian", language: "en-US" } }, true));
    const copy = await must(call("agents.duplicate", { agentId: original.id }, true));
    expect(copy).toMatchObject({ name: "Night owl (copy)", type: "after_hours", status: "inactive", publishedVersionId: null, config: { voiceId: "11labs-Adrian" } });
    const active = await must(call("agents.activate", { agentId: copy.id }, true));
    expect(active).toMatchObject({ status: "active", publishedVersion: 1 });
    expect(atRetell(active.providerAgentId).versions.some((version) => version.is_published)).toBe(true);

    expect(await must(call("agents.delete", { agentId: copy.id }, true))).toEqual({ ok: true });
    expect(() => atRetell(active.providerAgentId)).toThrow();
    expect(await call("agents.get", { agentId: copy.id })).toMatchObject({ status: 404, code: "NOT_FOUND", field: "agentId" });
    expect((await must(call("agents.list"))).map((agent: Json) => agent.id)).not.toContain(copy.id);
  });

  it("refuses bad configurations with the field at fault, over tRPC and REST", async () => {
    expect(await call("agents.create", { config: { name: "Ava", type: "receptionist", voiceId: "no-such-voice" } }, true)).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "config.voiceId" });
    expect(await call("agents.create", { config: { name: "", type: "receptionist", voiceId: "retell-Cimo" } }, true)).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "config.name" });
    expect(await call("agents.create", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo", transferNumber: "12" } }, true)).toMatchObject({ code: "VALIDATION_FAILED", field: "config.transferNumber" });
    expect(await call("agents.create", { config: { name: "Ava", type: "robot", voiceId: "retell-Cimo" } }, true)).toMatchObject({ code: "VALIDATION_FAILED", field: "config.type" });
    const rest = await restCall("POST", "/agents", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo", maxCallDurationMin: 600 } });
    expect(rest).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", field: "config.maxCallDurationMin" } });
    expect(await call("agents.create", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo", afterHoursAgentId: "agt_nobody" } }, true)).toMatchObject({ code: "NOT_FOUND", field: "config.afterHoursAgentId" });
    expect(await call("agents.rollback", { agentId: "agt_nobody", versionId: "agv_nobody" }, true)).toMatchObject({ status: 404, code: "NOT_FOUND", field: "agentId" });
    expect(await call("knowledge.add", { kind: "qa", title: "Parking?", body: "" }, true)).toMatchObject({ code: "VALIDATION_FAILED", field: "body" });
  });

  it("keeps a knowledge base that is searched without accents, changed and emptied", async () => {
    const entry = await must(call("knowledge.add", { kind: "document", title: "Seguro dental", body: "Aceptamos la mayoría de los seguros; traiga su tarjeta a la cita.", tags: ["insurance"] }, true));
    expect((await must(call("knowledge.search", { query: "mayoria tarjeta" }))).map((found: Json) => found.id)).toEqual([entry.id]);
    const changed = await restCall("PATCH", `/knowledge/${entry.id}`, { title: "Seguros" });
    expect(changed).toMatchObject({ status: 200, body: { title: "Seguros", tags: ["insurance"], body: entry.body } });
    expect((await must(call("knowledge.list"))).map((found: Json) => found.id)).toContain(entry.id);
    expect(await restCall("DELETE", `/knowledge/${entry.id}`)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await must(call("knowledge.search", { query: "tarjeta" }))).toEqual([]);
    expect(await call("knowledge.remove", { entryId: entry.id }, true)).toMatchObject({ code: "NOT_FOUND", field: "entryId" });
  });

  it("connects the business's own Retell and Twilio accounts, tests them, and says when the keys stop working", async () => {
    retell.addKey(ownRetellKey);
    const connected = await must(call("connections.connectRetell", { apiKey: ownRetellKey }, true));
    expect(connected).toMatchObject({ provider: "retell", mode: "sandbox", status: "ok", lastError: null, accountRef: null });
    const listed = await must(call("connections.list"));
    expect(JSON.stringify(listed)).not.toContain(ownRetellKey);

    retell.failNext({ method: "GET", path: "/get-concurrency", status: 401 });
    expect(await must(call("connections.test", { connectionId: connected.id }, true))).toMatchObject({ status: "failing", lastError: expect.stringContaining("401") });
    expect((await restCall("POST", `/connections/${connected.id}/test`, {})).body).toMatchObject({ status: "ok", lastError: null });

    const badTwilio = (await restCall("POST", "/connections/twilio", { accountSid: `AC${"cd34".repeat(8)}`, authToken: "not-the-right-token-at-all" })).body;
    expect(badTwilio).toMatchObject({ provider: "twilio", status: "failing", lastError: expect.any(String) });
    const goodTwilio = await must(call("connections.connectTwilio", ownTwilio, true));
    expect(goodTwilio).toMatchObject({ id: badTwilio.id, status: "ok", accountRef: ownTwilio.accountSid });
    expect(await call("connections.connectTwilio", { accountSid: "12345", authToken: "x" }, true)).toMatchObject({ code: "VALIDATION_FAILED", field: "accountSid" });
  });

  it("imports an agent made in the business's own Retell account, once, and publishes our tools onto it", async () => {
    const own = retellVoiceAgent({ apiKey: ownRetellKey, baseURL: retell.url, readRetries: 0 });
    const made = await own.publish({
      name: "Old receptionist",
      voiceId: "11labs-Lucia",
      language: "es-US",
      prompt: "Eres la recepcionista de la clínica.",
      greeting: "Hola",
      dynamicDefaults: {},
      tools: [],
      transfer: null,
      eventsUrl: "https://elsewhere.example/events",
      maxCallDurationMs: 600_000,
      analysis: [],
      versionTitle: "made by hand",
    });
    const imported = await must(call("agents.import", { providerAgentId: made.providerAgentId }, true));
    expect(imported).toMatchObject({ name: "Old receptionist", type: "custom", providerAgentId: made.providerAgentId, publishedVersionId: null, config: { voiceId: "11labs-Lucia", language: "es-US", customInstructions: "Eres la recepcionista de la clínica." } });
    const [retellConnection] = (await must(call("connections.list"))).filter((c: Json) => c.provider === "retell");
    expect(imported.connectionId).toBe(retellConnection.id);
    expect((await restCall("POST", "/agents/import", { providerAgentId: made.providerAgentId })).body.id).toBe(imported.id);

    await must(call("agents.publish", { agentId: imported.id }, true));
    const versions = retell.workspace(ownRetellKey).agents.get(made.providerAgentId)!;
    const latest = versions.filter((version) => version.is_published).at(-1)!;
    expect(latest).toMatchObject({ webhook_url: `${publicUrl}/webhooks/retell/agents/${imported.id}/events` });
    expect(await call("agents.import", { providerAgentId: "agent_nowhere" }, true)).toMatchObject({ status: 404, code: "NOT_FOUND", field: "providerAgentId" });
    // In use by an agent: the connection stays.
    expect(await call("connections.remove", { connectionId: retellConnection.id }, true)).toMatchObject({ code: "INVALID_TRANSITION", field: "connectionId" });
  });

  it("maps Retell's failures to PROVIDER_* codes", async () => {
    const agent = await must(call("agents.create", { config: { name: "Fragile", type: "scheduler", voiceId: "retell-Cimo" } }, true));
    retell.failNext({ method: "POST", path: "/create-retell-llm", status: 503 });
    expect(await call("agents.publish", { agentId: agent.id }, true)).toMatchObject({ status: 503, code: "PROVIDER_UNAVAILABLE" });
    expect(await must(call("agents.get", { agentId: agent.id }))).toMatchObject({ lastError: expect.stringContaining("503"), publishedVersionId: null });
    retell.failNext({ method: "POST", path: "/create-retell-llm", status: 401 });
    expect(await call("agents.publish", { agentId: agent.id }, true)).toMatchObject({ status: 424, code: "PROVIDER_AUTH_FAILED" });
    expect(await must(call("agents.publish", { agentId: agent.id }, true))).toMatchObject({ number: 1 });
  });

  it("lets staff read agents but not change them, and keeps other businesses out", async () => {
    const password = "correct horse battery staple";
    const owner = person(server.url);
    expect((await owner.auth("sign-up/email", { name: "Owner", email: "owner@agents.example", password })).status).toBe(200);
    await must(owner.call("accounts.createBusiness", { name: "Agents shop", timeZone: "UTC" }, { mutation: true }));
    await must(owner.call("team.invite", { email: "staff@agents.example", role: "staff" }, { mutation: true }));
    const mails = await rowsOf(db, accountMessages, { recipient: "staff@agents.example", kind: "invitation" });
    const staff = person(server.url);
    expect((await staff.auth("sign-up/email", { name: "Staff", email: "staff@agents.example", password })).status).toBe(200);
    await must(staff.call("accounts.acceptInvitation", { token: new URL(linkIn(mails.at(-1)!.text)).searchParams.get("invitation")! }, { mutation: true }));

    const mine = await must(owner.call("agents.create", { config: { name: "Shop agent", type: "receptionist", voiceId: "retell-Cimo" } }, { mutation: true }));
    expect(await staff.call("agents.list")).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
    for (const [path, input] of [["agents.create", { config: { name: "Mine", type: "receptionist", voiceId: "retell-Cimo" } }], ["agents.publish", { agentId: mine.id }], ["agents.delete", { agentId: mine.id }], ["knowledge.add", { kind: "qa", title: "Q", body: "A" }], ["connections.connectRetell", { apiKey: "key_sandbox_stolen" }]] as const) {
      expect(await staff.call(path, input, { mutation: true }), path).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    }
    // The demo business's key does not reach the shop's agent.
    expect(await call("agents.get", { agentId: mine.id })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await call("agents.publish", { agentId: mine.id }, true)).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });
});
