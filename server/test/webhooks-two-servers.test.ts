import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskClient } from "@frontdesk/client";
import { jobs, openDb, webhookDeliveries, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startSqld, type RunningSqld } from "../testing/sqld";
import { startServer, testClockStart, type RunningServer } from "../testing/start-server";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";

const bookings = 12;
let sqld: RunningSqld;
let hooks: WebhookReceiver;
let db: Db;
const running: RunningServer[] = [];

/** One of two server processes on the same libSQL server, each running the due jobs every 0.1 s. */
async function startSharingServer(): Promise<RunningServer> {
  const server = await startServer({
    DATABASE_URL: sqld.url,
    FRONTDESK_SECRET: "shared-by-both-servers",
    FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: "1",
    FRONTDESK_WEBHOOKS_ALLOW_HTTP: "1",
    TASK_INTERVAL_SECONDS: "0.1",
  });
  running.push(server);
  return server;
}

beforeAll(async () => {
  sqld = await startSqld();
  hooks = await startWebhookReceiver();
  db = await openDb(sqld.url);
});

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  db?.close();
  await hooks?.close();
  await sqld?.stop();
});

describe("webhooks from two server processes on one libSQL database", () => {
  it("send each event once while both deliver", async () => {
    const first = await startSharingServer();
    const admin = createFrontdeskAdminClient({ baseUrl: first.url, secretKey: first.demoSecretKey });
    await admin.webhooks.createEndpoint.mutate({ url: hooks.url, eventTypes: ["appointment.created"] });
    const second = await startSharingServer();
    const clients = [first, second].map((server) => createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" }));

    const from = new Date(Date.parse(testClockStart) + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(testClockStart) + 30 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await clients[0]!.availability({ serviceId: "svc_consult", staffId: "stf_patel", from, to });
    const starts: string[] = [];
    for (const { start } of slots) if (starts.length === 0 || Date.parse(start) >= Date.parse(starts.at(-1)!) + 30 * 60_000) starts.push(start);
    // Each booking's server sends at once, while the other's task looks for due deliveries too.
    await Promise.all(
      starts.slice(0, bookings).map((start, n) =>
        clients[n % 2]!.createBooking({ serviceId: "svc_consult", staffId: "stf_patel", start, customer: { name: `Customer ${n}`, email: `customer${n}@example.com` } }),
      ),
    );
    await hooks.waitFor(bookings, 20_000);
    // The receiver answers before the server records the delivery and ends its job: wait for both, then stop the servers.
    await expect.poll(() => rowsOf(db, jobs, { kind: "webhook.deliver", status: "done" }).then((done) => done.length), { timeout: 20_000, interval: 100 }).toBe(bookings);
    await Promise.all(running.splice(0).map((server) => server.stop()));

    const ids = hooks.received.map((received) => received.headers["webhook-id"]);
    expect(ids).toHaveLength(bookings);
    expect(new Set(ids).size).toBe(bookings);
    expect((await rowsOf(db, webhookDeliveries)).map((row) => [row.status, row.attempts])).toEqual(Array(bookings).fill(["delivered", 1]));
    const done = await rowsOf(db, jobs, { kind: "webhook.deliver", status: "done" });
    expect(done).toHaveLength(bookings);
    expect(new Set(done.map((job) => job.leaseHolder)).size).toBe(2);
  });
});
