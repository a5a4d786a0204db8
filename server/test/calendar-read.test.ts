import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarOfChannel, connectedCalendars, forTenant, jobs } from "@frontdesk/db";
import { countRows, rowsOf } from "@frontdesk/db/testing";
import { startCalendarTestApp, type CalendarTestApp } from "../testing/calendar-harness";

// Monday 1 March 2027, 9:00 in New York (the demo clinic's zone); DST starts there on Sunday 14 March.
const start = Date.parse("2027-03-01T14:00:00Z");
const day = 86_400_000;
let t: CalendarTestApp;

beforeAll(async () => {
  t = await startCalendarTestApp({ start });
});
afterAll(async () => {
  await t?.close();
});

/** Dr. Patel's open consultation starts on one New York date, as UTC ISO instants. */
async function openStarts(date: string, staffId = "stf_patel"): Promise<string[]> {
  const tenant = (await forTenant(t.db, t.tenantId).tenant())!;
  const { slots } = await t.app.booking.availability(tenant, { serviceId: "svc_consult", staffId, from: date, to: date });
  return slots.map((slot) => slot.start);
}

async function calendarsOf(connectionId: string) {
  return forTenant(t.db, t.tenantId).connectedCalendarsOf([connectionId]);
}

const readJobs = async () => (await rowsOf(t.db, jobs)).filter((job) => job.kind === "calendar.read").length;

describe("busy time from a connected Google calendar", () => {
  let connectionId: string;
  const email = "patel@gmail.test";

  beforeAll(async () => {
    connectionId = await t.connectGoogle("stf_patel", email);
    await t.settle();
  });

  it("opens a push channel for the busy calendar and reads it in full", async () => {
    const [calendar] = await calendarsOf(connectionId);
    expect(calendar).toMatchObject({ countsBusy: true, syncError: null });
    expect(calendar!.channelId).toBeTruthy();
    expect(calendar!.channelSecretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(calendar!.fullSyncedAt).toBe(t.clock.now());
    expect(calendar!.syncCursor).toBeTruthy();
  });

  it("takes an external busy event's time out of availability after its push", async () => {
    expect(await openStarts("2027-03-03")).toContain("2027-03-03T15:00:00.000Z");
    t.google.addEvent(email, { summary: "Dentist conference call", start: { dateTime: "2027-03-03T15:00:00Z" }, end: { dateTime: "2027-03-03T16:00:00Z" } });
    await t.settle();
    const open = await openStarts("2027-03-03");
    expect(open).not.toContain("2027-03-03T15:00:00.000Z");
    expect(open).not.toContain("2027-03-03T15:30:00.000Z");
    expect(open).toContain("2027-03-03T16:00:00.000Z");
  });

  it("leaves a free (transparent) event's time open", async () => {
    t.google.addEvent(email, { summary: "Maybe lunch", transparency: "transparent", start: { dateTime: "2027-03-04T15:00:00Z" }, end: { dateTime: "2027-03-04T16:00:00Z" } });
    await t.settle();
    expect(await openStarts("2027-03-04")).toContain("2027-03-04T15:00:00.000Z");
  });

  it("blocks the whole day of an all-day busy event", async () => {
    expect((await openStarts("2027-03-05")).length).toBeGreaterThan(0);
    t.google.addEvent(email, { summary: "Away", start: { date: "2027-03-05" }, end: { date: "2027-03-06" } });
    await t.settle();
    expect(await openStarts("2027-03-05")).toEqual([]);
  });

  it("blocks the same local hour of a weekly event on both sides of the DST change", async () => {
    t.google.addEvent(email, {
      summary: "Weekly team meeting",
      start: { dateTime: "2027-03-08T10:00:00", timeZone: "America/New_York" },
      end: { dateTime: "2027-03-08T11:00:00", timeZone: "America/New_York" },
      recurrence: ["RRULE:FREQ=WEEKLY;COUNT=3"],
    });
    await t.settle();
    // 10:00 in New York is 15:00Z before the change and 14:00Z after it.
    expect(await openStarts("2027-03-08")).not.toContain("2027-03-08T15:00:00.000Z");
    expect(await openStarts("2027-03-08")).toContain("2027-03-08T14:00:00.000Z");
    expect(await openStarts("2027-03-15")).not.toContain("2027-03-15T14:00:00.000Z");
    expect(await openStarts("2027-03-15")).toContain("2027-03-15T15:00:00.000Z");
  });

  it("frees the time of an event deleted in Google", async () => {
    const event = t.google.addEvent(email, { summary: "Cancelled later", start: { dateTime: "2027-03-09T15:00:00Z" }, end: { dateTime: "2027-03-09T16:00:00Z" } });
    await t.settle();
    expect(await openStarts("2027-03-09")).not.toContain("2027-03-09T15:00:00.000Z");
    t.google.deleteEvent(email, event.id!);
    await t.settle();
    expect(await openStarts("2027-03-09")).toContain("2027-03-09T15:00:00.000Z");
  });

  it("reads in full again, with the right blocks, when Google forgets the sync token (410)", async () => {
    const before = await t.blockIdsOf(connectionId);
    t.google.invalidateSyncTokens(email);
    const added = t.google.addEvent(email, { summary: "After the 410", start: { dateTime: "2027-03-10T15:00:00Z" }, end: { dateTime: "2027-03-10T16:00:00Z" } });
    await t.settle();
    expect(await t.blockIdsOf(connectionId)).toEqual([...before, added.id!].sort());
    expect(t.google.requests.some((request) => request.path.endsWith("/events") && request.method === "GET" && request.query.has("timeMin"))).toBe(true);
    expect((await calendarsOf(connectionId))[0]!.syncError).toBeNull();
  });

  it("does one read for a push that comes twice", async () => {
    t.google.injectPush({ kind: "duplicate", times: 1 });
    const readsBefore = await readJobs();
    const eventsListsBefore = t.google.requests.filter((request) => request.method === "GET" && request.path.endsWith("/events")).length;
    t.google.addEvent(email, { summary: "Pushed twice", start: { dateTime: "2027-03-11T15:00:00Z" }, end: { dateTime: "2027-03-11T16:00:00Z" } });
    await t.settle();
    const eventsLists = t.google.requests.filter((request) => request.method === "GET" && request.path.endsWith("/events")).length;
    // Both copies arrive; the second finds the first's read still queued or already done (then it costs one incremental read).
    expect(eventsLists - eventsListsBefore).toBeLessThanOrEqual(2);
    expect((await readJobs()) - readsBefore).toBeLessThanOrEqual(2);
    expect(await openStarts("2027-03-11")).not.toContain("2027-03-11T15:00:00.000Z");
  });

  it("refuses a push with the wrong channel token, and acknowledges an unknown channel without work", async () => {
    const [calendar] = await calendarsOf(connectionId);
    const headers = (channelId: string, token: string) =>
      new Headers({ "x-goog-channel-id": channelId, "x-goog-channel-token": token, "x-goog-resource-id": "r", "x-goog-resource-state": "exists", "x-goog-message-number": "9" });
    const readsBefore = await readJobs();
    expect((await t.app.calendar.read.googlePushArrived(headers(calendar!.channelId!, "not-the-secret"))).status).toBe(401);
    expect((await t.app.calendar.read.googlePushArrived(headers("chn_unknown", "whatever"))).status).toBe(200);
    expect((await t.app.calendar.read.googlePushArrived(new Headers({ "x-goog-channel-id": "x" }))).status).toBe(400);
    expect(await readJobs()).toBe(readsBefore);
  });
});

describe("busy time from a connected Outlook calendar", () => {
  let connectionId: string;
  let userId: string;

  beforeAll(async () => {
    ({ connectionId, userId } = await t.connectMicrosoft("stf_romero", "romero@outlook.test"));
    await t.settle();
  });

  it("answers Graph's validation handshake and keeps the subscription", async () => {
    const [calendar] = (await calendarsOf(connectionId)).filter((row) => row.countsBusy);
    expect(calendar!.channelId).toBeTruthy();
    expect(t.graph.notifications.some((post) => post.kind === "validation" || JSON.stringify(post).includes("validationToken"))).toBe(true);
  });

  it("takes an Outlook busy event's time out after its notification, and ignores one with a wrong clientState", async () => {
    // Dr. Romero works Tuesday to Saturday, 10:00 to 14:00 and 15:00 to 19:00 in New York.
    expect(await openStarts("2027-03-02", "stf_romero")).toContain("2027-03-02T16:00:00.000Z");
    t.graph.addEvent(userId, null, { subject: "Supplier visit", start: { dateTime: "2027-03-02T16:00:00", timeZone: "UTC" }, end: { dateTime: "2027-03-02T17:00:00", timeZone: "UTC" } });
    await t.settle();
    expect(await openStarts("2027-03-02", "stf_romero")).not.toContain("2027-03-02T16:00:00.000Z");

    const [calendar] = (await calendarsOf(connectionId)).filter((row) => row.countsBusy);
    const readsBefore = await readJobs();
    const forged = JSON.stringify({ value: [{ subscriptionId: calendar!.channelId, clientState: "forged", changeType: "updated", resource: "me/events/x" }] });
    expect((await t.app.calendar.read.graphNotificationsArrived(forged)).status).toBe(202);
    expect(await readJobs()).toBe(readsBefore);
  });

  it("reads in full on `missed`, watches again on `subscriptionRemoved`, and renews on `reauthorizationRequired`", async () => {
    const [calendar] = (await calendarsOf(connectionId)).filter((row) => row.countsBusy);
    const fullBefore = calendar!.fullSyncedAt!;
    t.clock.advance(60_000);
    t.graph.lifecycle(calendar!.channelId!, "missed");
    await t.settle();
    const afterMissed = (await calendarsOf(connectionId)).find((row) => row.id === calendar!.id)!;
    expect(afterMissed.fullSyncedAt).toBeGreaterThan(fullBefore);

    t.clock.advance(60_000);
    t.graph.lifecycle(afterMissed.channelId!, "reauthorizationRequired");
    await t.settle();
    const afterReauthorize = (await calendarsOf(connectionId)).find((row) => row.id === calendar!.id)!;
    expect(afterReauthorize.channelId).toBe(afterMissed.channelId);
    expect(afterReauthorize.channelExpiresAt).toBeGreaterThan(afterMissed.channelExpiresAt!);

    t.graph.lifecycle(afterReauthorize.channelId!, "subscriptionRemoved");
    await t.settle();
    const afterRemoved = (await calendarsOf(connectionId)).find((row) => row.id === calendar!.id)!;
    expect(afterRemoved.channelId).toBeTruthy();
    expect(afterRemoved.channelId).not.toBe(afterReauthorize.channelId);
    // The new subscription brings the next change.
    t.graph.addEvent(userId, null, { subject: "After removal", start: { dateTime: "2027-03-03T16:00:00", timeZone: "UTC" }, end: { dateTime: "2027-03-03T17:00:00", timeZone: "UTC" } });
    await t.settle();
    expect(await openStarts("2027-03-03", "stf_romero")).not.toContain("2027-03-03T16:00:00.000Z");
  });

  it("reads in full again when Graph forgets the delta link", async () => {
    t.graph.invalidateDeltaLinks();
    const added = t.graph.addEvent(userId, null, { subject: "After the reset", start: { dateTime: "2027-03-04T16:00:00", timeZone: "UTC" }, end: { dateTime: "2027-03-04T17:00:00", timeZone: "UTC" } });
    await t.settle();
    expect(await t.blockIdsOf(connectionId)).toContain(added.id);
    expect(await openStarts("2027-03-04", "stf_romero")).not.toContain("2027-03-04T16:00:00.000Z");
  });
});

describe("care of channels and reads", () => {
  it("renews channels about to expire, and a full read catches a change whose push was lost", async () => {
    const email = "lee@gmail.test";
    const connectionId = await t.connectGoogle("stf_lee", email);
    await t.settle();
    const [before] = await calendarsOf(connectionId);
    const [outlookBefore] = await rowsOf(t.db, connectedCalendars, { staffId: "stf_romero", countsBusy: true });

    // A push lost on its way: the time stays open until care reads the calendar in full.
    t.google.injectPush({ kind: "drop", times: 1 });
    const lost = t.google.addEvent(email, { summary: "Push lost", start: { dateTime: "2027-03-12T14:00:00Z" }, end: { dateTime: "2027-03-12T15:00:00Z" } });
    await t.settle();
    expect(await t.blockIdsOf(connectionId)).not.toContain(lost.id);

    // Six and a half days on, every channel ends within a day, and every last full read is older than one.
    t.clock.advance(6.5 * day);
    const cared = await t.app.calendar.read.care();
    expect(cared.calendars).toBeGreaterThanOrEqual(3);
    await t.settle();
    const [after] = await calendarsOf(connectionId);
    expect(after!.channelId).not.toBe(before!.channelId);
    expect(after!.channelExpiresAt!).toBeGreaterThan(t.clock.now() + 6 * day);
    expect(await t.blockIdsOf(connectionId)).toContain(lost.id);
    expect(await calendarOfChannel(t.db, before!.channelId!)).toBeUndefined();
    // Graph's subscription is extended in place: the same id, a later expiry.
    const [outlookAfter] = await rowsOf(t.db, connectedCalendars, { id: outlookBefore!.id });
    expect(outlookAfter!.channelId).toBe(outlookBefore!.channelId);
    expect(outlookAfter!.channelExpiresAt!).toBeGreaterThan(t.clock.now() + 6 * day);

    // The renewed channel carries pushes.
    const next = t.google.addEvent(email, { summary: "Through the new channel", start: { dateTime: "2027-03-17T14:00:00Z" }, end: { dateTime: "2027-03-17T15:00:00Z" } });
    await t.settle();
    expect(await t.blockIdsOf(connectionId)).toContain(next.id);

    // A second care run in the same round does nothing twice.
    const queued = await countRows(t.db, jobs);
    await t.app.calendar.read.care();
    expect(await countRows(t.db, jobs)).toBe(queued);
  });

  it("stops the channel of a calendar that no longer counts as busy", async () => {
    const [calendar] = await rowsOf(t.db, connectedCalendars, { staffId: "stf_lee" });
    await t.db.write((writer) => forTenant(writer, t.tenantId).chooseCalendars(calendar!.connectionId, { busyIds: [], destinationId: undefined }, t.clock.now()));
    await t.app.calendar.read.calendarsChanged(t.tenantId, calendar!.connectionId);
    await t.settle();
    const [after] = await rowsOf(t.db, connectedCalendars, { id: calendar!.id });
    expect(after!.channelId).toBeNull();
    expect(t.google.requests.some((request) => request.path.endsWith("/channels/stop") && (request.body as { id?: string })?.id === calendar!.channelId)).toBe(true);
  });
});
