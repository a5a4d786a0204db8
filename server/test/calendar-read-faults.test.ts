import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { compareIds, externalEventsAt, injectCalendarFaults, recoverFromFaults, startCalendarTestApp, type CalendarTestApp } from "../testing/calendar-harness";

// Monday 1 March 2027, 9:00 in New York.
const start = Date.parse("2027-03-01T14:00:00Z");
let t: CalendarTestApp;

beforeAll(async () => {
  t = await startCalendarTestApp({ start });
});
afterAll(async () => {
  await t?.close();
});

// One run builds on the fakes' state: a retry would count another run's events.
describe("reading calendars under provider faults", { retry: 0 }, () => {
  it("ends with exactly the providers' busy events stored: none missing, none extra", async () => {
    const email = "patel@gmail.test";
    const googleConnection = await t.connectGoogle("stf_patel", email);
    const { connectionId: graphConnection, userId } = await t.connectMicrosoft("stf_romero", "romero@outlook.test");
    await t.settle();

    // Faults on the calendar APIs: rate limits with Retry-After, errors, slow answers, and pushes lost or sent twice.
    injectCalendarFaults(t);
    const external = externalEventsAt(t, { googleEmail: email, graphUserId: userId }, start, 42);
    for (let i = 0; i < 100; i++) {
      external.add(`External ${i}`);
      // Now and then the jobs run while more changes come in, as they would.
      if (i % 10 === 9) await t.settle({ rounds: 3 });
    }
    // Some events deleted and some made free while the faults go on.
    for (let i = 0; i < 15; i++) {
      external.remove(i);
      external.makeFree(20 + i);
    }
    await t.settle({ rounds: 5 });

    await recoverFromFaults(t);

    const expected = external.expected();
    const googleResult = compareIds(await t.blockIdsOf(googleConnection), expected.google);
    const graphResult = compareIds(await t.blockIdsOf(graphConnection), expected.graph);
    expect({ google: googleResult, graph: graphResult }).toEqual({ google: { missing: 0, extra: 0 }, graph: { missing: 0, extra: 0 } });
    expect(expected.google.length + expected.graph.length).toBeGreaterThanOrEqual(80);

    // The faults were felt: reads failed and were retried.
    const calendarJobs = (await rowsOf(t.db, jobs)).filter((job) => job.kind.startsWith("calendar."));
    expect(calendarJobs.some((job) => job.attempts > 1)).toBe(true);
    expect(calendarJobs.filter((job) => job.status === "queued")).toEqual([]);
  });
});
