/**
 * Google's events in the port's terms, both ways: an event (or instance) read from a calendar as the busy time it
 * keeps, and an appointment as the event Frontdesk writes, under an id derived from the appointment's.
 */
import { createHash } from "node:crypto";
import { addDays, zonedWallTimeToUtc, type AppointmentEvent, type ExternalEvent } from "@frontdesk/core";
import type { calendar_v3 } from "./client";

/** The private extended property that marks an event as one Frontdesk wrote, and for which appointment. */
export const appointmentIdProperty = "frontdeskAppointmentId";

const base32hex = "0123456789abcdefghijklmnopqrstuv";

/**
 * The event id of an appointment: Google lets the client choose it (base32hex, `a`–`v` and `0`–`9`, 5 to 1024
 * characters) and keeps it unique in the calendar for good, deleted events included. `fd` and the SHA-256 of the
 * appointment id in base32hex: the same appointment always gets the same event, whatever characters its id has.
 */
export function eventIdForAppointment(appointmentId: string): string {
  const digest = createHash("sha256").update(`frontdesk-appointment:${appointmentId}`).digest();
  let bits = 0;
  let value = 0;
  let id = "fd";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += base32hex[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? id + base32hex[(value << (5 - bits)) & 31] : id;
}

/**
 * One event or instance as the busy time it keeps, or null when it is cancelled (deleted, or an instance taken out of
 * its series). An all-day event runs from midnight to midnight in `calendarTimeZone`, the zone of the calendar's
 * answer, so a day across a DST change is 23 or 25 hours long.
 */
export function externalEventOf(event: calendar_v3.Schema$Event, calendarTimeZone: string): ExternalEvent | null {
  const { date, dateTime } = event.start ?? {};
  if (event.status === "cancelled" || !event.id || !(dateTime || date)) return null;
  const allDay = !dateTime;
  const start = allDay ? zonedWallTimeToUtc(date!, 0, calendarTimeZone) : Date.parse(dateTime!);
  const end = allDay ? zonedWallTimeToUtc(event.end?.date ?? addDays(date!, 1), 0, calendarTimeZone) : Date.parse(event.end?.dateTime ?? dateTime!);
  const declined = event.attendees?.some((attendee) => attendee.self && attendee.responseStatus === "declined") ?? false;
  return {
    id: event.id,
    start,
    end,
    allDay,
    busy: event.transparency !== "transparent" && !declined,
    appointmentId: event.extendedProperties?.private?.[appointmentIdProperty] ?? null,
  };
}

/**
 * The body an appointment's event is inserted or patched with. It is always `confirmed`, which also brings back an
 * event that was deleted (Google keeps it, cancelled, under its id). Nulls clear what a patch would otherwise keep:
 * a location or link taken away, a `date` left over from a user turning the event into an all-day one.
 */
export function appointmentEventBody(event: AppointmentEvent): calendar_v3.Schema$Event {
  return {
    status: "confirmed",
    summary: event.summary,
    description: event.description,
    location: event.location,
    start: { dateTime: new Date(event.start).toISOString(), timeZone: event.timeZone, date: null },
    end: { dateTime: new Date(event.end).toISOString(), timeZone: event.timeZone, date: null },
    transparency: "opaque",
    extendedProperties: { private: { [appointmentIdProperty]: event.appointmentId } },
    source: event.url ? { title: "Frontdesk", url: event.url } : null,
  };
}
