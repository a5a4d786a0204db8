import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { googleCalendar, googleCalendarAuth } from "@frontdesk/google-calendar";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "@frontdesk/google-calendar/testing";
import { entraEndpointsFor, outlookCalendar, outlookCalendarAuth } from "@frontdesk/outlook-calendar";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph, type FakeUser } from "@frontdesk/outlook-calendar/testing";
import { forTenant, jobs as jobsTable, migrateDb, openDb, randomId, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import type { CalendarProviderName, ExternalEvent } from "@frontdesk/core";
import { createApp, type App } from "../app/create-app";
import { demoTenantId, seedDemoTenant } from "../app/demo/seed";
import type { CalendarProviders } from "../app/calendar-sync/providers";
import { calendarWriteKind } from "../app/calendar-sync/write-sync";
import { tallyAppointmentEvents } from "../testing/calendar-harness";
import { testClockStart } from "../testing/start-server";

const migrationsFolder = fileURLToPath(new URL("../../packages/db/migrations", import.meta.url));
const publicUrl = "http://frontdesk.test";
const microsoftApp = { clientId: "frontdesk-test-app", clientSecret: "frontdesk-test-secret" };

let dir: string;
let db: Db;
let app: App;
let instant: number;
let google: FakeGoogleCalendar;
let graph: FakeMicrosoftGraph;
let outlookUser: FakeUser;
let providers: CalendarProviders;

async function startApp(options: { googleTimeoutMs?: number } = {}) {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-calendar-write-"));
  db = await openDb(`file:${join(dir, "frontdesk.db")}`);
  await migrateDb(db, migrationsFolder);
  instant = Date.parse(testClockStart);
  const now = () => instant;
  await seedDemoTenant(db, now());
  google = await startFakeGoogleCalendar({ now: () => new Date(instant), seed: 7 });
  google.addAccount({ email: "maya@brightsmile.example", name: "Maya Patel", timeZone: "America/New_York" });
  graph = await startFakeMicrosoftGraph({ now: () => new Date(instant), apps: [{ ...microsoftApp, redirectUris: [`${publicUrl}/oauth/microsoft/callback`] }] });
  outlookUser = graph.addUser({ displayName: "Lucas Romero", mail: "lucas@brightsmile.example", mailboxTimeZone: "Eastern Standard Time" });
  providers = {
    google: {
      name: "google",
      auth: googleCalendarAuth({ ...google.client, redirectUri: `${publicUrl}/oauth/google/callback`, now, endpoints: google.oauthEndpoints }),
      calendar: googleCalendar({ now, rootUrl: google.rootUrl, ...(options.googleTimeoutMs ? { timeoutMs: options.googleTimeoutMs } : {}) }),
      sandbox: null,
    },
    microsoft: {
      name: "microsoft",
      auth: outlookCalendarAuth({ ...microsoftApp, redirectUri: `${publicUrl}/oauth/microsoft/callback`, now, baseUrl: graph.url, endpoints: entraEndpointsFor("common", graph.url) }),
      calendar: outlookCalendar({ now, baseUrl: graph.url }),
      sandbox: null,
    },
  };
  app = createApp(db, now, { secret: "test-signing-secret", publicUrl, messenger: null, calendar: { providers } });
}

afterEach(async () => {
  await app.jobs.settled();
  await Promise.all([google.close(), graph.close()]);
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Connects the staff member's account as the OAuth callback would: the code exchanged, tokens sealed, calendars listed. */
async function connect(staffId: string, provider: CalendarProviderName): Promise<{ calendarId: string; providerCalendarId: string }> {
  const side = providers[provider]!;
  const codeVerifier = randomId("ver", 40);
  const authUrl = side.auth.authorizationUrl({ state: "state-1", codeVerifier });
  let callback: URL;
  if (provider === "google") callback = await google.authorize(authUrl);
  else {
    graph.signInAs(outlookUser.id);
    const answer = await fetch(authUrl, { redirect: "manual" });
    callback = new URL(answer.headers.get("location")!, authUrl);
  }
  const { tokens, account } = await side.auth.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier });
  const at = instant;
  const connectionId = (await db.write((writer) =>
    forTenant(writer, demoTenantId).keepCalendarConnection({
      id: randomId("ccn"), staffId, provider, providerAccountId: account.providerAccountId, email: account.email, accountName: account.name,
      accessTokenSealed: app.calendar.seal.seal(tokens.accessToken), refreshTokenSealed: tokens.refreshToken ? app.calendar.seal.seal(tokens.refreshToken) : null,
      accessExpiresAt: tokens.expiresAt, scopes: tokens.scopes.join(" "), createdAt: at, updatedAt: at,
    }),
  ))!;
  const listed = await side.calendar.calendars(app.calendar.access.of({ tenantId: demoTenantId, id: connectionId }));
  await db.write((writer) =>
    forTenant(writer, demoTenantId).syncCalendarList(connectionId, listed.map((c) => ({ providerCalendarId: c.id, name: c.name, timeZone: c.timeZone, primary: c.primary, canWrite: c.canWrite })), at, () => randomId("ccl")),
  );
  const destination = (await forTenant(db, demoTenantId).destinationCalendarOf(staffId))!;
  return { calendarId: destination.calendar.id, providerCalendarId: destination.calendar.providerCalendarId };
}

const tenant = async () => (await forTenant(db, demoTenantId).tenant())!;
const writeJobs = async () => (await rowsOf(db, jobsTable, {})).filter((job: { kind: string }) => job.kind === calendarWriteKind);

/** Runs due jobs, moving the clock past each retry's wait, until none is left queued. */
async function settle(): Promise<void> {
  for (let round = 0; round < 200; round++) {
    await app.jobs.settled();
    await app.jobs.runDue({ limit: 1000 });
    const waiting = (await writeJobs()).filter((job: { status: string }) => job.status === "queued" || job.status === "running");
    if (waiting.length === 0) return;
    instant += 2 * 60_000;
  }
  throw new Error("The calendar jobs did not settle.");
}

/** The events Frontdesk wrote in a calendar, read back through the adapter as any reader would. */
async function eventsIn(provider: CalendarProviderName, providerCalendarId: string, staffId: string): Promise<ExternalEvent[]> {
  const connection = (await forTenant(db, demoTenantId).calendarConnections(staffId))[0]!;
  const read = await providers[provider]!.calendar.changes(app.calendar.access.of(connection), providerCalendarId, null, { from: instant - 86_400_000, to: instant + 90 * 86_400_000 });
  return read.events.filter((event) => event.appointmentId !== null);
}

let slotCursor = 0;
/** Free starts of the staff member for the service, each used once. */
async function freeStarts(staffId: string, serviceId: string, count: number): Promise<string[]> {
  const from = new Date(instant + 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(instant + 45 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await app.booking.availability(await tenant(), { serviceId, staffId, from, to });
  const starts = slots.map((slot) => slot.start).filter((_, i) => i % 4 === 0);
  const chosen = starts.slice(slotCursor, slotCursor + count);
  slotCursor += count;
  if (chosen.length < count) throw new Error(`Only ${chosen.length} free starts for ${staffId}.`);
  return chosen;
}

const book = async (staffId: string, start: string, name = "Noor Haddad") =>
  app.booking.create(await tenant(), { serviceId: "svc_consult", staffId, start, customer: { name, email: `${name.split(" ")[0]!.toLowerCase()}${randomId("", 6)}@example.com`, phone: "+1 555 0100" }, notes: "Sensitive tooth" }, "staff");

describe("writing appointments into staff calendars", () => {
  beforeEach(async () => {
    slotCursor = 0;
    await startApp();
  });

  it("puts a booking in the Google destination calendar with the right time, zone and summary, and no more than the name", async () => {
    const { providerCalendarId } = await connect("stf_patel", "google");
    const [start] = await freeStarts("stf_patel", "svc_consult", 1);
    const booked = await book("stf_patel", start!);
    await settle();
    const events = [...google.state.calendars.get(providerCalendarId)!.events.values()].map((event) => event.resource).filter((event) => event.status !== "cancelled");
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.summary).toBe("Consultation — Noor Haddad");
    expect(event.start).toMatchObject({ timeZone: "America/New_York" });
    expect(Date.parse(event.start!.dateTime!)).toBe(Date.parse(booked.start));
    expect(Date.parse(event.end!.dateTime!)).toBe(Date.parse(booked.start) + 30 * 60_000);
    expect(event.description).toContain(`${publicUrl}/back-office#appointment=${booked.id}`);
    for (const secret of ["@example.com", "555 0100", "Sensitive tooth"]) expect(JSON.stringify(event)).not.toContain(secret);
  });

  it("puts a booking in the Outlook calendar, moves it on reschedule and deletes it on cancel", async () => {
    const { providerCalendarId } = await connect("stf_romero", "microsoft");
    const [start, later] = await freeStarts("stf_romero", "svc_consult", 2);
    const booked = await book("stf_romero", start!);
    await settle();
    const subjects = () => outlookUser.calendars.flatMap((calendar) => calendar.events).filter((event) => !event.isCancelled).map((event) => event.subject);
    expect(subjects()).toEqual(["Consultation — Noor Haddad"]);
    expect((await eventsIn("microsoft", providerCalendarId, "stf_romero")).map((event) => [event.appointmentId, event.start])).toEqual([[booked.id, Date.parse(start!)]]);

    await app.lifecycle.reschedule(await tenant(), booked.id, later!, { actor: "staff", keepStaff: true });
    await settle();
    expect((await eventsIn("microsoft", providerCalendarId, "stf_romero")).map((event) => [event.appointmentId, event.start])).toEqual([[booked.id, Date.parse(later!)]]);

    await app.lifecycle.cancel(await tenant(), booked.id, { actor: "staff" });
    await settle();
    expect(await eventsIn("microsoft", providerCalendarId, "stf_romero")).toEqual([]);
    expect((await forTenant(db, demoTenantId).calendarEventLinks(booked.id))[0]!.deletedAt).not.toBeNull();
  });

  it("moves the event to the other staff member's calendar when a reschedule changes who it is with", async () => {
    const calendars = { stf_patel: await connect("stf_patel", "google"), stf_romero: await connect("stf_romero", "microsoft") };
    const patelStarts = new Set(await freeStarts("stf_patel", "svc_consult", 40));
    slotCursor = 0;
    const both = (await freeStarts("stf_romero", "svc_consult", 40)).filter((start) => patelStarts.has(start));
    const [first, second] = both;
    // Any staff: the assignment policy picks, so a reschedule may go to whoever is free.
    const booked = await app.booking.create(await tenant(), { serviceId: "svc_consult", start: first!, customer: { name: "Noor Haddad", email: "noor@example.com" } }, "staff");
    const before = booked.staffId as "stf_patel" | "stf_romero";
    const after = before === "stf_patel" ? "stf_romero" : "stf_patel";
    const blocker = await book(before, second!, "Ivo Petrov");
    await settle();
    await app.lifecycle.reschedule(await tenant(), booked.id, second!, { actor: "staff" });
    await settle();
    const providerOf = { stf_patel: "google", stf_romero: "microsoft" } as const;
    const ids = async (staffId: "stf_patel" | "stf_romero") => (await eventsIn(providerOf[staffId], calendars[staffId].providerCalendarId, staffId)).map((event) => event.appointmentId);
    expect(await ids(before)).toEqual([blocker.id]);
    expect(await ids(after)).toEqual([booked.id]);
  });

  it("follows the business's policy: the service alone, or the customer's details in full", async () => {
    const { providerCalendarId } = await connect("stf_patel", "google");
    const [first, second] = await freeStarts("stf_patel", "svc_consult", 2);
    await app.config.updatePolicies(demoTenantId, { calendarEventDetails: "none" });
    const hidden = await book("stf_patel", first!);
    // A job writes the appointment under the policy as it is when the job runs.
    await settle();
    await app.config.updatePolicies(demoTenantId, { calendarEventDetails: "full" });
    const shown = await book("stf_patel", second!);
    await settle();
    const byAppointment = new Map([...google.state.calendars.get(providerCalendarId)!.events.values()].map(({ resource: event }) => [event.extendedProperties?.private?.frontdeskAppointmentId, event]));
    expect(byAppointment.get(hidden.id)!.summary).toBe("Consultation");
    expect(JSON.stringify(byAppointment.get(hidden.id))).not.toContain("Noor");
    expect(byAppointment.get(shown.id)!.description).toContain("Phone: +1 555 0100");
    expect(byAppointment.get(shown.id)!.description).toContain("Notes: Sensitive tooth");
  });

  it("adds no job for a booking of staff without calendars", async () => {
    const [start] = await freeStarts("stf_lee", "svc_checkup", 1);
    await app.booking.create(await tenant(), { serviceId: "svc_checkup", staffId: "stf_lee", start: start!, customer: { name: "Ivo Petrov", email: "ivo@example.com" } }, "staff");
    expect(await writeJobs()).toEqual([]);
  });

  it("leaves one event when Graph did the create but its answer was lost", async () => {
    const { providerCalendarId } = await connect("stf_romero", "microsoft");
    const [start] = await freeStarts("stf_romero", "svc_consult", 1);
    graph.failNext({ method: "POST", path: "/events", status: 504, afterHandling: true });
    const booked = await book("stf_romero", start!);
    await settle();
    expect((await eventsIn("microsoft", providerCalendarId, "stf_romero")).map((event) => event.appointmentId)).toEqual([booked.id]);
    expect((await writeJobs()).map((job: { status: string; attempts: number }) => [job.status, job.attempts])).toEqual([["done", 2]]);
  });
});

describe("writing appointments when Google's answer is lost", () => {
  beforeEach(async () => {
    slotCursor = 0;
    await startApp({ googleTimeoutMs: 300 });
  });

  it("leaves one event when the insert is done after the adapter stopped waiting", async () => {
    const { providerCalendarId } = await connect("stf_patel", "google");
    const [start] = await freeStarts("stf_patel", "svc_consult", 1);
    google.inject({ method: "POST", path: "/events", delayMs: 800 });
    const booked = await book("stf_patel", start!);
    await app.jobs.settled();
    // The late insert lands in Google after the job gave up waiting for it.
    await vi.waitFor(() => expect(google.state.calendars.get(providerCalendarId)!.events.size).toBe(1), { timeout: 5_000 });
    await settle();
    expect((await eventsIn("google", providerCalendarId, "stf_patel")).map((event) => event.appointmentId)).toEqual([booked.id]);
  });
});

describe("writing appointments through faults", () => {
  beforeEach(async () => {
    slotCursor = 0;
    await startApp();
  });

  it("ends with exactly one event per live appointment in the right calendar and none for cancelled ones", async () => {
    const patel = await connect("stf_patel", "google");
    const romero = await connect("stf_romero", "microsoft");
    google.inject({ fraction: 0.15, status: 429, retryAfter: 30 });
    google.inject({ fraction: 0.1, status: 500 });
    google.inject({ fraction: 0.1, delayMs: 20 });
    graph.failSome({ fraction: 0.15, seed: 11, fault: { status: 429, retryAfterSeconds: 30 } });
    graph.failNext({ status: 500 }, 25);
    graph.failNext({ method: "POST", path: "/events", status: 504, afterHandling: true }, 10);
    graph.failNext({ delayMs: 20 }, 20);

    const booked: { id: string; staffId: string }[] = [];
    for (const staffId of ["stf_patel", "stf_romero"]) {
      slotCursor = 0;
      const starts = await freeStarts(staffId, "svc_consult", 150);
      for (const start of starts.slice(0, 100)) booked.push({ id: (await book(staffId, start, `Customer ${booked.length}`)).id, staffId });
      // Every third is moved to a later free time, every fifth cancelled (some after a move).
      for (let i = 0; i < 100; i++) {
        const appointment = booked[booked.length - 100 + i]!;
        if (i % 3 === 0) await app.lifecycle.reschedule(await tenant(), appointment.id, starts[100 + i / 3]!, { actor: "staff", keepStaff: true });
        if (i % 5 === 0) await app.lifecycle.cancel(await tenant(), appointment.id, { actor: "staff" });
      }
    }
    await settle();
    google.clearFaults();
    graph.clearFaults();
    await settle();

    const jobs = await writeJobs();
    // The faults were met: some jobs needed more than one attempt.
    expect(jobs.some((job: { attempts: number }) => job.attempts > 1)).toBe(true);
    expect(jobs.filter((job: { status: string }) => job.status !== "done")).toEqual([]);
    for (const [staffId, provider, calendar] of [["stf_patel", "google", patel], ["stf_romero", "microsoft", romero]] as const) {
      const events = await eventsIn(provider, calendar.providerCalendarId, staffId);
      const scope = forTenant(db, demoTenantId);
      const expected = new Map<string, number>();
      for (const { id } of booked.filter((appointment) => appointment.staffId === staffId)) {
        const { appointment } = (await scope.appointmentDetail(id))!;
        if (appointment.status === "confirmed") expected.set(id, appointment.startAt);
      }
      expect({ provider, ...tallyAppointmentEvents(expected, events) }).toEqual({ provider, missing: [], duplicate: [], stray: [], wrongTime: [] });
      expect(expected.size).toBe(80);
    }
  }, 240_000);
});
