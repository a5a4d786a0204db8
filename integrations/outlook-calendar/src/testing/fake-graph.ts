/**
 * The fake's part of Microsoft Graph v1.0 about the signed-in user's calendars (`/v1.0/me/…`): the user, the
 * mailbox's time zone, calendars, events (with transactionId and single-value extended properties), calendar views,
 * the calendarView delta query and getSchedule. Paths, bodies, paging, status codes and error codes as Graph documents
 * them; the few Graph leaves unnamed are marked "the fake's guess".
 */
import { graphOrigin } from "../graph";
import { graphAcceptsZone, graphWallTime, ianaZoneOf, instantOf } from "../zones";
import { calendarView, eventFromBody, expandedProperties, patchEvent, preferredZone, renderEvent, versionOf, type RenderOptions } from "./fake-events";
import {
  accessDenied,
  badRequest,
  GraphFault,
  graphLink,
  itemNotFound,
  listPage,
  newSecret,
  pageSizeOf,
  selected,
  type FakeAccessToken,
  type FakeAnswer,
  type FakeCalendar,
  type FakeEvent,
  type FakeGraphState,
  type FakeUser,
} from "./fake-state";

export type ChangeType = "created" | "updated" | "deleted";

export interface GraphContext {
  state: FakeGraphState;
  user: FakeUser;
  token: FakeAccessToken;
  /** The path after `/v1.0`. */
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  preferHeader: string | undefined;
  now: number;
  params: string[];
  /** Tell the subscriptions: an event of this calendar was created, updated or deleted. */
  changed(user: FakeUser, calendar: FakeCalendar, eventId: string, changeType: ChangeType): void;
}

export interface GraphRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  pattern: RegExp;
  /** Any one of these scopes lets the request through. */
  scopes: string[];
  handle(context: GraphContext): FakeAnswer | Promise<FakeAnswer>;
}

export const readCalendars = ["Calendars.Read", "Calendars.ReadWrite"];
const writeCalendars = ["Calendars.ReadWrite"];
const readUser = ["User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All"];
const readMailbox = ["MailboxSettings.Read", "MailboxSettings.ReadWrite"];
const DAY_MS = 86_400_000;
// Delta tokens live in a cache of bounded size in Exchange, as here: the oldest are forgotten first.
const keptDeltaStates = 500;

const ok = (body: unknown, status = 200): FakeAnswer => ({ status, body });

/** `me/calendar` (the default) or `me/calendars/{id}`; a calendar of another user's reads as not found. */
export function calendarOf(user: FakeUser, key: string | undefined): FakeCalendar {
  const calendar = key === undefined ? user.calendars.find((candidate) => candidate.isDefault) : user.calendars.find((candidate) => candidate.id === decodeURIComponent(key));
  if (!calendar) throw itemNotFound();
  return calendar;
}

function renderUser(user: FakeUser) {
  const [givenName = user.displayName, ...rest] = user.displayName.split(" ");
  return {
    "@odata.context": `${graphOrigin}/v1.0/$metadata#users/$entity`,
    businessPhones: [],
    displayName: user.displayName,
    givenName,
    jobTitle: null,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: "en-US",
    surname: rest.join(" ") || null,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
  };
}

function renderCalendar(user: FakeUser, calendar: FakeCalendar) {
  return {
    id: calendar.id,
    name: calendar.name,
    color: "auto",
    hexColor: "",
    isDefaultCalendar: calendar.isDefault,
    changeKey: Buffer.from(calendar.id).toString("base64").slice(0, 24),
    canShare: calendar.canEdit,
    canViewPrivateItems: true,
    canEdit: calendar.canEdit,
    allowedOnlineMeetingProviders: user.personal ? [] : ["teamsForBusiness"],
    defaultOnlineMeetingProvider: user.personal ? "unknown" : "teamsForBusiness",
    isTallyingResponses: true,
    isRemovable: !calendar.isDefault,
    owner: { name: user.displayName, address: user.mail ?? user.userPrincipalName },
  };
}

function renderOptions(context: GraphContext): RenderOptions {
  return { zoneName: preferredZone(context.preferHeader), expandProperties: expandedProperties(context.query) };
}

/** `startDateTime`/`endDateTime` of a calendar view: ISO 8601, UTC when no offset is given. */
function windowOf(query: URLSearchParams): { from: number; to: number } {
  const read = (name: string) => {
    const value = query.get(name) ?? query.get(name.toLowerCase());
    if (!value) return Number.NaN;
    return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? Date.parse(value) : Date.parse(`${value}Z`);
  };
  const from = read("startDateTime");
  const to = read("endDateTime");
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw badRequest("This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.", "ErrorInvalidParameter");
  }
  return { from, to };
}

/**
 * `$filter` on events, as far as Frontdesk uses it: `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value
 * eq '…')`, which finds the events an app marked with one of its own properties. Other filters are refused.
 */
function eventFilterOf(filter: string | null): (event: FakeEvent) => boolean {
  if (filter === null) return () => true;
  const literal = "'((?:[^']|'')*)'";
  const match = new RegExp(`^singleValueExtendedProperties/Any\\(\\s*(\\w+)\\s*:\\s*\\1/id eq ${literal} and \\1/value eq ${literal}\\s*\\)$`, "i").exec(filter.trim());
  if (!match) throw new GraphFault(400, "BadRequest", `Invalid filter clause: ${filter}`);
  const [id, value] = [match[2]!.replaceAll("''", "'"), match[3]!.replaceAll("''", "'")];
  return (event) => Object.entries(event.extendedProperties).some(([propertyId, propertyValue]) => propertyId.toLowerCase() === id.toLowerCase() && propertyValue === value);
}

function findEvent(calendar: FakeCalendar, id: string): FakeEvent {
  const event = calendar.events.find((candidate) => candidate.id === decodeURIComponent(id));
  if (!event) throw itemNotFound();
  return event;
}

function mutable(calendar: FakeCalendar): FakeCalendar {
  if (!calendar.canEdit) throw accessDenied();
  return calendar;
}

function createEvent(context: GraphContext, calendar: FakeCalendar): FakeAnswer {
  mutable(calendar);
  // The same transactionId again (a client retrying a create whose answer it lost) gives back the first event.
  const transactionId = typeof context.body.transactionId === "string" ? context.body.transactionId : null;
  const earlier = transactionId && context.user.calendars.flatMap((candidate) => candidate.events).find((event) => event.transactionId === transactionId);
  if (earlier) return ok(renderEvent(context.user, earlier, renderOptions(context)), 201);
  const event = eventFromBody(context.state, context.body, context.now);
  calendar.events.push(event);
  context.changed(context.user, calendar, event.id, "created");
  return ok(renderEvent(context.user, event, renderOptions(context)), 201);
}

function trim(record: Record<string, unknown>) {
  const keys = Object.keys(record);
  if (keys.length > keptDeltaStates) for (const key of keys.slice(0, keys.length - keptDeltaStates)) delete record[key];
}

/**
 * `…/calendarView/delta`: a first round lists every instance of the window; a `$deltatoken` round lists what changed
 * since that token (added or changed instances whole, gone ones as `@removed`). Each round is fixed when it starts
 * and read page by page through `$skiptoken` links; its last page carries the next `@odata.deltaLink`.
 */
function delta(context: GraphContext, calendar: FakeCalendar, basePath: string): FakeAnswer {
  const { state, query } = context;
  const gone = () => new GraphFault(410, "syncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
  const skipToken = query.get("$skiptoken") ?? query.get("$skipToken");
  if (skipToken) {
    const [roundId, offset] = skipToken.split("~");
    const round = state.deltaRounds[roundId ?? ""];
    if (!round) throw gone();
    return deltaPage(basePath, roundId!, Number(offset), round);
  }
  for (const unsupported of ["$expand", "$select", "$filter", "$orderby", "$search"]) {
    // The fake's guess at the code: Graph documents these as unsupported on calendarView delta.
    if (query.has(unsupported)) throw badRequest(`The query parameter '${unsupported}' is not supported with delta on calendarView.`, "BadRequest");
  }
  const deltaToken = query.get("$deltatoken") ?? query.get("$deltaToken");
  const previous = deltaToken ? state.deltaTokens[deltaToken] : undefined;
  if (deltaToken && (!previous || !previous.valid || previous.calendarId !== calendar.id)) throw gone();
  const window = previous ?? windowOf(query);
  const instances = calendarView(calendar.events, window.from, window.to);
  const versions = Object.fromEntries(instances.map((instance) => [instance.id, versionOf(instance)]));
  const options = { zoneName: preferredZone(context.preferHeader), expandProperties: null };
  const changed = previous ? instances.filter((instance) => previous.versions[instance.id] !== versions[instance.id]) : instances;
  const removed = previous ? Object.keys(previous.versions).filter((id) => !(id in versions)) : [];
  const items = [
    ...changed.map((instance) => renderEvent(context.user, instance, options)),
    ...removed.map((id) => ({ "@odata.type": "#microsoft.graph.event", id, "@removed": { reason: "deleted" } })),
  ];
  const nextToken = newSecret(state, "delta");
  state.deltaTokens[nextToken] = { userId: context.user.id, calendarId: calendar.id, from: window.from, to: window.to, versions, valid: true };
  const roundId = newSecret(state, "round").replace(/\W/g, "");
  state.deltaRounds[roundId] = { items, deltaToken: nextToken, pageSize: pageSizeOf(new URLSearchParams(), context.preferHeader) };
  trim(state.deltaTokens);
  trim(state.deltaRounds);
  return deltaPage(basePath, roundId, 0, state.deltaRounds[roundId]!);
}

function deltaPage(basePath: string, roundId: string, offset: number, round: { items: unknown[]; deltaToken: string; pageSize: number }): FakeAnswer {
  const page = round.items.slice(offset, offset + round.pageSize);
  const more = offset + round.pageSize < round.items.length;
  const link = more ? { "@odata.nextLink": graphLink(basePath, new URLSearchParams({ $skiptoken: `${roundId}~${offset + round.pageSize}` })) } : { "@odata.deltaLink": graphLink(basePath, new URLSearchParams({ $deltatoken: round.deltaToken })) };
  return ok({ "@odata.context": `${graphOrigin}/v1.0/$metadata#Collection(event)`, ...link, value: page });
}

const availabilityCodes: Record<string, number> = { free: 0, workingelsewhere: 4, tentative: 1, busy: 2, oof: 3, unknown: 2 };

/** `POST /me/calendar/getSchedule`: free/busy of up to 20 mailboxes over less than 62 days. */
function getSchedule(context: GraphContext): FakeAnswer {
  // The fake's guess at the error: Graph documents getSchedule as unsupported for personal accounts, without one.
  if (context.user.personal) throw accessDenied();
  const { schedules, startTime, endTime } = context.body as { schedules?: unknown; startTime?: { dateTime: string; timeZone?: string }; endTime?: { dateTime: string; timeZone?: string } };
  const interval = Number(context.body.availabilityViewInterval ?? 30);
  if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((address) => typeof address === "string")) throw badRequest("Schedules is required: the SMTP addresses to look up.");
  if (schedules.length > 20) throw badRequest("getSchedule looks up at most 20 schedules at once.", "ErrorExceededFindCountLimit");
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) throw badRequest("availabilityViewInterval must be from 5 to 1440 minutes.");
  for (const time of [startTime, endTime]) if (!time || !graphAcceptsZone(time.timeZone ?? "")) throw badRequest("StartTime and EndTime need a dateTime and a supported timeZone.", "TimeZoneNotSupportedException");
  const from = instantOf(startTime!);
  const to = instantOf(endTime!);
  if (from === null || to === null || to <= from) throw badRequest("The end time must be after the start time.", "ErrorInvalidTimeInterval");
  // The fake's guess at the code; the limit (less than 62 days) is Graph's.
  if (to - from >= 62 * DAY_MS) throw badRequest("The time period to look up must be less than 62 days.", "ErrorInvalidTimeInterval");
  const zoneName = preferredZone(context.preferHeader);
  const zone = ianaZoneOf(zoneName) ?? "UTC";
  const label = zoneName && ianaZoneOf(zoneName) ? zoneName : "UTC";
  const value = (schedules as string[]).map((address) => {
    const owner = context.state.users.find((user) => [user.mail, user.userPrincipalName].some((known) => known?.toLowerCase() === address.toLowerCase()));
    if (!owner) return { scheduleId: address, availabilityView: "", scheduleItems: [], error: { message: `The user ${address} could not be found.`, responseCode: "ErrorMailRecipientNotFound" } };
    const items = calendarView(calendarOf(owner, undefined).events, from, to)
      .filter((instance) => !instance.event.isCancelled)
      .map((instance) => ({
        isPrivate: false,
        status: instance.event.response === "declined" ? "free" : instance.event.showAs,
        subject: instance.event.subject,
        location: instance.event.location,
        isMeeting: instance.event.attendees.length > 0,
        isRecurring: instance.type === "occurrence",
        isException: false,
        isReminderSet: true,
        start: { dateTime: graphWallTime(instance.start, zone), timeZone: label },
        end: { dateTime: graphWallTime(instance.end, zone), timeZone: label },
        range: { start: instance.start, end: instance.end },
      }));
    const slots = Math.ceil((to - from) / (interval * 60_000));
    const availabilityView = Array.from({ length: slots }, (_, slot) => {
      const slotStart = from + slot * interval * 60_000;
      const slotEnd = slotStart + interval * 60_000;
      const codes = items.filter(({ range }) => range.start < slotEnd && range.end > slotStart).map(({ status }) => availabilityCodes[status.toLowerCase()] ?? 2);
      return codes.includes(3) ? 3 : codes.includes(2) ? 2 : codes.includes(1) ? 1 : codes.includes(4) ? 4 : 0;
    }).join("");
    return {
      scheduleId: address,
      availabilityView,
      scheduleItems: items.map(({ range: _range, ...item }) => item),
      workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "08:00:00.0000000", endTime: "17:00:00.0000000", timeZone: { name: owner.mailboxTimeZone } },
    };
  });
  return ok({ "@odata.context": `${graphOrigin}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, value });
}

const calendarKey = String.raw`(?:/calendar|/calendars/([^/]+))`;
const route = (method: GraphRoute["method"], pattern: string, scopes: string[], handle: GraphRoute["handle"]): GraphRoute => ({ method, pattern: new RegExp(`^${pattern}$`), scopes, handle });
// `/me/events` and `/me/calendarView` are the default calendar's.
const calendarIn = (context: GraphContext) => calendarOf(context.user, context.params[0]);

export const graphRoutes: GraphRoute[] = [
  route("GET", "/me", readUser, (context) => ok(selected(renderUser(context.user), context.query))),
  route("GET", "/me/mailboxSettings", readMailbox, (context) =>
    ok({ "@odata.context": `${graphOrigin}/v1.0/$metadata#users('${context.user.id}')/mailboxSettings`, timeZone: context.user.mailboxTimeZone, timeFormat: "HH:mm", dateFormat: "yyyy-MM-dd", language: { locale: "en-US", displayName: "English (United States)" } }),
  ),
  route("GET", "/me/mailboxSettings/timeZone", readMailbox, (context) => ok({ "@odata.context": `${graphOrigin}/v1.0/$metadata#users('${context.user.id}')/mailboxSettings/timeZone`, value: context.user.mailboxTimeZone })),
  route("GET", "/me/calendars", readCalendars, (context) => listPage(context.user.calendars.map((calendar) => selected(renderCalendar(context.user, calendar), context.query)), context)),
  route("GET", `/me${calendarKey}`, readCalendars, (context) => ok(selected(renderCalendar(context.user, calendarIn(context)), context.query))),
  route("POST", "/me/calendar/getSchedule", readCalendars, getSchedule),
  route("GET", `(?:/me${calendarKey}|/me)/calendarView`, readCalendars, (context) => {
    const { from, to } = windowOf(context.query);
    const options = renderOptions(context);
    return listPage(calendarView(calendarIn(context).events, from, to).map((instance) => selected(renderEvent(context.user, instance, options), context.query)), context);
  }),
  route("GET", `(?:/me${calendarKey}|/me)/calendarView/delta`, readCalendars, (context) => delta(context, calendarIn(context), context.path)),
  route("GET", `(?:/me${calendarKey}|/me)/events`, readCalendars, (context) => {
    const options = renderOptions(context);
    const events = calendarIn(context).events.filter(eventFilterOf(context.query.get("$filter")));
    return listPage(events.map((event) => selected(renderEvent(context.user, event, options), context.query)), context);
  }),
  route("POST", `(?:/me${calendarKey}|/me)/events`, writeCalendars, (context) => createEvent(context, calendarIn(context))),
  route("GET", `(?:/me${calendarKey}|/me)/events/([^/]+)`, readCalendars, (context) => {
    const event = findEvent(calendarIn(context), context.params[1]!);
    return ok(selected(renderEvent(context.user, event, renderOptions(context)), context.query));
  }),
  route("PATCH", `(?:/me${calendarKey}|/me)/events/([^/]+)`, writeCalendars, (context) => {
    const calendar = mutable(calendarIn(context));
    const event = findEvent(calendar, context.params[1]!);
    patchEvent(event, context.body, context.now);
    context.changed(context.user, calendar, event.id, "updated");
    return ok(renderEvent(context.user, event, renderOptions(context)));
  }),
  route("DELETE", `(?:/me${calendarKey}|/me)/events/([^/]+)`, writeCalendars, (context) => {
    const calendar = mutable(calendarIn(context));
    const event = findEvent(calendar, context.params[1]!);
    calendar.events.splice(calendar.events.indexOf(event), 1);
    context.changed(context.user, calendar, event.id, "deleted");
    return { status: 204 };
  }),
];
