import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TranscriptTurn } from "@frontdesk/core";
import { accountMessages, approvals, appointments, callerMessages, forTenant, jobs, notifications, openDb, publishableKeys, randomId, tenants, webhookDeliveries, webhookEndpoints, type Db, type Writer } from "@frontdesk/db";
import { insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { issueSecretKey } from "../app/auth/secret-keys";
import { linkIn, person } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const clinic = "ten_demo_brightsmile";
const salon = "ten_calls_salon";
let server: RunningServer;
let db: Db;
let clinicKey: string;
let salonKey: string;
let agentId: string;

interface Answer {
  status: number;
  body: any;
}

async function rest(method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.key ?? clinicKey}` };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}/api/v1${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, body: text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
}

async function ok(answer: Promise<Answer>): Promise<any> {
  const settled = await answer;
  expect(settled.status, JSON.stringify(settled.body)).toBe(200);
  return settled.body;
}

/**
 * Writes rows from the test's own process once the server has no job running or due: SQLite has one writer, and the
 * server's writes would otherwise meet this process's lock.
 */
async function testWrite<T>(work: (writer: Writer) => Promise<T>): Promise<T> {
  for (let round = 0; round < 100; round++) {
    const busy = (await rowsOf(db, jobs)).some((job) => job.status === "queued" && (job.runAt <= server.now() || (job.leaseUntil ?? 0) > server.now()));
    if (!busy) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.write(work);
    } catch (error) {
      // The server took the lock between the look and the write: wait for it, as its own writes wait for each other.
      if (attempt >= 20 || !/SQLITE_BUSY/.test(String((error as { code?: string }).code ?? error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const turn = (role: TranscriptTurn["role"], text: string, startSec: number): TranscriptTurn => ({ role, text, startSec, endSec: startSec + 2, words: [] });

/** A finished call with its transcript, written as the ingest writes them: through the tenant's scope. */
async function addCall(tenantId: string, startedAt: number, said: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = randomId("cal");
  await testWrite(async (writer) => {
    const scope = forTenant(writer, tenantId);
    await scope.saveCall({
      id,
      providerCallId: `pc_${id}`,
      direction: "inbound",
      fromE164: "+15550100",
      toE164: "+15550199",
      status: "ended",
      startedAt,
      endedAt: startedAt + 60_000,
      durationMs: 60_000,
      createdAt: startedAt,
      updatedAt: startedAt,
      ...extra,
    });
    const turns = [turn("agent", "Hello, Bright Smile.", 0), turn("user", said, 3)];
    await scope.saveTranscript(id, turns, turns.map((t) => `${t.role === "agent" ? "Agent" : "Caller"}: ${t.text}`).join("\n"), startedAt + 60_000);
  });
  return id;
}

const day = 86_400_000;
let base: number;

beforeAll(async () => {
  const port = await freePort();
  server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  db = await openDb(server.databaseUrl);
  clinicKey = server.demoSecretKey;
  await insertRows(
    db,
    rowsFor(tenants, { id: salon, name: "Salon", timeZone: "Europe/Berlin" }),
    rowsFor(publishableKeys, { tenantId: salon, key: "pk_calls_salon", allowedOrigins: ["*"] }),
    // Refused at once when sent (a private address): the test reads the delivery rows, not what arrives.
    rowsFor(webhookEndpoints, { tenantId: clinic, id: randomId("whe"), url: "https://127.0.0.1:9/in", eventTypes: ["approval.created"], secretSealed: "x", createdAt: 0, updatedAt: 0 }),
  );
  salonKey = await db.write((writer) => issueSecretKey(writer, salon));
  agentId = (await db.write((writer) => forTenant(writer, clinic).addAgent({ id: randomId("agt"), name: "Front desk", type: "receptionist", draftConfig: {} as never }))).id;
  base = Date.parse("2027-01-05T09:00:00Z");
  for (let i = 0; i < 25; i++) await addCall(clinic, base + i * 3_600_000, `I need a cleaning, call ${i}`, i % 5 === 0 ? { outcome: "successful", intent: "book", agentId } : {});
  await addCall(clinic, base - day, "¿Tienen cita para mañana con el niño?");
  await addCall(salon, base, "Quiero una cita para mañana");
}, 60_000);

afterAll(async () => {
  db?.close();
  await server?.stop();
});

describe("the call log", () => {
  it("pages newest first, and a call added between pages neither repeats nor hides one", async () => {
    const first = await ok(rest("GET", "/calls?limit=10"));
    expect(first.items).toHaveLength(10);
    const starts = first.items.map((call: { startedAt: string }) => Date.parse(call.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    await addCall(clinic, base + 100 * 3_600_000, "A newer call");
    const seen = new Set<string>(first.items.map((call: { id: string }) => call.id));
    let next = first.next;
    while (next) {
      const page = await ok(rest("GET", `/calls?limit=10&cursor=${next}`));
      for (const call of page.items) {
        expect(seen.has(call.id)).toBe(false);
        seen.add(call.id);
      }
      next = page.next;
    }
    expect(seen.size).toBe(26);
  });

  it("filters by outcome, intent, agent and local dates", async () => {
    expect((await ok(rest("GET", "/calls?outcome=successful"))).items).toHaveLength(5);
    expect((await ok(rest(`GET`, `/calls?intent=book&agentId=${agentId}`))).items).toHaveLength(5);
    const dated = await ok(rest("GET", "/calls?from=2027-01-04&to=2027-01-04"));
    expect(dated.items.map((call: { snippet?: string; summary: unknown; startedAt: string }) => call.startedAt)).toEqual([new Date(base - day).toISOString()]);
    const backwards = await rest("GET", "/calls?from=2027-01-05&to=2027-01-04");
    expect(backwards).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", field: "to" } });
  });

  it("finds transcript words whatever their accents, and only the business's own calls", async () => {
    const found = await ok(rest("GET", `/calls?search=${encodeURIComponent("manana nino")}`));
    expect(found.items).toHaveLength(1);
    expect(found.items[0].snippet).toMatch(/\[mañana\]/);
    const salonFound = await ok(rest("GET", "/calls?search=manana", { key: salonKey }));
    expect(salonFound.items).toHaveLength(1);
    expect(salonFound.items[0].id).not.toBe(found.items[0].id);
    expect((await ok(rest("GET", "/calls?search=cleaning&limit=100"))).items).toHaveLength(25);
  });

  it("exports the current filter as CSV", async () => {
    const csv = await ok(rest("GET", "/calls/export?outcome=successful"));
    const lines = csv.content.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,startedAt,direction,from,to,status,agentId,numberId,durationMs,intent,outcome,summary,simulated");
    expect(lines).toHaveLength(6);
    expect(csv).toMatchObject({ format: "csv", count: 5, next: null });
    expect(lines[1]).toContain(",'+15550100,");
  });

  it("reads one call whole, and another business's as not there", async () => {
    const callId = await addCall(clinic, base + 200 * 3_600_000, "Book me in", { agentId, costCents: 42, talkAgentMs: 20_000, talkCallerMs: 30_000 });
    const call = (await forTenant(db, clinic).call(callId))!;
    await testWrite(async (writer) => {
      const scope = forTenant(writer, clinic);
      const { invocation } = await scope.claimToolInvocation({ id: randomId("tin"), providerCallId: call.providerCallId, callId, agentId, tool: "check_availability", argsHash: "h1", args: { date: "tomorrow" }, startedAt: call.startedAt! + 5_000 });
      await scope.finishToolInvocation(invocation.id, { status: "done", answer: '{"say":"Tomorrow at 9."}', outcomeCode: "SLOTS", finishedAt: call.startedAt! + 5_080, latencyMs: 80, appointmentId: null, approvalId: null, messageId: null });
      await scope.addApproval({ id: randomId("apr"), kind: "message", callId, providerCallId: call.providerCallId, toolInvocationId: invocation.id, createdAt: call.startedAt! + 6_000 });
    });
    const detail = await ok(rest("GET", `/calls/${callId}`));
    expect(detail).toMatchObject({ id: callId, costCents: 42, talkAgentMs: 20_000, talkCallerMs: 30_000, recordingStatus: "none", recordingUrl: null });
    expect(detail.turns.map((t: TranscriptTurn) => [t.role, t.startSec])).toEqual([["agent", 0], ["user", 3]]);
    expect(detail.toolInvocations).toEqual([expect.objectContaining({ tool: "check_availability", args: { date: "tomorrow" }, latencyMs: 80, outcomeCode: "SLOTS" })]);
    expect(detail.approvals).toEqual([expect.objectContaining({ kind: "message", status: "pending", callId })]);

    expect(await rest("GET", `/calls/${callId}`, { key: salonKey })).toMatchObject({ status: 404, body: { code: "NOT_FOUND", field: "callId" } });
    expect(await rest("GET", `/calls/${callId}/recording`)).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect(await rest("GET", `/calls/${callId}/recording`, { key: salonKey })).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect((await rest("GET", `/calls/${callId}/recording`, { key: "sk_nope" })).status).toBe(401);
  });

  it("pushes the calls in progress and agents on call over SSE", async () => {
    const liveId = randomId("cal");
    await testWrite((writer) =>
      forTenant(writer, clinic).saveCall({ id: liveId, providerCallId: `pc_${liveId}`, direction: "inbound", fromE164: "+15550111", toE164: "+15550199", status: "ongoing", agentId, startedAt: server.now(), createdAt: server.now(), updatedAt: server.now() }),
    );
    const abort = new AbortController();
    const response = await fetch(`${server.url}/trpc/calls.live`, { headers: { authorization: `Bearer ${clinicKey}`, accept: "text/event-stream" }, signal: abort.signal });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = "";
    while (!/\ndata: \{.*"calls"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    const data = JSON.parse(/\ndata: (\{"calls".*\})\n/.exec(text)![1]!);
    expect(data.calls.map((call: { id: string }) => call.id)).toEqual([liveId]);
    expect(data.agents).toEqual([expect.objectContaining({ id: agentId, onCall: 1 })]);
  });

  it("refuses an outbound call from an agent that cannot call, saying why", async () => {
    expect(await rest("POST", "/calls", { body: { agentId: "agt_nope", to: "+15550123", purpose: "reminder" } })).toMatchObject({ status: 404, body: { code: "NOT_FOUND", field: "agentId" } });
    expect(await rest("POST", "/calls", { body: { agentId, to: "+15550123", purpose: "reminder" } })).toMatchObject({ status: 409, body: { field: "agentId" } });
  });
});

describe("the approval queue", () => {
  let slot = 0;
  /** A web booking of the implant consultation, which needs approval: it joins the queue. */
  async function pendingBooking(email: string): Promise<string> {
    const from = new Date(server.now() + 3 * day).toISOString().slice(0, 10);
    const to = new Date(server.now() + 20 * day).toISOString().slice(0, 10);
    const free = await ok(rest("GET", `/availability?serviceId=svc_implant&from=${from}&to=${to}`));
    const start = free.slots[slot++ * 3].start;
    const response = await fetch(`${server.url}/trpc/booking.create`, {
      method: "POST",
      headers: { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://site.example", "content-type": "application/json" },
      body: JSON.stringify({ serviceId: "svc_implant", start, customer: { name: "Pat", email } }),
    });
    const answer = (await response.json()) as any;
    expect(answer.result?.data.status, JSON.stringify(answer)).toBe("pending");
    return answer.result.data.id;
  }
  const approvalOf = async (appointmentId: string) => (await rowsOf(db, approvals, { appointmentId }))[0]!;
  const appointmentStatus = async (id: string) => (await rowsOf(db, appointments, { id }))[0]!.status;

  it("queues a booking that waits for approval, with an approval.created webhook", async () => {
    const appointmentId = await pendingBooking("queued@example.com");
    const approval = await approvalOf(appointmentId);
    expect(approval).toMatchObject({ kind: "book", status: "pending" });
    const queue = await ok(rest("GET", "/approvals?limit=100"));
    expect(queue.items.map((item: { id: string }) => item.id)).toContain(approval.id);
    const events = await rowsOf(db, webhookDeliveries, { tenantId: clinic, eventType: "approval.created" });
    expect(events.map((event) => JSON.parse(event.payload).data.approval.id)).toContain(approval.id);
  });

  it("approving a booking confirms it and queues the customer's confirmation", async () => {
    const appointmentId = await pendingBooking("approve@example.com");
    const approval = await approvalOf(appointmentId);
    const decided = await ok(rest("POST", `/approvals/${approval.id}/approve`, { body: {} }));
    expect(decided).toMatchObject({ status: "approved", decidedBy: expect.stringMatching(/^key:/) });
    expect(await appointmentStatus(appointmentId)).toBe("confirmed");
    expect((await rowsOf(db, notifications, { appointmentId, kind: "approved" })).length).toBe(1);
    expect(await rest("POST", `/approvals/${approval.id}/approve`, { body: {} })).toMatchObject({ status: 409, body: { code: "INVALID_TRANSITION" } });
  });

  it("keeps the staff route and the queue on one record", async () => {
    const appointmentId = await pendingBooking("staffroute@example.com");
    await ok(rest("POST", `/appointments/${appointmentId}/approve`, { body: {} }));
    expect(await approvalOf(appointmentId)).toMatchObject({ status: "approved" });
    const rejectedId = await pendingBooking("staffreject@example.com");
    await ok(rest("POST", `/appointments/${rejectedId}/reject`, { body: { reason: "Fully booked" } }));
    expect(await approvalOf(rejectedId)).toMatchObject({ status: "rejected", reason: "Fully booked" });
  });

  it("rejects with a reason the customer is told", async () => {
    const appointmentId = await pendingBooking("reject@example.com");
    const approval = await approvalOf(appointmentId);
    expect(await rest("POST", `/approvals/${approval.id}/reject`, { body: {} })).toMatchObject({ status: 400, body: { field: "reason" } });
    expect(await ok(rest("POST", `/approvals/${approval.id}/reject`, { body: { reason: "The surgeon is away." } }))).toMatchObject({ status: "rejected", reason: "The surgeon is away." });
    expect(await appointmentStatus(appointmentId)).toBe("rejected");
    expect((await rowsOf(db, notifications, { appointmentId, kind: "rejected" })).length).toBe(1);
  });

  it("edits the time, then approves", async () => {
    const appointmentId = await pendingBooking("edit@example.com");
    const approval = await approvalOf(appointmentId);
    const from = new Date(server.now() + 25 * day).toISOString().slice(0, 10);
    const to = new Date(server.now() + 32 * day).toISOString().slice(0, 10);
    const other = (await ok(rest("GET", `/availability?serviceId=svc_implant&from=${from}&to=${to}`))).slots[0].start;
    const decided = await ok(rest("POST", `/approvals/${approval.id}/approve`, { body: { edited: { start: other } } }));
    expect(decided).toMatchObject({ status: "approved", edited: { start: other } });
    const [row] = await rowsOf(db, appointments, { id: appointmentId });
    expect(row).toMatchObject({ status: "confirmed", startAt: Date.parse(other) });
  });

  it("cancels on approve, and decides in bulk with each one's own result", async () => {
    const booked = await ok(rest("POST", "/bookings", { body: { serviceId: "svc_consult", start: (await ok(rest("GET", `/availability?serviceId=svc_consult&from=${new Date(server.now() + 4 * day).toISOString().slice(0, 10)}&to=${new Date(server.now() + 9 * day).toISOString().slice(0, 10)}`))).slots[0].start, customer: { name: "Cy", email: "cancel@example.com" } } }));
    const messageIds = [randomId("msg"), randomId("msg")];
    const ids = { cancel: randomId("apr"), first: randomId("apr"), second: randomId("apr") };
    await testWrite(async (writer) => {
      const scope = forTenant(writer, clinic);
      await scope.addApproval({ id: ids.cancel, kind: "cancel", appointmentId: booked.id, proposal: { reason: "Caller is ill" }, createdAt: server.now() });
      for (const [i, messageId] of messageIds.entries()) {
        await scope.addCallerMessage({ id: messageId, providerCallId: "pc_msg", name: "Mo", phoneE164: "+15550177", message: "Call me back", reason: "caller_asked", createdAt: server.now() });
        await scope.addApproval({ id: i === 0 ? ids.first : ids.second, kind: "message", messageId, createdAt: server.now() });
      }
    });
    await ok(rest("POST", `/approvals/${ids.cancel}/approve`, { body: {} }));
    expect(await appointmentStatus(booked.id)).toBe("cancelled");
    const results = await ok(rest("POST", "/approvals/bulk", { body: { approvalIds: [ids.first, ids.second, ids.cancel], action: "approve" } }));
    expect(results).toEqual([
      { approvalId: ids.first, status: "approved" },
      { approvalId: ids.second, status: "approved" },
      { approvalId: ids.cancel, status: "approved", error: expect.objectContaining({ code: "INVALID_TRANSITION" }) },
    ]);
    expect((await rowsOf(db, callerMessages, { tenantId: clinic, status: "done" })).map((row) => row.id).sort()).toEqual([...messageIds].sort());
    expect(await rest("POST", "/approvals/bulk", { body: { approvalIds: [ids.first], action: "reject" } })).toMatchObject({ status: 400, body: { field: "reason" } });
    expect(await rest("POST", `/approvals/${ids.first}/approve`, { key: salonKey, body: {} })).toMatchObject({ status: 404 });
  });

  it("tells the customer, with the reason, when a move or cancellation they asked for is rejected; the appointment stays", async () => {
    const slots = (await ok(rest("GET", `/availability?serviceId=svc_consult&from=${new Date(server.now() + 4 * day).toISOString().slice(0, 10)}&to=${new Date(server.now() + 9 * day).toISOString().slice(0, 10)}`))).slots;
    const booked = await ok(rest("POST", "/bookings", { body: { serviceId: "svc_consult", start: slots[1].start, customer: { name: "Dee", email: "declined@example.com" } } }));
    const ids = { move: randomId("apr"), cancel: randomId("apr") };
    await testWrite(async (writer) => {
      const scope = forTenant(writer, clinic);
      await scope.addApproval({ id: ids.move, kind: "reschedule", appointmentId: booked.id, proposal: { start: slots.at(-1).start }, createdAt: server.now() });
      await scope.addApproval({ id: ids.cancel, kind: "cancel", appointmentId: booked.id, proposal: { reason: "Caller is ill" }, createdAt: server.now() });
    });
    await ok(rest("POST", `/approvals/${ids.move}/reject`, { body: { reason: "Dr. Patel is away that week." } }));
    await ok(rest("POST", `/approvals/${ids.cancel}/reject`, { body: { reason: "Cancellations need 24 hours' notice." } }));
    const [row] = await rowsOf(db, appointments, { id: booked.id });
    expect(row).toMatchObject({ status: "confirmed", startAt: Date.parse(slots[1].start) });
    const told = await rowsOf(db, notifications, { appointmentId: booked.id, kind: "change_declined" });
    expect(told.map((message) => message.recipient)).toEqual(["declined@example.com", "declined@example.com"]);
    expect(told.map((message) => message.text).join("\n")).toMatch(/Dr\. Patel is away that week\.[\s\S]*Cancellations need 24 hours' notice\./);
    expect(told[0]!.subject).toMatch(/^\[Sandbox\] Unchanged: /);
    // Decided once: a second rejection is refused and tells no one again.
    expect(await rest("POST", `/approvals/${ids.move}/reject`, { body: { reason: "Again" } })).toMatchObject({ status: 409 });
    expect(await rowsOf(db, notifications, { appointmentId: booked.id, kind: "change_declined" })).toHaveLength(2);
  });
});

describe("a staff member", () => {
  const password = "correct horse battery staple";

  it("reads the call log and the queue, and may not decide; an owner may", async () => {
    const owner = person(server.url);
    const must = async (answer: Promise<{ status: number; data?: any }>) => {
      const settled = await answer;
      expect(settled.status, JSON.stringify(settled)).toBe(200);
      return settled.data;
    };
    expect((await owner.auth("sign-up/email", { name: "Olive", email: "owner@calls.example", password })).status).toBe(200);
    const tenantId = (await must(owner.call("accounts.createBusiness", { name: "Calls Shop", timeZone: "UTC" }, { mutation: true }))).id as string;
    await must(owner.call("team.invite", { email: "sam@calls.example", role: "staff" }, { mutation: true }));
    const mails = await rowsOf(db, accountMessages, { recipient: "sam@calls.example", kind: "invitation" });
    const token = new URL(linkIn(mails.at(-1)!.text)).searchParams.get("invitation")!;
    const staff = person(server.url);
    expect((await staff.auth("sign-up/email", { name: "Sam", email: "sam@calls.example", password })).status).toBe(200);
    await must(staff.call("accounts.acceptInvitation", { token }, { mutation: true }));

    const callId = await addCall(tenantId, base, "Please call me back");
    const approvalId = randomId("apr");
    await testWrite((writer) => forTenant(writer, tenantId).addApproval({ id: approvalId, kind: "message", callId, providerCallId: `pc_${callId}`, createdAt: base }));

    expect((await must(staff.call("calls.list", {}))).items.map((call: { id: string }) => call.id)).toEqual([callId]);
    expect((await must(staff.call("calls.get", { callId }))).approvals).toHaveLength(1);
    expect((await must(staff.call("approvals.list", {}))).items.map((item: { id: string }) => item.id)).toEqual([approvalId]);
    expect(await staff.call("approvals.approve", { approvalId }, { mutation: true })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await must(owner.call("approvals.approve", { approvalId }, { mutation: true }))).toMatchObject({ status: "approved", decidedBy: expect.any(String) });
  }, 60_000);
});
