import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, approvals, callerMessages, calls, callTranscripts, forTenant, providerEvents, toolInvocations, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { shippedScenario, shippedScenarios } from "@frontdesk/retell/scenarios";
import { scenarioRecordChecks } from "../app/calls/simulate.service";
import { sandboxRetellKey } from "../testing/call-events";
import { startPhoneHarness, type PhoneHarness } from "../testing/phone-harness";

const demo = "ten_demo_brightsmile";
const secret = "simulate-test-secret";
const line = "+14155550100";
const day = 86_400_000;
/** The callers of reschedule-existing and cancel-existing, whom the business knows with an appointment. */
const callers = [["Avery Chen", "+14155550143"], ["Morgan Blake", "+14155550144"]] as const;
const emailOf = (name: string) => `${name.split(" ")[0]!.toLowerCase()}@example.com`;

async function must(answer: Promise<{ status: number; body: any }>) {
  const { status, body } = await answer;
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

/** The demo's phone line made as a business makes it: two agents created, published and activated, a number bought and bound. */
async function openPhoneLine(h: PhoneHarness) {
  const night = await must(h.rest("POST", "/agents", { config: { name: "Night desk", type: "after_hours", voiceId: "retell-Cimo" } }));
  const ava = await must(h.rest("POST", "/agents", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo", transferNumber: "+14155550123", afterHoursAgentId: night.id } }));
  for (const agent of [night, ava]) {
    await must(h.rest("POST", `/agents/${agent.id}/publish`, {}));
    await must(h.rest("POST", `/agents/${agent.id}/activate`, {}));
  }
  const number = await must(h.rest("POST", "/numbers", { phoneNumber: line }));
  await must(h.rest("PATCH", `/numbers/${number.id}`, { agentId: ava.id, afterHoursAgentId: night.id, status: "active" }));
  return { agentId: ava.id as string, afterHoursAgentId: night.id as string, numberId: number.id as string };
}

const simulate = (h: PhoneHarness, scenarioId: string) => h.rest("POST", "/calls/simulate", { scenarioId });

/** A call's rows, without what differs between two runs of the same call: ids, times, durations, and how often a tool call was retried. */
async function callRows(db: Db, providerCallId: string) {
  const [call] = await rowsOf(db, calls, { providerCallId });
  const tools = await rowsOf(db, toolInvocations, { providerCallId });
  const booked = tools.map((tool) => tool.appointmentId).filter((id) => id !== null);
  const strip = (row: object) => Object.fromEntries(Object.entries(row).filter(([key]) => !/(^id$|Id$|At$|Ms$|^startAt|^endAt|^blocked|cost|latency|attempts|recording|idempotencyKey)/i.test(key)).map(([key, value]) => [key, typeof value === "string" ? value.replace(/\b(apt|apr|cus|msg|cal|tin)_[a-z0-9]+/g, "$1_…") : value]));
  return {
    call: call && strip(call),
    transcript: (await rowsOf(db, callTranscripts, { callId: call?.id ?? "" })).map((row) => (row.turns as { role: string; text: string }[]).map((turn) => `${turn.role}: ${turn.text}`)),
    tools: tools.map(strip),
    approvals: (await rowsOf(db, approvals, { providerCallId })).map(strip),
    appointments: (await Promise.all(booked.map((id) => rowsOf(db, appointments, { id: id! })))).flat().map(strip),
    messages: (await rowsOf(db, callerMessages, { providerCallId })).map(strip),
    events: (await rowsOf(db, providerEvents, { subjectId: providerCallId })).map((event) => event.dedupeKey).sort(),
  };
}

async function projected(db: Db, providerCallId: string) {
  await expect.poll(async () => (await rowsOf(db, calls, { providerCallId }))[0]?.seen, { timeout: 15_000 }).toBe(7);
}

describe("simulated calls through the real server", () => {
  let h: PhoneHarness;
  let phoneLine: Awaited<ReturnType<typeof openPhoneLine>>;

  beforeAll(async () => {
    // The platform's own Retell account serves businesses that are not sandboxes (never reached here); the demo stays on the sandbox.
    h = await startPhoneHarness({ FRONTDESK_SECRET: secret, RETELL_API_KEY: "key_platform_unused" }, { outbound: () => shippedScenario("outbound-reminder") });
    // Two customers known by their phone numbers (as staff would have added them), written while the server is idle:
    // SQLite has one writer, and a web booking's confirmation would soon be the server's.
    await h.db.write(async (writer) => {
      for (const [name, phone] of callers) {
        await forTenant(writer, demo).saveCustomer({ id: `cus_${phone.slice(-4)}`, name, email: emailOf(name), phone, phoneE164: phone, timeZone: null, locale: null });
      }
    });
  }, 60_000);
  afterAll(() => h?.stop());

  it("asks for a number with an agent first, and names unknown and outbound scenarios", async () => {
    expect(await simulate(h, "book-cleaning-next-tuesday")).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", field: "numberId", message: expect.stringMatching(/number.*agent/) } });
    expect(await simulate(h, "no-such-call")).toMatchObject({ status: 404, body: { code: "NOT_FOUND", field: "scenarioId" } });
    expect(await simulate(h, "Not an id")).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", field: "scenarioId" } });
    expect(await simulate(h, "outbound-reminder")).toMatchObject({ status: 400, body: { field: "scenarioId", message: expect.stringContaining("calls.place") } });
  });

  it("plays calls only on the sandbox: a business on a live Retell account is refused", async () => {
    const owner = await h.signUp("owner@live.example", "Owner");
    expect((await owner.call("accounts.createBusiness", { name: "Live clinic", timeZone: "UTC" }, { mutation: true })).status).toBe(200);
    expect(await owner.call("calls.simulate", { scenarioId: "knowledge-question" }, { mutation: true })).toMatchObject({ status: 409, code: "INVALID_TRANSITION", message: expect.stringContaining("sandbox") });
  });

  it("plays every shipped scenario against the demo business and passes its expectations", async () => {
    phoneLine = await openPhoneLine(h);
    // What the scenarios assume of the business: knowledge entries, two callers with appointments, a Friday without fillings.
    await must(h.rest("POST", "/knowledge", { kind: "qa", title: "Is there parking?", body: "Yes: free parking behind the building." }));
    await must(h.rest("POST", "/knowledge", { kind: "qa", title: "Which insurance do you accept?", body: "We accept Delta Dental, Cigna and Aetna." }));
    for (const [name] of callers) await bookWithPhone(h, name);
    for (const staffId of ["stf_patel", "stf_romero"]) await must(h.rest("POST", "/config/time-off", { staffId, start: "2027-01-15T05:00:00Z", end: "2027-01-16T05:00:00Z" }));

    const open = ["book-cleaning-next-tuesday", "reschedule-existing", "cancel-existing", "knowledge-question", "escalate-to-human", "fully-booked-day"];
    const closed = ["after-hours-message", "escalate-nobody-on-duty"];
    const played = new Map<string, { callId: string; passed: boolean; checks: { name: string; ok: boolean }[] }>();
    for (const id of open) played.set(id, await must(simulate(h, id)));
    // The Spanish caller asks for a "limpieza": one of the demo cleaning's other names.
    played.set("spanish-caller", await must(simulate(h, "spanish-caller")));
    // The outbound reminder plays when the agent places the call.
    played.set("outbound-reminder", await placeReminder(h, phoneLine.agentId));
    // Closed today (a holiday without hours): the after-hours agent answers.
    await must(h.rest("PUT", "/config/holidays/2027-01-12", { name: "Closed for the day", ranges: [] }));
    for (const id of closed) played.set(id, await must(simulate(h, id)));
    await must(h.rest("DELETE", "/config/holidays/2027-01-12"));
    // retry-storm is played below, on a server of its own.
    expect([...shippedScenarios.keys()].filter((id) => id !== "retry-storm" && !played.has(id))).toEqual([]);

    const failed = [...played].filter(([, result]) => !result.passed).map(([id, result]) => `${id}: ${JSON.stringify(result.checks.filter((check) => !check.ok))}`);
    expect(failed).toEqual([]);
    for (const result of played.values()) expect(result.callId).toMatch(/^cal_/);
  }, 120_000);

  it("keeps the booking's call record, tool invocations and approval", async () => {
    const booking = await must(h.rest("GET", "/calls?search=cleaning%20tuesday&direction=inbound"));
    const call = booking.items.find((item: { from: string }) => item.from === "+14155550142");
    expect(call, JSON.stringify(booking)).toBeDefined();
    const detail = await must(h.rest("GET", `/calls/${call.id}`));
    expect(detail).toMatchObject({ direction: "inbound", status: "ended", outcome: "successful", intent: "book", agentId: phoneLine.agentId, numberId: phoneLine.numberId, simulated: true });
    expect(detail.toolInvocations.map((tool: { tool: string; outcomeCode: string }) => `${tool.tool} ${tool.outcomeCode}`)).toEqual(["check_availability SLOTS", "book_appointment PENDING_APPROVAL"]);
    const booked = detail.toolInvocations[1];
    expect(detail.approvals).toEqual([expect.objectContaining({ kind: "book", status: "pending", callId: call.id, toolInvocationId: booked.id, appointmentId: booked.appointmentId })]);
    expect(detail.turns.length).toBeGreaterThan(4);
    // Each tool call in its place in the conversation, as the provider's transcript tells: right after the words that asked for it.
    const saidBefore = (tool: { afterTurns: number }) => detail.turns[tool.afterTurns - 1];
    expect(saidBefore(detail.toolInvocations[0])).toMatchObject({ role: "user", text: expect.stringContaining("cleaning next Tuesday morning") });
    expect(saidBefore(booked)).toMatchObject({ role: "user", text: expect.stringContaining("The second one") });
    const [appointment] = await rowsOf(h.db, appointments, { id: detail.approvals[0].appointmentId });
    expect(appointment).toMatchObject({ serviceId: "svc_checkup", status: "pending", channel: "phone" });
  });

  it("says why a scenario that needs the business open is skipped while it is closed", async () => {
    await must(h.rest("PUT", "/config/holidays/2027-01-12", { name: "Closed for the day", ranges: [] }));
    const skipped = await must(simulate(h, "book-cleaning-next-tuesday"));
    await must(h.rest("DELETE", "/config/holidays/2027-01-12"));
    expect(skipped).toMatchObject({ passed: false, skipped: expect.stringMatching(/needs the business open.*closed/) });
  });
});

describe("a call whose webhooks arrive three times and out of order", () => {
  let stormy: PhoneHarness;
  let calm: PhoneHarness;
  beforeAll(async () => {
    [stormy, calm] = await Promise.all([startPhoneHarness({ FRONTDESK_SECRET: secret }), startPhoneHarness({ FRONTDESK_SECRET: secret })]);
    await Promise.all([openPhoneLine(stormy), openPhoneLine(calm)]);
  }, 90_000);
  afterAll(() => Promise.all([stormy?.stop(), calm?.stop()]));

  it("leaves exactly the rows of the same call played once, in order", async () => {
    const storm = await must(simulate(stormy, "retry-storm"));
    expect(storm.passed, JSON.stringify(storm.checks)).toBe(true);
    const [stormCall] = await rowsOf(stormy.db, calls, { id: storm.callId });
    expect(shippedScenario("retry-storm").chaos).toEqual({ duplicate: 3, shuffle: true, retryFirstToolCall: true });

    const clean = await calm.retell.simulate(shippedScenario("retry-storm"), { number: line, chaos: {}, startAt: calm.server.now(), key: sandboxRetellKey(secret, demo), metadata: { frontdesk_simulated: true, frontdesk_scenario_id: "retry-storm" } });
    expect(clean.passed, JSON.stringify(clean.checks)).toBe(true);
    await projected(calm.db, clean.callId);

    const [stormRows, calmRows] = await Promise.all([callRows(stormy.db, stormCall!.providerCallId), callRows(calm.db, clean.callId)]);
    expect(stormRows.tools).toHaveLength(2);
    expect(stormRows.approvals).toHaveLength(1);
    expect(stormRows.events).toEqual(["call_analyzed", "call_ended", "call_inbound", "call_started"]);
    expect(stormRows).toEqual(calmRows);
  });
});

/** A web booking of a check-up next Monday by a customer whose phone number is on their record (see `callers`). */
async function bookWithPhone(h: PhoneHarness, name: string) {
  const monday = new Date(h.server.now() + 6 * day).toISOString().slice(0, 10);
  const free = await must(h.rest("GET", `/availability?serviceId=svc_checkup&from=${monday}&to=${monday}`));
  const response = await fetch(`${h.server.url}/trpc/booking.create`, {
    method: "POST",
    headers: { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://site.example", "content-type": "application/json" },
    body: JSON.stringify({ serviceId: "svc_checkup", start: free.slots[0].start, customer: { name, email: emailOf(name) } }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Places the outbound reminder through the API; the fake plays the scenario; our record is checked against its expectations. */
async function placeReminder(h: PhoneHarness, agentId: string) {
  const scenario = shippedScenario("outbound-reminder");
  await must(h.rest("POST", "/calls", { agentId, to: scenario.caller.number, purpose: "reminder" }));
  let callId = "";
  await expect.poll(async () => {
    const page = await must(h.rest("GET", "/calls?direction=outbound"));
    const [call] = await rowsOf(h.db, calls, { id: page.items[0]?.id ?? "" });
    callId = call?.seen === 7 ? call.id : "";
    return callId;
  }, { timeout: 20_000 }).not.toBe("");
  const [call] = await rowsOf(h.db, calls, { id: callId });
  const checks = await scenarioRecordChecks(forTenant(h.db, demo), scenario, call!.providerCallId, call);
  return { callId, passed: checks.every((check) => check.ok), checks };
}
