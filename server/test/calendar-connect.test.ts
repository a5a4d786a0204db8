import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages, calendarConnectAttempts, calendarConnections, connectedCalendars, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "@frontdesk/google-calendar/testing";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph } from "@frontdesk/outlook-calendar/testing";
import { linkIn, person, type CallAnswer, type Person } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const password = "correct horse battery staple";
const googleApp = { clientId: "frontdesk-test-client.apps.googleusercontent.com", clientSecret: "frontdesk-test-google-secret" };
const microsoftApp = { clientId: "6f1f0cc5-2c4e-4d7b-9a57-3f1e0f7c2a10", clientSecret: "frontdesk-test-graph-secret" };

async function must(answer: Promise<CallAnswer>): Promise<any> {
  const settled = await answer;
  expect(settled, JSON.stringify(settled)).toMatchObject({ status: 200 });
  return settled.data;
}

/** What a browser does with a redirect: the next address, without following it. */
async function follow(url: string | URL, headers: Record<string, string> = {}): Promise<URL> {
  const response = await fetch(url, { redirect: "manual", headers });
  const location = response.headers.get("location");
  expect(response.status, `${url} answered ${response.status}: ${await response.text()}`).toBe(302);
  return new URL(location!, url);
}

/** A business with an owner, a staff record linked to a staff member, and a colleague's staff record with an address only. */
async function business(server: RunningServer, db: Db, prefix: string) {
  const signUp = async (email: string, name: string) => {
    const someone = person(server.url);
    expect((await someone.auth("sign-up/email", { name, email, password })).status).toBe(200);
    return someone;
  };
  const owner = await signUp(`owner@${prefix}.example`, "Olga Owner");
  await must(owner.call("accounts.createBusiness", { name: `${prefix} clinic`, timeZone: "UTC" }, { mutation: true }));
  const staffId = (await must(owner.call("config.saveStaff", { name: "Sam Staff" }, { mutation: true }))).id as string;
  const colleagueStaffId = (await must(owner.call("config.saveStaff", { name: "Cole League", email: `cole@${prefix}.example` }, { mutation: true }))).id as string;
  const staffEmail = `sam@${prefix}.example`;
  await must(owner.call("team.invite", { email: staffEmail, role: "staff", staffId }, { mutation: true }));
  const [invitation] = await rowsOf(db, accountMessages, { recipient: staffEmail, kind: "invitation" });
  const staffMember = await signUp(staffEmail, "Sam Staff");
  await must(staffMember.call("accounts.acceptInvitation", { token: new URL(linkIn(invitation!.text)).searchParams.get("invitation")! }, { mutation: true }));
  return { owner, staffMember, staffId, staffEmail, colleagueStaffId, colleagueEmail: `cole@${prefix}.example` };
}

/** The newest mail of `kind` to `to`, and the link in it. */
async function newestLink(db: Db, to: string, kind: string): Promise<string> {
  const mails = (await rowsOf(db, accountMessages, { recipient: to })).filter((mail) => mail.kind === kind).sort((a, b) => a.createdAt - b.createdAt);
  expect(mails.length, `no ${kind} mail to ${to}`).toBeGreaterThan(0);
  return linkIn(mails.at(-1)!.text);
}

describe("connecting a calendar through the providers' apps (GOOGLE_CLIENT_ID, MICROSOFT_CLIENT_ID at running fakes)", () => {
  let google: FakeGoogleCalendar;
  let graph: FakeMicrosoftGraph;
  let server: RunningServer;
  let db: Db;
  let shop: Awaited<ReturnType<typeof business>>;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    google = await startFakeGoogleCalendar({ clients: [googleApp] });
    graph = await startFakeMicrosoftGraph({ apps: [{ ...microsoftApp, redirectUris: [`${publicUrl}/oauth/microsoft/callback`] }] });
    server = await startServer({
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      FRONTDESK_TRUSTED_ORIGINS: "https://office.example.com",
      GOOGLE_CLIENT_ID: googleApp.clientId,
      GOOGLE_CLIENT_SECRET: googleApp.clientSecret,
      FRONTDESK_GOOGLE_CALENDAR_URL: google.url,
      MICROSOFT_CLIENT_ID: microsoftApp.clientId,
      MICROSOFT_CLIENT_SECRET: microsoftApp.clientSecret,
      FRONTDESK_MICROSOFT_GRAPH_URL: graph.url,
      TASK_INTERVAL_SECONDS: "86400",
    });
    db = await openDb(server.databaseUrl);
    shop = await business(server, db, "a");
    google.addAccount({ email: shop.staffEmail, name: "Sam Staff", calendars: [{ summary: "Holidays", accessRole: "reader" }] });
    google.addAccount({ email: shop.colleagueEmail, name: "Cole League" });
    graph.addUser({ displayName: "Sam Staff", mail: shop.staffEmail, calendars: [{ name: "Birthdays", canEdit: false }] });
  }, 60_000);
  afterAll(async () => {
    db?.close();
    await server?.stop();
    await google?.close();
    await graph?.close();
  });

  /** From the staff member's session to the page they come back to, the browser's way. */
  async function connectAs(who: Person, provider: "google" | "microsoft", returnTo?: string): Promise<URL> {
    const { url } = await must(who.call("calendar.connect", { provider, ...(returnTo ? { returnTo } : {}) }, { mutation: true }));
    const callback = provider === "google" ? await google.authorize(url) : await follow(url);
    return follow(callback);
  }

  it("connects Google from the staff member's session and keeps the tokens sealed", async () => {
    const { url } = await must(shop.staffMember.call("calendar.connect", { provider: "google", returnTo: "/back-office#calendar" }, { mutation: true }));
    const consent = new URL(url);
    expect(consent.origin).toBe(google.url);
    expect(consent.searchParams.get("login_hint")).toBe(shop.staffEmail);
    expect(consent.searchParams.get("code_challenge_method")).toBe("S256");
    expect(consent.searchParams.get("redirect_uri")).toBe(`${server.url}/oauth/google/callback`);

    const back = await follow(await google.authorize(url));
    expect(back.pathname).toBe("/back-office");
    expect(back.searchParams.get("calendar")).toBe("connected");
    const connectionId = back.searchParams.get("connection")!;

    const [row] = await rowsOf(db, calendarConnections, { id: connectionId });
    expect(row).toMatchObject({ staffId: shop.staffId, provider: "google", email: shop.staffEmail, status: "connected" });
    expect(row!.accessTokenSealed).toMatch(/^t1\./);
    expect(row!.refreshTokenSealed).toMatch(/^t1\./);
    const stored = JSON.stringify(row);
    const given = [...google.state.grants.keys(), ...google.state.accessTokens.keys()];
    expect(given.length).toBeGreaterThan(0);
    expect(given.filter((token) => stored.includes(token))).toEqual([]);
    // The verifier is gone with its attempt.
    expect(await rowsOf(db, calendarConnectAttempts)).toEqual([]);

    const [connection] = await must(shop.staffMember.call("calendar.connections"));
    expect(connection).toMatchObject({ id: connectionId, status: "connected", email: shop.staffEmail, brokenReason: null });
    const byName = Object.fromEntries(connection.calendars.map((calendar: any) => [calendar.name, calendar]));
    expect(byName[shop.staffEmail]).toMatchObject({ primary: true, canWrite: true, countsBusy: true, isDestination: true, busyBlockCount: 0 });
    expect(byName.Holidays).toMatchObject({ primary: false, canWrite: false, countsBusy: false, isDestination: false });
  });

  it("connects Outlook from the session through Entra's consent and Graph's calendar list", async () => {
    const back = await connectAs(shop.staffMember, "microsoft");
    expect(back.searchParams.get("calendar")).toBe("connected");
    const connections = await must(shop.staffMember.call("calendar.connections", { staffId: shop.staffId }));
    const outlook = connections.find((connection: any) => connection.provider === "microsoft");
    expect(outlook).toMatchObject({ email: shop.staffEmail, status: "connected" });
    expect(outlook.calendars.map((calendar: any) => [calendar.name, calendar.canWrite, calendar.countsBusy])).toEqual(
      expect.arrayContaining([["Calendar", true, true], ["Birthdays", false, false]]),
    );
    // One destination per staff member: Google's primary came first and stays it.
    expect(outlook.calendars.some((calendar: any) => calendar.isDestination)).toBe(false);
  });

  it("sends the browser back with an error for a state used twice, an unknown one, or a refusal at the provider", async () => {
    const { url } = await must(shop.staffMember.call("calendar.connect", { provider: "google", returnTo: "https://office.example.com/staff" }, { mutation: true }));
    const callback = await google.authorize(url);
    const first = await follow(callback);
    expect(`${first.origin}${first.pathname}`).toBe("https://office.example.com/staff");
    expect(first.searchParams.get("calendar")).toBe("connected");
    const again = await follow(callback);
    expect(Object.fromEntries(again.searchParams)).toEqual({ calendar: "error", reason: "unknown_state" });
    expect(again.pathname).toBe("/back-office");

    const made = await follow(`${server.url}/oauth/google/callback?code=whatever&state=never-issued`);
    expect(made.searchParams.get("reason")).toBe("unknown_state");

    google.consent({ deny: true });
    try {
      const refused = await connectAs(shop.staffMember, "google", "/back-office?tab=calendar");
      expect(Object.fromEntries(refused.searchParams)).toEqual({ tab: "calendar", calendar: "error", reason: "access_denied" });
    } finally {
      google.consent({});
    }
  });

  it("refuses a returnTo outside this server and its trusted origins, and a member with no staff record", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]) {
      expect(await shop.staffMember.call("calendar.connect", { provider: "google", returnTo }, { mutation: true })).toMatchObject({ code: "VALIDATION_FAILED", field: "returnTo" });
    }
    expect(await shop.owner.call("calendar.connect", { provider: "google" }, { mutation: true })).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
  });

  it("mails a connect link from the owner that connects without a session, and refuses a tampered one", async () => {
    expect(await shop.staffMember.call("calendar.sendConnectLink", { staffId: shop.colleagueStaffId }, { mutation: true })).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
    const sent = await must(shop.owner.call("calendar.sendConnectLink", { staffId: shop.colleagueStaffId, provider: "google" }, { mutation: true }));
    expect(sent.sentTo).toBe(shop.colleagueEmail);
    const link = await newestLink(db, shop.colleagueEmail, "calendar_connect");
    expect(new URL(link).pathname).toBe("/calendar/connect");

    const consent = await follow(link);
    expect(consent.origin).toBe(google.url);
    expect(consent.searchParams.get("login_hint")).toBe(shop.colleagueEmail);
    const back = await follow(await google.authorize(consent));
    expect(back.searchParams.get("calendar")).toBe("connected");
    const [row] = await rowsOf(db, calendarConnections, { id: back.searchParams.get("connection")! });
    expect(row).toMatchObject({ staffId: shop.colleagueStaffId, email: shop.colleagueEmail, connectedBy: null });

    const token = new URL(link).searchParams.get("link")!;
    const tampered = new URL(link);
    tampered.searchParams.set("link", `${token[0] === "e" ? "f" : "e"}${token.slice(1)}`);
    expect(Object.fromEntries((await follow(tampered)).searchParams)).toEqual({ calendar: "error", reason: "invalid_link" });

    // Without a provider, on a server with both, the link asks which one.
    await must(shop.owner.call("calendar.sendConnectLink", { staffId: shop.colleagueStaffId }, { mutation: true }));
    const choice = await fetch(await newestLink(db, shop.colleagueEmail, "calendar_connect"), { redirect: "manual" });
    expect(choice.status).toBe(200);
    expect(await choice.text()).toMatch(/provider=microsoft/);
  });

  it("lets owners see every staff member's connections, and keeps staff to their own", async () => {
    const all = await must(shop.owner.call("calendar.connections"));
    expect(new Set(all.map((connection: any) => connection.staffId))).toEqual(new Set([shop.staffId, shop.colleagueStaffId]));
    const mine = await must(shop.staffMember.call("calendar.connections"));
    expect(mine.every((connection: any) => connection.staffId === shop.staffId)).toBe(true);
    expect(await shop.staffMember.call("calendar.connections", { staffId: shop.colleagueStaffId })).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
    const colleagues = all.find((connection: any) => connection.staffId === shop.colleagueStaffId);
    for (const path of ["calendar.disconnect", "calendar.refreshCalendarList"]) {
      expect(await shop.staffMember.call(path, { connectionId: colleagues.id }, { mutation: true })).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
    }
    expect(await shop.staffMember.call("calendar.disconnect", { connectionId: "calc_nothing" }, { mutation: true })).toMatchObject({ code: "NOT_FOUND" });
  });

  it("checks the chosen calendars belong to the connection and that the destination is writable", async () => {
    const connections = await must(shop.staffMember.call("calendar.connections"));
    const [gmail, outlook] = [connections.find((c: any) => c.provider === "google"), connections.find((c: any) => c.provider === "microsoft")];
    const named = (connection: any, name: string) => connection.calendars.find((calendar: any) => calendar.name === name).id as string;
    const choose = (input: unknown) => shop.staffMember.call("calendar.chooseCalendars", input, { mutation: true });

    expect(await choose({ connectionId: gmail.id, busyCalendarIds: [named(outlook, "Calendar")] })).toMatchObject({ code: "VALIDATION_FAILED", field: "busyCalendarIds" });
    expect(await choose({ connectionId: gmail.id, busyCalendarIds: [], destinationCalendarId: named(gmail, "Holidays") })).toMatchObject({ code: "VALIDATION_FAILED", field: "destinationCalendarId" });
    expect(await choose({ connectionId: gmail.id, busyCalendarIds: [], destinationCalendarId: named(outlook, "Calendar") })).toMatchObject({ code: "VALIDATION_FAILED", field: "destinationCalendarId" });
    expect(await choose({ connectionId: gmail.id, busyCalendarIds: ["nope"] })).toMatchObject({ code: "VALIDATION_FAILED", field: "busyCalendarIds" });

    await must(choose({ connectionId: outlook.id, busyCalendarIds: [named(outlook, "Calendar"), named(outlook, "Birthdays")], destinationCalendarId: named(outlook, "Calendar") }));
    const after = await must(shop.staffMember.call("calendar.connections"));
    const destinations = after.flatMap((connection: any) => connection.calendars.filter((calendar: any) => calendar.isDestination).map((calendar: any) => calendar.name));
    expect(destinations).toEqual(["Calendar"]);
    expect(after.find((c: any) => c.id === outlook.id).calendars.every((calendar: any) => calendar.countsBusy)).toBe(true);
  });

  it("reads the calendar list again when asked", async () => {
    google.addCalendar(shop.staffEmail, { summary: "Clinic rota", accessRole: "writer" });
    const gmail = (await must(shop.staffMember.call("calendar.connections"))).find((c: any) => c.provider === "google");
    await must(shop.staffMember.call("calendar.refreshCalendarList", { connectionId: gmail.id }, { mutation: true }));
    const again = (await must(shop.staffMember.call("calendar.connections"))).find((c: any) => c.id === gmail.id);
    expect(again.calendars.find((calendar: any) => calendar.name === "Clinic rota")).toMatchObject({ canWrite: true, countsBusy: false, isDestination: false });
  });

  it("disconnects: the grant is revoked at Google and the rows are gone", async () => {
    const gmail = (await must(shop.staffMember.call("calendar.connections"))).find((c: any) => c.provider === "google");
    const grantsBefore = [...google.state.grants.values()].filter((grant) => !grant.revoked).length;
    await must(shop.staffMember.call("calendar.disconnect", { connectionId: gmail.id }, { mutation: true }));
    expect(google.requests.some((request) => request.method === "POST" && request.path.includes("/revoke"))).toBe(true);
    expect([...google.state.grants.values()].filter((grant) => !grant.revoked).length).toBe(grantsBefore - 1);
    expect(await rowsOf(db, calendarConnections, { id: gmail.id })).toEqual([]);
    expect(await rowsOf(db, connectedCalendars, { connectionId: gmail.id })).toEqual([]);
    expect((await must(shop.staffMember.call("calendar.connections"))).map((c: any) => c.provider)).toEqual(["microsoft"]);
  });
});

describe("connecting on the sandbox's own fakes", () => {
  let server: RunningServer;
  let db: Db;
  let shop: Awaited<ReturnType<typeof business>>;

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, TASK_INTERVAL_SECONDS: "86400" });
    db = await openDb(server.databaseUrl);
    shop = await business(server, db, "s");
  }, 60_000);
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  it.each(["google", "microsoft"] as const)("connects %s with a URL on this server: the fake consents on the server's side", async (provider) => {
    const { url } = await must(shop.staffMember.call("calendar.connect", { provider }, { mutation: true }));
    expect(url.startsWith(`${server.url}/oauth/${provider}/callback?`)).toBe(true);
    const back = await follow(url);
    expect(back.searchParams.get("calendar")).toBe("connected");
    const connections = await must(shop.staffMember.call("calendar.connections"));
    expect(connections.find((connection: any) => connection.provider === provider)).toMatchObject({ email: shop.staffEmail, status: "connected" });
  });

  it("opens a connect link on the sandbox too", async () => {
    await must(shop.owner.call("calendar.sendConnectLink", { staffId: shop.colleagueStaffId, provider: "microsoft" }, { mutation: true }));
    const callback = await follow(await newestLink(db, shop.colleagueEmail, "calendar_connect"));
    expect(callback.pathname).toBe("/oauth/microsoft/callback");
    expect((await follow(callback)).searchParams.get("calendar")).toBe("connected");
  });
});
