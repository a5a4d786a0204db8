import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forTenant, jobs } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { calendarWriteKind } from "../app/calendar-sync/write-sync";
import { startCalendarTestApp, tallyAppointmentEvents, type CalendarTestApp } from "../testing/calendar-harness";

// Monday 1 March 2027, 9:00 in New York.
const start = Date.parse("2027-03-01T14:00:00Z");
const day = 86_400_000;
let t: CalendarTestApp;

beforeEach(async () => {
  t = await startCalendarTestApp({ start });
});
afterEach(async () => {
  await t?.close();
});

const writeJobCount = async () => (await rowsOf(t.db, jobs)).filter((job) => job.kind === calendarWriteKind).length;

/**
 * Books the staff member's appointments before any calendar is connected: one that is over by the time a calendar is
 * chosen, one cancelled, and the upcoming ones the destination must show (one of them pending approval).
 */
async function bookBeforeConnecting(staffId: string, service: string, pending: { service: string; requireApproval?: boolean }) {
  const [soon] = await t.freeStarts(staffId, service, 1, { fromDays: 1 });
  const over = await t.book(staffId, service, soon!, "Ada Over");
  t.clock.advance(3 * day);
  const [cancelStart] = await t.freeStarts(staffId, service, 1);
  const cancelled = await t.book(staffId, service, cancelStart!, "Bo Cancelled");
  await t.app.lifecycle.cancel((await forTenant(t.db, t.tenantId).tenant())!, cancelled.id, { actor: "staff" });
  const [pendingStart] = await t.freeStarts(staffId, pending.service, 1, { fromDays: 5 });
  const awaiting = await t.book(staffId, pending.service, pendingStart!, "Cy Pending", pending.requireApproval ? { requireApproval: true } : {});
  const [confirmedStart] = await t.freeStarts(staffId, service, 1, { fromDays: 9 });
  const confirmed = await t.book(staffId, service, confirmedStart!, "Di Confirmed");
  expect([over.status, awaiting.status, confirmed.status]).toEqual(["confirmed", "pending", "confirmed"]);
  expect(Date.parse(over.end)).toBeLessThan(t.clock.now());
  return { upcoming: new Map([[awaiting.id, Date.parse(awaiting.start)], [confirmed.id, Date.parse(confirmed.start)]]), awaitingId: awaiting.id };
}

/** Chooses the destination and the primary calendar as busy, as the widget does, then lets the jobs run. */
async function choose(connectionId: string, busyCalendarId: string, destinationCalendarId: string) {
  const connection = await t.app.calendar.connect.connectionOf(t.tenantId, connectionId);
  await t.app.calendar.connect.chooseCalendars(connection, { busyCalendarIds: [busyCalendarId], destinationCalendarId });
  await t.settle();
}

async function calendarsOf(connectionId: string) {
  const calendars = await forTenant(t.db, t.tenantId).connectedCalendarsOf([connectionId]);
  const primary = calendars.find((calendar) => calendar.primary)!;
  const other = calendars.find((calendar) => !calendar.primary)!;
  return { primary, other };
}

const none = { missing: [], duplicate: [], stray: [], wrongTime: [] };

describe("filling a destination calendar when it is chosen or changed", () => {
  it("writes the upcoming pending and confirmed appointments into Google, moves them on a switch, and never twice", async () => {
    const email = "patel@gmail.test";
    const { upcoming, awaitingId } = await bookBeforeConnecting("stf_patel", "svc_consult", { service: "svc_implant" });
    t.google.addAccount({ email, name: "Maya Patel", timeZone: "America/New_York" });
    t.google.addCalendar(email, { summary: "Frontdesk bookings" });
    const connectionId = await t.connectGoogle("stf_patel", email);
    const { primary, other } = await calendarsOf(connectionId);
    const shown = async (calendar: { providerCalendarId: string }) => t.appointmentEventsIn(connectionId, calendar.providerCalendarId);

    await choose(connectionId, primary.id, primary.id);
    expect(tallyAppointmentEvents(upcoming, await shown(primary))).toEqual(none);
    const summaries = [...t.google.state.calendars.get(primary.providerCalendarId)!.events.values()].map((event) => event.resource.summary);
    expect(summaries.sort()).toEqual(["Awaiting approval: Implant assessment — Cy Pending", "Consultation — Di Confirmed"]);

    await choose(connectionId, primary.id, other.id);
    expect(tallyAppointmentEvents(upcoming, await shown(other))).toEqual(none);
    expect(await shown(primary)).toEqual([]);

    // The same choice again: nothing left to write, and nothing written twice.
    const jobsBefore = await writeJobCount();
    await choose(connectionId, primary.id, other.id);
    expect(await writeJobCount()).toBe(jobsBefore);
    expect(tallyAppointmentEvents(upcoming, await shown(other))).toEqual(none);

    // Back to the first: its deleted events come back, one each.
    await choose(connectionId, primary.id, primary.id);
    expect(tallyAppointmentEvents(upcoming, await shown(primary))).toEqual(none);
    expect(await shown(other)).toEqual([]);
    expect((await forTenant(t.db, t.tenantId).calendarEventLinks(awaitingId)).filter((link) => link.deletedAt === null).map((link) => link.calendarId)).toEqual([primary.id]);
  });

  it("does the same in Outlook", async () => {
    const { upcoming } = await bookBeforeConnecting("stf_romero", "svc_consult", { service: "svc_filling", requireApproval: true });
    const { connectionId } = await t.connectMicrosoft("stf_romero", "romero@outlook.test", { calendars: [{ name: "Frontdesk bookings" }] });
    const { primary, other } = await calendarsOf(connectionId);
    const shown = async (calendar: { providerCalendarId: string }) => t.appointmentEventsIn(connectionId, calendar.providerCalendarId);

    await choose(connectionId, primary.id, primary.id);
    expect(tallyAppointmentEvents(upcoming, await shown(primary))).toEqual(none);
    await choose(connectionId, primary.id, other.id);
    expect(tallyAppointmentEvents(upcoming, await shown(other))).toEqual(none);
    expect(await shown(primary)).toEqual([]);
    await choose(connectionId, primary.id, other.id);
    await choose(connectionId, primary.id, primary.id);
    expect(tallyAppointmentEvents(upcoming, await shown(primary))).toEqual(none);
    expect(await shown(other)).toEqual([]);
  });

  it("fills the destination on connecting through OAuth, and again on reconnecting after the connection broke", async () => {
    const email = "patel@gmail.test";
    const { upcoming } = await bookBeforeConnecting("stf_patel", "svc_consult", { service: "svc_implant" });
    t.google.addAccount({ email, name: "Maya Patel", timeZone: "America/New_York" });
    const connectThroughOAuth = async () => {
      t.google.consent({ email });
      const { url } = await t.app.calendar.connect.connect({ id: t.tenantId }, { staffId: "stf_patel", userId: null }, { provider: "google" });
      const back = new URL(await t.app.calendar.connect.callback("google", (await t.google.authorize(url)).searchParams));
      expect(back.searchParams.get("calendar")).toBe("connected");
      await t.settle();
      return back.searchParams.get("connection")!;
    };
    const connectionId = await connectThroughOAuth();
    const { primary } = await calendarsOf(connectionId);
    expect(tallyAppointmentEvents(upcoming, await t.appointmentEventsIn(connectionId, primary.providerCalendarId))).toEqual(none);

    // Booked while the connection is broken: no write is queued for it then.
    await t.db.write((writer) => forTenant(writer, t.tenantId).updateCalendarConnection(connectionId, { status: "broken", brokenReason: "Revoked", brokenAt: t.clock.now() }));
    const [later] = await t.freeStarts("stf_patel", "svc_consult", 1, { fromDays: 12 });
    const whileBroken = await t.book("stf_patel", "svc_consult", later!, "Ed Broken");
    await t.settle();
    expect(await connectThroughOAuth()).toBe(connectionId);
    upcoming.set(whileBroken.id, Date.parse(whileBroken.start));
    expect(tallyAppointmentEvents(upcoming, await t.appointmentEventsIn(connectionId, primary.providerCalendarId))).toEqual(none);
  });

  it("queues nothing for a staff member whose destination's connection is broken", async () => {
    await bookBeforeConnecting("stf_patel", "svc_consult", { service: "svc_implant" });
    const connectionId = await t.connectGoogle("stf_patel", "patel@gmail.test");
    await t.db.write((writer) => forTenant(writer, t.tenantId).updateCalendarConnection(connectionId, { status: "broken", brokenReason: "Revoked", brokenAt: t.clock.now() }));
    const before = await writeJobCount();
    expect(await t.app.calendar.writes.destinationChosen(t.tenantId, "stf_patel")).toEqual({ queued: 0 });
    expect(await writeJobCount()).toBe(before);
  });
});
