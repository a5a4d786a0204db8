import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startCalendarTestApp, type CalendarTestApp } from "../testing/calendar-harness";

// Monday 1 March 2027, 9:00 in New York.
const start = Date.parse("2027-03-01T14:00:00Z");
const hour = 3_600_000;
let t: CalendarTestApp;

beforeAll(async () => {
  t = await startCalendarTestApp({ start });
});
afterAll(async () => {
  await t?.close();
});

/** A seeded sequence, so that the same events are made, changed and deleted on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

// One run builds on the fakes' state: a retry would count another run's events.
describe("reading calendars under provider faults", { retry: 0 }, () => {
  it("ends with exactly the providers' busy events stored: none missing, none extra", async () => {
    const email = "patel@gmail.test";
    const googleConnection = await t.connectGoogle("stf_patel", email);
    const { connectionId: graphConnection, userId } = await t.connectMicrosoft("stf_romero", "romero@outlook.test");
    await t.settle();

    // Faults on the calendar APIs (not on the token endpoints): rate limits with Retry-After, errors, slow answers,
    // and pushes lost or sent twice.
    t.google.inject({ path: "/calendar/v3/", fraction: 0.15, status: 429, retryAfter: 2 });
    t.google.inject({ path: "/calendar/v3/", fraction: 0.1, status: 500 });
    t.google.inject({ path: "/calendar/v3/", fraction: 0.05, delayMs: 200 });
    t.google.injectPush({ kind: "drop", fraction: 0.15 });
    t.google.injectPush({ kind: "duplicate", fraction: 0.15 });
    t.graph.failSome({ fraction: 0.15, seed: 3, fault: { status: 429, retryAfterSeconds: 2, path: "/me/" } });
    t.graph.failSome({ fraction: 0.1, seed: 5, fault: { status: 503, path: "/me/" } });
    t.graph.failSome({ fraction: 0.05, seed: 9, fault: { delayMs: 200, path: "/me/" } });
    t.graph.dropNotifications(15);
    t.graph.duplicateNotifications(15);

    const random = seeded(42);
    const googleEvents = new Map<string, { busy: boolean; deleted: boolean }>();
    const graphEvents = new Map<string, { busy: boolean; deleted: boolean }>();
    for (let i = 0; i < 100; i++) {
      // Days 3 to 40 ahead, on the hour between 13:00 and 21:00 UTC.
      const begin = start + (3 + Math.floor(random() * 38)) * 24 * hour + Math.floor(random() * 8) * hour - hour;
      const busy = random() > 0.2;
      const google = t.google.addEvent(email, {
        summary: `External ${i}`,
        ...(busy ? {} : { transparency: "transparent" }),
        start: { dateTime: new Date(begin).toISOString() },
        end: { dateTime: new Date(begin + hour).toISOString() },
      });
      googleEvents.set(google.id!, { busy, deleted: false });
      const graph = t.graph.addEvent(userId, null, {
        subject: `External ${i}`,
        showAs: busy ? "busy" : "free",
        start: { dateTime: new Date(begin).toISOString().slice(0, 19), timeZone: "UTC" },
        end: { dateTime: new Date(begin + hour).toISOString().slice(0, 19), timeZone: "UTC" },
      });
      graphEvents.set(graph.id, { busy, deleted: false });
      // Now and then the jobs run while more changes come in, as they would.
      if (i % 10 === 9) await t.settle({ rounds: 3 });
    }
    // Some events deleted and some made free while the faults go on.
    const googleIds = [...googleEvents.keys()];
    const graphIds = [...graphEvents.keys()];
    for (let i = 0; i < 15; i++) {
      t.google.deleteEvent(email, googleIds[i]!);
      googleEvents.get(googleIds[i]!)!.deleted = true;
      t.graph.deleteEvent(userId, graphIds[i]!);
      graphEvents.get(graphIds[i]!)!.deleted = true;
      t.google.changeEvent(email, googleIds[20 + i]!, { transparency: "transparent" });
      googleEvents.get(googleIds[20 + i]!)!.busy = false;
      t.graph.updateEvent(userId, graphIds[20 + i]!, { showAs: "free" });
      graphEvents.get(graphIds[20 + i]!)!.busy = false;
    }
    await t.settle({ rounds: 5 });

    // The faults stop; jobs retry until they are done (the clock moves past their backoff), then care runs a day on.
    t.google.clearFaults();
    t.graph.clearFaults();
    await t.settle({ advanceMs: 60_000, rounds: 500 });
    t.clock.advance(25 * hour);
    await t.app.calendar.read.care();
    await t.settle({ advanceMs: 60_000, rounds: 500 });

    const expected = (events: Map<string, { busy: boolean; deleted: boolean }>) => [...events].filter(([, event]) => event.busy && !event.deleted).map(([id]) => id).sort();
    const compare = (stored: string[], wanted: string[]) => ({ missing: wanted.filter((id) => !stored.includes(id)).length, extra: stored.filter((id) => !wanted.includes(id)).length });
    const googleResult = compare(await t.blockIdsOf(googleConnection), expected(googleEvents));
    const graphResult = compare(await t.blockIdsOf(graphConnection), expected(graphEvents));
    expect({ google: googleResult, graph: graphResult }).toEqual({ google: { missing: 0, extra: 0 }, graph: { missing: 0, extra: 0 } });
    expect(expected(googleEvents).length + expected(graphEvents).length).toBeGreaterThanOrEqual(80);

    // The faults were felt: reads failed and were retried.
    const calendarJobs = (await rowsOf(t.db, jobs)).filter((job) => job.kind.startsWith("calendar."));
    expect(calendarJobs.some((job) => job.attempts > 1)).toBe(true);
    expect(calendarJobs.filter((job) => job.status === "queued")).toEqual([]);
  });
});
