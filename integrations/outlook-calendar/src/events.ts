/**
 * Outlook events in and out: Graph's event JSON (read with zod) as an `ExternalEvent`, and an `AppointmentEvent` as the
 * body Graph takes. An event Frontdesk writes carries the appointment id twice: in a single-value extended property
 * (Outlook's place for an app's own data, which Graph can filter on) and in the event's `transactionId`, which Graph
 * also uses to make a repeated create return the first event. The delta query cannot expand extended properties, so
 * the appointment id of an event read from a delta comes from its `transactionId`.
 */
import { createHash } from "node:crypto";
import type { AppointmentEvent, ExternalEvent } from "@frontdesk/core";
import { z } from "zod";
import { graphWallTime, ianaZoneOf, instantOf, midnightOf, windowsZoneOf } from "./zones";

/** Frontdesk's single-value extended property holding the appointment id (a string property in our own property set). */
export const appointmentPropertyId = "String {5b3c7a1e-8f2d-4c6b-9e0a-71d4f2a6c9b3} Name FrontdeskAppointmentId";

const transactionPrefix = "frontdesk.";

/**
 * The `transactionId` an appointment's event is created with: the same every time for one appointment, so a create
 * repeated after a lost answer gives back the first event. Recreating an event that was deleted (`replacing` its
 * id) takes another one, in case Graph still holds the deleted event under the first.
 */
export function transactionIdFor(appointmentId: string, replacing: string | null = null): string {
  const base = `${transactionPrefix}${Buffer.from(appointmentId, "utf8").toString("base64url")}`;
  return replacing ? `${base}.${createHash("sha256").update(replacing).digest("base64url").slice(0, 12)}` : base;
}

/** The appointment id in a `transactionId` Frontdesk wrote, or null. */
export function appointmentIdOfTransaction(transactionId: string | null | undefined): string | null {
  const match = /^frontdesk\.([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_-]+)?$/.exec(transactionId ?? "");
  return match ? Buffer.from(match[1]!, "base64url").toString("utf8") || null : null;
}

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });

/** The part of Graph's event resource the adapter reads (a delta's removed entry has only `id` and `@removed`). */
export const graphEventSchema = z.object({
  id: z.string(),
  "@removed": z.object({ reason: z.string().nullish() }).nullish(),
  type: z.string().nullish(),
  isAllDay: z.boolean().nullish(),
  isCancelled: z.boolean().nullish(),
  showAs: z.string().nullish(),
  start: dateTimeTimeZone.nullish(),
  end: dateTimeTimeZone.nullish(),
  originalStartTimeZone: z.string().nullish(),
  responseStatus: z.object({ response: z.string().nullish() }).nullish(),
  transactionId: z.string().nullish(),
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string().nullish() })).nullish(),
});
export type GraphEvent = z.infer<typeof graphEventSchema>;

// Free and working elsewhere leave the time open; tentative, busy, away (oof) and anything Graph does not name take it.
const openStatuses = new Set(["free", "workingelsewhere"]);

export function isBusyStatus(status: string | null | undefined): boolean {
  return !openStatuses.has((status ?? "busy").toLowerCase());
}

/** Where an event is gone for us: deleted (a delta's `@removed`) or cancelled by its organizer. */
export function isRemoved(event: GraphEvent): boolean {
  return Boolean(event["@removed"]) || event.isCancelled === true;
}

/**
 * An event (one instance of a series) as the availability engine reads it, or null when its times cannot be read.
 * Timed events come as `{ dateTime, timeZone }` (UTC unless a Prefer header asked otherwise). All-day events are
 * dates: they run from midnight to midnight in their own zone (`originalStartTimeZone`), else in `defaultZone`.
 */
export function externalEventOf(event: GraphEvent, defaultZone: string): ExternalEvent | null {
  if (!event.start || !event.end) return null;
  const allDay = event.isAllDay === true;
  const zone = ianaZoneOf(event.originalStartTimeZone) ?? defaultZone;
  const start = allDay ? midnightOf(event.start, zone) : instantOf(event.start);
  const end = allDay ? midnightOf(event.end, zone) : instantOf(event.end);
  if (start === null || end === null) return null;
  const property = event.singleValueExtendedProperties?.find((candidate) => candidate.id.toLowerCase() === appointmentPropertyId.toLowerCase())?.value;
  return {
    id: event.id,
    start,
    end: Math.max(start, end),
    allDay,
    busy: isBusyStatus(event.showAs) && event.responseStatus?.response?.toLowerCase() !== "declined",
    appointmentId: property || appointmentIdOfTransaction(event.transactionId),
  };
}

/** Whether an all-day event needs the mailbox's zone to be placed (its own zone is missing or custom). */
export function needsDefaultZone(event: GraphEvent): boolean {
  return event.isAllDay === true && ianaZoneOf(event.originalStartTimeZone) === null;
}

/**
 * The body of the appointment's event: its wall times in the appointment's zone under the zone's Windows name (Graph
 * takes every Windows name but only some IANA ones), or in UTC when CLDR has no Windows name for the zone. The link
 * goes at the end of the text body: an Outlook event has no field of its own for one.
 */
export function eventBodyOf(event: AppointmentEvent) {
  const windows = windowsZoneOf(event.timeZone);
  const zone = windows ? event.timeZone : "UTC";
  const timeZone = windows ?? "UTC";
  const content = [event.description.trim(), event.url ?? ""].filter(Boolean).join("\n\n");
  return {
    subject: event.summary,
    body: { contentType: "text", content },
    start: { dateTime: graphWallTime(event.start, zone), timeZone },
    end: { dateTime: graphWallTime(event.end, zone), timeZone },
    location: { displayName: event.location ?? "" },
    showAs: "busy",
  };
}
