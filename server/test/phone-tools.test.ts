import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toolAnswerSchema, type ToolAnswer } from "@frontdesk/core";
import { appointmentEvents, appointments, approvals, callerMessages, customers, tenants, toolInvocations } from "@frontdesk/db";
import { countRows, insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { forTenant } from "@frontdesk/db";
import { phoneToolsClient, type PhoneToolsClient, type TestAgent, type ToolCallOptions } from "../testing/phone-tools";
import { startServer, type RunningServer } from "../testing/start-server";

const demo = "ten_demo_brightsmile";
const zone = "America/New_York";
// The server's clock starts on Tuesday 12 January 2027, 9:00 in New York.
const nextTuesdayMorning = { from: Date.parse("2027-01-19T05:00:00Z"), to: Date.parse("2027-01-19T17:00:00Z") };

let server: RunningServer;
let client: PhoneToolsClient;
let agent: TestAgent;
let direct: TestAgent;
let spanish: TestAgent;

beforeAll(async () => {
  server = await startServer();
  client = await phoneToolsClient(server);
  agent = await client.addAgent(demo, "agt_tools_approval", { requireApproval: true });
  direct = await client.addAgent(demo, "agt_tools_direct", { requireApproval: false, transferNumber: "+14155550199" });
  spanish = await client.addAgent(demo, "agt_tools_es", { requireApproval: false, language: "es-US" });
});
afterAll(async () => {
  client?.close();
  await server?.stop();
});

interface Answered {
  status: number;
  text: string;
  body: ToolAnswer & Record<string, unknown>;
}

async function call(who: TestAgent, tool: string, args: Record<string, unknown>, options: ToolCallOptions = {}): Promise<Answered> {
  const response = await fetch(await client.request(who, tool, args, { callId: client.newCallId(), ...options }));
  const text = await response.text();
  const body = response.status === 200 ? toolAnswerSchema.parse(JSON.parse(text)) : JSON.parse(text);
  if (response.status === 200) {
    expect(Buffer.byteLength(text)).toBeLessThan(2048);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
  }
  return { status: response.status, text, body };
}

const firstSlot = async (who: TestAgent, date: string, from?: string) => {
  const { body } = await call(who, "check_availability", { service: "check-up", date, part_of_day: "morning" }, from ? { from } : {});
  expect(body.code).toBe("SLOTS");
  return body.slots![0]!.start;
};

describe("check_availability", () => {
  it("offers a few spread times of the asked-for morning, in the business's zone, for a service named loosely", async () => {
    const { status, body } = await call(agent, "check_availability", { service: "cleaning", date: "next Tuesday", part_of_day: "morning" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, code: "SLOTS" });
    expect(body.slots!.length).toBeGreaterThanOrEqual(1);
    expect(body.slots!.length).toBeLessThanOrEqual(3);
    for (const slot of body.slots!) {
      expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(nextTuesdayMorning.from);
      expect(Date.parse(slot.start)).toBeLessThan(nextTuesdayMorning.to);
    }
    expect(body.say).toMatch(/^On Tuesday, January 19 I have /);
    const hour = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: zone }).format(Date.parse(body.slots![0]!.start)).replace(/\u202f/g, " ");
    expect(body.say).toContain(hour);
  });

  it("answers in Spanish for a Spanish-speaking agent, with Spanish dates", async () => {
    const { body } = await call(spanish, "check_availability", { service: "limpieza check-up", date: "el martes que viene por la mañana" });
    expect(body.code).toBe("SLOTS");
    expect(body.say).toMatch(/^El martes, 19 de enero tengo /);
    for (const slot of body.slots!) expect(Date.parse(slot.start)).toBeLessThan(nextTuesdayMorning.to);
  });

  it("knows a service by the other names the business gave it", async () => {
    const { body } = await call(spanish, "check_availability", { service: "un empaste", date: "el martes que viene" });
    expect(body).toMatchObject({ code: "SLOTS", service: "Filling" });
    expect((await call(agent, "check_availability", { service: "blanchiment", date: "next Tuesday" })).body.code).toBe("UNKNOWN_SERVICE");
    const saved = await fetch(`${server.url}/api/v1/config/services`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.demoSecretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ id: "svc_whitening", name: "Teeth whitening", otherNames: ["blanqueamiento", "blanchiment"], description: "In-chair whitening session.", durationMin: 90, bufferAfterMin: 15, priceCents: 35000 }),
    });
    expect(saved.status).toBe(200);
    expect((await call(agent, "check_availability", { service: "blanchiment", date: "next Tuesday" })).body).toMatchObject({ code: "SLOTS", service: "Teeth whitening" });
  });

  it("says which services there are for one it does not know", async () => {
    const { body } = await call(agent, "check_availability", { service: "haircut", date: "tomorrow" });
    expect(body).toMatchObject({ ok: false, code: "UNKNOWN_SERVICE" });
    expect(body.say).toContain("Consultation");
  });

  it("refuses a past date, and words it cannot read, with something to say", async () => {
    expect((await call(agent, "check_availability", { service: "consultation", date: "2027-01-05" })).body).toMatchObject({ code: "PAST_DATE", ok: false });
    expect((await call(agent, "check_availability", { service: "consultation", date: "purple elephant" })).body).toMatchObject({ code: "UNRECOGNISED_DATE" });
  });

  it("says the business is closed on a Sunday and offers the nearest open times", async () => {
    const { body } = await call(agent, "check_availability", { service: "consultation", date: "Sunday" });
    expect(body.code).toBe("CLOSED_DAY");
    expect(body.say).toMatch(/^We are closed on Sunday, January 17\. The nearest times are /);
    expect(body.slots!.length).toBeGreaterThan(0);
    expect(Date.parse(body.slots![0]!.start)).toBeGreaterThan(Date.parse("2027-01-18T05:00:00Z"));
  });

  it("answers retries of one call, together or later, with the first answer's bytes, and keeps one row for them", async () => {
    const callId = client.newCallId();
    const args = { service: "cleaning", date: "next Thursday", part_of_day: "afternoon" };
    const together = await Promise.all(Array.from({ length: 5 }, async () => (await fetch(await client.request(agent, "check_availability", args, { callId }))).text()));
    const later = await (await fetch(await client.request(agent, "check_availability", args, { callId }))).text();
    expect(new Set([...together, later]).size).toBe(1);
    const rows = await rowsOf(client.db, toolInvocations, { providerCallId: callId });
    expect(rows).toEqual([expect.objectContaining({ tool: "check_availability", status: "done", outcomeCode: "SLOTS", answer: later, attempts: 6 })]);
  });

  it("answers arguments that fail their schema with 200 and the fields to ask again", async () => {
    const { status, body } = await call(agent, "check_availability", { service: "", when: 12 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, code: "INVALID_ARGUMENTS", fields: ["service", "date"] });
  });
});

describe("book_appointment", () => {
  it("books by phone as a request awaiting approval, with its approval written with it, for a caller known only by number", async () => {
    const start = await firstSlot(agent, "next Wednesday");
    const callId = client.newCallId();
    const { body } = await call(agent, "book_appointment", { service: "check-up", start, name: "Jordan Diaz" }, { callId, from: "+14155550161" });
    expect(body).toMatchObject({ ok: true, code: "PENDING_APPROVAL" });
    const id = body.appointment_id as string;
    const [appointment] = await rowsOf(client.db, appointments, { id });
    expect(appointment).toMatchObject({ status: "pending", channel: "phone", startAt: Date.parse(start) });
    const [customer] = await rowsOf(client.db, customers, { id: appointment!.customerId! });
    expect(customer).toMatchObject({ name: "Jordan Diaz", email: null, phoneE164: "+14155550161" });
    const [invocation] = await rowsOf(client.db, toolInvocations, { providerCallId: callId });
    expect(invocation).toMatchObject({ tool: "book_appointment", status: "done", outcomeCode: "PENDING_APPROVAL", appointmentId: id });
    expect(invocation!.latencyMs).toBeGreaterThanOrEqual(0);
    const [approval, ...more] = await rowsOf(client.db, approvals, { appointmentId: id });
    expect(more).toEqual([]);
    expect(approval).toMatchObject({ kind: "book", status: "pending", toolInvocationId: invocation!.id, providerCallId: callId, proposal: { start } });
    expect(invocation!.approvalId).toBe(approval!.id);
    expect((await rowsOf(client.db, appointmentEvents, { appointmentId: id }))[0]).toMatchObject({ actor: "agent", action: "requested" });
  });

  it("confirms at once for an agent that needs no approval, in Spanish for a Spanish agent", async () => {
    const start = await firstSlot(spanish, "el jueves que viene");
    const { body } = await call(spanish, "book_appointment", { service: "check-up", start, name: "Lucía Pérez" }, { from: "+14155550162" });
    expect(body.code).toBe("BOOKED");
    expect(body.say).toMatch(/^Listo: Check-up & cleaning el jueves, 14 de enero a las /);
    expect(await countRows(client.db, approvals, { appointmentId: body.appointment_id as string })).toBe(0);
  });

  it("books once however many retries of one tool call arrive together, and each gets the same bytes", async () => {
    const start = await firstSlot(direct, "next Thursday");
    const callId = client.newCallId();
    const requests = await Promise.all(Array.from({ length: 6 }, () => client.request(direct, "book_appointment", { service: "check-up", start, name: "Sam Retry" }, { callId, from: "+14155550163" })));
    const answers = await Promise.all(requests.map(async (request) => (await fetch(request)).text()));
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]!)).toMatchObject({ code: "BOOKED" });
    // And one more, after the first has its answer.
    const late = await fetch(await client.request(direct, "book_appointment", { service: "check-up", start, name: "Sam Retry" }, { callId, from: "+14155550163" }));
    expect(await late.text()).toBe(answers[0]);
    const [invocation] = await rowsOf(client.db, toolInvocations, { providerCallId: callId });
    expect(invocation!.attempts).toBe(7);
    expect(invocation!.answer).toBe(answers[0]);
    expect(await countRows(client.db, appointments, { id: invocation!.appointmentId! })).toBe(1);
    const customer = await forTenant(client.db, demo).customerByPhone("+14155550163");
    expect(await countRows(client.db, appointments, { customerId: customer!.id })).toBe(1);
  });

  it("offers other times for a time it cannot book, and refuses a past one", async () => {
    const { body } = await call(direct, "book_appointment", { service: "check-up", start: "2027-01-19T14:07:00Z", name: "Off Grid" });
    expect(body).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
    expect(body.slots!.length).toBeGreaterThan(0);
    expect((await call(direct, "book_appointment", { service: "check-up", start: "2027-01-11T14:00:00Z", name: "Too Late" })).body.code).toBe("PAST_DATE");
    expect((await call(direct, "book_appointment", { service: "check-up", start: "next tuesday", name: "No Iso" })).body).toMatchObject({ code: "INVALID_ARGUMENTS", fields: ["start"] });
  });
});

describe("find_customer, reschedule_appointment, cancel_appointment", () => {
  const caller = "+14155550171";

  it("tells the caller their next appointment only when they call from its number", async () => {
    const start = await firstSlot(direct, "next Monday", caller);
    const booked = await call(direct, "book_appointment", { service: "check-up", start, name: "Robin Vega" }, { from: caller });
    const own = await call(direct, "find_customer", {}, { from: caller });
    expect(own.body).toMatchObject({ code: "FOUND", first_name: "Robin", appointment_id: booked.body.appointment_id });
    expect(own.body.say).toMatch(/^I found you, Robin\. Your next appointment is Check-up & cleaning on Monday, January 18 at /);
    const impostor = await call(direct, "find_customer", { name: "Robin Vega", phone: caller }, { from: "+14155550999" });
    expect(impostor.body).toMatchObject({ code: "FOUND" });
    expect(impostor.text).not.toContain("Robin");
    expect(impostor.text).not.toContain(booked.body.appointment_id as string);
    expect((await call(direct, "find_customer", { name: "Nobody Atall" }, { from: "+14155550998" })).body.code).toBe("NOT_FOUND");
  });

  it("moves the caller's appointment, or proposes the move when approval is required", async () => {
    const from = "+14155550172";
    const start = await firstSlot(direct, "next Monday", from);
    const booked = await call(direct, "book_appointment", { service: "check-up", start, name: "Kim Move" }, { from });
    const later = await firstSlot(direct, "January 20", from);
    const moved = await call(direct, "reschedule_appointment", { new_start: later }, { from });
    expect(moved.body).toMatchObject({ code: "BOOKED", appointment_id: booked.body.appointment_id });
    expect((await rowsOf(client.db, appointments, { id: booked.body.appointment_id as string }))[0]!.startAt).toBe(Date.parse(later));

    const proposed = await call(agent, "reschedule_appointment", { new_start: start }, { from });
    expect(proposed.body.code).toBe("PENDING_APPROVAL");
    expect(await rowsOf(client.db, approvals, { appointmentId: booked.body.appointment_id as string, kind: "reschedule" })).toEqual([
      expect.objectContaining({ status: "pending", proposal: { start: new Date(start).toISOString() } }),
    ]);
    expect((await rowsOf(client.db, appointments, { id: booked.body.appointment_id as string }))[0]!.startAt).toBe(Date.parse(later));
  });

  it("cancels the caller's appointment; within the notice period it says to talk to the team; a stranger has none", async () => {
    const from = "+14155550173";
    const start = await firstSlot(direct, "next Tuesday", from);
    const booked = await call(direct, "book_appointment", { service: "check-up", start, name: "Ari Cancel" }, { from });
    const cancelled = await call(direct, "cancel_appointment", { reason: "feeling better" }, { from });
    expect(cancelled.body).toMatchObject({ code: "CANCELLED", appointment_id: booked.body.appointment_id });
    expect((await rowsOf(client.db, appointments, { id: booked.body.appointment_id as string }))[0]!.status).toBe("cancelled");

    const soon = await firstSlot(direct, "tomorrow", from);
    await call(direct, "book_appointment", { service: "check-up", start: soon, name: "Ari Cancel" }, { from });
    expect((await call(direct, "cancel_appointment", {}, { from })).body.code).toBe("TOO_LATE_TO_CHANGE");
    expect((await call(direct, "cancel_appointment", {}, { from: "+14155550997" })).body.code).toBe("NOT_FOUND");
  });
});

describe("business_info, take_message, transfer_to_human", () => {
  it("tells hours, prices and services, and answers a question from the knowledge base", async () => {
    expect((await call(agent, "business_info", { topic: "hours" })).body.say).toMatch(/^Our hours: Monday 8:00 AM–7:00 PM, .*closed on Sunday\./);
    expect((await call(agent, "business_info", { topic: "prices" })).body.say).toContain("Check-up & cleaning $95.00");
    await client.db.write((writer) =>
      forTenant(writer, demo).addKnowledgeEntry({ id: "kbe_parking", kind: "qa", title: "Parking", body: "Free parking behind the building.", tags: [], createdAt: 1, updatedAt: 1 }),
    );
    expect((await call(agent, "business_info", { topic: "faq", question: "Is there parking?" })).body).toMatchObject({ code: "INFO", say: "Free parking behind the building." });
    expect((await call(agent, "business_info", { topic: "faq", question: "Do you validate unicorns?" })).body.code).toBe("NOT_FOUND");
  });

  it("takes a message for a callback, with an approval for staff", async () => {
    const callId = client.newCallId();
    const { body } = await call(agent, "take_message", { name: "Pat Lee", message: "Please call about my bill.", urgency: "urgent" }, { callId, from: "+14155550181" });
    expect(body).toMatchObject({ code: "MESSAGE_TAKEN", say: "Thanks, Pat. I've passed your message on; someone will call you back today." });
    const [message] = await rowsOf(client.db, callerMessages, { providerCallId: callId });
    expect(message).toMatchObject({ name: "Pat Lee", phoneE164: "+14155550181", urgency: "urgent", reason: "caller_asked", status: "open" });
    expect(await rowsOf(client.db, approvals, { messageId: message!.id })).toEqual([expect.objectContaining({ kind: "message", status: "pending" })]);
  });

  it("transfers during working hours to the agent's transfer number, and otherwise leaves a callback", async () => {
    expect((await call(direct, "transfer_to_human", { reason: "billing" })).body).toMatchObject({ code: "TRANSFER_OK", transfer_number: "+14155550199" });
    const callId = client.newCallId();
    expect((await call(agent, "transfer_to_human", { reason: "billing" }, { callId })).body.code).toBe("TRANSFER_UNAVAILABLE");
    expect(await rowsOf(client.db, callerMessages, { providerCallId: callId })).toEqual([expect.objectContaining({ reason: "transfer_unavailable", message: "billing" })]);
  });

  it("leaves one callback for a call whose transfer could not happen and whose caller then left a message", async () => {
    const callId = client.newCallId();
    const from = "+14155550182";
    expect((await call(agent, "transfer_to_human", { reason: "Wants the front desk" }, { callId, from })).body.code).toBe("TRANSFER_UNAVAILABLE");
    const taken = await call(agent, "take_message", { name: "Robin Diaz", message: "Call me back about my crown.", urgency: "urgent" }, { callId, from });
    expect(taken.body.code).toBe("MESSAGE_TAKEN");
    const messages = await rowsOf(client.db, callerMessages, { providerCallId: callId });
    expect(messages).toEqual([
      expect.objectContaining({ name: "Robin Diaz", phoneE164: from, urgency: "urgent", reason: "transfer_unavailable", message: "Wants the front desk\nCall me back about my crown." }),
    ]);
    expect(await rowsOf(client.db, approvals, { providerCallId: callId })).toEqual([expect.objectContaining({ kind: "message", status: "pending", messageId: messages[0]!.id })]);
  });
});

describe("who may call the tools", () => {
  const refused = '{"error":"signature"}';

  it("refuses unsigned, badly signed, stale, other agents' and unknown agents' calls alike, and stores nothing", async () => {
    const before = await countRows(client.db, toolInvocations);
    const args = { service: "check-up", date: "tomorrow" };
    const otherTenant = "ten_tools_other";
    await insertRows(client.db, rowsFor(tenants, { id: otherTenant, name: "Other Clinic", timeZone: zone, sandbox: true }));
    const other = await client.addAgent(otherTenant, "agt_tools_other");
    const cases: ToolCallOptions[] = [
      { signature: null },
      { signature: "v=abc,d=zz" },
      { key: "key_wrong" },
      { signedAt: Date.now() - 6 * 60_000 },
      { providerAgentId: "agent_someone_else" },
      { key: await client.keyOf(otherTenant) },
    ];
    for (const options of cases) {
      const response = await fetch(await client.request(agent, "check_availability", args, { callId: client.newCallId(), ...options }));
      expect([response.status, await response.text()]).toEqual([401, refused]);
    }
    // Another business's agent, signed with this business's key; and an agent nobody has.
    const crossed = await fetch(await client.request(other, "check_availability", args, { key: await client.keyOf(demo) }));
    expect([crossed.status, await crossed.text()]).toEqual([401, refused]);
    const unknown = await fetch(await client.request({ ...agent, id: "agt_nobody" }, "check_availability", args));
    expect([unknown.status, await unknown.text()]).toEqual([401, refused]);
    expect(await countRows(client.db, toolInvocations)).toBe(before);
  });

  it("reads a body sent in pieces without a length, and refuses one past 256 kB before it ends", async () => {
    const start = await firstSlot(direct, "next Friday");
    const callId = client.newCallId();
    const signed = await client.request(direct, "book_appointment", { service: "check-up", start, name: "Zoë Ñúñez" }, { callId });
    const bytes = Buffer.from(await signed.text());
    const split = bytes.indexOf(Buffer.from("ë")) + 1; // inside the two bytes of "ë"
    const booked = await sendInPieces(signed, [bytes.subarray(0, split), bytes.subarray(split)]);
    expect(booked.status).toBe(200);
    expect(JSON.parse(booked.text)).toMatchObject({ code: "BOOKED" });
    expect(await forTenant(client.db, demo).customerByPhone("+14155550142")).toMatchObject({ name: "Zoë Ñúñez" });

    const before = await countRows(client.db, toolInvocations);
    const huge = Array.from({ length: 40 }, () => Buffer.alloc(8 * 1024, "x"));
    const refused = await sendInPieces(await client.request(direct, "check_availability", {}), huge);
    expect([refused.status, refused.text, refused.connection]).toEqual([413, '{"error":"too_large"}', "close"]);
    expect(await countRows(client.db, toolInvocations)).toBe(before);
  });

  it("answers 400 to a signed body that is not a tool call, and 404 to a tool there is not", async () => {
    expect((await fetch(await client.request(agent, "check_availability", {}, { body: "not json {" }))).status).toBe(400);
    const unknownTool = await fetch(await client.request(agent, "order_pizza", {}));
    expect(unknownTool.status).toBe(404);
  });
});

/** Sends `request`'s method and headers with `pieces` as a chunked body (no Content-Length), a moment apart. */
function sendInPieces(request: Request, pieces: Buffer[]): Promise<{ status: number; text: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(request.url, { method: request.method, headers: Object.fromEntries(request.headers) }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, text, connection: response.headers.connection }));
    });
    // The server may close the connection before the rest is sent: only its answer counts.
    outgoing.on("error", () => undefined);
    void (async () => {
      for (const piece of pieces) {
        if (outgoing.destroyed) return;
        outgoing.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      outgoing.end();
    })().catch(reject);
  });
}
