import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import type { AgentConfig } from "@frontdesk/core";
import { callTranscripts, calls, createTenant, forTenant, holidays, openDb, providerEvents, toolInvocations, type Db } from "@frontdesk/db";
import { countRows, insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { callEventBodies, postSigned, sandboxRetellKey, type SimulatedCall } from "../testing/call-events";
import { startServer, type RunningServer } from "../testing/start-server";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";

const secret = "call-ingest-test-secret";
const demo = "ten_demo_brightsmile";
const other = "ten_other_clinic";
const demoKey = sandboxRetellKey(secret, demo);
const otherKey = sandboxRetellKey(secret, other);
const caller = "+14155550142";
const line = "+14155550100";
const wav = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(40, 1)]);

let server: RunningServer;
let db: Db;
let hooks: WebhookReceiver;
let recordings: Server;
let recordingsUrl: string;

const config = (transferNumber: string | null): AgentConfig => ({
  name: "Receptionist", type: "receptionist", voiceId: "retell-Cimo", language: "en-US", greeting: "Hello!", personality: "friendly",
  customInstructions: "", promptStyle: "enhanced", transferNumber, escalation: { onRequest: true, onFrustration: true, keywords: [] },
  maxCallDurationMin: 15, concurrentCallLimit: null, requireApproval: true, tools: ["check_availability"], workingHours: null, afterHoursAgentId: null,
});

beforeAll(async () => {
  recordings = createServer((req, res) => (req.url?.startsWith("/expired/") ? res.writeHead(404).end() : res.writeHead(200, { "content-type": "audio/wav" }).end(wav)));
  await new Promise<void>((resolve) => recordings.listen(0, "127.0.0.1", resolve));
  recordingsUrl = `http://127.0.0.1:${(recordings.address() as AddressInfo).port}`;
  hooks = await startWebhookReceiver();
  server = await startServer({ FRONTDESK_SECRET: secret, FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: "1", FRONTDESK_WEBHOOKS_ALLOW_HTTP: "1" });
  db = await openDb(server.databaseUrl);
  const at = server.now();
  await db.write(async (writer) => {
    await createTenant(writer, { tenant: { id: other, name: "Other Clinic", timeZone: "UTC", sandbox: true, createdAt: at } });
    for (const [tenantId, prefix] of [[demo, "main"], [other, "other"]] as const) {
      const scope = forTenant(writer, tenantId);
      await scope.addAgent({ id: `agt_${prefix}`, name: "Receptionist", type: "receptionist", status: "active", draftConfig: config("+14155550177"), providerAgentId: `agent_${prefix}` });
      await scope.addAgentVersion({ id: `agv_${prefix}_1`, agentId: `agt_${prefix}`, number: 1, config: config("+14155550177"), prompt: "p", tools: [], promptHash: "h", providerVersion: 3, publishedAt: at });
      await scope.updateAgent(`agt_${prefix}`, { publishedVersionId: `agv_${prefix}_1` });
    }
    const scope = forTenant(writer, demo);
    await scope.addAgent({ id: "agt_night", name: "After hours", type: "after_hours", status: "active", draftConfig: config(null), providerAgentId: "agent_night" });
    await scope.addAgentVersion({ id: "agv_night_1", agentId: "agt_night", number: 1, config: config(null), prompt: "p", tools: [], promptHash: "h", providerVersion: 7, publishedAt: at });
    await scope.updateAgent("agt_night", { publishedVersionId: "agv_night_1" });
    await scope.addPhoneNumber({ id: "num_main", e164: line, country: "US", type: "local", carrier: "twilio", status: "active", agentId: "agt_main", afterHoursAgentId: "agt_night", capabilities: { voice: true, sms: true, mms: false } });
    await scope.addPhoneNumber({ id: "num_off", e164: "+14155550101", country: "US", type: "local", carrier: "twilio", status: "suspended", capabilities: { voice: true, sms: true, mms: false } });
    await scope.saveCustomer({ id: "cus_jordan", name: "Jordan Rivera", email: null, phone: "(415) 555-0142", phoneE164: caller, timeZone: null, locale: null });
  });
}, 60_000);

afterAll(async () => {
  db?.close();
  await server?.stop();
  await hooks?.close();
  await new Promise((resolve) => recordings?.close(resolve));
});

const eventsUrl = (agentId: string) => `${server.url}/webhooks/retell/agents/${agentId}/events`;
const inboundUrl = (numberId: string) => `${server.url}/webhooks/retell/numbers/${numberId}/inbound`;
const simulated = (callId: string, extra: Partial<SimulatedCall> = {}): SimulatedCall => ({
  callId, providerAgentId: "agent_main", agentVersion: 3, from: caller, to: line, startAt: Date.parse("2027-01-12T14:00:00Z"), ...extra,
});

/** The call's rows, as the call log and call detail read them. */
async function dump(providerCallId: string) {
  const [call] = await rowsOf(db, calls, { providerCallId });
  if (!call) return undefined;
  return {
    call,
    transcript: await rowsOf(db, callTranscripts, { callId: call.id }),
    tools: await rowsOf(db, toolInvocations, { providerCallId }),
  };
}

/** The call's rows once its record has seen every event (they are projected right after they are stored). */
async function projected(providerCallId: string, until: (rows: NonNullable<Awaited<ReturnType<typeof dump>>>) => boolean = (rows) => rows.call.seen === 7) {
  await expect.poll(async () => {
    const rows = await dump(providerCallId);
    return rows !== undefined && until(rows);
  }, { timeout: 10_000 }).toBe(true);
  return (await dump(providerCallId))!;
}

async function send(agentId: string, body: string, key = demoKey) {
  const response = await postSigned(eventsUrl(agentId), body, key);
  return response.status;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("call events", () => {
  it("project a call record with transcript, analysis, talk time, cost, customer and linked tool calls", async () => {
    await db.write((writer) =>
      forTenant(writer, demo).claimToolInvocation({ id: "tin_1", providerCallId: "call_ordered", agentId: "agt_main", tool: "check_availability", argsHash: "a1", args: {}, startedAt: server.now() }),
    );
    for (const { body } of callEventBodies(simulated("call_ordered", { recordingUrl: `${recordingsUrl}/rec/call_ordered.wav` }))) expect(await send("agt_main", body)).toBe(204);
    const rows = await projected("call_ordered");
    expect(rows?.call).toMatchObject({
      tenantId: demo, agentId: "agt_main", agentVersionId: "agv_main_1", phoneNumberId: "num_main", customerId: "cus_jordan", direction: "inbound",
      status: "ended", seen: 7, durationMs: 42_000, disconnectionReason: "user_hangup", summary: "The caller booked a cleaning next Tuesday morning.",
      sentiment: "Positive", intent: "book", intentConfidence: 0.94, outcome: "successful", escalated: false, satisfaction: 5, costCents: 5, latencyP50Ms: 812,
    });
    expect(rows!.call.talkAgentMs).toBeGreaterThan(rows!.call.talkCallerMs!);
    expect(rows!.call.talkCallerMs).toBeGreaterThan(0);
    expect(rows!.transcript[0]!.turns).toHaveLength(5);
    expect(rows!.transcript[0]!.turns[1]).toMatchObject({ role: "user", text: "Hi, can I get a cleaning next Tuesday morning?" });
    expect(rows!.transcript[0]!.text).toMatch(/^Agent: Thank you.*\nCaller: Hi, can I/);
    expect(rows!.tools).toMatchObject([{ id: "tin_1", callId: rows!.call.id }]);
    // Found by search, accents aside.
    const found = await forTenant(db, demo).callPage({ search: "manana", limit: 5 });
    expect(found.items.map((call) => call.providerCallId)).toContain("call_ordered");
  });

  it("give the same rows whatever the order and however often each event comes", async () => {
    const ordered = callEventBodies(simulated("call_ordered", { recordingUrl: `${recordingsUrl}/rec/call_ordered.wav` }));
    const before = await projected("call_ordered", (rows) => rows.call.recordingStatus === "stored");
    const replays = shuffled([...ordered, ...ordered, ...ordered], 7);
    const answers = await Promise.all(replays.map(({ body }) => send("agt_main", body)));
    expect(answers).toEqual(replays.map(() => 204));
    await expect.poll(async () => (await rowsOf(db, providerEvents, { subjectId: "call_ordered" })).map((event) => event.duplicates)).toEqual([3, 3, 3]);
    expect(await dump("call_ordered")).toEqual(before);

    // Another call, its events shuffled and tripled from the first one on: the same record but for ids and times.
    const other = callEventBodies(simulated("call_shuffled", { recordingUrl: `${recordingsUrl}/rec/call_shuffled.wav` }));
    for (const { body } of shuffled([...other, ...other, ...other], 3)) expect(await send("agt_main", body)).toBe(204);
    await projected("call_shuffled", (rows) => rows.call.recordingStatus === "stored");
    const normalise = (rows: Awaited<ReturnType<typeof dump>>) => {
      const { id: _id, providerCallId: _p, createdAt: _c, updatedAt: _u, recordingKey, providerRecordingUrl, ...call } = rows!.call;
      return { call: { ...call, recordingKey: Boolean(recordingKey), providerRecordingUrl: Boolean(providerRecordingUrl) }, turns: rows!.transcript[0]!.turns, text: rows!.transcript[0]!.text };
    };
    expect(normalise(await dump("call_shuffled"))).toEqual(normalise(before));
    expect(await countRows(db, providerEvents, { subjectId: "call_shuffled" })).toBe(3);
  });

  it("store the recording for staff to play, and mark an expired link expired", async () => {
    const rows = await dump("call_ordered");
    expect(rows?.call).toMatchObject({ recordingStatus: "stored", recordingKey: `${demo}:${rows!.call.id}.wav` });
    for (const { body } of callEventBodies(simulated("call_expired", { recordingUrl: `${recordingsUrl}/expired/call_expired.wav` }))) await send("agt_main", body);
    await projected("call_expired", (rows) => rows.call.recordingStatus === "expired");
  });

  it("send call.started, call.ended and call.analyzed once each, however often the events come", async () => {
    const admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
    await admin.webhooks.createEndpoint.mutate({ url: hooks.url, eventTypes: ["call.started", "call.ended", "call.analyzed"] });
    const bodies = callEventBodies(simulated("call_hooked"));
    for (const { body } of [...bodies, ...bodies]) await send("agt_main", body);
    const received = await hooks.waitFor(3);
    const events = received.map((hook) => JSON.parse(hook.body) as { type: string; data: { call: { provider_call_id: string; status: string } } });
    expect(events.map((event) => event.type).sort()).toEqual(["call.analyzed", "call.ended", "call.started"]);
    expect(events.every((event) => event.data.call.provider_call_id === "call_hooked")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hooks.received).toHaveLength(3);
  });

  it("refuse unsigned, wrongly signed, stale and malformed events, and change nothing", async () => {
    const [started] = callEventBodies(simulated("call_refused"));
    const post = (headers: Record<string, string>, body = started!.body) => fetch(eventsUrl("agt_main"), { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post({})).status).toBe(401);
    expect((await post({ "x-retell-signature": "v=1,d=zz" })).status).toBe(401);
    expect((await postSigned(eventsUrl("agt_main"), started!.body, "key_sandbox_wrong")).status).toBe(401);
    expect((await postSigned(eventsUrl("agt_main"), started!.body, demoKey, Date.now() - 6 * 60_000)).status).toBe(401);
    expect(await (await postSigned(eventsUrl("agt_unknown"), started!.body, demoKey)).json()).toEqual({ error: "signature" });
    const malformed = await postSigned(eventsUrl("agt_main"), "{not json", demoKey);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "INVALID_JSON" } });
    expect((await postSigned(eventsUrl("agt_main"), JSON.stringify({ event: "call_started", call: {} }), demoKey)).status).toBe(400);
    // A good event after them is projected: had any been stored, its record would show it.
    const [, ended] = callEventBodies(simulated("call_refused"));
    expect(await send("agt_main", ended!.body)).toBe(204);
    expect((await projected("call_refused", (rows) => rows.call.seen > 0)).call.seen).toBe(2);
    expect(await rowsOf(db, providerEvents, { subjectId: "call_refused" })).toMatchObject([{ kind: "call_ended", duplicates: 0 }]);
  });

  it("refuse another business's agent, whoever signs", async () => {
    const [started] = callEventBodies(simulated("call_cross", { providerAgentId: "agent_other" }));
    // Signed with the other business's own key, sent to the demo's agent: the key does not match.
    expect(await send("agt_main", started!.body, otherKey)).toBe(401);
    // Signed with the demo's key, naming the other business's agent in the URL.
    expect(await send("agt_other", started!.body, demoKey)).toBe(401);
    // Signed right, but about an agent that is not this URL's.
    expect(await send("agt_main", started!.body, demoKey)).toBe(401);
    // Events are stored before the answer: a refused one left nothing.
    expect(await countRows(db, providerEvents, { subjectId: "call_cross" })).toBe(0);
  });
});

describe("the inbound-call webhook", () => {
  const body = (callId: string, from = caller) => JSON.stringify({ event: "call_inbound", call_inbound: { from_number: from, to_number: line, agent_id: "agent_main", agent_version: 3, call_id: callId } });

  it("answers with the number's agent, its pinned version and the call's variables while the business is open", async () => {
    const started = performance.now();
    const response = await postSigned(inboundUrl("num_main"), body("call_in_open"), demoKey);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      call_inbound: {
        override_agent_id: "agent_main",
        override_agent_version: 3,
        dynamic_variables: {
          business_name: "BrightSmile Dental (demo)", caller_name: "Jordan Rivera", today: "2027-01-12", now_local: expect.stringMatching(/^Tuesday 9:0\d AM$/),
          time_zone: "America/New_York", after_hours: "false", transfer_number: "+14155550177",
        },
        metadata: { frontdesk_number_id: "num_main", frontdesk_agent_id: "agt_main" },
      },
    });
    expect(elapsed).toBeLessThan(1_000);
    await expect.poll(() => countRows(db, providerEvents, { subjectId: "call_in_open", kind: "call_inbound" })).toBe(1);
  });

  it("routes to the after-hours agent on a holiday, without a transfer number", async () => {
    await insertRows(db, rowsFor(holidays, { tenantId: demo, id: "hol_test", date: "2027-01-12", name: "Closed" }));
    const answer = (await (await postSigned(inboundUrl("num_main"), body("call_in_closed", "+14155550999"), demoKey)).json()) as { call_inbound: Record<string, unknown> & { dynamic_variables: Record<string, string> } };
    expect(answer.call_inbound).toMatchObject({ override_agent_id: "agent_night", override_agent_version: 7, metadata: { frontdesk_agent_id: "agt_night" } });
    expect(answer.call_inbound.dynamic_variables).toMatchObject({ after_hours: "true", caller_name: "" });
    expect(answer.call_inbound.dynamic_variables).not.toHaveProperty("transfer_number");
  });

  it("answers for a suspended number without an override, and refuses a bad signature", async () => {
    const answer = (await (await postSigned(inboundUrl("num_off"), body("call_in_off"), demoKey)).json()) as { call_inbound: Record<string, unknown> };
    expect(answer.call_inbound).not.toHaveProperty("override_agent_id");
    expect((await postSigned(inboundUrl("num_main"), body("call_in_bad"), otherKey)).status).toBe(401);
    expect((await postSigned(inboundUrl("num_unknown"), body("call_in_bad"), demoKey)).status).toBe(401);
    expect((await postSigned(inboundUrl("num_main"), "[]", demoKey)).status).toBe(400);
  });
});

describe("a caller's personal data", () => {
  it("is exported with their calls and transcripts, and erasing them removes transcripts and recordings", async () => {
    const admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
    const rows = await projected("call_ordered", (found) => found.call.recordingStatus === "stored");
    const file = join(dirname(fileURLToPath(server.databaseUrl)), "recordings", demo, `${rows.call.id}.wav`);
    expect(readFileSync(file)).toEqual(wav);
    const exported = await admin.customers.export.query({ customerId: "cus_jordan" });
    const exportedCalls = exported.sources.calls as { id: string; transcript: unknown[] }[];
    expect(exportedCalls.map((call) => call.id)).toContain(rows.call.id);
    expect(exportedCalls.find((call) => call.id === rows.call.id)!.transcript).toHaveLength(5);

    await admin.customers.erase.mutate({ customerId: "cus_jordan", cancelUpcoming: true });
    const after = await dump("call_ordered");
    expect(after!.transcript).toEqual([]);
    expect(after!.call).toMatchObject({ fromE164: "erased", customerId: null, summary: null, recordingKey: null, recordingStatus: "none" });
    expect(existsSync(file)).toBe(false);
    expect((await forTenant(db, demo).callPage({ search: "manana", limit: 5 })).items.map((call) => call.providerCallId)).not.toContain("call_ordered");
  });
});
