import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskClient } from "@frontdesk/client";
import { jobs, notifications, openDb, tenants, type Db } from "@frontdesk/db";
import { rowsOf, updateRows } from "@frontdesk/db/testing";
import { startFakeSmtpServer, type FakeSmtpServer } from "@frontdesk/email-smtp/testing";
import { startSqld, type RunningSqld } from "../testing/sqld";
import { startServer, testClockStart, type RunningServer } from "../testing/start-server";

const bookings = 16;
const dayMs = 86_400_000;
let sqld: RunningSqld;
let smtp: FakeSmtpServer;
let db: Db;
const running: RunningServer[] = [];

/** One of two server processes on the same libSQL server, each running the delivery task every 0.1 s. */
async function startSharingServer(clock: string): Promise<RunningServer> {
  const server = await startServer({
    DATABASE_URL: sqld.url,
    FRONTDESK_CLOCK: clock,
    FRONTDESK_SECRET: "shared-by-both-servers",
    SMTP_URL: smtp.url,
    SMTP_FROM: "BrightSmile Dental <bookings@brightsmile.example>",
    TASK_INTERVAL_SECONDS: "0.1",
  });
  running.push(server);
  return server;
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await done()); ) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const messagesOf = async (kind: string) => (await rowsOf(db, notifications)).filter((row) => row.kind === kind);

/** Each message received, by Message-ID: every one must have arrived once. */
function arrivals(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of smtp.messages) counts.set(mail.messageId!, (counts.get(mail.messageId!) ?? 0) + 1);
  return counts;
}

beforeAll(async () => {
  sqld = await startSqld();
  smtp = await startFakeSmtpServer();
  db = await openDb(sqld.url);
});

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  db?.close();
  await smtp?.close();
  await sqld?.stop();
});

// The two servers and their mail outlive a test: a second run would count the first run's messages too, so there is
// none, and each test gets the time two processes starting side by side take on a busy machine.
describe("two server processes on one libSQL database", { retry: 0, timeout: 90_000 }, () => {
  it("send each confirmation exactly once while both deliver", async () => {
    const first = await startSharingServer(testClockStart);
    // A real business, not a sandbox: its messages leave through SMTP.
    await updateRows(db, tenants, { sandbox: false });
    const second = await startSharingServer(testClockStart);
    const clients = [first, second].map((server) => createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" }));

    const from = new Date(Date.parse(testClockStart) + 3 * dayMs).toISOString().slice(0, 10);
    const to = new Date(Date.parse(testClockStart) + 30 * dayMs).toISOString().slice(0, 10);
    const { slots } = await clients[0]!.availability({ serviceId: "svc_consult", staffId: "stf_patel", from, to });
    // Consultations take 30 minutes: starts on the 15-minute grid that do not overlap.
    const starts: string[] = [];
    for (const { start } of slots) if (starts.length === 0 || Date.parse(start) >= Date.parse(starts.at(-1)!) + 30 * 60_000) starts.push(start);
    // Each booking is taken by one server, which sends at once, while the other's task looks for due messages too.
    await Promise.all(
      starts.slice(0, bookings).map((start, n) =>
        clients[n % 2]!.createBooking({
          serviceId: "svc_consult",
          staffId: "stf_patel",
          start,
          customer: { name: `Customer ${n}`, email: `customer${n}@example.com` },
        }),
      ),
    );
    await until("every confirmation to be sent", async () => (await messagesOf("confirmation")).every((row) => row.status === "sent"));
    await Promise.all(running.splice(0).map((server) => server.stop()));

    expect(smtp.messages).toHaveLength(bookings);
    expect([...arrivals().values()].every((count) => count === 1)).toBe(true);
    const delivered = (await rowsOf(db, jobs)).filter((job) => job.status === "done");
    expect(delivered).toHaveLength(bookings);
    expect(delivered.every((job) => job.attempts === 1)).toBe(true);
    // Both processes took part.
    expect(new Set(delivered.map((job) => job.leaseHolder)).size).toBe(2);
  });

  it("send each reminder exactly once when both restart with all of them due", async () => {
    const reminders = await messagesOf("reminder");
    expect(reminders).toHaveLength(bookings);
    // Both restart once every reminder is due, so each finds the whole backlog at start.
    const later = new Date(Math.max(...reminders.map((row) => row.sendAt)) + 60_000).toISOString();
    await Promise.all([startSharingServer(later), startSharingServer(later)]);

    await until("the due reminders to be sent", async () => smtp.messages.length >= 2 * bookings);
    await Promise.all(running.splice(0).map((server) => server.stop()));

    expect(smtp.messages).toHaveLength(2 * bookings);
    expect([...arrivals().values()].every((count) => count === 1)).toBe(true);
    expect((await messagesOf("reminder")).every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });
});
