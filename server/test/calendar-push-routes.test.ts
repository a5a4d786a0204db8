import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskClient, type FrontdeskClient } from "@frontdesk/client";
import { connectedCalendars, forTenant, openDb, randomId, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { googleCalendar, googleCalendarAuth } from "@frontdesk/google-calendar";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "@frontdesk/google-calendar/testing";
import { maxGraphNotificationBytes } from "@frontdesk/outlook-calendar/webhook";
import { tokenSeal } from "../app/calendar-sync/token-seal";
import { startServer, type RunningServer } from "../testing/start-server";

// Monday 1 March 2027, 9:00 in New York, on the server's clock and the fake's.
const clock = "2027-03-01T14:00:00Z";
const offset = Date.parse(clock) - Date.now();
const googleApp = { clientId: "push-test.apps.googleusercontent.com", clientSecret: "push-test-secret" };
const tokenKey = randomBytes(32);
const publicUrl = "https://frontdesk.test";
const email = "patel@gmail.test";
const tenantId = "ten_demo_brightsmile";

let google: FakeGoogleCalendar;
let server: RunningServer;
let db: Db;
let clinic: FrontdeskClient;

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const calendarRow = async () => (await rowsOf(db, connectedCalendars, { staffId: "stf_patel" }))[0];

async function openStarts(date: string): Promise<string[]> {
  const { slots } = await clinic.availability({ serviceId: "svc_consult", staffId: "stf_patel", from: date, to: date });
  return slots.map((slot) => slot.start);
}

beforeAll(async () => {
  let serverUrl = "";
  google = await startFakeGoogleCalendar({ now: () => new Date(Date.now() + offset), clients: [googleApp], routePush: (address) => address.replace(publicUrl, serverUrl) });
  server = await startServer({
    FRONTDESK_CLOCK: clock,
    PUBLIC_URL: publicUrl,
    GOOGLE_CLIENT_ID: googleApp.clientId,
    GOOGLE_CLIENT_SECRET: googleApp.clientSecret,
    FRONTDESK_GOOGLE_CALENDAR_URL: google.url,
    CALENDAR_TOKEN_KEYS: tokenKey.toString("base64"),
    TASK_INTERVAL_SECONDS: "1",
  });
  serverUrl = server.url;
  db = await openDb(server.databaseUrl);
  clinic = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" });

  // Dr. Patel's Google account, connected as the OAuth code flow would: the server's care task takes it from there.
  google.addAccount({ email, name: "Dr. Patel", timeZone: "America/New_York" });
  const auth = googleCalendarAuth({ ...googleApp, redirectUri: `${publicUrl}/oauth/google/callback`, endpoints: { authorizationUrl: `${google.url}/o/oauth2/v2/auth`, tokenUrl: `${google.url}/token`, revokeUrl: `${google.url}/revoke` }, now: () => Date.now() + offset });
  const codeVerifier = randomId("pkce", 43);
  const callback = await google.authorize(auth.authorizationUrl({ state: "s", codeVerifier, loginHint: email }));
  const { tokens, account } = await auth.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier });
  const seal = tokenSeal({ keys: [tokenKey] });
  const at = Date.now() + offset;
  const connectionId = (await db.write((writer) =>
    forTenant(writer, tenantId).keepCalendarConnection({
      id: randomId("ccn"), staffId: "stf_patel", provider: "google", providerAccountId: account.providerAccountId, email: account.email,
      accessTokenSealed: seal.seal(tokens.accessToken), refreshTokenSealed: seal.seal(tokens.refreshToken!), accessExpiresAt: tokens.expiresAt, createdAt: at, updatedAt: at,
    }),
  ))!;
  const listed = await googleCalendar({ rootUrl: google.rootUrl }).calendars({ accessToken: async () => tokens.accessToken });
  await db.write((writer) =>
    forTenant(writer, tenantId).syncCalendarList(connectionId, listed.map((calendar) => ({ providerCalendarId: calendar.id, name: calendar.name, timeZone: calendar.timeZone, primary: calendar.primary, canWrite: calendar.canWrite })), at, () => randomId("ccl")),
  );
  await until("the channel and the first full read", async () => {
    const row = await calendarRow();
    return row?.channelId && row.fullSyncedAt !== null && row;
  });
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  await google?.close();
});

describe("push routes on the running server", () => {
  it("takes an external event's time out of /trpc/booking.availability after Google's push", async () => {
    expect(await openStarts("2027-03-03")).toContain("2027-03-03T15:00:00.000Z");
    google.addEvent(email, { summary: "Conference call", start: { dateTime: "2027-03-03T15:00:00Z" }, end: { dateTime: "2027-03-03T16:00:00Z" } });
    await google.idle();
    expect(google.pushes.at(-1)?.status).toBe(200);
    await until("the slot to go", async () => !(await openStarts("2027-03-03")).includes("2027-03-03T15:00:00.000Z"));
    expect(await openStarts("2027-03-03")).toContain("2027-03-03T16:00:00.000Z");
    expect((await calendarRow())!.syncError).toBeNull();
  });

  it("refuses a Google push with the wrong channel token (401) and acknowledges an unknown channel (200)", async () => {
    const row = (await calendarRow())!;
    const push = (channelId: string, token: string) =>
      fetch(`${server.url}/webhooks/google/calendar`, {
        method: "POST",
        headers: { "x-goog-channel-id": channelId, "x-goog-channel-token": token, "x-goog-resource-id": row.channelResourceId ?? "r", "x-goog-resource-state": "exists", "x-goog-message-number": "99" },
      });
    expect((await push(row.channelId!, "wrong")).status).toBe(401);
    expect((await push("chn_gone", "anything")).status).toBe(200);
    expect((await fetch(`${server.url}/webhooks/google/calendar`, { method: "POST" })).status).toBe(400);
  });

  it("answers Graph's validation handshake with the token as text/plain", async () => {
    const answer = await fetch(`${server.url}/webhooks/microsoft/calendar?validationToken=${encodeURIComponent("Validation: token 1+2")}`, { method: "POST" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await answer.text()).toBe("Validation: token 1+2");
  });

  it("accepts Graph notifications with an unknown subscription or wrong clientState without work, and refuses bodies past the limit", async () => {
    const forged = { value: [{ subscriptionId: "sub-unknown", clientState: "forged", changeType: "updated", resource: "me/events/x" }] };
    const answer = await fetch(`${server.url}/webhooks/microsoft/calendar`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(forged) });
    expect(answer.status).toBe(202);
    const oversized = await fetch(`${server.url}/webhooks/microsoft/calendar`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(maxGraphNotificationBytes + 1) });
    expect(oversized.status).toBe(413);
    const malformed = await fetch(`${server.url}/webhooks/microsoft/calendar`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(malformed.status).toBe(400);
  });
});
