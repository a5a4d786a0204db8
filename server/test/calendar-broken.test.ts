import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages, calendarConnections, forTenant, type Tenant } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "@frontdesk/google-calendar/testing";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph } from "@frontdesk/outlook-calendar/testing";
import { calendarAccess, CalendarConnectionBroken } from "../app/calendar-sync/access";
import { calendarProviders, type CalendarProviders } from "../app/calendar-sync/providers";
import { tokenSeal } from "../app/calendar-sync/token-seal";
import { startTestApp, type TestApp } from "../testing/app-harness";
import { linkIn } from "../testing/accounts";
import { testClockStart } from "../testing/start-server";

const publicUrl = "http://frontdesk.test";
const googleApp = { clientId: "frontdesk-test-client.apps.googleusercontent.com", clientSecret: "frontdesk-test-google-secret" };
const oldKey = Buffer.alloc(32, 1);
const newKey = Buffer.alloc(32, 2);
const microsoftApp = { clientId: "0b7c1f5e-9d43-4c1a-8f52-6b8d2e4a9c31", clientSecret: "frontdesk-test-graph-secret" };

describe("a connection the provider stops honouring (in process, on a clock the test moves)", () => {
  let instant = Date.parse(testClockStart);
  let test: TestApp;
  let google: FakeGoogleCalendar;
  let graph: FakeMicrosoftGraph;
  let tenant: Tenant;
  let ana: string;
  let ben: string;
  let providers: CalendarProviders;
  const clock = () => test?.clock.now() ?? instant;

  beforeAll(async () => {
    google = await startFakeGoogleCalendar({ now: () => new Date(clock()), clients: [googleApp] });
    graph = await startFakeMicrosoftGraph({ now: () => new Date(clock()), apps: [{ ...microsoftApp, redirectUris: [`${publicUrl}/oauth/microsoft/callback`] }] });
    providers = await calendarProviders(
      { tokenKeys: undefined, google: googleApp, microsoft: { ...microsoftApp, tenant: "common" }, fakeGoogleUrl: google.url, fakeMicrosoftUrl: graph.url },
      { publicUrl, now: clock, sandbox: false },
    );
    test = await startTestApp({ start: instant, calendar: { providers, tokenKeys: [oldKey] } });
    tenant = await test.tenant();
    [ana, ben] = (await forTenant(test.db, test.tenantId).staff()).map((member) => member.id) as [string, string];
    google.addAccount({ email: "ana@clinic.example", name: "Ana" });
    google.addAccount({ email: "ben@clinic.example", name: "Ben" });
    graph.addUser({ displayName: "Ana", mail: "ana@clinic.example" });
  });
  afterAll(async () => {
    await test?.close();
    await google?.close();
    await graph?.close();
  });

  /** The staff member consents as `email`: where the callback sends the browser. */
  async function connect(staffId: string, provider: "google" | "microsoft", email: string): Promise<URL> {
    const { url } = await test.app.calendar.connect.connect(tenant, { staffId, userId: null }, { provider });
    let callback: URL;
    if (provider === "google") {
      google.consent({ email });
      callback = await google.authorize(url);
    } else {
      graph.signInAs(graph.state.users.find((user) => user.mail === email)!.id);
      const answer = await fetch(url, { redirect: "manual" });
      callback = new URL(answer.headers.get("location")!);
    }
    return new URL(await test.app.calendar.connect.callback(provider, callback.searchParams));
  }

  const connectionOf = async (id: string) => (await forTenant(test.db, test.tenantId).calendarConnection(id))!;
  const reconnectMails = async (to: string) => (await rowsOf(test.db, accountMessages, { recipient: to })).filter((mail) => mail.kind === "calendar_reconnect");

  it("refuses an attempt that waited more than ten minutes", async () => {
    const { url } = await test.app.calendar.connect.connect(tenant, { staffId: ana, userId: null }, { provider: "google" });
    google.consent({ email: "ana@clinic.example" });
    const callback = await google.authorize(url);
    test.clock.advance(11 * 60_000);
    const back = new URL(await test.app.calendar.connect.callback("google", callback.searchParams));
    expect(Object.fromEntries(back.searchParams)).toEqual({ calendar: "error", reason: "unknown_state" });
  });

  it("marks the connection broken when its refresh token is revoked, mails the staff member once, and leaves the others working", async () => {
    const anaGoogle = (await connect(ana, "google", "ana@clinic.example")).searchParams.get("connection")!;
    const benGoogle = (await connect(ben, "google", "ben@clinic.example")).searchParams.get("connection")!;
    const anaOutlook = (await connect(ana, "microsoft", "ana@clinic.example")).searchParams.get("connection")!;
    expect([anaGoogle, benGoogle, anaOutlook].every(Boolean)).toBe(true);

    const anaSub = [...google.state.users.values()].find((user) => user.email === "ana@clinic.example")!.sub;
    for (const grant of google.state.grants.values()) if (grant.sub === anaSub && !grant.revoked) google.revokeRefreshToken(grant.refreshToken);
    // The access tokens have minutes left: the next call refreshes them first.
    test.clock.advance(57 * 60_000);

    const access = test.app.calendar.access;
    await expect(access.of({ tenantId: test.tenantId, id: anaGoogle }).accessToken()).rejects.toBeInstanceOf(CalendarConnectionBroken);
    expect(await connectionOf(anaGoogle)).toMatchObject({ status: "broken", brokenReason: expect.stringMatching(/Connect it again/) });
    const [mail] = await reconnectMails("ana@clinic.example");
    expect(mail).toMatchObject({ tenantId: test.tenantId, subject: "[Sandbox] Your Google Calendar needs connecting again" });
    expect(new URL(linkIn(mail!.text)).pathname).toBe("/calendar/connect");

    // Ben's connection and Ana's Outlook refresh and work.
    expect(await access.of({ tenantId: test.tenantId, id: benGoogle }).accessToken()).toEqual(expect.any(String));
    expect(await access.of({ tenantId: test.tenantId, id: anaOutlook }).accessToken()).toEqual(expect.any(String));
    expect((await connectionOf(benGoogle)).status).toBe("connected");
    expect((await connectionOf(anaOutlook)).status).toBe("connected");

    // Asked again, it stays broken and no second mail goes out.
    await expect(access.of({ tenantId: test.tenantId, id: anaGoogle }).accessToken()).rejects.toBeInstanceOf(CalendarConnectionBroken);
    expect(await reconnectMails("ana@clinic.example")).toHaveLength(1);
    const [view] = (await test.app.calendar.connect.connections(test.tenantId, ana)).filter((connection) => connection.id === anaGoogle);
    expect(view).toMatchObject({ status: "broken", brokenReason: expect.any(String), brokenAt: expect.any(String) });

    // The mail's link connects the same account again: the same connection works once more.
    const opened = await test.app.calendar.connect.openConnectLink(new URL(linkIn(mail!.text)).searchParams.get("link")!, null);
    if (!("redirect" in opened)) throw new Error("The link asked for a provider: it names Google.");
    google.consent({ email: "ana@clinic.example" });
    const back = new URL(await test.app.calendar.connect.callback("google", (await google.authorize(opened.redirect)).searchParams));
    expect(back.searchParams.get("connection")).toBe(anaGoogle);
    expect(await connectionOf(anaGoogle)).toMatchObject({ status: "connected", brokenReason: null, brokenAt: null });
    expect(await access.of({ tenantId: test.tenantId, id: anaGoogle }).accessToken()).toEqual(expect.any(String));
  });

  it("breaks an Outlook connection whose refresh tokens Entra stopped honouring", async () => {
    const [outlook] = (await rowsOf(test.db, calendarConnections, { provider: "microsoft" })).filter((row) => row.staffId === ana);
    graph.revokeRefreshTokens(graph.state.users.find((user) => user.mail === "ana@clinic.example")!.id);
    test.clock.advance(60 * 60_000);
    await expect(test.app.calendar.access.of(outlook!).accessToken()).rejects.toBeInstanceOf(CalendarConnectionBroken);
    expect((await connectionOf(outlook!.id)).status).toBe("broken");
    expect((await reconnectMails("ana@clinic.example")).map((mail) => mail.subject)).toContain("[Sandbox] Your Outlook calendar needs connecting again");
  });

  it("seals a Google connection's tokens again under a new first key at its next refresh", async () => {
    const connection = (await connect(ben, "google", "ben@clinic.example")).searchParams.get("connection")!;
    const before = await connectionOf(connection);
    // The server restarts with CALENDAR_TOKEN_KEYS=<new>,<old>.
    const rotated = tokenSeal({ keys: [newKey, oldKey] });
    const access = calendarAccess({ db: test.db, now: clock, seal: rotated, providers });
    expect([rotated.isCurrent(before.accessTokenSealed), rotated.isCurrent(before.refreshTokenSealed!)]).toEqual([false, false]);
    expect(await access.of(before).accessToken()).toBe(rotated.open(before.accessTokenSealed));

    test.clock.advance(57 * 60_000);
    const token = await access.of(before).accessToken();
    const after = await connectionOf(connection);
    expect([rotated.isCurrent(after.accessTokenSealed), rotated.isCurrent(after.refreshTokenSealed!)]).toEqual([true, true]);
    expect(rotated.open(after.accessTokenSealed)).toBe(token);
    expect(rotated.open(after.refreshTokenSealed!)).toBe(rotated.open(before.refreshTokenSealed!));
    // Without the old key it still works: nothing is left under it.
    test.clock.advance(57 * 60_000);
    expect(await calendarAccess({ db: test.db, now: clock, seal: tokenSeal({ keys: [newKey] }), providers }).of(before).accessToken()).toEqual(expect.any(String));
  });
});
