/**
 * The fake's events, one calendar at a time: writes as Google takes them (client-chosen ids, 409 on a taken one, patch
 * semantics, deletion that keeps the event as `cancelled`), and what a calendar holds over a range, recurring events
 * expanded. The API routes and a test's own changes ("the user did it in Google") go through the same functions.
 */
import { randomBytes } from "node:crypto";
import { instancesOf, parseRecurrence } from "./fake-recurrence";
import { badRequest, GoogleFault, instantOf, notFound, type FakeCalendar, type FakeEvent, type FakeUser, type GoogleEvent } from "./fake-state";

/** What a writer may set; everything else in a request body is Google's to say, and ignored. */
const writable = ["status", "summary", "description", "location", "start", "end", "recurrence", "transparency", "visibility", "attendees", "extendedProperties", "source", "colorId", "reminders"] as const;

const base32hex = "0123456789abcdefghijklmnopqrstuv";
const eventId = /^[a-v0-9]{5,1024}$/;

function newEventId(): string {
  return [...randomBytes(26)].map((byte) => base32hex[byte & 31]).join("");
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Google's patch: given fields replace, nested objects merge, arrays are replaced whole, and null clears. */
function patched(target: Json, patch: Json): Json {
  const result: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete result[key];
    else if (isObject(value) && isObject(result[key])) result[key] = patched(result[key], value);
    else result[key] = structuredClone(value);
  }
  return result;
}

function picked(input: GoogleEvent): Json {
  const fields: Json = {};
  for (const name of writable) if (input[name] !== undefined) fields[name] = input[name];
  return fields;
}

/** Refuses times and rules Google would refuse, with its 400s. */
function check(resource: GoogleEvent, calendar: FakeCalendar): void {
  const start = instantOf(resource.start, calendar.timeZone, "start");
  const end = instantOf(resource.end, calendar.timeZone, "end");
  if (Boolean(resource.start?.date) !== Boolean(resource.end?.date) || (resource.start?.date && resource.start.dateTime)) {
    throw badRequest("Start and end times must either both be date or both be dateTime.");
  }
  if (end < start) throw badRequest("The specified time range is empty.", "timeRangeEmpty");
  if (resource.recurrence?.length) {
    if (resource.start?.dateTime && !resource.start.timeZone) throw badRequest("Missing time zone definition for start time.", "required");
    parseRecurrence(resource.recurrence);
  }
  if (resource.status && !["confirmed", "tentative", "cancelled"].includes(resource.status)) throw badRequest(`Invalid value for status: ${resource.status}`);
  if (resource.transparency && !["opaque", "transparent"].includes(resource.transparency)) throw badRequest(`Invalid value for transparency: ${resource.transparency}`);
}

/** `self` marks the calendar's own account among the attendees, as Google answers to that account. */
function withSelf(resource: Json, owner: FakeUser): GoogleEvent {
  const event = resource as GoogleEvent;
  if (!event.attendees) return event;
  return { ...event, attendees: event.attendees.map(({ self: _self, ...attendee }) => (attendee.email?.toLowerCase() === owner.email.toLowerCase() ? { ...attendee, self: true } : attendee)) };
}

/** Takes the next change number and remembers the instances a change of a series took out of it. */
function commit(calendar: FakeCalendar, next: GoogleEvent, previous: FakeEvent | undefined, now: number): FakeEvent {
  calendar.changeNumber += 1;
  const changedAt = calendar.changeNumber;
  const stamp = new Date(now).toISOString();
  const resource: GoogleEvent = { ...next, updated: stamp, etag: `"${now}${String(changedAt).padStart(6, "0")}"` };
  const ids = (event: GoogleEvent | undefined) => (event?.recurrence?.length && event.status !== "cancelled" ? instancesOf(event, calendar.timeZone) : []);
  const kept = new Set(ids(resource).map((instance) => instance.id));
  const removedInstances = (previous?.removedInstances ?? []).filter((removed) => !kept.has(removed.id));
  for (const instance of ids(previous?.resource)) {
    if (!kept.has(instance.id) && resource.status !== "cancelled") removedInstances.push({ id: instance.id, originalStartTime: instance.originalStartTime, changedAt });
  }
  const event: FakeEvent = { resource, changedAt, removedInstances };
  calendar.events.set(resource.id!, event);
  return event;
}

export function insertEvent(calendar: FakeCalendar, owner: FakeUser, input: GoogleEvent, now: number): FakeEvent {
  const id = input.id ?? newEventId();
  if (!eventId.test(id)) throw badRequest("Invalid resource id value.");
  if (calendar.events.has(id)) throw new GoogleFault(409, "duplicate", "The requested identifier already exists.");
  const stamp = new Date(now).toISOString();
  const resource = withSelf(
    {
      kind: "calendar#event",
      id,
      status: "confirmed",
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar.id}`).toString("base64url")}`,
      created: stamp,
      creator: { email: owner.email, self: true },
      organizer: { email: calendar.id, displayName: calendar.summary, self: true },
      iCalUID: `${id}@google.com`,
      sequence: 0,
      reminders: { useDefault: true },
      eventType: "default",
      // A null in an insert is an absent field, as a patch onto nothing makes it.
      ...patched({}, picked(input)),
    },
    owner,
  );
  check(resource, calendar);
  return commit(calendar, resource, undefined, now);
}

export function patchEvent(calendar: FakeCalendar, owner: FakeUser, eventId: string, patch: GoogleEvent, now: number): FakeEvent {
  const previous = calendar.events.get(eventId);
  if (!previous) throw notFound();
  const changes = picked(patch);
  const resource = withSelf(patched(previous.resource as Json, changes), owner);
  check(resource, calendar);
  const moved = ["start", "end", "recurrence"].some((field) => field in changes);
  return commit(calendar, { ...resource, sequence: (previous.resource.sequence ?? 0) + (moved ? 1 : 0) }, previous, now);
}

/** Deletion as Google does it: the event stays, `cancelled`, under its id; deleting it again is 410. */
export function cancelEvent(calendar: FakeCalendar, eventId: string, now: number): FakeEvent {
  const previous = calendar.events.get(eventId);
  if (!previous) throw notFound();
  if (previous.resource.status === "cancelled") throw new GoogleFault(410, "deleted", "Resource has been deleted");
  return commit(calendar, { ...previous.resource, status: "cancelled" }, previous, now);
}

export interface Occurrence {
  /** The event, or one instance of a series, as `singleEvents=true` lists it. */
  resource: GoogleEvent;
  startMs: number;
  endMs: number;
}

/** A single event, or each instance of a series, that overlaps `range` (end after `from`, start before `to`). */
export function occurrencesOf(calendar: FakeCalendar, event: GoogleEvent, range = { from: -Infinity, to: Infinity }): Occurrence[] {
  if (!event.recurrence?.length) {
    const startMs = instantOf(event.start, calendar.timeZone, "start");
    const endMs = instantOf(event.end, calendar.timeZone, "end");
    return endMs > range.from && startMs < range.to ? [{ resource: event, startMs, endMs }] : [];
  }
  const { recurrence: _recurrence, ...master } = event;
  return instancesOf(event, calendar.timeZone, range).map((instance) => ({
    resource: { ...master, id: instance.id, recurringEventId: event.id!, originalStartTime: instance.originalStartTime, start: instance.start, end: instance.end },
    startMs: instance.startMs,
    endMs: instance.endMs,
  }));
}

/** Whether an occurrence counts in freeBusy: not free (transparent), and not declined by the calendar's account. */
export function isBusy(event: GoogleEvent): boolean {
  return event.status !== "cancelled" && event.transparency !== "transparent" && !event.attendees?.some((attendee) => attendee.self && attendee.responseStatus === "declined");
}
