import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph, type FakeUser } from "./fake";

const DAY = 86_400_000;
let clock = Date.parse("2027-03-01T08:00:00Z");
let fake: FakeMicrosoftGraph;
let user: FakeUser;
let token: string;

beforeEach(async () => {
  clock = Date.parse("2027-03-01T08:00:00Z");
  fake = await startFakeMicrosoftGraph({ now: () => new Date(clock) });
  user = fake.addUser({ displayName: "Ana Ruiz", mail: "ana@bella-salon.example", mailboxTimeZone: "W. Europe Standard Time", calendars: [{ name: "Team" }, { name: "Other" }] });
  token = fake.accessTokenFor(user.id);
});
afterEach(() => fake.close());

/** A raw request to the fake's Graph, `https://graph.microsoft.com/v1.0…` rewritten to it as the adapter does. */
async function graph(path: string, options: { method?: string; body?: unknown; prefer?: string; token?: string } = {}) {
  const url = path.startsWith("https://graph.microsoft.com") ? `${fake.url}${path.slice("https://graph.microsoft.com".length)}` : `${fake.url}/v1.0${path}`;
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? token}`, "content-type": "application/json" };
  if (options.prefer) headers.prefer = options.prefer;
  const response = await fetch(url, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const meeting = { subject: "Review", start: { dateTime: "2027-03-02T10:00:00", timeZone: "W. Europe Standard Time" }, end: { dateTime: "2027-03-02T11:00:00", timeZone: "W. Europe Standard Time" } };

describe("the fake's Graph", () => {
  it("pages lists with $top and links the next page on Graph's host", async () => {
    const first = await graph("/me/calendars?$top=2&$select=id,name");
    expect(first.json!.value).toEqual([
      { id: user.calendars[0]!.id, name: "Calendar" },
      { id: user.calendars[1]!.id, name: "Team" },
    ]);
    expect(first.json!["@odata.nextLink"]).toBe("https://graph.microsoft.com/v1.0/me/calendars?$top=2&$select=id%2Cname&$skip=2");
    const second = await graph(first.json!["@odata.nextLink"]);
    expect(second.json!.value).toEqual([{ id: user.calendars[2]!.id, name: "Other" }]);
    expect(second.json!["@odata.nextLink"]).toBeUndefined();
  });

  it("writes times in UTC, or in the zone a Prefer header names, and all-day events as dates", async () => {
    fake.addEvent(user.id, null, meeting);
    fake.addEvent(user.id, null, { subject: "Off", isAllDay: true, start: { dateTime: "2027-03-03T00:00:00", timeZone: "W. Europe Standard Time" }, end: { dateTime: "2027-03-04T00:00:00", timeZone: "W. Europe Standard Time" } });
    const view = "/me/calendarView?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-03-05T00:00:00Z";
    const utc = await graph(view);
    expect(utc.json!.value.map((event: any) => [event.start, event.originalStartTimeZone])).toEqual([
      [{ dateTime: "2027-03-02T09:00:00.0000000", timeZone: "UTC" }, "W. Europe Standard Time"],
      [{ dateTime: "2027-03-03T00:00:00.0000000", timeZone: "UTC" }, "W. Europe Standard Time"],
    ]);
    const pacific = await graph(view, { prefer: 'outlook.timezone="Pacific Standard Time"' });
    expect(pacific.json!.value.map((event: any) => event.start)).toEqual([
      { dateTime: "2027-03-02T01:00:00.0000000", timeZone: "Pacific Standard Time" },
      { dateTime: "2027-03-03T00:00:00.0000000", timeZone: "Pacific Standard Time" },
    ]);
  });

  it("expands a daily series with an interval up to its end date", async () => {
    fake.addEvent(user.id, null, { ...meeting, recurrence: { pattern: { type: "daily", interval: 2 }, range: { type: "endDate", startDate: "2027-03-02", endDate: "2027-03-08" } } });
    const view = await graph("/me/calendarView?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z&$select=start,type,seriesMasterId");
    expect(view.json!.value.map((event: any) => [event.start.dateTime.slice(0, 10), event.type])).toEqual([
      ["2027-03-02", "occurrence"],
      ["2027-03-04", "occurrence"],
      ["2027-03-06", "occurrence"],
      ["2027-03-08", "occurrence"],
    ]);
    const series = await graph("/me/events?$select=type,recurrence");
    expect(series.json!.value).toEqual([expect.objectContaining({ type: "seriesMaster", recurrence: expect.objectContaining({ pattern: expect.objectContaining({ interval: 2 }) }) })]);
  });

  it("gives back the first event for a create with the same transactionId", async () => {
    const first = await graph("/me/events", { method: "POST", body: { ...meeting, transactionId: "tx-1" } });
    const again = await graph("/me/events", { method: "POST", body: { ...meeting, subject: "Retried", transactionId: "tx-1" } });
    expect(first.status).toBe(201);
    expect(again.json!.id).toBe(first.json!.id);
    expect(again.json!.subject).toBe("Review");
    expect(user.calendars[0]!.events.length).toBe(1);
  });

  it("keeps single-value extended properties and expands the ones asked for, except in a delta", async () => {
    const id = "String {5b3c7a1e-8f2d-4c6b-9e0a-71d4f2a6c9b3} Name Test";
    const created = await graph("/me/events", { method: "POST", body: { ...meeting, singleValueExtendedProperties: [{ id, value: "apt_1" }] } });
    const plain = await graph(`/me/events/${encodeURIComponent(created.json!.id)}`);
    expect(plain.json).not.toHaveProperty("singleValueExtendedProperties");
    const expanded = await graph(`/me/events/${encodeURIComponent(created.json!.id)}?$expand=singleValueExtendedProperties($filter=id eq '${id}')`);
    expect(expanded.json!.singleValueExtendedProperties).toEqual([{ id, value: "apt_1" }]);
    const delta = await graph(`/me/calendarView/delta?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z&$expand=singleValueExtendedProperties($filter=id eq '${id}')`);
    expect(delta.status).toBe(400);
  });

  it("takes Windows zone names and each one's own IANA zone, not every IANA zone", async () => {
    const berlin = await graph("/me/events", { method: "POST", body: { ...meeting, start: { dateTime: "2027-03-02T10:00:00", timeZone: "Europe/Berlin" }, end: { dateTime: "2027-03-02T11:00:00", timeZone: "Europe/Berlin" } } });
    expect(berlin.status).toBe(201);
    const madrid = await graph("/me/events", { method: "POST", body: { ...meeting, start: { dateTime: "2027-03-02T10:00:00", timeZone: "Europe/Madrid" }, end: { dateTime: "2027-03-02T11:00:00", timeZone: "Europe/Madrid" } } });
    expect(madrid.status).toBe(400);
    expect(madrid.json!.error).toMatchObject({ code: "TimeZoneNotSupportedException", innerError: { "request-id": expect.any(String), date: expect.any(String) } });
  });

  it("answers getSchedule only for less than 62 days, and says which address it does not know", async () => {
    const ask = (days: number, schedules = ["ana@bella-salon.example"]) =>
      graph("/me/calendar/getSchedule", {
        method: "POST",
        body: { schedules, startTime: { dateTime: "2027-03-01T00:00:00", timeZone: "UTC" }, endTime: { dateTime: new Date(clock + days * DAY).toISOString().slice(0, 19), timeZone: "UTC" }, availabilityViewInterval: 1440 },
      });
    fake.addEvent(user.id, null, meeting);
    const answer = await ask(3, ["ana@bella-salon.example", "nobody@bella-salon.example"]);
    expect(answer.json!.value[0]).toMatchObject({ scheduleId: "ana@bella-salon.example", availabilityView: "0200", scheduleItems: [{ status: "busy", start: { dateTime: "2027-03-02T09:00:00.0000000", timeZone: "UTC" } }] });
    expect(answer.json!.value[1]).toMatchObject({ scheduleId: "nobody@bella-salon.example", error: { responseCode: "ErrorMailRecipientNotFound" } });
    expect((await ask(61)).status).toBe(200);
    expect((await ask(62)).status).toBe(400);
  });

  it("refuses missing, unknown and expired tokens with 401, and unknown paths with 400", async () => {
    expect((await graph("/me", { token: "nonsense" })).json!.error.code).toBe("InvalidAuthenticationToken");
    clock += 3600 * 1000;
    const expired = await graph("/me");
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain("invalid_token");
    expect((await graph("/me/nothing-here", { token: fake.accessTokenFor(user.id) })).json!.error).toMatchObject({ code: "BadRequest" });
  });

  it("answers the same seeded fraction of requests with a fault on every run", async () => {
    const run = async () => {
      const local = await startFakeMicrosoftGraph({ now: () => new Date(clock) });
      const someone = local.addUser({ displayName: "Bo", mail: "bo@example.test" });
      const bearer = local.accessTokenFor(someone.id);
      local.failSome({ fraction: 0.3, seed: 42, fault: { status: 503, retryAfterSeconds: 1 } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${local.url}/v1.0/me`, { headers: { authorization: `Bearer ${bearer}` } })).status);
      await local.close();
      return statuses;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(0);
  });

  it("drops and duplicates notifications when told", async () => {
    const posts: string[] = [];
    const receiver = createServer(async (request, response) => {
      const token = new URL(request.url!, "http://x").searchParams.get("validationToken");
      if (token) return response.writeHead(200, { "content-type": "text/plain" }).end(token);
      for await (const chunk of request) posts.push(String(chunk));
      response.writeHead(202).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const created = await graph("/subscriptions", { method: "POST", body: { changeType: "created", notificationUrl: url, resource: "me/events", expirationDateTime: new Date(clock + DAY).toISOString(), clientState: "c" } });
      expect(created.status).toBe(201);
      fake.dropNotifications(1);
      fake.duplicateNotifications(1);
      for (let i = 0; i < 3; i++) fake.addEvent(user.id, null, meeting);
      await fake.idle();
      expect(posts.length).toBe(3);
      expect(new Set(posts.map((post) => JSON.parse(post).value[0].resourceData.id)).size).toBe(2);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("starts again from an exported state", async () => {
    fake.addEvent(user.id, null, meeting);
    const again = await startFakeMicrosoftGraph({ now: () => new Date(clock), state: fake.exportState() });
    try {
      const response = await fetch(`${again.url}/v1.0/me/events?$select=subject`, { headers: { authorization: `Bearer ${token}` } });
      expect((await response.json()).value).toEqual([expect.objectContaining({ subject: "Review" })]);
      expect(again.app).toEqual(fake.app);
    } finally {
      await again.close();
    }
  });
});
