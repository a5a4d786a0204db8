import type { AppointmentEvent, CalendarAccess } from "@frontdesk/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outlookCalendar, type OutlookCalendarProvider } from "./calendar";
import { appointmentPropertyId, transactionIdFor } from "./events";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph, type FakeUser } from "./testing/fake";

const clock = Date.parse("2027-03-01T08:00:00Z");
let fake: FakeMicrosoftGraph;
let outlook: OutlookCalendarProvider;
let user: FakeUser;
let access: CalendarAccess;

beforeEach(async () => {
  fake = await startFakeMicrosoftGraph({ now: () => new Date(clock) });
  user = fake.addUser({ displayName: "Ana Ruiz", mail: "ana@bella-salon.example", mailboxTimeZone: "W. Europe Standard Time", calendars: [{ name: "Bookings" }] });
  outlook = outlookCalendar({ baseUrl: fake.url });
  access = { accessToken: async () => fake.accessTokenFor(user.id) };
});
afterEach(() => fake.close());

const bookings = () => user.calendars[1]!;
const appointment = (patch: Partial<AppointmentEvent> = {}): AppointmentEvent => ({
  appointmentId: "apt_3k9xq2m7a1b4c8d0e5f6",
  start: Date.parse("2027-03-30T08:00:00Z"),
  end: Date.parse("2027-03-30T09:00:00Z"),
  timeZone: "Europe/Berlin",
  summary: "Haircut — Jo Bloggs",
  description: "Booked online.",
  location: "Bella Salon, Hauptstraße 1",
  url: "https://frontdesk.example/appointments/apt_3k9xq2m7a1b4c8d0e5f6",
  ...patch,
});
const lastWrite = (method: string) => fake.requests.filter((request) => request.method === method && request.path.includes("/events")).at(-1)!;

describe("writing an appointment's event", () => {
  it("creates it in the appointment's zone under its Windows name, tagged with the appointment id", async () => {
    const { eventId } = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    expect(lastWrite("POST").body).toEqual({
      subject: "Haircut — Jo Bloggs",
      body: { contentType: "text", content: "Booked online.\n\nhttps://frontdesk.example/appointments/apt_3k9xq2m7a1b4c8d0e5f6" },
      // 08:00Z on 30 March is 10:00 in Berlin, summer time.
      start: { dateTime: "2027-03-30T10:00:00.0000000", timeZone: "W. Europe Standard Time" },
      end: { dateTime: "2027-03-30T11:00:00.0000000", timeZone: "W. Europe Standard Time" },
      location: { displayName: "Bella Salon, Hauptstraße 1" },
      showAs: "busy",
      transactionId: transactionIdFor("apt_3k9xq2m7a1b4c8d0e5f6"),
      singleValueExtendedProperties: [{ id: appointmentPropertyId, value: "apt_3k9xq2m7a1b4c8d0e5f6" }],
    });
    expect(bookings().events).toEqual([expect.objectContaining({ id: eventId, extendedProperties: { [appointmentPropertyId]: "apt_3k9xq2m7a1b4c8d0e5f6" } })]);
  });

  it("leaves one event when it is created twice without the event's id (Graph's transactionId)", async () => {
    const first = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    const second = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    expect(second.eventId).toBe(first.eventId);
    expect(bookings().events.length).toBe(1);
  });

  it("leaves one event when the first create's answer was lost", async () => {
    fake.failNext({ method: "POST", path: "/events", status: 504, afterHandling: true });
    await expect(outlook.upsertEvent(access, bookings().id, appointment(), null)).rejects.toMatchObject({ kind: "unavailable" });
    const { eventId } = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    expect(bookings().events.map((event) => event.id)).toEqual([eventId]);
  });

  it("updates the event it knows, in place", async () => {
    const { eventId } = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    const moved = await outlook.upsertEvent(access, bookings().id, appointment({ start: Date.parse("2027-03-31T12:00:00Z"), end: Date.parse("2027-03-31T12:45:00Z"), location: null }), eventId);
    expect(moved.eventId).toBe(eventId);
    expect(lastWrite("PATCH").body).toMatchObject({ start: { dateTime: "2027-03-31T14:00:00.0000000" }, end: { dateTime: "2027-03-31T14:45:00.0000000" }, location: { displayName: "" } });
    expect(lastWrite("PATCH").body).not.toHaveProperty("transactionId");
    expect(bookings().events).toEqual([expect.objectContaining({ id: eventId, location: "", start: { dateTime: "2027-03-31T14:00:00", timeZone: "W. Europe Standard Time" } })]);
  });

  it("writes it anew when the known event was deleted in Outlook", async () => {
    const { eventId } = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    fake.deleteEvent(user.id, eventId);
    const again = await outlook.upsertEvent(access, bookings().id, appointment(), eventId);
    expect(again.eventId).not.toBe(eventId);
    expect(bookings().events.map((event) => event.id)).toEqual([again.eventId]);
    expect((lastWrite("POST").body as { transactionId: string }).transactionId).toBe(transactionIdFor("apt_3k9xq2m7a1b4c8d0e5f6", eventId));
  });

  it("writes UTC wall times for a zone Windows has no name for", async () => {
    await outlook.upsertEvent(access, bookings().id, appointment({ timeZone: "Antarctica/Troll" }), null);
    expect(lastWrite("POST").body).toMatchObject({ start: { dateTime: "2027-03-30T08:00:00.0000000", timeZone: "UTC" } });
  });

  it("reads its own event back with the appointment id", async () => {
    const { eventId } = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    const changes = await outlook.changes(access, bookings().id, null, { from: Date.parse("2027-03-01T00:00:00Z"), to: Date.parse("2027-05-01T00:00:00Z") });
    expect(changes.events).toEqual([{ id: eventId, start: Date.parse("2027-03-30T08:00:00Z"), end: Date.parse("2027-03-30T09:00:00Z"), allDay: false, busy: true, appointmentId: "apt_3k9xq2m7a1b4c8d0e5f6" }]);
  });
});

describe("deleting an appointment's event", () => {
  it("deletes it, and deleting it again succeeds", async () => {
    const { eventId } = await outlook.upsertEvent(access, bookings().id, appointment(), null);
    await outlook.deleteEvent(access, bookings().id, eventId);
    expect(bookings().events).toEqual([]);
    await expect(outlook.deleteEvent(access, bookings().id, eventId)).resolves.toBeUndefined();
    expect(fake.requests.filter((request) => request.method === "DELETE").length).toBe(2);
  });

  it("is refused in a calendar the account may only read", async () => {
    const readOnly = fake.addUser({ displayName: "Bo", mail: "bo@bella-salon.example", calendars: [{ name: "Shared", canEdit: false }] });
    const other = { accessToken: async () => fake.accessTokenFor(readOnly.id) };
    await expect(outlook.upsertEvent(other, readOnly.calendars[1]!.id, appointment(), null)).rejects.toMatchObject({ kind: "auth", providerCode: "ErrorAccessDenied" });
  });
});
