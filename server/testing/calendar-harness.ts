import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CalendarAccount, CalendarTokens } from "@frontdesk/core";
import { calendarBusyBlocks, forTenant, jobs, migrateDb, openDb, randomId, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "@frontdesk/google-calendar/testing";
import { graphValidationAnswer } from "@frontdesk/outlook-calendar/webhook";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph } from "@frontdesk/outlook-calendar/testing";
import { createApp, type App } from "../app/create-app";
import { demoTenantId, seedDemoTenant } from "../app/demo/seed";
import { calendarPaths, calendarProviders } from "../app/calendar-sync/providers";
import type { TestClock } from "./app-harness";

const migrationsFolder = fileURLToPath(new URL("../../packages/db/migrations", import.meta.url));
const publicUrl = "https://frontdesk.test";
const googleApp = { clientId: "calendar-test.apps.googleusercontent.com", clientSecret: "calendar-test-secret" };
const microsoftApp = { clientId: "calendar-test-entra-app", clientSecret: "calendar-test-entra-secret" };

export interface CalendarTestApp {
  app: App;
  db: Db;
  clock: TestClock;
  google: FakeGoogleCalendar;
  graph: FakeMicrosoftGraph;
  tenantId: string;
  /** Connects a Google account for the staff member through the OAuth code flow; resolves with the connection id. */
  connectGoogle(staffId: string, email: string, timeZone?: string): Promise<string>;
  /** Connects a Microsoft account (a fake user made on the way); resolves with the connection and the user's id. */
  connectMicrosoft(staffId: string, mail: string): Promise<{ connectionId: string; userId: string }>;
  /** Waits until pushes are answered and jobs due now have run, repeatedly; `advanceMs` moves the clock past retries too. */
  settle(options?: { advanceMs?: number; rounds?: number }): Promise<void>;
  /** The event ids stored as busy for the connection's calendars. */
  blockIdsOf(connectionId: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The application services (as createApp wires them) with both calendar fakes on the test's clock, and a small
 * HTTP receiver standing where the public push URLs point: it hands each push to the same read-sync entry points the
 * Nitro routes call, so the fakes' pushes and Graph's handshake reach the app as they would through the server.
 */
export async function startCalendarTestApp(options: { start: number }): Promise<CalendarTestApp> {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-calendar-"));
  const db = await openDb(`file:${join(dir, "frontdesk.db")}`);
  await migrateDb(db, migrationsFolder);
  let instant = options.start;
  const clock: TestClock = { now: () => instant, advance: (ms) => (instant += ms), set: (at) => (instant = at) };
  await seedDemoTenant(db, clock.now());

  let receiverUrl = "";
  const route = (address: string) => address.replace(publicUrl, receiverUrl);
  const google = await startFakeGoogleCalendar({ now: () => new Date(clock.now()), clients: [googleApp], routePush: route, seed: 7 });
  const graph = await startFakeMicrosoftGraph({
    now: () => new Date(clock.now()),
    apps: [{ ...microsoftApp, redirectUris: [`${publicUrl}${calendarPaths.callback("microsoft")}`] }],
    routeNotification: route,
  });
  const providers = await calendarProviders(
    { tokenKeys: undefined, google: googleApp, microsoft: { ...microsoftApp, tenant: "common" }, fakeGoogleUrl: google.url, fakeMicrosoftUrl: graph.url },
    { publicUrl, now: clock.now, sandbox: false },
  );
  const app = createApp(db, clock.now, { secret: "calendar-test-secret", publicUrl, messenger: null, calendar: { providers } });

  const receiver: Server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://receiver.invalid");
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers = new Headers(Object.entries(request.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
      let answer;
      if (url.pathname === calendarPaths.push("google")) answer = await app.calendar.read.googlePushArrived(headers);
      else if (url.pathname === calendarPaths.push("microsoft")) {
        const validation = graphValidationAnswer(url);
        answer = validation ?? (await app.calendar.read.graphNotificationsArrived(Buffer.concat(chunks).toString("utf8")));
      } else answer = { status: 404 };
      response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? "");
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  async function keep(staffId: string, provider: "google" | "microsoft", exchanged: { tokens: CalendarTokens; account: CalendarAccount }) {
    const side = providers[provider]!;
    const { tokens, account } = exchanged;
    const at = clock.now();
    const connectionId = await db.write((writer) =>
      forTenant(writer, demoTenantId).keepCalendarConnection({
        id: randomId("ccn"), staffId, provider, providerAccountId: account.providerAccountId, email: account.email, accountName: account.name,
        accessTokenSealed: app.calendar.seal.seal(tokens.accessToken), refreshTokenSealed: tokens.refreshToken ? app.calendar.seal.seal(tokens.refreshToken) : null,
        accessExpiresAt: tokens.expiresAt, scopes: tokens.scopes.join(" "), createdAt: at, updatedAt: at,
      }),
    );
    const connection = (await forTenant(db, demoTenantId).calendarConnection(connectionId!))!;
    const listed = await side.calendar.calendars(app.calendar.access.of(connection));
    await db.write((writer) =>
      forTenant(writer, demoTenantId).syncCalendarList(connectionId!, listed.map((calendar) => ({ providerCalendarId: calendar.id, name: calendar.name, timeZone: calendar.timeZone, primary: calendar.primary, canWrite: calendar.canWrite })), at, () => randomId("ccl")),
    );
    await app.calendar.read.calendarsChanged(demoTenantId, connectionId!);
    return connectionId!;
  }

  async function settle(settleOptions: { advanceMs?: number; rounds?: number } = {}) {
    for (let round = 0; round < (settleOptions.rounds ?? 200); round++) {
      await Promise.all([google.idle(), graph.idle()]);
      await app.jobs.settled();
      const tally = await app.jobs.runDue({ limit: 1000 });
      await Promise.all([google.idle(), graph.idle()]);
      await app.jobs.settled();
      const queued = (await rowsOf(db, jobs, { status: "queued" })).filter((job) => job.kind.startsWith("calendar."));
      if (queued.length === 0 && tally.done + tally.dead + tally.retrying === 0) return;
      const due = queued.some((job) => job.runAt <= clock.now());
      if (!due && settleOptions.advanceMs) clock.advance(settleOptions.advanceMs);
      else if (!due && tally.done + tally.dead + tally.retrying === 0) return;
    }
    throw new Error("Calendar jobs did not settle.");
  }

  return {
    app,
    db,
    clock,
    google,
    graph,
    tenantId: demoTenantId,
    async connectGoogle(staffId, email, timeZone = "America/New_York") {
      if (![...google.state.users.values()].some((user) => user.email === email)) google.addAccount({ email, name: email, timeZone });
      google.consent({ email });
      const auth = providers.google!.auth;
      const codeVerifier = randomId("pkce", 43);
      const callback = await google.authorize(auth.authorizationUrl({ state: "s", codeVerifier, loginHint: email }));
      return keep(staffId, "google", await auth.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier }));
    },
    async connectMicrosoft(staffId, mail) {
      const user = graph.addUser({ displayName: mail, mail, mailboxTimeZone: "Eastern Standard Time" });
      graph.signInAs(user.id);
      const auth = providers.microsoft!.auth;
      const codeVerifier = randomId("pkce", 43);
      const redirect = await fetch(auth.authorizationUrl({ state: "s", codeVerifier }), { redirect: "manual" });
      const callback = new URL(redirect.headers.get("location")!);
      const connectionId = await keep(staffId, "microsoft", await auth.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier }));
      return { connectionId, userId: user.id };
    },
    settle,
    async blockIdsOf(connectionId) {
      const calendars = await forTenant(db, demoTenantId).connectedCalendarsOf([connectionId]);
      const ids = new Set(calendars.map((calendar) => calendar.id));
      const rows = (await rowsOf(db, calendarBusyBlocks)).filter((row) => ids.has(row.calendarId));
      return [...new Set(rows.map((row) => row.eventId))].sort();
    },
    async close() {
      await app.jobs.settled();
      await Promise.all([google.close(), graph.close(), new Promise((resolve) => receiver.close(resolve))]);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
