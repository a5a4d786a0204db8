import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ProviderError, SyncCursorExpired, type AppointmentEvent, type CalendarAccess, type CalendarProvider } from "@frontdesk/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventIdForAppointment, freeBusyWindowMs, googleCalendar, googleCalendarAuth } from "./index";
import { channelMaxLifetimeMs, startFakeGoogleCalendar, type FakeGoogleCalendar } from "./testing/fake";
import { parseGooglePush, sameSecret } from "./webhook";

const dayMs = 86_400_000;
const codeVerifier = "verifier-of-forty-three-characters-or-more-0123456789";
let clock: number;
let fake: FakeGoogleCalendar;
let google: CalendarProvider;
let access: CalendarAccess;
let primary: string;

beforeEach(async () => {
  clock = Date.parse("2027-03-20T12:00:00Z");
  // Three to a page: every listing below takes several pages, as Google's may.
  fake = await startFakeGoogleCalendar({ now: () => new Date(clock), maxPageSize: 3 });
  const alice = fake.addAccount({ email: "alice@example.com", timeZone: "Europe/Berlin", calendars: [{ summary: "Team", accessRole: "reader" }] });
  primary = alice.calendarIds[0]!;
  const auth = googleCalendarAuth({ ...fake.client, redirectUri: "https://frontdesk.example/oauth/google/callback", endpoints: fake.oauthEndpoints, now: () => clock });
  const callback = await fake.authorize(auth.authorizationUrl({ state: "s", codeVerifier }));
  const { tokens } = await auth.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier });
  access = { accessToken: async () => tokens.accessToken };
  google = googleCalendar({ rootUrl: fake.rootUrl, now: () => clock });
});
afterEach(() => fake.close());

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("it resolved"), (error: unknown) => error);
const at = (iso: string) => Date.parse(iso);
const requestsTo = (path: string | RegExp) => fake.requests.filter((request) => (typeof path === "string" ? request.path === path : path.test(request.path)));
const eventsPath = (calendarId: string) => `/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`;

describe("the calendars of an account", () => {
  it("lists every calendar over Google's pages, with its zone and whether Frontdesk may write there", async () => {
    fake.addCalendar("alice@example.com", { id: "shop@group.calendar.google.com", summary: "Shop", accessRole: "writer", timeZone: "America/New_York" });
    fake.addCalendar("alice@example.com", { summary: "Holidays", accessRole: "freeBusyReader" });
    const calendars = await google.calendars(access);
    expect(calendars.map(({ id: _id, ...calendar }) => calendar)).toEqual([
      { name: "alice@example.com", primary: true, canWrite: true, timeZone: "Europe/Berlin" },
      { name: "Team", primary: false, canWrite: false, timeZone: "Europe/Berlin" },
      { name: "Shop", primary: false, canWrite: true, timeZone: "America/New_York" },
      { name: "Holidays", primary: false, canWrite: false, timeZone: "Europe/Berlin" },
    ]);
    expect(calendars[0]!.id).toBe("alice@example.com");
    expect(requestsTo("/calendar/v3/users/me/calendarList")).toHaveLength(2);
  });
});

describe("busy times", () => {
  it("splits a long range into freeBusy queries no wider than Google answers, and merges each calendar's times", async () => {
    const from = at("2027-03-22T00:00:00Z");
    const to = from + 150 * dayMs;
    const boundary = from + freeBusyWindowMs;
    fake.addEvent(primary, { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00+01:00" }, end: { dateTime: "2027-03-22T11:00:00+01:00" } });
    fake.addEvent(primary, { summary: "Overlaps the dentist", start: { dateTime: "2027-03-22T10:30:00+01:00" }, end: { dateTime: "2027-03-22T12:00:00+01:00" } });
    fake.addEvent(primary, { summary: "Conference", start: { dateTime: new Date(boundary - 3_600_000).toISOString() }, end: { dateTime: new Date(boundary + 3_600_000).toISOString() } });
    fake.addEvent(primary, { summary: "Free", transparency: "transparent", start: { dateTime: "2027-03-23T10:00:00Z" }, end: { dateTime: "2027-03-23T11:00:00Z" } });
    fake.addEvent(primary, { summary: "Declined", attendees: [{ email: "alice@example.com", responseStatus: "declined" }], start: { dateTime: "2027-03-24T10:00:00Z" }, end: { dateTime: "2027-03-24T11:00:00Z" } });

    const busy = await google.busyTimes(access, [primary], { from, to });
    expect(busy.get(primary)).toEqual([
      { start: at("2027-03-22T09:00:00Z"), end: at("2027-03-22T11:00:00Z") },
      { start: boundary - 3_600_000, end: boundary + 3_600_000 },
    ]);
    const queries = requestsTo("/calendar/v3/freeBusy").map((request) => request.body as { timeMin: string; timeMax: string });
    expect(queries).toHaveLength(3);
    expect(queries.map((query) => Date.parse(query.timeMax) - Date.parse(query.timeMin))).toEqual([freeBusyWindowMs, freeBusyWindowMs, 30 * dayMs]);
  });

  it("asks for at most 50 calendars at once", async () => {
    const ids = [primary, ...Array.from({ length: 54 }, (_, index) => fake.addCalendar("alice@example.com", { summary: `Room ${index}` }).id)];
    fake.addEvent(ids.at(-1)!, { summary: "Booked", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
    const busy = await google.busyTimes(access, ids, { from: at("2027-03-22T00:00:00Z"), to: at("2027-03-23T00:00:00Z") });
    expect(requestsTo("/calendar/v3/freeBusy").map((request) => (request.body as { items: unknown[] }).items.length)).toEqual([50, 5]);
    expect(busy.size).toBe(55);
    expect(busy.get(ids.at(-1)!)).toEqual([{ start: at("2027-03-22T10:00:00Z"), end: at("2027-03-22T11:00:00Z") }]);
  });

  it("fails for a calendar Google cannot answer for, rather than call it free", async () => {
    const error = await failure(google.busyTimes(access, [primary, "nobody@example.com"], { from: at("2027-03-22T00:00:00Z"), to: at("2027-03-23T00:00:00Z") }));
    expect(error).toMatchObject({ kind: "not_found", providerCode: "notFound" });
  });
});

describe("reading a calendar's events", () => {
  const window = { from: at("2027-03-20T00:00:00Z"), to: at("2027-04-20T00:00:00Z") };

  it("reads the window in full, then only what changed, with Google's sync token", async () => {
    const dentist = fake.addEvent(primary, { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00+01:00" }, end: { dateTime: "2027-03-22T11:00:00+01:00" } }).id!;
    const free = fake.addEvent(primary, { summary: "Work from home", transparency: "transparent", start: { dateTime: "2027-03-23T09:00:00+01:00" }, end: { dateTime: "2027-03-23T17:00:00+01:00" } }).id!;
    const declined = fake.addEvent(primary, {
      summary: "Planning",
      attendees: [{ email: "bob@example.com", organizer: true, responseStatus: "accepted" }, { email: "alice@example.com", responseStatus: "declined" }],
      start: { dateTime: "2027-03-24T14:00:00+01:00" },
      end: { dateTime: "2027-03-24T15:00:00+01:00" },
    }).id!;
    // 28 March 2027: Berlin moves its clocks forward, so this day is 23 hours long.
    const dayOff = fake.addEvent(primary, { summary: "Day off", start: { date: "2027-03-28" }, end: { date: "2027-03-29" } }).id!;
    const yoga = fake.addEvent(primary, {
      summary: "Yoga",
      start: { dateTime: "2027-03-22T09:00:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2027-03-22T10:00:00", timeZone: "Europe/Berlin" },
      recurrence: ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"],
    }).id!;
    fake.addEvent(primary, { summary: "Long ago", start: { dateTime: "2027-01-05T10:00:00Z" }, end: { dateTime: "2027-01-05T11:00:00Z" } });

    const full = await google.changes(access, primary, null, window);
    expect(full.full).toBe(true);
    expect(full.removedIds).toEqual([]);
    expect(full.events.sort((a, b) => a.start - b.start)).toEqual([
      { id: dentist, start: at("2027-03-22T09:00:00Z"), end: at("2027-03-22T10:00:00Z"), allDay: false, busy: true, appointmentId: null },
      { id: `${yoga}_20270322T080000Z`, start: at("2027-03-22T08:00:00Z"), end: at("2027-03-22T09:00:00Z"), allDay: false, busy: true, appointmentId: null },
      { id: free, start: at("2027-03-23T08:00:00Z"), end: at("2027-03-23T16:00:00Z"), allDay: false, busy: false, appointmentId: null },
      { id: declined, start: at("2027-03-24T13:00:00Z"), end: at("2027-03-24T14:00:00Z"), allDay: false, busy: false, appointmentId: null },
      { id: dayOff, start: at("2027-03-27T23:00:00Z"), end: at("2027-03-28T22:00:00Z"), allDay: true, busy: true, appointmentId: null },
      { id: `${yoga}_20270329T070000Z`, start: at("2027-03-29T07:00:00Z"), end: at("2027-03-29T08:00:00Z"), allDay: false, busy: true, appointmentId: null },
      { id: `${yoga}_20270405T070000Z`, start: at("2027-04-05T07:00:00Z"), end: at("2027-04-05T08:00:00Z"), allDay: false, busy: true, appointmentId: null },
    ].sort((a, b) => a.start - b.start));
    expect(Object.fromEntries(requestsTo(eventsPath(primary))[0]!.query)).toMatchObject({ singleEvents: "true", timeMin: "2027-03-20T00:00:00.000Z", timeMax: "2027-04-20T00:00:00.000Z" });

    const lunch = fake.addEvent(primary, { summary: "Lunch", start: { dateTime: "2027-03-25T12:00:00+01:00" }, end: { dateTime: "2027-03-25T13:00:00+01:00" } }).id!;
    fake.changeEvent(primary, dentist, { start: { dateTime: "2027-03-22T15:00:00+01:00" }, end: { dateTime: "2027-03-22T16:00:00+01:00" } });
    fake.deleteEvent(primary, free);
    fake.changeEvent(primary, yoga, { recurrence: ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3", "EXDATE;TZID=Europe/Berlin:20270329T090000"] });
    fake.changeEvent(primary, declined, { start: { dateTime: "2027-05-24T14:00:00+02:00" }, end: { dateTime: "2027-05-24T15:00:00+02:00" } });

    const requestsBefore = requestsTo(eventsPath(primary)).length;
    const changes = await google.changes(access, primary, full.cursor, window);
    expect(changes.full).toBe(false);
    expect(changes.events.map((event) => [event.id, new Date(event.start).toISOString()]).sort()).toEqual(
      [
        [lunch, "2027-03-25T11:00:00.000Z"],
        [dentist, "2027-03-22T14:00:00.000Z"],
        [`${yoga}_20270322T080000Z`, "2027-03-22T08:00:00.000Z"],
        [`${yoga}_20270405T070000Z`, "2027-04-05T07:00:00.000Z"],
      ].sort(),
    );
    // Deleted, taken out of its series, and moved out of the window.
    expect(changes.removedIds.sort()).toEqual([free, `${yoga}_20270329T070000Z`, declined].sort());
    for (const request of requestsTo(eventsPath(primary)).slice(requestsBefore)) {
      expect(Object.fromEntries(request.query)).toMatchObject({ singleEvents: "true", syncToken: expect.any(String) });
      expect(request.query.has("timeMin") || request.query.has("timeMax")).toBe(false);
    }

    const nothing = await google.changes(access, primary, changes.cursor, window);
    expect(nothing).toEqual({ full: false, events: [], removedIds: [], cursor: expect.any(String) });
  });

  it("gives a weekly series across the DST change in the series' own zone", async () => {
    const standup = fake.addEvent(primary, {
      summary: "Stand-up",
      start: { dateTime: "2027-10-25T08:30:00-04:00", timeZone: "America/New_York" },
      end: { dateTime: "2027-10-25T08:45:00-04:00", timeZone: "America/New_York" },
      recurrence: ["RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;UNTIL=20271109T000000Z"],
    }).id!;
    const { events } = await google.changes(access, primary, null, { from: at("2027-10-20T00:00:00Z"), to: at("2027-11-20T00:00:00Z") });
    // New York leaves daylight time on 7 November: 08:30 is 12:30Z before, 13:30Z after.
    expect(events.map((event) => [event.id, new Date(event.start).toISOString(), event.end - event.start])).toEqual([
      [`${standup}_20271025T123000Z`, "2027-10-25T12:30:00.000Z", 15 * 60_000],
      [`${standup}_20271028T123000Z`, "2027-10-28T12:30:00.000Z", 15 * 60_000],
      [`${standup}_20271101T123000Z`, "2027-11-01T12:30:00.000Z", 15 * 60_000],
      [`${standup}_20271104T123000Z`, "2027-11-04T12:30:00.000Z", 15 * 60_000],
      [`${standup}_20271108T133000Z`, "2027-11-08T13:30:00.000Z", 15 * 60_000],
    ]);
  });

  it("throws SyncCursorExpired when Google no longer knows the sync token, and a full read starts again", async () => {
    fake.addEvent(primary, { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
    const { cursor } = await google.changes(access, primary, null, window);
    fake.invalidateSyncTokens(primary);
    const error = await failure(google.changes(access, primary, cursor, window));
    expect(error).toBeInstanceOf(SyncCursorExpired);
    expect(error).toMatchObject({ provider: "google" });
    await expect(google.changes(access, primary, null, window)).resolves.toMatchObject({ full: true, events: [expect.objectContaining({ busy: true })] });
  });

  it("stops reading at maxEvents, and says so", async () => {
    for (let day = 0; day < 8; day += 1) {
      fake.addEvent(primary, { summary: `Shift ${day}`, start: { dateTime: new Date(at("2027-03-22T09:00:00Z") + day * dayMs).toISOString() }, end: { dateTime: new Date(at("2027-03-22T17:00:00Z") + day * dayMs).toISOString() } });
    }
    const error = await failure(google.changes(access, primary, null, window, 5));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "rejected", transient: false });
    // Three a page: the second page passes five, and the third is never asked for.
    expect(requestsTo(eventsPath(primary))).toHaveLength(2);
    await expect(google.changes(access, primary, null, window, 8)).resolves.toMatchObject({ events: expect.any(Array) });
  });

  it("a calendar that is not the account's is not found", async () => {
    expect(await failure(google.changes(access, "someone@example.com", null, window))).toMatchObject({ kind: "not_found", providerCode: "notFound" });
  });
});

describe("writing an appointment's event", () => {
  const appointment: AppointmentEvent = {
    appointmentId: "apt_01HZX3K2M4",
    start: at("2027-03-23T14:00:00Z"),
    end: at("2027-03-23T14:45:00Z"),
    timeZone: "Europe/Berlin",
    summary: "Haircut — Dana K.",
    description: "Booked through Frontdesk.",
    location: "Salon Bella, Torstraße 1",
    url: "https://frontdesk.example/appointments/apt_01HZX3K2M4",
  };
  const ours = () => [...fake.state.calendars.get(primary)!.events.values()].map((event) => event.resource);

  it("creates one event under an id derived from the appointment, with its text, link and zone", async () => {
    const { eventId } = await google.upsertEvent(access, primary, appointment, null);
    expect(eventId).toBe(eventIdForAppointment(appointment.appointmentId));
    expect(eventId).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(fake.event(primary, eventId)).toMatchObject({
      status: "confirmed",
      summary: "Haircut — Dana K.",
      description: "Booked through Frontdesk.",
      location: "Salon Bella, Torstraße 1",
      start: { dateTime: "2027-03-23T14:00:00.000Z", timeZone: "Europe/Berlin" },
      end: { dateTime: "2027-03-23T14:45:00.000Z", timeZone: "Europe/Berlin" },
      transparency: "opaque",
      extendedProperties: { private: { frontdeskAppointmentId: "apt_01HZX3K2M4" } },
      source: { title: "Frontdesk", url: "https://frontdesk.example/appointments/apt_01HZX3K2M4" },
    });
    const { events } = await google.changes(access, primary, null, { from: at("2027-03-20T00:00:00Z"), to: at("2027-04-20T00:00:00Z") });
    expect(events).toEqual([{ id: eventId, start: appointment.start, end: appointment.end, allDay: false, busy: true, appointmentId: "apt_01HZX3K2M4" }]);
  });

  it("leaves one event when called twice without the event id (an answer lost), and updates it", async () => {
    await google.upsertEvent(access, primary, appointment, null);
    const moved = { ...appointment, start: at("2027-03-24T09:00:00Z"), end: at("2027-03-24T09:45:00Z"), location: null, url: null };
    const { eventId } = await google.upsertEvent(access, primary, moved, null);
    expect(ours()).toHaveLength(1);
    expect(fake.event(primary, eventId)).toMatchObject({ start: { dateTime: "2027-03-24T09:00:00.000Z" }, sequence: 1 });
    expect(fake.event(primary, eventId)).not.toHaveProperty("location");
    expect(fake.event(primary, eventId)).not.toHaveProperty("source");
    expect(fake.requests.filter((request) => request.path.startsWith(eventsPath(primary))).map((request) => request.method)).toEqual(["POST", "POST", "PATCH"]);
  });

  it("patches the known event, and restores it when it was deleted in Google", async () => {
    const { eventId } = await google.upsertEvent(access, primary, appointment, null);
    fake.deleteEvent(primary, eventId);
    expect(fake.event(primary, eventId)!.status).toBe("cancelled");
    await expect(google.upsertEvent(access, primary, appointment, eventId)).resolves.toEqual({ eventId });
    expect(fake.event(primary, eventId)!.status).toBe("confirmed");
    expect(ours()).toHaveLength(1);
    expect(fake.requests.at(-1)).toMatchObject({ method: "PATCH", path: `${eventsPath(primary)}/${eventId}` });
  });

  it("creates the event again when the one it knew is not there at all", async () => {
    const { eventId } = await google.upsertEvent(access, primary, appointment, "abcdefghij0123456789");
    expect(eventId).toBe(eventIdForAppointment(appointment.appointmentId));
    expect(ours()).toHaveLength(1);
  });

  it("deletes an event, and deleting it again or one never there succeeds", async () => {
    const { eventId } = await google.upsertEvent(access, primary, appointment, null);
    await google.deleteEvent(access, primary, eventId);
    expect(fake.event(primary, eventId)!.status).toBe("cancelled");
    await expect(google.deleteEvent(access, primary, eventId)).resolves.toBeUndefined();
    await expect(google.deleteEvent(access, primary, "neverthere00000")).resolves.toBeUndefined();
    expect(fake.requests.filter((request) => request.method === "DELETE").length).toBe(3);
  });

  it("is refused on a calendar the account may only read", async () => {
    const team = [...fake.state.calendars.values()].find((calendar) => calendar.summary === "Team")!.id;
    expect(await failure(google.upsertEvent(access, team, appointment, null))).toMatchObject({ kind: "auth", providerCode: "requiredAccessLevel" });
  });
});

describe("push channels", () => {
  let receiver: Server;
  let received: IncomingHttpHeaders[];
  let webhookUrl: string;

  beforeEach(async () => {
    received = [];
    receiver = createServer((request, response) => {
      received.push(request.headers);
      response.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/google/calendar`;
  });
  afterEach(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  const request = () => ({ webhookUrl, channelId: "chan-7d1f0c", secret: "s3cret-token-of-the-channel", expiresAt: clock + 3 * dayMs });

  it("opens a channel; Google confirms it with a sync message, then tells of each change", async () => {
    const channel = await google.watch(access, primary, request());
    expect(channel).toEqual({ channelId: "chan-7d1f0c", resourceId: fake.state.calendars.get(primary)!.resourceId, expiresAt: clock + 3 * dayMs });
    fake.addEvent(primary, { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
    await fake.idle();

    const pushes = received.map((headers) => parseGooglePush(headers));
    expect(pushes).toEqual([
      {
        channelId: "chan-7d1f0c",
        token: "s3cret-token-of-the-channel",
        resourceId: channel.resourceId,
        resourceUri: "https://www.googleapis.com/calendar/v3/calendars/alice%40example.com/events?alt=json",
        resourceState: "sync",
        messageNumber: 1,
        expiresAt: clock + 3 * dayMs,
      },
      expect.objectContaining({ resourceState: "exists", messageNumber: 2 }),
    ]);
    expect(received[0]!["x-goog-channel-expiration"]).toBe(new Date(clock + 3 * dayMs).toUTCString());
    expect(sameSecret(pushes[0]!.token, "s3cret-token-of-the-channel")).toBe(true);
  });

  it("gets a shorter life than asked for when Google gives less", async () => {
    const channel = await google.watch(access, primary, { ...request(), expiresAt: clock + 30 * dayMs });
    expect(channel.expiresAt).toBe(clock + channelMaxLifetimeMs);
  });

  it("stops a channel: no more pushes; stopping it again succeeds", async () => {
    const channel = await google.watch(access, primary, request());
    await google.stopWatch(access, channel);
    fake.addEvent(primary, { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
    await fake.idle();
    expect(received.map((headers) => headers["x-goog-resource-state"])).toEqual(["sync"]);
    await expect(google.stopWatch(access, channel)).resolves.toBeUndefined();
  });

  it("renews a channel as a new one, and stops the old: the pushes carry on through the new channel only", async () => {
    const old = await google.watch(access, primary, request());
    clock += 30 * 60_000;
    const renewed = await google.renewWatch(access, primary, old, { ...request(), channelId: "chan-8e2a1d", expiresAt: clock + 3 * dayMs });
    expect(renewed).toMatchObject({ channelId: "chan-8e2a1d", expiresAt: clock + 3 * dayMs });
    received.length = 0;
    fake.addEvent(primary, { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
    await fake.idle();
    expect(received.map((headers) => headers["x-goog-channel-id"])).toEqual(["chan-8e2a1d"]);
    // An old channel already gone does not stand in the way.
    const again = await google.renewWatch(access, primary, old, { ...request(), channelId: "chan-9f3b2e", expiresAt: clock + 3 * dayMs });
    expect(again.channelId).toBe("chan-9f3b2e");
  });

  it("a channel past its expiration pushes nothing", async () => {
    await google.watch(access, primary, request());
    clock += 3 * dayMs;
    fake.addEvent(primary, { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
    await fake.idle();
    expect(received).toHaveLength(1);
  });
});

describe("Google's errors", () => {
  it("a 429 is unavailable, with Retry-After in seconds as retryAfterMs, and is not retried", async () => {
    fake.inject({ path: "/calendar/v3/users/me/calendarList", status: 429, retryAfter: 30 });
    const error = await failure(google.calendars(access));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", transient: true, provider: "google", providerCode: "rateLimitExceeded", retryAfterMs: 30_000 });
    expect(requestsTo("/calendar/v3/users/me/calendarList")).toHaveLength(1);
  });

  it("reads a Retry-After date against the adapter's clock", async () => {
    fake.inject({ path: "/calendar/v3/freeBusy", status: 503, retryAfter: new Date(clock + 90_000) });
    const error = await failure(google.busyTimes(access, [primary], { from: clock, to: clock + dayMs }));
    expect(error).toMatchObject({ kind: "unavailable", providerCode: "backendError", retryAfterMs: 90_000 });
  });

  it("a rate-limit 403 is unavailable; another 403 is auth", async () => {
    fake.inject({ status: 403, reason: "userRateLimitExceeded", message: "User Rate Limit Exceeded" });
    expect(await failure(google.calendars(access))).toMatchObject({ kind: "unavailable", providerCode: "userRateLimitExceeded" });
    fake.inject({ status: 403, reason: "forbidden", message: "Forbidden" });
    expect(await failure(google.calendars(access))).toMatchObject({ kind: "auth", providerCode: "forbidden" });
  });

  it("a 500 is transient and sent once", async () => {
    fake.inject({ method: "POST", path: /\/events$/, status: 500 });
    const error = await failure(google.upsertEvent(access, primary, { appointmentId: "apt_1", start: clock, end: clock + 3_600_000, timeZone: "UTC", summary: "Cut", description: "", location: null, url: null }, null));
    expect(error).toMatchObject({ kind: "unavailable", transient: true, retryAfterMs: undefined });
    expect(requestsTo(eventsPath(primary))).toHaveLength(1);
  });

  it("a 400 is rejected", async () => {
    fake.inject({ status: 400, reason: "badRequest", message: "Bad Request" });
    expect(await failure(google.calendars(access))).toMatchObject({ kind: "rejected", providerCode: "badRequest", transient: false });
  });

  it("an answer slower than the timeout is unavailable", async () => {
    const impatient = googleCalendar({ rootUrl: fake.rootUrl, timeoutMs: 100 });
    fake.inject({ delayMs: 1_000 });
    const error = await failure(impatient.calendars(access));
    expect(error).toMatchObject({ kind: "unavailable", transient: true });
    expect((error as Error).message).toMatch(/could not be reached/);
  });
});
