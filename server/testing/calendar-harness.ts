import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppointmentSummary, BookingChannel, CalendarAccount, CalendarTokens, ExternalEvent } from "@frontdesk/core";
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
  /** Connects a Microsoft account (a fake user made on the way, with `calendars` besides its default one). */
  connectMicrosoft(staffId: string, mail: string, options?: { calendars?: { name: string }[] }): Promise<{ connectionId: string; userId: string }>;
  /** Waits until pushes are answered and jobs due now have run, repeatedly; `advanceMs` moves the clock past retries too. */
  settle(options?: { advanceMs?: number; rounds?: number }): Promise<void>;
  /** The event ids stored as busy for the connection's calendars. */
  blockIdsOf(connectionId: string): Promise<string[]>;
  /** Frontdesk's own events in a calendar of the connection, read back through the adapter as any reader would. */
  appointmentEventsIn(connectionId: string, providerCalendarId: string): Promise<ExternalEvent[]>;
  /**
   * Free starts of the staff member for the service as availability offers them, `fromDays` (2) to `toDays` (45) ahead,
   * every `every`th (4) so that bookings do not touch; `skip` leaves out that many first.
   */
  freeStarts(staffId: string, serviceId: string, count: number, options?: { fromDays?: number; toDays?: number; every?: number; skip?: number }): Promise<string[]>;
  /** Books through the booking service, on the website's channel unless told; `requireApproval` makes it pending. */
  book(staffId: string, serviceId: string, start: string, customerName: string, options?: { channel?: BookingChannel; requireApproval?: boolean }): Promise<AppointmentSummary>;
  close(): Promise<void>;
}

/** A seeded sequence in [0, 1), so that a test makes, changes and deletes the same things on every run. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Stored ids against the ids that should be stored: how many are missing, how many extra. */
export function compareIds(stored: string[], wanted: string[]): { missing: number; extra: number } {
  const have = new Set(stored);
  const want = new Set(wanted);
  return { missing: wanted.filter((id) => !have.has(id)).length, extra: stored.filter((id) => !want.has(id)).length };
}

/**
 * A calendar's appointment events against the appointments it should show (id → start): appointments without an
 * event, with more than one, events of appointments it should not show, and events at the wrong time.
 */
export function tallyAppointmentEvents(expected: Map<string, number>, events: ExternalEvent[]) {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.appointmentId!, (counts.get(event.appointmentId!) ?? 0) + 1);
  return {
    missing: [...expected.keys()].filter((id) => !counts.has(id)),
    duplicate: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    stray: [...counts.keys()].filter((id) => !expected.has(id)),
    wrongTime: events.filter((event) => expected.has(event.appointmentId!) && expected.get(event.appointmentId!) !== event.start).map((event) => event.appointmentId!),
  };
}

/**
 * Faults on both fakes' calendar APIs (not on their token endpoints): rate limits with Retry-After, errors, slow
 * answers, Graph creates whose answers are lost, and pushes lost or sent twice. `clearFaults()` on each ends them.
 */
export function injectCalendarFaults(t: Pick<CalendarTestApp, "google" | "graph">): void {
  t.google.inject({ path: "/calendar/v3/", fraction: 0.15, status: 429, retryAfter: 2 });
  t.google.inject({ path: "/calendar/v3/", fraction: 0.1, status: 500 });
  t.google.inject({ path: "/calendar/v3/", fraction: 0.05, delayMs: 200 });
  t.google.injectPush({ kind: "drop", fraction: 0.15 });
  t.google.injectPush({ kind: "duplicate", fraction: 0.15 });
  t.graph.failSome({ fraction: 0.15, seed: 3, fault: { status: 429, retryAfterSeconds: 2, path: "/me/" } });
  t.graph.failSome({ fraction: 0.1, seed: 5, fault: { status: 503, path: "/me/" } });
  t.graph.failSome({ fraction: 0.05, seed: 9, fault: { delayMs: 200, path: "/me/" } });
  // Creates done but their answers lost: the retry must find the event, bring it up to date or delete it.
  t.graph.failSome({ fraction: 0.1, seed: 13, fault: { method: "POST", path: "/events", status: 504, afterHandling: true } });
  t.graph.dropNotifications(15);
  t.graph.duplicateNotifications(15);
}

/**
 * The faults stop: jobs retry until they are done (the clock moves past their backoff), then, a day on, the periodic
 * care (`calendar:care`) renews channels and reads each calendar in full, and its jobs run.
 */
export async function recoverFromFaults(t: Pick<CalendarTestApp, "google" | "graph" | "settle" | "clock" | "app">): Promise<void> {
  t.google.clearFaults();
  t.graph.clearFaults();
  await t.settle({ advanceMs: 60_000, rounds: 500 });
  t.clock.advance(25 * 3_600_000);
  await t.app.calendar.read.care();
  await t.settle({ advanceMs: 60_000, rounds: 500 });
}

interface ExternalEventState {
  busy: boolean;
  deleted: boolean;
}

/**
 * Events the staff members make, change and delete in their own Google and Outlook calendars (the primary ones), the
 * same pair in each, at seeded times: days 3 to 40 after `start`, on the hour between 13:00 and 21:00 UTC. It keeps
 * what each calendar should end up holding as busy.
 */
export function externalEventsAt(t: Pick<CalendarTestApp, "google" | "graph">, owners: { googleEmail: string; graphUserId: string }, start: number, seed: number) {
  const hour = 3_600_000;
  const random = seeded(seed);
  const google = new Map<string, ExternalEventState>();
  const graph = new Map<string, ExternalEventState>();
  const at = (begin: number) => ({ google: { dateTime: new Date(begin).toISOString() }, graph: { dateTime: new Date(begin).toISOString().slice(0, 19), timeZone: "UTC" } });
  const randomBegin = () => start + (3 + Math.floor(random() * 38)) * 24 * hour + Math.floor(random() * 8) * hour - hour;
  return {
    /** Adds the pair; one in five is free (transparent, `showAs: free`). */
    add(summary: string): void {
      const begin = randomBegin();
      const busy = random() > 0.2;
      const made = t.google.addEvent(owners.googleEmail, { summary, ...(busy ? {} : { transparency: "transparent" }), start: at(begin).google, end: at(begin + hour).google });
      google.set(made.id!, { busy, deleted: false });
      const madeInGraph = t.graph.addEvent(owners.graphUserId, null, { subject: summary, showAs: busy ? "busy" : "free", start: at(begin).graph, end: at(begin + hour).graph });
      graph.set(madeInGraph.id, { busy, deleted: false });
    },
    /** The pair made `index`-th (from 0) is deleted. */
    remove(index: number): void {
      const [googleId, graphId] = [[...google.keys()][index]!, [...graph.keys()][index]!];
      t.google.deleteEvent(owners.googleEmail, googleId);
      google.get(googleId)!.deleted = true;
      t.graph.deleteEvent(owners.graphUserId, graphId);
      graph.get(graphId)!.deleted = true;
    },
    /** The pair made `index`-th becomes free. */
    makeFree(index: number): void {
      const [googleId, graphId] = [[...google.keys()][index]!, [...graph.keys()][index]!];
      t.google.changeEvent(owners.googleEmail, googleId, { transparency: "transparent" });
      google.get(googleId)!.busy = false;
      t.graph.updateEvent(owners.graphUserId, graphId, { showAs: "free" });
      graph.get(graphId)!.busy = false;
    },
    /** The pair made `index`-th moves to another seeded time (busy ones stay busy). */
    move(index: number): void {
      const begin = randomBegin();
      const [googleId, graphId] = [[...google.keys()][index]!, [...graph.keys()][index]!];
      t.google.changeEvent(owners.googleEmail, googleId, { start: at(begin).google, end: at(begin + hour).google });
      t.graph.updateEvent(owners.graphUserId, graphId, { start: at(begin).graph, end: at(begin + hour).graph });
    },
    /** The ids each calendar should hold as busy now, sorted. */
    expected(): { google: string[]; graph: string[] } {
      const busy = (events: Map<string, ExternalEventState>) => [...events].filter(([, event]) => event.busy && !event.deleted).map(([id]) => id).sort();
      return { google: busy(google), graph: busy(graph) };
    },
  };
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
    async connectMicrosoft(staffId, mail, connectOptions = {}) {
      const user = graph.addUser({ displayName: mail, mail, mailboxTimeZone: "Eastern Standard Time", ...(connectOptions.calendars ? { calendars: connectOptions.calendars } : {}) });
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
    async appointmentEventsIn(connectionId, providerCalendarId) {
      const connection = (await forTenant(db, demoTenantId).calendarConnection(connectionId))!;
      const at = clock.now();
      const read = await providers[connection.provider]!.calendar.changes(app.calendar.access.of(connection), providerCalendarId, null, { from: at - 86_400_000, to: at + 400 * 86_400_000 });
      return read.events.filter((event) => event.appointmentId !== null);
    },
    async freeStarts(staffId, serviceId, count, { fromDays = 2, toDays = 45, every = 4, skip = 0 } = {}) {
      const day = (days: number) => new Date(clock.now() + days * 86_400_000).toISOString().slice(0, 10);
      const tenant = (await forTenant(db, demoTenantId).tenant())!;
      const { slots } = await app.booking.availability(tenant, { serviceId, staffId, from: day(fromDays), to: day(toDays) });
      const chosen = slots.map((slot) => slot.start).filter((_, i) => i % every === 0).slice(skip, skip + count);
      if (chosen.length < count) throw new Error(`Only ${chosen.length} free starts for ${staffId}.`);
      return chosen;
    },
    async book(staffId, serviceId, start, customerName, { channel = "web", requireApproval } = {}) {
      const tenant = (await forTenant(db, demoTenantId).tenant())!;
      const email = `${customerName.toLowerCase().replace(/\W+/g, ".")}.${randomId("", 6)}@example.com`;
      return app.booking.create(tenant, { serviceId, staffId, start, customer: { name: customerName, email } }, channel, requireApproval === undefined ? {} : { requireApproval });
    },
    async close() {
      await app.jobs.settled();
      await Promise.all([google.close(), graph.close(), new Promise((resolve) => receiver.close(resolve))]);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
