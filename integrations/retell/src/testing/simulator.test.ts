import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Retell from "retell-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { retellVoiceAgent, type RetellVoiceAgent } from "../index";
import { inboundAnswer, parseCallEvent, parseInbound, parseToolCall, verifyRetellSignature } from "../webhook";
import { startFakeRetell, type FakeRetell } from "./fake";
import { shippedScenario, shippedScenarios } from "./scenarios";

/**
 * The simulator against a small receiver standing in for the business side: it checks every signature, records
 * every body as received, and answers tools the way our tool endpoints answer (short `say`, a `code`).
 */
interface Received {
  path: string;
  raw: string;
  signature: string;
  verified: boolean;
}

const key = "key_sim_7d3a";
const business = "+14155550100";
let fake: FakeRetell;
let retell: RetellVoiceAgent;
let receiver: { url: string; received: Received[]; afterHours: boolean; failEvents: number; failInbound: boolean; close(): Promise<void> };
let main: { providerAgentId: string; version: number };
let afterHours: { providerAgentId: string; version: number };

function answerTool(name: string, args: Record<string, unknown>): Record<string, unknown> {
  switch (name) {
    case "check_availability":
      return args.date === "this Friday"
        ? { say: "Friday is fully booked. The next free time is Monday at 9:00.", ok: false, code: "NO_SLOTS", slots: [{ start: "2027-01-18T14:00:00.000Z", label: "Monday 9:00 AM" }] }
        : { say: "I have 9:00, 9:45 or 11:15.", ok: true, code: "SLOTS", slots: ["14:00", "14:45", "16:15"].map((t) => ({ start: `2027-01-19T${t}:00.000Z`, label: t })) };
    case "book_appointment":
      return { say: `Booked for ${String(args.name)} at ${String(args.start)}, pending approval.`, ok: true, code: "PENDING_APPROVAL" };
    case "transfer_to_human":
      return { say: "Let me put you through.", ok: true, code: "TRANSFER_OK", transfer_number: "+14155550199" };
    case "business_info":
      return { say: "There is free parking behind the building.", ok: true, code: "INFO" };
    case "take_message":
      return { say: "Someone will call you back tomorrow morning.", ok: true, code: "MESSAGE_TAKEN" };
    default:
      return { say: "I found you.", ok: true, code: "FOUND" };
  }
}

async function startReceiver(): Promise<typeof receiver> {
  const state = { received: [] as Received[], afterHours: false, failEvents: 0, failInbound: false };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = String(req.headers["x-retell-signature"] ?? "");
      const verified = verifyRetellSignature(raw, signature, key, { now: Date.now() }).ok;
      const path = req.url ?? "";
      state.received.push({ path, raw, signature, verified });
      if (!verified) return void res.writeHead(401).end();
      if (path === "/inbound" && state.failInbound) return void res.writeHead(503).end();
      if (path === "/inbound") {
        const variables = { business_name: "BrightSmile Dental", after_hours: String(state.afterHours) };
        return void res.writeHead(200, { "content-type": "application/json" }).end(inboundAnswer(state.afterHours ? { providerAgentId: afterHours.providerAgentId, version: afterHours.version, variables } : { variables }));
      }
      if (path === "/events") {
        if (state.failEvents > 0) {
          state.failEvents--;
          return void res.writeHead(500).end();
        }
        return void res.writeHead(204).end();
      }
      const tool = parseToolCall(raw);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answerTool(tool.name, tool.args)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

const toolNames = ["check_availability", "book_appointment", "find_customer", "transfer_to_human", "take_message", "business_info", "cancel_appointment", "reschedule_appointment"];
const releaseFor = (prefix: string) => ({
  name: prefix,
  voiceId: "retell-Cimo",
  language: "en-US",
  prompt: "Be helpful.",
  greeting: "Thanks for calling {{business_name}}.",
  dynamicDefaults: { business_name: "the clinic" },
  tools: toolNames.map((name) => ({ name, description: name, parameters: { type: "object" as const, properties: {} }, url: `${receiver.url}/${prefix}/tools/${name}` })),
  transfer: { numberVariable: "{{transfer_number}}" as const },
  eventsUrl: `${receiver.url}/events`,
  maxCallDurationMs: 600_000,
  analysis: [],
  versionTitle: prefix,
});
const paths = () => receiver.received.map((r) => (r.path === "/events" ? `event:${(JSON.parse(r.raw) as { event: string }).event}` : r.path));

beforeAll(async () => {
  receiver = await startReceiver();
  fake = await startFakeRetell({ keys: [key], outbound: (request) => ((request.metadata as Record<string, unknown>)?.frontdesk_call_purpose === "reminder" ? shippedScenario("outbound-reminder") : undefined) });
  retell = retellVoiceAgent({ apiKey: key, baseURL: fake.url, readRetries: 0 });
  main = await retell.publish(releaseFor("main"));
  afterHours = await retell.publish(releaseFor("ah"));
  await retell.buyNumber({ country: "US", phoneNumber: business }, { inbound: main, outbound: main, inboundWebhookUrl: `${receiver.url}/inbound`, nickname: "Front desk" });
});
afterAll(async () => {
  await fake.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.afterHours = false;
  receiver.failEvents = 0;
  receiver.failInbound = false;
});

describe("the call simulator", () => {
  it("plays a booking call over the real path, in Retell's order, every request signed", async () => {
    const result = await fake.simulate(shippedScenario("book-cleaning-next-tuesday"), { number: business, startAt: 1_800_000_000_000 });
    expect(result).toMatchObject({ status: "ended", passed: true, routedTo: "main" });
    expect(paths()).toEqual(["/inbound", "event:call_started", "/main/tools/check_availability", "/main/tools/book_appointment", "event:call_ended", "event:call_analyzed"]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    for (const r of receiver.received) expect(await Retell.verify(r.raw, key, r.signature)).toBe(true);

    const inbound = JSON.parse(receiver.received[0]!.raw) as Record<string, unknown>;
    expect(inbound).toEqual({ event: "call_inbound", call_inbound: { agent_id: main.providerAgentId, agent_version: main.version, from_number: "+14155550142", to_number: business, call_id: result.callId } });
    expect(parseInbound(receiver.received[0]!.raw)).toEqual({ from: "+14155550142", to: business, providerCallId: result.callId, providerAgentId: main.providerAgentId, agentVersion: main.version });
    const booking = parseToolCall(receiver.received[3]!.raw);
    expect(booking).toMatchObject({ name: "book_appointment", providerCallId: result.callId, providerAgentId: main.providerAgentId, from: "+14155550142", args: { service: "cleaning", start: "2027-01-19T14:45:00.000Z", name: "Jordan Rivera" } });
    expect(booking.variables).toMatchObject({ business_name: "BrightSmile Dental", after_hours: "false" });
  });

  it("reports the call with transcript, word timings, tool calls, cost, recording and analysis", async () => {
    const result = await fake.simulate(shippedScenario("book-cleaning-next-tuesday"), { number: business, startAt: 1_800_000_000_000 });
    const events = receiver.received.filter((r) => r.path === "/events").map((r) => parseCallEvent(r.raw));
    expect(events.map((e) => e.kind)).toEqual(["call_started", "call_ended", "call_analyzed"]);
    const started = events[0]!;
    if (started.kind !== "call_started") throw new Error("first event");
    expect(started.call).toMatchObject({ status: "ongoing", startedAt: 1_800_000_000_000 });
    expect(started.call.turns).toBeUndefined();
    const analyzed = events[2]!;
    if (analyzed.kind !== "call_analyzed") throw new Error("last event");
    const call = analyzed.call;
    expect(call.turns?.map((t) => t.role)).toEqual(["agent", "user", "agent", "user", "agent", "user"]);
    expect(call.turns?.[0]?.text).toBe("Thanks for calling BrightSmile Dental.");
    expect(call.turns?.[2]?.text).toBe("I have 9:00, 9:45 or 11:15.");
    const times = call.turns!.flatMap((t) => t.words.flatMap((w) => [w.s, w.e]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(call.toolCalls?.map((t) => [t.name, JSON.parse(t.result!).code])).toEqual([["check_availability", "SLOTS"], ["book_appointment", "PENDING_APPROVAL"]]);
    expect(call).toMatchObject({ status: "ended", disconnectionReason: "user_hangup", endedAt: 1_800_000_000_000 + call.durationMs!, analysis: { summary: expect.stringContaining("cleaning"), sentiment: "Positive", successful: true, custom: { intent: "book", outcome: "successful" } } });
    expect(call.costCents).toBeCloseTo((7 * Math.ceil(call.durationMs! / 1000)) / 60, 2);
    expect(call.latencyP50Ms).toBeGreaterThan(0);
    const wav = Buffer.from(await (await fetch(call.recordingUrl!)).arrayBuffer());
    expect(wav.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(wav.readUInt32LE(40) / 16_000).toBeCloseTo(call.durationMs! / 1000, 1);
    // The provider keeps the call: get-call has the transcript.
    expect((await retell.getCall(result.callId)).turns).toHaveLength(6);
  });

  it("sends events three times and in reverse, and a retried first tool call with the same body, under chaos", async () => {
    const result = await fake.simulate(shippedScenario("retry-storm"), { number: business });
    expect(result.passed).toBe(true);
    const tools = receiver.received.filter((r) => r.path.includes("/tools/"));
    expect(tools.map((r) => r.path)).toEqual(["/main/tools/check_availability", "/main/tools/check_availability", "/main/tools/book_appointment"]);
    expect(tools[0]!.raw).toBe(tools[1]!.raw);
    expect(paths().filter((p) => p.startsWith("event:"))).toEqual([...Array(3).fill("event:call_analyzed"), ...Array(3).fill("event:call_ended"), ...Array(3).fill("event:call_started")]);
  });

  it("retries an event that got a 5xx, and fails the run when an event is never taken", async () => {
    receiver.failEvents = 1;
    const retried = await fake.simulate(shippedScenario("book-cleaning-next-tuesday"), { number: business });
    expect(retried.passed).toBe(true);
    expect(retried.steps.filter((s) => s.name === "call_started").map((s) => [s.attempt, s.status])).toEqual([[0, 500], [1, 204]]);
    receiver.failEvents = 100;
    const lost = await fake.simulate(shippedScenario("book-cleaning-next-tuesday"), { number: business });
    expect(lost.passed).toBe(false);
    expect(lost.checks.find((c) => c.name === "call events delivered")).toMatchObject({ ok: false, actual: ["call_started", "call_ended", "call_analyzed"] });
  });

  it("follows the inbound webhook's override to the after-hours agent, and skips a scenario that needs the business open", async () => {
    receiver.afterHours = true;
    const message = await fake.simulate(shippedScenario("after-hours-message"), { number: business });
    expect(message).toMatchObject({ status: "ended", passed: true, routedTo: "after_hours" });
    expect(paths()).toContain("/ah/tools/take_message");
    expect(parseToolCall(receiver.received.find((r) => r.path === "/ah/tools/take_message")!.raw)).toMatchObject({ providerAgentId: afterHours.providerAgentId, args: { name: "Taylor Brooks", urgency: "urgent" } });

    receiver.received.length = 0;
    const booking = await fake.simulate(shippedScenario("book-cleaning-next-tuesday"), { number: business });
    expect(booking).toMatchObject({ status: "skipped", passed: false, reason: expect.stringContaining("open") });
    expect(paths()).toEqual(["/inbound"]);
  });

  it("answers with the number's own agent when the inbound webhook never answers, and fails the run", async () => {
    receiver.failInbound = true;
    const result = await fake.simulate(shippedScenario("knowledge-question"), { number: business });
    expect(result).toMatchObject({ status: "ended", passed: false, routedTo: "main" });
    expect(result.steps.filter((s) => s.kind === "inbound").map((s) => s.status)).toEqual([503, 503, 503, 503]);
    expect(result.checks.find((c) => c.name === "inbound webhook answered")).toMatchObject({ ok: false });
    expect(paths()).toContain("/main/tools/business_info");
  });

  it("transfers to the number the transfer tool lifted into the call's variables", async () => {
    const result = await fake.simulate(shippedScenario("escalate-to-human"), { number: business });
    expect(result.passed).toBe(true);
    expect(result.call).toMatchObject({ disconnection_reason: "call_transfer", transfer_destination: "+14155550199" });
  });

  it("takes the branch the tool's answer chooses, and checks the expected tool codes", async () => {
    const result = await fake.simulate(shippedScenario("fully-booked-day"), { number: business });
    expect(result.checks).toContainEqual({ name: "tool calls", ok: true, expected: ["check_availability:NO_SLOTS", "book_appointment:PENDING_APPROVAL"], actual: ["check_availability:NO_SLOTS", "book_appointment:PENDING_APPROVAL"] });
    expect(parseToolCall(receiver.received.find((r) => r.path.endsWith("/book_appointment"))!.raw).args.start).toBe("2027-01-18T14:00:00.000Z");
    // The same scenario against a day with room fails its expectation.
    const roomy = { ...shippedScenario("fully-booked-day"), turns: shippedScenario("book-cleaning-next-tuesday").turns };
    expect((await fake.simulate(roomy, { number: business })).passed).toBe(false);
  });

  it.each([...shippedScenarios.keys()])("plays %s to the end: every template reads an answer it was given", async (id) => {
    const scenario = shippedScenario(id);
    receiver.afterHours = scenario.requires.open === false;
    const result = await fake.simulate(scenario, { number: business });
    expect(result.reason).toBeUndefined();
    expect(result.status).toBe("ended");
    expect(result.call.direction).toBe(scenario.direction);
  });

  it("stops with an error when a turn reads something no answer gave", async () => {
    const broken = { ...shippedScenario("book-cleaning-next-tuesday"), turns: [{ user: "Hi" }, { agent: "{{avail.say}}" }] };
    const result = await fake.simulate(broken, { number: business });
    expect(result).toMatchObject({ status: "error", passed: false, reason: "{{avail.say}} is not known at this turn." });
    expect(await fake.simulate(shippedScenario("knowledge-question"), { number: "+14155550111" })).toMatchObject({ status: "error", reason: expect.stringContaining("not a number") });
    const { phoneNumber: unbound } = await retell.buyNumber({ country: "US", areaCode: "628" }, { inbound: null, inboundWebhookUrl: "", nickname: "Spare" });
    expect(await fake.simulate(shippedScenario("knowledge-question"), { number: unbound })).toMatchObject({ status: "not_connected", passed: false, call: { call_status: "not_connected" } });
  });

  it("plays an outbound call placed through the API", async () => {
    const placed = await retell.placeCall({ from: business, to: "+14155550142", providerAgentId: main.providerAgentId, version: main.version, variables: { customer_name: "Jordan" }, metadata: { frontdesk_call_purpose: "reminder" } });
    await expect.poll(() => paths().at(-1), { timeout: 5000 }).toBe("event:call_analyzed");
    expect(paths()).toEqual(["event:call_started", "/main/tools/find_customer", "event:call_ended", "event:call_analyzed"]);
    const call = await retell.getCall(placed.providerCallId);
    expect(call).toMatchObject({ direction: "outbound", from: business, to: "+14155550142", disconnectionReason: "agent_hangup", variables: { customer_name: "Jordan" } });
  });

  it("runs a scenario posted to /__fake/simulate and reports it at /__fake/simulations/{call_id}", async () => {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const started = await fetch(`${fake.url}/__fake/simulate`, { method: "POST", headers, body: JSON.stringify({ scenario: shippedScenario("knowledge-question"), to: business }) });
    expect(started.status).toBe(202);
    const { call_id } = (await started.json()) as { call_id: string };
    await expect.poll(async () => ((await (await fetch(`${fake.url}/__fake/simulations/${call_id}`, { headers })).json()) as { status: string }).status, { timeout: 5000 }).toBe("done");
    const waited = await fetch(`${fake.url}/__fake/simulate`, { method: "POST", headers, body: JSON.stringify({ scenario: shippedScenario("knowledge-question"), to: business, wait: true, start_at: 1_800_000_000_000 }) });
    expect(await waited.json()).toMatchObject({ status: "done", result: { status: "ended", passed: true, call: { start_timestamp: 1_800_000_000_000 } } });
    const refused = await fetch(`${fake.url}/__fake/simulate`, { method: "POST", headers, body: JSON.stringify({ scenario: { ...shippedScenario("knowledge-question"), caller: { number: "555" } }, to: business }) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ status: "error", field: "scenario.caller.number" });
    await expect(fake.simulate({ id: "x" }, { number: business })).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "title" });
  });
});
