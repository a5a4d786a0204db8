import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { googleCalendar, googleCalendarAuth } from "../index";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "./fake";
import { instancesOf, maxInstances } from "./fake-recurrence";
import { GoogleFault } from "./fake-state";

const codeVerifier = "verifier-of-forty-three-characters-or-more-0123456789";
const redirectUri = "https://frontdesk.example/oauth/google/callback";
let clock: number;
let fake: FakeGoogleCalendar;

beforeEach(async () => {
  clock = Date.parse("2027-03-20T12:00:00Z");
  fake = await startFakeGoogleCalendar({ now: () => new Date(clock) });
  fake.addAccount({ email: "alice@example.com", timeZone: "Europe/Berlin" });
});
afterEach(() => fake.close());

async function accessToken(target = fake, options: { grant?: string[] } = {}) {
  const auth = googleCalendarAuth({ ...target.client, redirectUri, endpoints: target.oauthEndpoints, now: () => clock });
  if (options.grant) target.consent({ grant: options.grant });
  const callback = await target.authorize(auth.authorizationUrl({ state: "s", codeVerifier }));
  return (await auth.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier })).tokens.accessToken;
}

async function call(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${fake.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { "content-type": "application/json" } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: response.status === 204 ? undefined : ((await response.json()) as Record<string, any>) };
}

const events = "/calendar/v3/calendars/alice%40example.com/events";
const at = (iso: string) => Date.parse(iso);
const startsOf = (event: Parameters<typeof instancesOf>[0], zone = "Europe/Berlin", range?: { from: number; to: number }) => instancesOf(event, zone, range).map((instance) => new Date(instance.startMs).toISOString());

describe("recurring events, expanded", () => {
  const timed = (rule: string[], start = "2027-03-20T10:00:00") => ({ id: "series0001", start: { dateTime: start, timeZone: "Europe/Berlin" }, end: { dateTime: start.replace("T10", "T11"), timeZone: "Europe/Berlin" }, recurrence: rule });

  it("repeats daily with an INTERVAL up to an UNTIL, keeping the wall-clock time across DST", () => {
    expect(startsOf(timed(["RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20270330T000000Z"]))).toEqual([
      "2027-03-20T09:00:00.000Z",
      "2027-03-23T09:00:00.000Z",
      "2027-03-26T09:00:00.000Z",
      "2027-03-29T08:00:00.000Z",
    ]);
  });

  it("repeats weekly on the BYDAY days, every INTERVAL weeks, COUNT in all", () => {
    expect(startsOf(timed(["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;COUNT=5"]))).toEqual([
      "2027-03-20T09:00:00.000Z",
      "2027-03-30T08:00:00.000Z",
      "2027-04-03T08:00:00.000Z",
      "2027-04-13T08:00:00.000Z",
      "2027-04-17T08:00:00.000Z",
    ]);
  });

  it("leaves out EXDATEs, which still count towards COUNT, and narrows a daily rule by BYDAY", () => {
    expect(startsOf(timed(["RRULE:FREQ=DAILY;BYDAY=MO,WE,FR;COUNT=4", "EXDATE;TZID=Europe/Berlin:20270324T100000"], "2027-03-22T10:00:00"))).toEqual([
      "2027-03-22T09:00:00.000Z",
      "2027-03-26T09:00:00.000Z",
      "2027-03-29T08:00:00.000Z",
    ]);
  });

  it("repeats all-day events by date, midnight to midnight in the calendar's zone", () => {
    const instances = instancesOf({ id: "holiday001", start: { date: "2027-03-27" }, end: { date: "2027-03-28" }, recurrence: ["RRULE:FREQ=DAILY;COUNT=2"] }, "Europe/Berlin");
    expect(instances.map((instance) => [instance.id, instance.start, new Date(instance.startMs).toISOString(), (instance.endMs - instance.startMs) / 3_600_000])).toEqual([
      ["holiday001_20270327", { date: "2027-03-27" }, "2027-03-26T23:00:00.000Z", 24],
      ["holiday001_20270328", { date: "2027-03-28" }, "2027-03-27T23:00:00.000Z", 23],
    ]);
  });

  it("gives the instances that overlap a range, and at most maxInstances of a series without end", () => {
    expect(startsOf(timed(["RRULE:FREQ=DAILY"]), "Europe/Berlin", { from: at("2027-04-01T08:30:00Z"), to: at("2027-04-03T00:00:00Z") })).toEqual(["2027-04-01T08:00:00.000Z", "2027-04-02T08:00:00.000Z"]);
    expect(instancesOf(timed(["RRULE:FREQ=DAILY"]), "Europe/Berlin")).toHaveLength(maxInstances);
  });

  it("refuses rules the fake does not follow, with Google's 400", () => {
    for (const rule of [["RRULE:FREQ=MONTHLY;BYMONTHDAY=1"], ["RRULE:FREQ=WEEKLY;BYDAY=1MO"], ["RRULE:FREQ=DAILY", "RDATE:20270401T100000Z"], ["RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270401"]]) {
      expect(() => instancesOf(timed(rule), "Europe/Berlin"), rule.join(" ")).toThrow(GoogleFault);
    }
  });
});

describe("the Calendar API's rules", () => {
  it("answers errors in Google's shape: a sync token beside timeMin is 400, an invalidated one 410 fullSyncRequired", async () => {
    const token = await accessToken();
    const first = await call(`${events}?singleEvents=true`, token);
    const syncToken = encodeURIComponent(first.body!.nextSyncToken);
    expect((await call(`${events}?singleEvents=true&syncToken=${syncToken}&timeMin=2027-03-20T00:00:00Z`, token)).status).toBe(400);
    expect((await call(`${events}?singleEvents=false&syncToken=${syncToken}`, token)).status).toBe(400);
    fake.invalidateSyncTokens();
    expect(await call(`${events}?singleEvents=true&syncToken=${syncToken}`, token)).toEqual({
      status: 410,
      body: {
        error: {
          code: 410,
          message: "Sync token is no longer valid, a full sync is required.",
          errors: [{ domain: "calendar", reason: "fullSyncRequired", message: "Sync token is no longer valid, a full sync is required." }],
          status: "FAILED_PRECONDITION",
        },
      },
    });
  });

  it("gives deleted events to incremental reads as cancelled, with no more than their id", async () => {
    const token = await accessToken();
    const id = fake.addEvent("alice@example.com", { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } }).id!;
    const { body } = await call(`${events}?singleEvents=true`, token);
    fake.deleteEvent("alice@example.com", id);
    const changed = await call(`${events}?singleEvents=true&syncToken=${encodeURIComponent(body!.nextSyncToken)}`, token);
    expect(changed.body!.items).toEqual([{ kind: "calendar#event", etag: expect.any(String), id, status: "cancelled" }]);
    expect((await call(`${events}/${id}`, token)).body).toMatchObject({ id, status: "cancelled", summary: "Dentist" });
  });

  it("takes a client's event id once: a taken one is 409, a malformed one 400", async () => {
    const token = await accessToken();
    const event = { id: "fd0123456789abcdefuv", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } };
    expect((await call(events, token, { method: "POST", body: event })).status).toBe(200);
    expect(await call(events, token, { method: "POST", body: event })).toMatchObject({ status: 409, body: { error: { errors: [{ reason: "duplicate" }] } } });
    expect(await call(events, token, { method: "POST", body: { ...event, id: "not-base32hex" } })).toMatchObject({ status: 400, body: { error: { message: "Invalid resource id value." } } });
  });

  it("answers freeBusy over 90 days at the most", async () => {
    const token = await accessToken();
    const query = (days: number) => call("/calendar/v3/freeBusy", token, { method: "POST", body: { timeMin: "2027-03-20T00:00:00Z", timeMax: new Date(at("2027-03-20T00:00:00Z") + days * 86_400_000).toISOString(), items: [{ id: "primary" }] } });
    expect((await query(90)).status).toBe(200);
    expect(await query(91)).toMatchObject({ status: 400, body: { error: { message: "The requested time range is too long." } } });
  });

  it("lets a token do only what its scopes allow", async () => {
    const token = await accessToken(fake, { grant: ["openid", "email", "https://www.googleapis.com/auth/calendar.freebusy"] });
    expect(await call(events, token)).toMatchObject({ status: 403, body: { error: { errors: [{ reason: "insufficientPermissions" }] } } });
    expect((await call("/calendar/v3/freeBusy", token, { method: "POST", body: { timeMin: "2027-03-20T00:00:00Z", timeMax: "2027-03-21T00:00:00Z", items: [{ id: "primary" }] } })).status).toBe(200);
  });
});

describe("the consent screen and the token endpoint", () => {
  it("sends a refusal back to the app", async () => {
    fake.consent({ deny: true });
    const auth = googleCalendarAuth({ ...fake.client, redirectUri, endpoints: fake.oauthEndpoints });
    const callback = await fake.authorize(auth.authorizationUrl({ state: "s", codeVerifier }));
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: "access_denied", state: "s" });
  });

  it("wants the verifier of the PKCE challenge", async () => {
    const auth = googleCalendarAuth({ ...fake.client, redirectUri, endpoints: fake.oauthEndpoints });
    const code = (await fake.authorize(auth.authorizationUrl({ state: "s", codeVerifier }))).searchParams.get("code")!;
    const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: fake.client.clientId, client_secret: fake.client.clientSecret });
    const response = await fetch(fake.oauthEndpoints.tokenUrl, { method: "POST", body: form });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Missing code verifier." } });
  });
});

describe("faults", () => {
  it("fails a seeded fraction of requests, the same ones on every run", async () => {
    const outcomes = async () => {
      const seeded = await startFakeGoogleCalendar({ now: () => new Date(clock), seed: 42 });
      try {
        seeded.addAccount({ email: "alice@example.com" });
        const token = await accessToken(seeded);
        const access = { accessToken: async () => token };
        seeded.inject({ path: "/calendar/v3/users/me/calendarList", fraction: 0.5, status: 503 });
        const google = googleCalendar({ rootUrl: seeded.rootUrl });
        const results: string[] = [];
        for (let attempt = 0; attempt < 16; attempt += 1) results.push(await google.calendars(access).then(() => "ok", () => "503"));
        return results;
      } finally {
        await seeded.close();
      }
    };
    const first = await outcomes();
    expect(first).toContain("ok");
    expect(first).toContain("503");
    expect(await outcomes()).toEqual(first);
  });

  describe("on push notifications", () => {
    let receiver: Server;
    let numbers: string[];
    beforeEach(async () => {
      numbers = [];
      receiver = createServer((request, response) => {
        numbers.push(`${request.headers["x-goog-resource-state"]} ${request.headers["x-goog-message-number"]}`);
        response.writeHead(204).end();
      });
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    });
    afterEach(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it("drops one, and sends another twice", async () => {
      const token = await accessToken();
      const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/push`;
      await googleCalendar({ rootUrl: fake.rootUrl }).watch({ accessToken: async () => token }, "primary", { webhookUrl, channelId: "chan-1", secret: "s", expiresAt: clock + 86_400_000 });
      fake.injectPush({ kind: "drop" });
      fake.addEvent("alice@example.com", { start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
      fake.injectPush({ kind: "duplicate" });
      fake.addEvent("alice@example.com", { start: { dateTime: "2027-03-23T10:00:00Z" }, end: { dateTime: "2027-03-23T11:00:00Z" } });
      await fake.idle();
      expect(numbers).toEqual(["sync 1", "exists 3", "exists 3"]);
    });
  });
});

describe("state", () => {
  it("carries accounts, tokens and events over to a fake started from it", async () => {
    const token = await accessToken();
    fake.addEvent("alice@example.com", { summary: "Dentist", start: { dateTime: "2027-03-22T10:00:00Z" }, end: { dateTime: "2027-03-22T11:00:00Z" } });
    const restarted = await startFakeGoogleCalendar({ now: () => new Date(clock), state: fake.exportState(), clients: [fake.client] });
    try {
      const busy = await googleCalendar({ rootUrl: restarted.rootUrl }).busyTimes({ accessToken: async () => token }, ["primary"], { from: at("2027-03-22T00:00:00Z"), to: at("2027-03-23T00:00:00Z") });
      expect(busy.get("primary")).toEqual([{ start: at("2027-03-22T10:00:00Z"), end: at("2027-03-22T11:00:00Z") }]);
    } finally {
      await restarted.close();
    }
  });
});
