import { ProviderError, SyncCursorExpired, type CalendarAccess, type ExternalEvent } from "@frontdesk/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outlookBusyWindowMs, outlookCalendar, type OutlookCalendarProvider } from "./calendar";
import { startFakeMicrosoftGraph, type ExternalEventInput, type FakeMicrosoftGraph, type FakeUser } from "./testing/fake";

const DAY = 86_400_000;
const berlin = "W. Europe Standard Time";
let clock = Date.parse("2027-03-01T08:00:00Z");
let fake: FakeMicrosoftGraph;
let outlook: OutlookCalendarProvider;
let user: FakeUser;
let access: CalendarAccess;

beforeEach(async () => {
  clock = Date.parse("2027-03-01T08:00:00Z");
  fake = await startFakeMicrosoftGraph({ now: () => new Date(clock) });
  user = fake.addUser({ displayName: "Ana Ruiz", mail: "ana@bella-salon.example", mailboxTimeZone: berlin, calendars: [{ name: "Team" }, { name: "Holidays", canEdit: false }] });
  outlook = outlookCalendar({ baseUrl: fake.url, now: () => clock });
  access = { accessToken: async () => fake.accessTokenFor(user.id) };
});
afterEach(() => fake.close());

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("it resolved"), (error: unknown) => error);
const at = (iso: string) => Date.parse(iso);
const primary = () => user.calendars[0]!;
const team = () => user.calendars[1]!;
const timed = (start: string, end: string, extra: Partial<ExternalEventInput> = {}): ExternalEventInput => ({ subject: "Busy", start: { dateTime: start, timeZone: berlin }, end: { dateTime: end, timeZone: berlin }, ...extra });
const byStart = (events: ExternalEvent[]) => [...events].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));

describe("calendars", () => {
  it("lists every calendar over several pages, in the mailbox's zone as IANA", async () => {
    const paged = outlookCalendar({ baseUrl: fake.url, pageSize: 2 });
    const calendars = await paged.calendars(access);
    expect(calendars).toEqual([
      { id: primary().id, name: "Calendar", primary: true, canWrite: true, timeZone: "Europe/Berlin" },
      { id: team().id, name: "Team", primary: false, canWrite: true, timeZone: "Europe/Berlin" },
      { id: user.calendars[2]!.id, name: "Holidays", primary: false, canWrite: false, timeZone: "Europe/Berlin" },
    ]);
    expect(fake.requests.filter((request) => request.path === "/me/calendars").length).toBe(2);
    expect(fake.requests.some((request) => request.path === "/me/mailboxSettings/timeZone")).toBe(true);
  });
});

describe("busy times", () => {
  it("asks getSchedule for the default calendar one window at a time and merges what it says", async () => {
    const from = at("2027-03-01T00:00:00Z");
    const to = from + 150 * DAY;
    fake.addEvent(user.id, null, timed("2027-03-10T10:00:00", "2027-03-10T11:00:00"));
    fake.addEvent(user.id, null, timed("2027-03-10T10:30:00", "2027-03-10T12:00:00", { showAs: "tentative" }));
    fake.addEvent(user.id, null, timed("2027-03-11T10:00:00", "2027-03-11T11:00:00", { showAs: "free" }));
    fake.addEvent(user.id, null, timed("2027-03-12T10:00:00", "2027-03-12T11:00:00", { showAs: "workingElsewhere" }));
    fake.addEvent(user.id, null, timed("2027-03-13T10:00:00", "2027-03-13T11:00:00", { response: "declined" }));
    // Across the first window's end (61 days after `from`): in both answers, one interval here.
    fake.addEvent(user.id, null, { subject: "Late", start: { dateTime: "2027-04-30T22:00:00", timeZone: "UTC" }, end: { dateTime: "2027-05-01T02:00:00", timeZone: "UTC" } });
    fake.addEvent(user.id, null, timed("2027-07-20T09:00:00", "2027-07-20T17:00:00", { showAs: "oof" }));
    fake.addEvent(user.id, null, timed("2027-09-10T09:00:00", "2027-09-10T10:00:00"));

    const busy = await outlook.busyTimes(access, [primary().id], { from, to });
    expect(busy.get(primary().id)).toEqual([
      { start: at("2027-03-10T09:00:00Z"), end: at("2027-03-10T11:00:00Z") },
      { start: at("2027-04-30T22:00:00Z"), end: at("2027-05-01T02:00:00Z") },
      { start: at("2027-07-20T07:00:00Z"), end: at("2027-07-20T15:00:00Z") },
    ]);
    const schedules = fake.requests.filter((request) => request.path === "/me/calendar/getSchedule");
    expect(schedules.length).toBe(Math.ceil((150 * DAY) / outlookBusyWindowMs));
    expect(schedules.map((request) => (request.body as { schedules: string[] }).schedules)).toEqual([["ana@bella-salon.example"], ["ana@bella-salon.example"], ["ana@bella-salon.example"]]);
    expect(outlook.busyWindowMs).toBe(61 * DAY);
  });

  it("reads any other calendar's events, and clips to the range", async () => {
    fake.addEvent(user.id, team().id, timed("2027-03-02T09:00:00", "2027-03-02T12:00:00"));
    fake.addEvent(user.id, team().id, timed("2027-03-02T14:00:00", "2027-03-02T15:00:00", { showAs: "free" }));
    fake.addEvent(user.id, team().id, timed("2027-03-02T16:00:00", "2027-03-02T17:00:00", { isCancelled: true, response: "accepted" }));
    fake.addEvent(user.id, null, timed("2027-03-02T09:00:00", "2027-03-02T10:00:00"));
    const range = { from: at("2027-03-02T09:00:00Z"), to: at("2027-03-03T00:00:00Z") };
    const busy = await outlook.busyTimes(access, [team().id, primary().id], range);
    expect(busy.get(team().id)).toEqual([{ start: range.from, end: at("2027-03-02T11:00:00Z") }]);
    // 09:00 in Berlin is 08:00Z, before the range.
    expect(busy.get(primary().id)).toEqual([]);
    expect(fake.requests.filter((request) => request.path.endsWith("/calendarView")).map((request) => request.path)).toEqual([`/me/calendars/${encodeURIComponent(team().id)}/calendarView`]);
  });

  it("reads a personal account's default calendar itself: getSchedule is for work accounts", async () => {
    const personal = fake.addUser({ displayName: "Sam", mail: null, userPrincipalName: "sam@outlook.example", personal: true, mailboxTimeZone: berlin });
    fake.addEvent(personal.id, null, timed("2027-03-02T09:00:00", "2027-03-02T10:00:00"));
    const busy = await outlook.busyTimes({ accessToken: async () => fake.accessTokenFor(personal.id) }, [personal.calendars[0]!.id], { from: at("2027-03-02T00:00:00Z"), to: at("2027-03-03T00:00:00Z") });
    expect(busy.get(personal.calendars[0]!.id)).toEqual([{ start: at("2027-03-02T08:00:00Z"), end: at("2027-03-02T09:00:00Z") }]);
  });
});

describe("reading a calendar, then its changes", () => {
  const window = { from: at("2027-03-01T00:00:00Z"), to: at("2027-05-01T00:00:00Z") };

  it("reads everything, then only what changed, with the instants right across DST", async () => {
    const moved = fake.addEvent(user.id, null, timed("2027-03-10T10:00:00", "2027-03-10T11:00:00"));
    const free = fake.addEvent(user.id, null, timed("2027-03-11T10:00:00", "2027-03-11T11:00:00", { showAs: "free" }));
    const declined = fake.addEvent(user.id, null, timed("2027-03-12T10:00:00", "2027-03-12T11:00:00", { response: "declined", attendees: [] }));
    // The day Berlin moves its clocks forward is 23 hours long.
    const allDay = fake.addEvent(user.id, null, { subject: "Away", isAllDay: true, start: { dateTime: "2027-03-28T00:00:00", timeZone: berlin }, end: { dateTime: "2027-03-29T00:00:00", timeZone: berlin } });
    const series = fake.addEvent(user.id, null, {
      ...timed("2027-03-15T09:00:00", "2027-03-15T09:30:00"),
      subject: "Stand-up",
      recurrence: { pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"], firstDayOfWeek: "monday" }, range: { type: "numbered", startDate: "2027-03-15", numberOfOccurrences: 4 } },
    });

    const first = await outlook.changes(access, primary().id, null, window);
    expect(first.full).toBe(true);
    expect(first.removedIds).toEqual([]);
    expect(first.cursor).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/me\/calendars\/.+\/calendarView\/delta\?\$deltatoken=/);
    expect(byStart(first.events).map(({ id: _id, ...event }) => event)).toEqual([
      { start: at("2027-03-10T09:00:00Z"), end: at("2027-03-10T10:00:00Z"), allDay: false, busy: true, appointmentId: null },
      { start: at("2027-03-11T09:00:00Z"), end: at("2027-03-11T10:00:00Z"), allDay: false, busy: false, appointmentId: null },
      { start: at("2027-03-12T09:00:00Z"), end: at("2027-03-12T10:00:00Z"), allDay: false, busy: false, appointmentId: null },
      { start: at("2027-03-15T08:00:00Z"), end: at("2027-03-15T08:30:00Z"), allDay: false, busy: true, appointmentId: null },
      { start: at("2027-03-22T08:00:00Z"), end: at("2027-03-22T08:30:00Z"), allDay: false, busy: true, appointmentId: null },
      { start: at("2027-03-27T23:00:00Z"), end: at("2027-03-28T22:00:00Z"), allDay: true, busy: true, appointmentId: null },
      { start: at("2027-03-29T07:00:00Z"), end: at("2027-03-29T07:30:00Z"), allDay: false, busy: true, appointmentId: null },
      { start: at("2027-04-05T07:00:00Z"), end: at("2027-04-05T07:30:00Z"), allDay: false, busy: true, appointmentId: null },
    ]);
    expect(first.events.find((event) => event.allDay)!.id).toBe(allDay.id);
    const occurrences = byStart(first.events).filter((event) => ![moved.id, free.id, declined.id, allDay.id].includes(event.id));
    expect(new Set(occurrences.map((event) => event.id)).size).toBe(4);

    fake.updateEvent(user.id, moved.id, timed("2027-03-10T15:00:00", "2027-03-10T16:00:00"));
    fake.deleteEvent(user.id, free.id);
    fake.updateEvent(user.id, declined.id, { isCancelled: true });
    const added = fake.addEvent(user.id, null, timed("2027-04-20T08:00:00", "2027-04-20T09:00:00"));
    // The series now ends after two meetings: the last two occurrences are gone.
    fake.updateEvent(user.id, series.id, { recurrence: { pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"] }, range: { type: "numbered", startDate: "2027-03-15", numberOfOccurrences: 2 } } });

    const second = await outlook.changes(access, primary().id, first.cursor, window);
    expect(second.full).toBe(false);
    // A change to the series lists its remaining occurrences again, unmoved.
    expect(byStart(second.events).map((event) => [event.id, event.start])).toEqual([
      [moved.id, at("2027-03-10T14:00:00Z")],
      [occurrences[0]!.id, at("2027-03-15T08:00:00Z")],
      [occurrences[1]!.id, at("2027-03-22T08:00:00Z")],
      [added.id, at("2027-04-20T06:00:00Z")],
    ]);
    expect(new Set(second.removedIds)).toEqual(new Set([free.id, declined.id, occurrences[2]!.id, occurrences[3]!.id]));

    const third = await outlook.changes(access, primary().id, second.cursor, window);
    expect(third).toEqual({ full: false, events: [], removedIds: [], cursor: expect.any(String) });
  });

  it("follows the delta's pages", async () => {
    for (let day = 2; day <= 8; day++) fake.addEvent(user.id, null, timed(`2027-03-0${day}T10:00:00`, `2027-03-0${day}T11:00:00`));
    const paged = outlookCalendar({ baseUrl: fake.url, pageSize: 3 });
    const changes = await paged.changes(access, primary().id, null, window);
    expect(changes.events.length).toBe(7);
    expect(fake.requests.filter((request) => request.path.endsWith("/calendarView/delta")).length).toBe(3);
    expect(fake.requests.filter((request) => request.path.endsWith("/calendarView/delta")).every((request) => request.prefer === "odata.maxpagesize=3")).toBe(true);
  });

  it("places an all-day event with no zone of its own in the mailbox's zone", async () => {
    const event = fake.addEvent(user.id, null, { isAllDay: true, start: { dateTime: "2027-03-05T00:00:00", timeZone: "UTC" }, end: { dateTime: "2027-03-06T00:00:00", timeZone: "UTC" } });
    // As Outlook keeps some events made elsewhere: a custom zone Graph cannot name.
    event.start.timeZone = "tzone://Microsoft/Custom";
    const changes = await outlook.changes(access, primary().id, null, window);
    expect(changes.events).toEqual([expect.objectContaining({ start: at("2027-03-04T23:00:00Z"), end: at("2027-03-05T23:00:00Z"), allDay: true })]);
  });

  it("says a delta link Graph no longer knows needs a full read", async () => {
    const first = await outlook.changes(access, primary().id, null, window);
    fake.invalidateDeltaLinks();
    const error = await failure(outlook.changes(access, primary().id, first.cursor, window));
    expect(error).toBeInstanceOf(SyncCursorExpired);
    expect(error).toMatchObject({ provider: "microsoft" });
  });

  it("stops at maxEvents", async () => {
    for (let day = 2; day <= 7; day++) fake.addEvent(user.id, null, timed(`2027-03-0${day}T10:00:00`, `2027-03-0${day}T11:00:00`));
    const error = await failure(outlook.changes(access, primary().id, null, window, 5));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "rejected" });
    await expect(outlook.changes(access, primary().id, null, window, 6)).resolves.toMatchObject({ full: true });
  });
});

describe("when Graph fails", () => {
  it("reports a 429 as unavailable with its Retry-After, and retries nothing itself", async () => {
    fake.failNext({ path: "/me/calendars", status: 429, retryAfterSeconds: 7 });
    const error = await failure(outlook.calendars(access));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", transient: true, retryAfterMs: 7000, providerCode: "TooManyRequests" });
    expect(fake.requests.filter((request) => request.path === "/me/calendars").length).toBe(1);
  });

  it("reports 500 and 503 as transient", async () => {
    fake.failNext({ path: "/calendarView/delta", status: 500 });
    expect(await failure(outlook.changes(access, primary().id, null, { from: clock, to: clock + DAY }))).toMatchObject({ kind: "unavailable", transient: true, providerCode: "generalException" });
    fake.failNext({ path: "/getSchedule", status: 503, retryAfterSeconds: 30 });
    expect(await failure(outlook.busyTimes(access, [primary().id], { from: clock, to: clock + DAY }))).toMatchObject({ kind: "unavailable", retryAfterMs: 30_000 });
  });

  it("gives up on a slow answer after the timeout", async () => {
    const impatient = outlookCalendar({ baseUrl: fake.url, timeoutMs: 100 });
    fake.failNext({ path: "/me/calendars", delayMs: 1_000 });
    expect(await failure(impatient.calendars(access))).toMatchObject({ kind: "unavailable", transient: true });
  });

  it("maps refusals by status: 400 rejected, 404 not found, 403 auth", async () => {
    fake.failNext({ path: "/me/calendars", status: 400, code: "ErrorInvalidRequest" });
    expect(await failure(outlook.calendars(access))).toMatchObject({ kind: "rejected", providerCode: "ErrorInvalidRequest" });
    expect(await failure(outlook.changes(access, "AAMkADnotacalendar=", null, { from: clock, to: clock + DAY }))).toMatchObject({ kind: "not_found", providerCode: "ErrorItemNotFound" });
    const narrow = { accessToken: async () => fake.accessTokenFor(user.id, ["User.Read"]) };
    expect(await failure(outlook.calendars(narrow))).toMatchObject({ kind: "auth", providerCode: "ErrorAccessDenied" });
  });

  it("hands on what the access token source threw", async () => {
    const expired = new ProviderError("auth", "The refresh token was revoked.", "microsoft", { providerCode: "invalid_grant" });
    expect(await failure(outlook.calendars({ accessToken: async () => Promise.reject(expired) }))).toBe(expired);
  });
});
