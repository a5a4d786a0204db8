/**
 * The fake's Outlook events: made from a create body as Graph validates one, expanded into instances (a series master
 * into its occurrences, in the series' zone, so 09:00 stays 09:00 across a DST change), and written out as Graph's
 * event JSON: times in UTC unless `Prefer: outlook.timezone` names a zone, all-day events as dates at midnight.
 */
import { addDays, isCalendarDate, weekdayOf } from "@frontdesk/core";
import { graphAcceptsZone, graphWallTime, ianaZoneOf, instantOf, midnightOf } from "../zones";
import { badRequest, graphTimestamp, newId, type FakeDateTime, type FakeEvent, type FakeGraphState, type FakeRecurrence, type FakeUser } from "./fake-state";

const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const showAsValues = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"];

/** One event as a calendar view shows it: a single event, or one occurrence of a series. */
export interface FakeInstance {
  id: string;
  event: FakeEvent;
  type: "singleInstance" | "occurrence";
  start: number;
  end: number;
}

/** The event's zone as IANA (it was checked when the event was made). */
export function zoneOf(event: FakeEvent): string {
  return ianaZoneOf(event.start.timeZone) ?? "UTC";
}

/** Checked when the event is made: the fake's own events always read. */
function instantsOf(event: FakeEvent, start: FakeDateTime, end: FakeDateTime): { start: number; end: number } {
  const times = readTimes(event, start, end);
  return { start: times.start!, end: times.end! };
}

function readTimes(event: FakeEvent, start: FakeDateTime, end: FakeDateTime): { start: number | null; end: number | null } {
  const zone = zoneOf(event);
  const read = (value: FakeDateTime) => (event.isAllDay ? midnightOf(value, zone) : instantOf(value));
  return { start: read(start), end: read(end) };
}

/** The instances of an event that start before `until` (epoch ms); a series is expanded no further. */
export function instancesOf(event: FakeEvent, until: number): FakeInstance[] {
  if (!event.recurrence) return [{ id: event.id, event, type: "singleInstance", ...instantsOf(event, event.start, event.end) }];
  const [startDate, startTime] = event.start.dateTime.split("T") as [string, string | undefined];
  const [endDate, endTime] = event.end.dateTime.split("T") as [string, string | undefined];
  const spanDays = Math.round((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000);
  const instances: FakeInstance[] = [];
  for (const date of occurrenceDates(event.recurrence)) {
    const times = instantsOf(event, { dateTime: `${date}T${startTime ?? "00:00:00"}`, timeZone: event.start.timeZone }, { dateTime: `${addDays(date, spanDays)}T${endTime ?? "00:00:00"}`, timeZone: event.end.timeZone });
    if (times.start >= until) break;
    instances.push({ id: `${event.id.slice(0, -1)}${date.replaceAll("-", "")}=`, event, type: "occurrence", ...times });
  }
  return instances;
}

/** The dates a recurrence falls on, in order: daily or weekly patterns, to an end date, a count, or (lazily) forever. */
function* occurrenceDates({ pattern, range }: FakeRecurrence): Generator<string> {
  const interval = Math.max(1, pattern.interval);
  const limit = range.type === "numbered" ? (range.numberOfOccurrences ?? 0) : Number.POSITIVE_INFINITY;
  const last = range.type === "endDate" ? range.endDate! : null;
  let count = 0;
  if (pattern.type === "daily") {
    for (let date = range.startDate; count < limit && (!last || date <= last); date = addDays(date, interval), count++) yield date;
    return;
  }
  const days = new Set((pattern.daysOfWeek ?? []).map((day) => weekdays.indexOf(day.toLowerCase())));
  const firstDay = weekdays.indexOf((pattern.firstDayOfWeek ?? "sunday").toLowerCase());
  let week = addDays(range.startDate, -((weekdayOf(range.startDate) - firstDay + 7) % 7));
  for (;;) {
    for (let offset = 0; offset < 7; offset++) {
      const date = addDays(week, offset);
      if (last && date > last) return;
      if (date < range.startDate || !days.has(weekdayOf(date))) continue;
      if (count++ >= limit) return;
      yield date;
    }
    week = addDays(week, 7 * interval);
  }
}

/** The instances of a calendar overlapping [from, to), by start. */
export function calendarView(events: FakeEvent[], from: number, to: number): FakeInstance[] {
  return events
    .flatMap((event) => instancesOf(event, to))
    .filter((instance) => instance.start < to && instance.end > from)
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/** What changes when an instance changes: a delta lists an instance again when this does. */
export function versionOf(instance: FakeInstance): string {
  return `${instance.event.version}:${instance.start}:${instance.end}`;
}

export interface RenderOptions {
  /** The zone of `Prefer: outlook.timezone`, as named there; UTC when absent. */
  zoneName: string | null;
  /** Extended property ids asked for with `$expand=singleValueExtendedProperties($filter=id eq '…')`. */
  expandProperties: string[] | null;
}

/** An instance (or a series master, or a single event) as Graph's event JSON. */
export function renderEvent(user: FakeUser, instance: FakeInstance | FakeEvent, options: RenderOptions): Record<string, unknown> {
  const event = "event" in instance ? instance.event : instance;
  const id = instance.id;
  const times = "event" in instance ? instance : instantsOf(event, event.start, event.end);
  const zone = ianaZoneOf(options.zoneName) ?? "UTC";
  const zoneLabel = options.zoneName && ianaZoneOf(options.zoneName) ? options.zoneName : "UTC";
  const dateTime = (instant: number) =>
    // All-day events are dates: midnight, whatever zone is asked for.
    event.isAllDay ? `${graphWallTime(instant, zoneOf(event)).slice(0, 10)}T00:00:00.0000000` : graphWallTime(instant, zone);
  const type = "event" in instance ? instance.type : event.type;
  const rendered: Record<string, unknown> = {
    "@odata.etag": `W/"${Buffer.from(`${event.id}:${event.version}`).toString("base64")}"`,
    id,
    createdDateTime: graphTimestamp(event.createdAt),
    lastModifiedDateTime: graphTimestamp(event.modifiedAt),
    changeKey: Buffer.from(`${event.id}:${event.version}`).toString("base64"),
    categories: [],
    transactionId: event.transactionId,
    originalStartTimeZone: event.start.timeZone,
    originalEndTimeZone: event.end.timeZone,
    iCalUId: `040000008200E00074C5B7101A82E008${Buffer.from(event.id).toString("hex").slice(0, 32).toUpperCase()}`,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: event.body.content.slice(0, 255),
    importance: "normal",
    sensitivity: "normal",
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    isOrganizer: event.isOrganizer,
    responseRequested: true,
    seriesMasterId: type === "occurrence" ? event.id : null,
    showAs: event.showAs,
    type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    responseStatus: { response: event.response, time: "0001-01-01T00:00:00Z" },
    body: event.body,
    start: { dateTime: dateTime(times.start), timeZone: zoneLabel },
    end: { dateTime: dateTime(times.end), timeZone: zoneLabel },
    location: { displayName: event.location, locationType: "default", uniqueIdType: "unknown" },
    recurrence: type === "seriesMaster" ? event.recurrence : null,
    attendees: event.attendees,
    organizer: { emailAddress: { name: user.displayName, address: user.mail ?? user.userPrincipalName } },
  };
  if (!event.transactionId) delete rendered.transactionId;
  if (options.expandProperties) {
    const properties = options.expandProperties.flatMap((wanted) => {
      const found = Object.entries(event.extendedProperties).find(([propertyId]) => propertyId.toLowerCase() === wanted.toLowerCase());
      return found ? [{ id: found[0], value: found[1] }] : [];
    });
    if (properties.length > 0) rendered.singleValueExtendedProperties = properties;
  }
  return rendered;
}

function dateTimeOf(value: unknown, field: string): FakeDateTime {
  const given = value as { dateTime?: unknown; timeZone?: unknown } | null | undefined;
  if (typeof given?.dateTime !== "string" || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?$/.test(given.dateTime)) {
    throw badRequest(`The ${field} property must be a dateTimeTimeZone with a dateTime like 2026-03-29T09:00:00.`);
  }
  const timeZone = typeof given.timeZone === "string" ? given.timeZone : "";
  if (!graphAcceptsZone(timeZone)) throw badRequest(`A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`, "TimeZoneNotSupportedException");
  const dateTime = given.dateTime.includes("T") ? given.dateTime.replace(/\.\d+$/, "") : `${given.dateTime}T00:00:00`;
  return { dateTime: dateTime.length === 16 ? `${dateTime}:00` : dateTime, timeZone };
}

function recurrenceOf(value: unknown): FakeRecurrence | null {
  if (value === null || value === undefined) return null;
  const { pattern, range } = value as Partial<FakeRecurrence>;
  if (!pattern || !range || !["daily", "weekly"].includes(pattern.type)) {
    // Monthly and yearly patterns exist in Graph; the fake does not model them.
    throw badRequest("The fake models daily and weekly recurrence patterns only.", "ErrorInvalidRecurrence");
  }
  if (!isCalendarDate(range.startDate ?? "") || (range.type === "endDate" && !isCalendarDate(range.endDate ?? "")) || (range.type === "numbered" && !((range.numberOfOccurrences ?? 0) > 0))) {
    throw badRequest("The recurrence range is not valid.", "ErrorInvalidRecurrence");
  }
  if (pattern.type === "weekly" && !(pattern.daysOfWeek ?? []).every((day) => weekdays.includes(day.toLowerCase()))) throw badRequest("The recurrence pattern's daysOfWeek are not valid.", "ErrorInvalidRecurrence");
  return { pattern: { ...pattern, interval: pattern.interval ?? 1 }, range };
}

/** Checks of a new or changed event that Graph makes: times that read, an end after the start, all-day at midnight. */
function check(event: FakeEvent) {
  const times = readTimes(event, event.start, event.end);
  if (times.start === null || times.end === null) throw badRequest("The event's start or end cannot be read.");
  if (times.end < times.start) throw badRequest("The event's end must not be before its start.", "ErrorInvalidRequest");
  if (event.isAllDay && (!event.start.dateTime.endsWith("T00:00:00") || !event.end.dateTime.endsWith("T00:00:00") || times.end <= times.start)) {
    throw badRequest("An all-day event's start and end must be midnights, its end after its start.", "ErrorPropertyValidationFailure");
  }
  if (!showAsValues.includes(event.showAs)) throw badRequest(`Invalid showAs value: ${event.showAs}.`, "ErrorInvalidRequest");
}

/** A new event from a create body (or from the fake's own control methods, which use the same shape). */
export function eventFromBody(state: FakeGraphState, body: Record<string, unknown>, now: number): FakeEvent {
  const properties = Array.isArray(body.singleValueExtendedProperties) ? (body.singleValueExtendedProperties as { id?: unknown; value?: unknown }[]) : [];
  const given = body.body as { contentType?: string; content?: string } | undefined;
  const event: FakeEvent = {
    id: newId(state, "event"),
    type: "singleInstance",
    subject: typeof body.subject === "string" ? body.subject : "",
    body: { contentType: given?.contentType ?? "text", content: given?.content ?? "" },
    start: dateTimeOf(body.start, "start"),
    end: dateTimeOf(body.end, "end"),
    isAllDay: body.isAllDay === true,
    showAs: typeof body.showAs === "string" ? body.showAs : "busy",
    isCancelled: false,
    isOrganizer: true,
    response: "organizer",
    attendees: [],
    location: (body.location as { displayName?: string } | undefined)?.displayName ?? "",
    recurrence: recurrenceOf(body.recurrence),
    transactionId: typeof body.transactionId === "string" ? body.transactionId : null,
    extendedProperties: Object.fromEntries(properties.filter((property) => typeof property.id === "string" && typeof property.value === "string").map((property) => [property.id as string, property.value as string])),
    createdAt: now,
    modifiedAt: now,
    version: 1,
  };
  if (event.recurrence) event.type = "seriesMaster";
  check(event);
  return event;
}

/** Applies a PATCH body to an event, as Graph does: only the properties given change; `transactionId` cannot. */
export function patchEvent(event: FakeEvent, body: Record<string, unknown>, now: number): void {
  const next: FakeEvent = { ...event };
  if (typeof body.subject === "string") next.subject = body.subject;
  if (body.body && typeof body.body === "object") next.body = { contentType: "text", ...(body.body as object) } as FakeEvent["body"];
  if (body.start !== undefined) next.start = dateTimeOf(body.start, "start");
  if (body.end !== undefined) next.end = dateTimeOf(body.end, "end");
  if (typeof body.isAllDay === "boolean") next.isAllDay = body.isAllDay;
  if (typeof body.showAs === "string") next.showAs = body.showAs;
  if (body.location !== undefined) next.location = (body.location as { displayName?: string } | null)?.displayName ?? "";
  if (body.recurrence !== undefined) next.recurrence = recurrenceOf(body.recurrence);
  if (body.transactionId !== undefined && body.transactionId !== event.transactionId) throw badRequest("The transactionId of an event cannot be changed.", "ErrorInvalidPropertyUpdateSentAsNull");
  next.type = next.recurrence ? "seriesMaster" : "singleInstance";
  check(next);
  Object.assign(event, next, { modifiedAt: now, version: event.version + 1 });
}

/** The zone of a request's `Prefer: outlook.timezone="…"`, as named there, or null. */
export function preferredZone(preferHeader: string | undefined): string | null {
  return /outlook\.timezone="([^"]+)"/i.exec(preferHeader ?? "")?.[1] ?? null;
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…')`: the property ids, null when not asked; other expands are refused. */
export function expandedProperties(query: URLSearchParams): string[] | null {
  const expand = query.get("$expand");
  if (!expand) return null;
  const match = /^singleValueExtendedProperties\(\$filter=(.+)\)$/i.exec(expand.trim());
  if (!match) throw badRequest(`The fake does not expand '${expand}'.`, "BadRequest");
  return match[1]!.split(/\s+or\s+/i).map((clause) => {
    const id = /^id eq '(.+)'$/i.exec(clause.trim())?.[1];
    if (!id) throw badRequest(`Invalid filter clause in $expand: ${clause}.`, "BadRequest");
    return id;
  });
}
