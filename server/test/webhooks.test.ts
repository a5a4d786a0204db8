import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FrontdeskError, type AppointmentSummary, type WebhookEventType } from "@frontdesk/core";
import { createTenant, jobs, webhookDeliveries, webhookEndpoints } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { createApp, type App, type AppOptions } from "../app/create-app";
import type { Resolve } from "../app/webhooks-out/destination";
import { disableAfterFailedDeliveries, webhookRetryDelaysMin } from "../app/webhooks-out/webhook-delivery";
import { startTestApp, testSigningSecret, type TestApp } from "../testing/app-harness";
import { startWebhookReceiver, type Answer, type ReceivedWebhook, type WebhookReceiver } from "../testing/webhook-receiver";

// Tuesday 1 December 2026, 9:00 in New York: the demo clinic's zone.
const start = Date.parse("2026-12-01T14:00:00Z");
const development = { allowPrivate: true, allowHttp: true };
let t: TestApp;
let hooks: WebhookReceiver;

afterEach(async () => {
  await t?.close();
  await hooks?.close();
});

async function setUp(answer?: Answer, webhooks: AppOptions["webhooks"] = development) {
  hooks = await startWebhookReceiver(answer);
  t = await startTestApp({ start, webhooks });
}

const allEvents: WebhookEventType[] = ["appointment.created", "appointment.confirmed", "appointment.rescheduled", "appointment.cancelled", "appointment.pending_approval"];

/** Consultation starts with Dr Patel on a day from now, 30 minutes apart so that none overlaps another. */
async function freeStarts(offsetDays = 3): Promise<string[]> {
  const day = new Date(start + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await t.app.booking.availability(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", from: day, to: day });
  const starts: string[] = [];
  for (const slot of slots) if (starts.length === 0 || Date.parse(slot.start) >= Date.parse(starts.at(-1)!) + 30 * 60_000) starts.push(slot.start);
  return starts;
}

async function book(email = "ada@example.com", at?: string) {
  const slotStart = at ?? (await freeStarts())[0]!;
  return t.app.booking.create(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: slotStart, customer: { name: "Ada", email } });
}

/** Verifies a received webhook as the business's server would, with its clock at the test's (the server's) time. */
function verify(secret: string, received: ReceivedWebhook, at = t.clock.now()) {
  vi.setSystemTime(at);
  try {
    return new Webhook(secret).verify(received.body, received.headers as Record<string, string>) as {
      id: string;
      type: string;
      tenant_id: string;
      created_at: string;
      data: { appointment: AppointmentSummary; endpoint_id?: string };
    };
  } finally {
    vi.useRealTimers();
  }
}

const deliveryRows = () => rowsOf(t.db, webhookDeliveries);

async function failure(promise: Promise<unknown>): Promise<FrontdeskError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FrontdeskError);
  return error as FrontdeskError;
}

describe("deliveries of appointment events", () => {
  it("send a booking as signed appointment.created and appointment.confirmed events with the appointment", async () => {
    await setUp();
    const endpoint = await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: allEvents });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const booked = await book();
    await t.app.jobs.settled();

    const events = (await hooks.waitFor(2)).map((received) => verify(endpoint.secret, received));
    expect(events.map((event) => event.type)).toEqual(["appointment.created", "appointment.confirmed"]);
    expect(events[0]).toEqual({ id: expect.stringMatching(/^evt_/), type: "appointment.created", created_at: new Date(start).toISOString(), tenant_id: t.tenantId, data: { appointment: booked } });
    const ids = hooks.received.map((received) => received.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(2);
    expect(await deliveryRows()).toEqual(expect.arrayContaining([expect.objectContaining({ id: ids[0], status: "delivered", attempts: 1 })]));
  });

  it("send only the types an endpoint subscribes to, and nothing to a disabled one", async () => {
    await setUp();
    const cancels = await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.cancelled"] });
    const off = await t.app.webhooks.createEndpoint(t.tenantId, { url: `${hooks.url}/off`, eventTypes: allEvents });
    await t.app.webhooks.updateEndpoint(t.tenantId, { endpointId: off.id, enabled: false });
    const booked = await book();
    await t.app.lifecycle.cancel(await t.tenant(), booked.id, { actor: "staff", reason: "Closed." });
    await t.app.jobs.settled();

    expect(hooks.received).toHaveLength(1);
    expect(verify(cancels.secret, hooks.received[0]!)).toMatchObject({ type: "appointment.cancelled", data: { appointment: { id: booked.id, status: "cancelled" } } });
  });

  it("send pending_approval for a request, then confirmed when staff approve and rescheduled when it moves", async () => {
    await setUp();
    const endpoint = await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: allEvents });
    await t.app.config.updatePolicies(t.tenantId, { webRequiresApproval: true });
    const requested = await book();
    await t.app.lifecycle.approve(await t.tenant(), requested.id);
    const later = (await freeStarts(6))[0]!;
    await t.app.lifecycle.reschedule(await t.tenant(), requested.id, later, { actor: "staff" });
    await t.app.jobs.settled();

    const events = (await hooks.waitFor(4)).map((received) => verify(endpoint.secret, received));
    expect(events.map((event) => [event.type, event.data.appointment.status])).toEqual([
      ["appointment.created", "pending"],
      ["appointment.pending_approval", "pending"],
      ["appointment.confirmed", "confirmed"],
      ["appointment.rescheduled", "confirmed"],
    ]);
    expect(events[3]!.data.appointment.start).toBe(later);
  });

  it("enqueue nothing for a booking that failed: its write rolled back", async () => {
    await setUp();
    await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    const taken = await book("ada@example.com");
    expect((await failure(book("bo@example.com", taken.start))).code).toBe("SLOT_TAKEN");
    await t.app.jobs.settled();
    expect(await deliveryRows()).toHaveLength(1);
    expect(hooks.received).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retry an endpoint that answers 500 three times after 1, 5 and 30 minutes, then deliver, with the same webhook-id", async () => {
    await setUp((n) => (n <= 3 ? { status: 500, body: `down ${n}` } : { status: 204 }));
    const endpoint = await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    await book();
    await t.app.jobs.settled();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [row] = await deliveryRows();
      expect(row).toMatchObject({ status: "pending", attempts: attempt });
      waits.push((row!.nextAttemptAt! - t.clock.now()) / 60_000);
      t.clock.set(row!.nextAttemptAt!);
      await t.app.webhooks.deliveries.deliverDue();
    }
    expect(waits).toEqual([1, 5, 30]);
    const [delivery] = await t.app.webhooks.listDeliveries(t.tenantId, { limit: 10 });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 4, nextAttemptAt: null });
    expect(delivery!.attemptLog.map((attempt) => [attempt.httpStatus, attempt.error, attempt.responseExcerpt])).toEqual([
      [500, "The endpoint answered 500.", "down 1"],
      [500, "The endpoint answered 500.", "down 2"],
      [500, "The endpoint answered 500.", "down 3"],
      [204, null, null],
    ]);
    expect(new Set(hooks.received.map((received) => received.headers["webhook-id"]))).toEqual(new Set([delivery!.id]));
    // Each attempt is signed at its own time: the last verifies now, as sent.
    expect(verify(endpoint.secret, hooks.received[3]!).type).toBe("appointment.created");
  });

  it("mark a delivery failed after its last retry, about 44 hours on, and replay it on request with the same webhook-id", async () => {
    let up = false;
    await setUp(() => (up ? { status: 200 } : { status: 503 }));
    await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    await book();
    await t.app.jobs.settled();
    const waits: number[] = [];
    for (;;) {
      const [row] = await deliveryRows();
      if (row!.status === "failed") break;
      waits.push((row!.nextAttemptAt! - t.clock.now()) / 60_000);
      t.clock.set(row!.nextAttemptAt!);
      await t.app.webhooks.deliveries.deliverDue();
    }
    expect(waits).toEqual([...webhookRetryDelaysMin]);
    const [failed] = await t.app.webhooks.listDeliveries(t.tenantId, { limit: 10, status: "failed" });
    expect(failed).toMatchObject({ attempts: 8, nextAttemptAt: null });

    up = true;
    const replayed = await t.app.webhooks.replay(t.tenantId, failed!.id);
    expect(replayed.status).toBe("pending");
    await t.app.jobs.settled();
    expect(await t.app.webhooks.delivery(t.tenantId, failed!.id)).toMatchObject({ status: "delivered", attempts: 9 });
    expect(hooks.received).toHaveLength(9);
    expect(hooks.received[8]!.headers["webhook-id"]).toBe(failed!.id);
    expect(hooks.received[8]!.body).toBe(hooks.received[0]!.body);
  });

  it("disable an endpoint whose deliveries failed for good 5 times in a row, until the business enables it again", async () => {
    await setUp(() => ({ status: 500 }));
    const endpoint = await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    const starts = await freeStarts();
    for (let n = 0; n < disableAfterFailedDeliveries; n++) await book(`customer${n}@example.com`, starts[n]);
    await t.app.jobs.settled();
    for (const wait of webhookRetryDelaysMin) {
      t.clock.advance(wait * 60_000);
      await t.app.webhooks.deliveries.deliverDue();
    }
    expect((await deliveryRows()).map((row) => row.status)).toEqual(new Array(disableAfterFailedDeliveries).fill("failed"));
    const [disabled] = await t.app.webhooks.listEndpoints(t.tenantId);
    expect(disabled).toMatchObject({ enabled: false, disabledReason: "Disabled after 5 deliveries in a row failed; the last: The endpoint answered 500." });

    await book("later@example.com", starts[disableAfterFailedDeliveries]);
    expect(await deliveryRows()).toHaveLength(disableAfterFailedDeliveries);
    expect(await t.app.webhooks.updateEndpoint(t.tenantId, { endpointId: endpoint.id, enabled: true })).toMatchObject({ enabled: true, disabledReason: null });
  });

  it("keep an endpoint enabled when a delivery gets through between failures", async () => {
    let up = false;
    await setUp(() => ({ status: up ? 200 : 500 }));
    await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    const starts = await freeStarts();
    const failAll = async () => {
      await t.app.jobs.settled();
      for (const wait of webhookRetryDelaysMin) {
        t.clock.advance(wait * 60_000);
        await t.app.webhooks.deliveries.deliverDue();
      }
    };
    for (let n = 0; n < disableAfterFailedDeliveries - 1; n++) await book(`customer${n}@example.com`, starts[n]);
    await failAll();
    up = true;
    await book("through@example.com", starts[disableAfterFailedDeliveries]);
    await t.app.jobs.settled();
    up = false;
    await book("again@example.com", starts[disableAfterFailedDeliveries + 1]);
    await failAll();
    expect((await deliveryRows()).filter((row) => row.status === "failed")).toHaveLength(disableAfterFailedDeliveries);
    expect(await t.app.webhooks.listEndpoints(t.tenantId)).toMatchObject([{ enabled: true, disabledReason: null }]);
  });

  it("replay a delivery still waiting for its retry now, without sending it twice", async () => {
    let up = false;
    await setUp(() => (up ? { status: 200 } : { status: 500 }));
    await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    await book();
    await t.app.jobs.settled();
    const [waiting] = await deliveryRows();
    up = true;
    await t.app.webhooks.replay(t.tenantId, waiting!.id);
    await t.app.jobs.settled();
    t.clock.advance(24 * 3_600_000);
    await t.app.webhooks.deliveries.deliverDue();
    expect(hooks.received).toHaveLength(2);
    expect(await t.app.webhooks.delivery(t.tenantId, waiting!.id)).toMatchObject({ status: "delivered", attempts: 2 });
    expect((await rowsOf(t.db, jobs)).filter((job) => job.kind === "webhook.deliver").map((job) => job.status).sort()).toEqual(["cancelled", "done"]);
  });
});

/** A second server process's services on the same database: its own job runner, the same server secret. */
function secondApp(webhooks: AppOptions["webhooks"]): App {
  return createApp(t.db, t.clock.now, { secret: testSigningSecret, publicUrl: "http://frontdesk.test", messenger: null, ...(webhooks ? { webhooks } : {}) });
}

describe("destinations", () => {
  const strict = { allowPrivate: false, allowHttp: true };

  it("refuse 127.0.0.1, localhost and 169.254.169.254 on register when private addresses are not allowed", async () => {
    await setUp(undefined, strict);
    for (const url of [hooks.url, `http://localhost:${hooks.port}/hooks`, "http://169.254.169.254/latest/meta-data/"]) {
      const error = await failure(t.app.webhooks.createEndpoint(t.tenantId, { url, eventTypes: ["appointment.created"] }));
      expect(error, url).toMatchObject({ code: "WEBHOOK_DESTINATION_REFUSED", field: "url" });
    }
    expect(await rowsOf(t.db, webhookEndpoints)).toEqual([]);
  });

  it("refuse at send an endpoint on 127.0.0.1 registered while private addresses were allowed, and fail it at once", async () => {
    await setUp();
    await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    const strictServer = secondApp(strict);
    await book();
    // Only the strict server's worker runs the job.
    await strictServer.jobs.runDue();
    const [delivery] = await t.app.webhooks.listDeliveries(t.tenantId, { limit: 10 });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery!.attemptLog[0]!.error).toBe("Refused: 127.0.0.1 is a loopback address: webhooks are only sent to public internet addresses.");
    expect(hooks.received).toHaveLength(0);
  });

  it("refuse at send a name that resolved to a public address on register and to 169.254.169.254 later", async () => {
    let lookups = 0;
    const rebinding: Resolve = async () => [{ address: lookups++ === 0 ? "93.184.215.14" : "169.254.169.254", family: 4 }];
    await setUp(undefined, { ...strict, resolve: rebinding });
    await t.app.webhooks.createEndpoint(t.tenantId, { url: `http://hooks.example.com:${hooks.port}/hooks`, eventTypes: ["appointment.created"] });
    await book();
    await t.app.jobs.settled();
    const [delivery] = await t.app.webhooks.listDeliveries(t.tenantId, { limit: 10 });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery!.attemptLog[0]!.error).toMatch(/hooks\.example\.com \(169\.254\.169\.254\) is a cloud metadata address/);
    expect(hooks.received).toHaveLength(0);
  });

  it("do not follow a redirect to a private address: the attempt fails with its Location, and is retried", async () => {
    const inside = await startWebhookReceiver();
    try {
      await setUp(() => ({ status: 302, headers: { location: inside.url } }));
      await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
      await book();
      await t.app.jobs.settled();
      const [delivery] = await t.app.webhooks.listDeliveries(t.tenantId, { limit: 10 });
      expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
      expect(delivery!.attemptLog[0]).toMatchObject({ httpStatus: 302, error: expect.stringContaining(`Redirected (302) to ${inside.url}`) });
      expect(inside.received).toHaveLength(0);
    } finally {
      await inside.close();
    }
  });
});

describe("two job runners on one database", () => {
  it("send every delivery once while both run the due jobs at the same time", async () => {
    const bookings = 6;
    // The first attempts fail, so that every delivery waits for its retry: both runners then find the whole backlog.
    await setUp((n) => (n <= bookings ? { status: 500 } : { status: 200 }));
    await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    const other = secondApp(development);
    const starts = await freeStarts();
    for (let n = 0; n < bookings; n++) await book(`customer${n}@example.com`, starts[n]);
    await t.app.jobs.settled();
    expect(hooks.received).toHaveLength(bookings);

    t.clock.advance(60_000);
    const tallies = await Promise.all([t.app.jobs.runDue(), other.jobs.runDue(), t.app.jobs.runDue(), other.jobs.runDue()]);
    expect(tallies.reduce((sum, tally) => sum + tally.done, 0)).toBe(bookings);
    const retried = hooks.received.slice(bookings).map((received) => received.headers["webhook-id"]);
    expect(retried).toHaveLength(bookings);
    expect(new Set(retried).size).toBe(bookings);
    expect((await deliveryRows()).every((row) => row.status === "delivered" && row.attempts === 2)).toBe(true);
    // Both runners took part.
    const done = (await rowsOf(t.db, jobs, { kind: "webhook.deliver", status: "done" })).map((job) => job.leaseHolder);
    expect(new Set(done)).toEqual(new Set([t.app.jobs.holder, other.jobs.holder]));
  });
});

describe("endpoints", () => {
  it("list, update, rotate and delete; the new secret signs the next delivery", async () => {
    await setUp();
    const endpoint = await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, description: "Our CRM", eventTypes: ["appointment.created"] });
    expect(await t.app.webhooks.listEndpoints(t.tenantId)).toEqual([
      { id: endpoint.id, url: hooks.url, description: "Our CRM", eventTypes: ["appointment.created"], enabled: true, disabledReason: null, createdAt: new Date(start).toISOString() },
    ]);
    expect(JSON.stringify(await rowsOf(t.db, webhookEndpoints))).not.toContain(endpoint.secret.slice(6));
    const updated = await t.app.webhooks.updateEndpoint(t.tenantId, { endpointId: endpoint.id, eventTypes: ["appointment.cancelled", "appointment.created"] });
    expect(updated.eventTypes).toEqual(["appointment.cancelled", "appointment.created"]);

    const { secret } = await t.app.webhooks.rotateSecret(t.tenantId, endpoint.id);
    const ping = await t.app.webhooks.ping(t.tenantId, endpoint.id);
    await t.app.jobs.settled();
    expect(verify(secret, (await hooks.waitFor(1))[0]!)).toMatchObject({ type: "ping", data: { endpoint_id: endpoint.id } });
    expect(() => verify(endpoint.secret, hooks.received[0]!)).toThrow(/No matching signature/);
    expect((await t.app.webhooks.delivery(t.tenantId, ping.id)).status).toBe("delivered");

    await t.app.webhooks.deleteEndpoint(t.tenantId, endpoint.id);
    expect(await t.app.webhooks.listEndpoints(t.tenantId)).toEqual([]);
    expect(await deliveryRows()).toEqual([]);
  });

  it("read as not found from another business", async () => {
    await setUp();
    const endpoint = await t.app.webhooks.createEndpoint(t.tenantId, { url: hooks.url, eventTypes: ["appointment.created"] });
    const ping = await t.app.webhooks.ping(t.tenantId, endpoint.id);
    await t.db.write((writer) => createTenant(writer, { tenant: { id: "ten_other", name: "Other Clinic", timeZone: "Europe/Berlin" } }));
    const other = "ten_other";
    const attempts = [
      t.app.webhooks.updateEndpoint(other, { endpointId: endpoint.id, enabled: false }),
      t.app.webhooks.rotateSecret(other, endpoint.id),
      t.app.webhooks.deleteEndpoint(other, endpoint.id),
      t.app.webhooks.ping(other, endpoint.id),
      t.app.webhooks.listDeliveries(other, { endpointId: endpoint.id, limit: 10 }),
      t.app.webhooks.replay(other, ping.id),
      t.app.webhooks.delivery(other, ping.id),
    ];
    for (const attempt of attempts) expect((await failure(attempt)).code).toBe("NOT_FOUND");
    expect(await t.app.webhooks.listEndpoints(other)).toEqual([]);
    expect(await t.app.webhooks.listDeliveries(other, { limit: 10 })).toEqual([]);
    expect(await t.app.webhooks.listEndpoints(t.tenantId)).toMatchObject([{ id: endpoint.id, enabled: true }]);
  });
});
