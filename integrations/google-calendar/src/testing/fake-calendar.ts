/**
 * The fake's part of the Calendar API v3 (`https://www.googleapis.com/calendar/v3/…`): the calendar list, freeBusy,
 * events (list with paging and sync tokens, get, insert, patch, delete, watch) and channels.stop, each behind the
 * scopes Google's reference asks of it. Bodies, status codes and error reasons are Google's; those the fake had to
 * guess are marked so.
 */
import { cancelEvent, insertEvent, isBusy, occurrencesOf, patchEvent } from "./fake-events";
import { instancesOf } from "./fake-recurrence";
import {
  badRequest,
  GoogleFault,
  notFound,
  opaque,
  utc,
  type FakeAnswer,
  type FakeCalendar,
  type FakeChannel,
  type FakeGoogleState,
  type FakeGrant,
  type FakeUser,
  type EventDateTime,
  type GoogleEvent,
} from "./fake-state";

export interface CalendarContext {
  state: FakeGoogleState;
  user: FakeUser;
  grant: FakeGrant;
  now: number;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  /** The most events the fake puts on one page, whatever `maxResults` asks (Google may send fewer too). */
  maxPageSize: number;
  pages: Map<string, ListingPage>;
  /** A calendar's events changed: its channels are told. */
  changed(calendar: FakeCalendar): void;
  /** A channel was opened: it gets its `sync` message. */
  opened(channel: FakeChannel): void;
}

/** The rest of a listing, kept under its `nextPageToken`: later pages read the list as it was at the first. */
export interface ListingPage {
  calendarId: string;
  sub: string;
  items: unknown[];
  offset: number;
  nextSyncToken: string | null;
  envelope: Record<string, unknown>;
}

export interface CalendarRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  pattern: RegExp;
  /** Google accepts any one of these (from the method's reference); the fake checks the grant for one. */
  scopes: readonly string[];
  handle(context: CalendarContext): FakeAnswer;
}

const scope = (name: string) => `https://www.googleapis.com/auth/${name}`;
const readEventsScopes = ["calendar", "calendar.app.created", "calendar.events", "calendar.events.freebusy", "calendar.events.owned", "calendar.events.owned.readonly", "calendar.events.public.readonly", "calendar.events.readonly", "calendar.readonly"].map(scope);
const writeEventsScopes = ["calendar", "calendar.app.created", "calendar.events", "calendar.events.owned"].map(scope);
const calendarListScopes = ["calendar", "calendar.calendarlist", "calendar.calendarlist.readonly", "calendar.readonly"].map(scope);
const freeBusyScopes = ["calendar", "calendar.events.freebusy", "calendar.freebusy", "calendar.readonly"].map(scope);

const dayMs = 86_400_000;
/** The longest freeBusy range the fake answers. Google's limit is undocumented; past about 90 days it refuses. */
export const freeBusyMaxRangeMs = 90 * dayMs;
/** How long a channel lives at the most (and when no expiration is asked for): the fake's choice, a week. */
export const channelMaxLifetimeMs = 7 * dayMs;
// Query parameters Google refuses beside a sync token.
const notWithSyncToken = ["iCalUID", "orderBy", "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin"];

/** A calendar of the request's account, `primary` its primary one; another account's reads as 404, as Google's do. */
function calendarOf(context: CalendarContext, id: string): FakeCalendar {
  const calendars = [...context.state.calendars.values()].filter((calendar) => calendar.ownerSub === context.user.sub);
  const calendar = id === "primary" ? calendars.find((candidate) => candidate.primary) : calendars.find((candidate) => candidate.id === id);
  if (!calendar) throw notFound();
  return calendar;
}

function writableCalendarOf(context: CalendarContext, id: string): FakeCalendar {
  const calendar = calendarOf(context, id);
  if (calendar.accessRole !== "owner" && calendar.accessRole !== "writer") throw new GoogleFault(403, "requiredAccessLevel", "You need to have writer access to this calendar.");
  return calendar;
}

function bodyOf(context: CalendarContext): Record<string, unknown> {
  if (typeof context.body !== "object" || context.body === null || Array.isArray(context.body)) throw badRequest("Parse Error", "parseError");
  return context.body as Record<string, unknown>;
}

function timeParameter(value: string | null | undefined, name: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  const instant = Date.parse(value);
  // Google wants RFC 3339 with an offset.
  if (Number.isNaN(instant) || !/(Z|[+-]\d{2}:\d{2})$/i.test(value)) throw badRequest(`Bad Request: ${name}`, "badRequest");
  return instant;
}

function maxResultsOf(query: URLSearchParams, standard: number, most: number): number {
  const asked = query.get("maxResults");
  if (asked === null) return standard;
  const number = Number(asked);
  if (!Number.isSafeInteger(number) || number < 1) throw badRequest(`Invalid value '${asked}'. Values must be within the range: [1, ${most}]`);
  return Math.min(number, most);
}

interface SyncToken {
  calendarId: string;
  generation: number;
  changeNumber: number;
  singleEvents: boolean;
}

const encodeSyncToken = (token: SyncToken) => `fake-sync.${Buffer.from(JSON.stringify(token)).toString("base64url")}`;

function decodeSyncToken(text: string): SyncToken | undefined {
  try {
    const token = JSON.parse(Buffer.from(text.replace(/^fake-sync\./, ""), "base64url").toString("utf8")) as SyncToken;
    return typeof token.changeNumber === "number" ? token : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a listing (of `calendarId`'s events, or of calendars for ""), from its first request or the page token of the one before. */
function page(context: CalendarContext, calendarId: string, first: Omit<ListingPage, "offset"> | undefined, size: number): FakeAnswer {
  const token = context.query.get("pageToken");
  const listing = first ? { ...first, offset: 0 } : context.pages.get(token ?? "");
  // Guessed: Google's text for a page token that is not one of this listing's.
  if (!listing || listing.sub !== context.user.sub || listing.calendarId !== calendarId) throw badRequest("Invalid page token.", "invalid");
  if (token) context.pages.delete(token);
  const items = listing.items.slice(listing.offset, listing.offset + size);
  const rest = { ...listing, offset: listing.offset + size };
  const more = rest.offset < listing.items.length;
  const nextPageToken = more ? opaque("fake-page.", 12) : undefined;
  if (nextPageToken) {
    context.pages.set(nextPageToken, rest);
    // Listings nobody finishes are forgotten, oldest first.
    if (context.pages.size > 1000) context.pages.delete(context.pages.keys().next().value!);
  }
  return {
    status: 200,
    body: { ...listing.envelope, items, ...(nextPageToken ? { nextPageToken } : listing.nextSyncToken ? { nextSyncToken: listing.nextSyncToken } : {}) },
  };
}

function listCalendars(context: CalendarContext): FakeAnswer {
  const size = maxResultsOf(context.query, 100, 250);
  const first = context.query.get("pageToken")
    ? undefined
    : {
        calendarId: "",
        sub: context.user.sub,
        items: [...context.state.calendars.values()]
          .filter((calendar) => calendar.ownerSub === context.user.sub)
          .map((calendar) => ({
            kind: "calendar#calendarListEntry",
            etag: `"${calendar.changeNumber}"`,
            id: calendar.id,
            summary: calendar.summary,
            timeZone: calendar.timeZone,
            colorId: "14",
            backgroundColor: "#9fe1e7",
            foregroundColor: "#000000",
            selected: true,
            accessRole: calendar.accessRole,
            defaultReminders: [],
            ...(calendar.primary ? { primary: true } : {}),
          })),
        nextSyncToken: opaque("fake-list-sync.", 12),
        envelope: { kind: "calendar#calendarList", etag: `"${context.now}"` },
      };
  return page(context, "", first, Math.min(size, context.maxPageSize));
}

function freeBusy(context: CalendarContext): FakeAnswer {
  const body = bodyOf(context) as { timeMin?: string; timeMax?: string; items?: { id?: string }[] };
  const from = timeParameter(body.timeMin, "timeMin");
  const to = timeParameter(body.timeMax, "timeMax");
  if (from === undefined) throw badRequest("Missing timeMin parameter.", "required");
  if (to === undefined) throw badRequest("Missing timeMax parameter.", "required");
  if (to <= from) throw badRequest("The specified time range is empty.", "timeRangeEmpty");
  // Reason guessed: Google's message is "The requested time range is too long."
  if (to - from > freeBusyMaxRangeMs) throw badRequest("The requested time range is too long.", "timeRangeTooLong");
  const calendars: Record<string, unknown> = {};
  for (const [index, item] of (body.items ?? []).entries()) {
    const id = item.id ?? "";
    if (index >= 50) {
      calendars[id] = { errors: [{ domain: "global", reason: "tooManyCalendarsRequested" }], busy: [] };
      continue;
    }
    let calendar: FakeCalendar;
    try {
      calendar = calendarOf(context, id);
    } catch {
      calendars[id] = { errors: [{ domain: "global", reason: "notFound" }], busy: [] };
      continue;
    }
    const periods = [...calendar.events.values()]
      .filter((event) => event.resource.status !== "cancelled")
      .flatMap((event) => occurrencesOf(calendar, event.resource, { from, to }))
      .filter((occurrence) => isBusy(occurrence.resource))
      .map((occurrence) => ({ start: Math.max(from, occurrence.startMs), end: Math.min(to, occurrence.endMs) }))
      .sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const period of periods) {
      const last = merged.at(-1);
      if (last && period.start <= last.end) last.end = Math.max(last.end, period.end);
      else merged.push(period);
    }
    calendars[id] = { busy: merged.map((period) => ({ start: utc(period.start), end: utc(period.end) })) };
  }
  return { status: 200, body: { kind: "calendar#freeBusy", timeMin: utc(from), timeMax: utc(to), calendars } };
}

/** A deleted event as an incremental read gives it: Google guarantees no more than its id. */
const tombstone = (event: GoogleEvent): GoogleEvent => ({ kind: "calendar#event", etag: event.etag, id: event.id, status: "cancelled" });

function listEvents(context: CalendarContext): FakeAnswer {
  const calendar = calendarOf(context, context.params[0]!);
  const size = Math.min(maxResultsOf(context.query, 250, 2500), context.maxPageSize);
  if (context.query.get("pageToken")) return page(context, calendar.id, undefined, size);
  const query = context.query;
  const singleEvents = query.get("singleEvents") === "true";
  const syncText = query.get("syncToken");
  let items: unknown[];
  if (syncText !== null) {
    const refused = notWithSyncToken.filter((name) => query.has(name));
    // Reason and text guessed: Google documents that these cannot go with a sync token.
    if (refused.length > 0) throw badRequest(`The parameters ${refused.join(", ")} cannot be used with a sync token.`, "invalidParameter");
    if (query.get("showDeleted") === "false") throw badRequest("showDeleted=false cannot be used with a sync token.", "invalidParameter");
    const token = decodeSyncToken(syncText);
    if (!token || token.calendarId !== calendar.id || token.generation !== calendar.syncGeneration || token.changeNumber > calendar.changeNumber) {
      throw new GoogleFault(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.", "calendar");
    }
    if (token.singleEvents !== singleEvents) throw badRequest("singleEvents must be as it was for the request that gave the sync token.", "invalidParameter");
    items = changedSince(calendar, token.changeNumber, singleEvents);
  } else {
    const from = timeParameter(query.get("timeMin"), "timeMin") ?? -Infinity;
    const to = timeParameter(query.get("timeMax"), "timeMax") ?? Infinity;
    if (to <= from) throw badRequest("The specified time range is empty.", "timeRangeEmpty");
    const orderBy = query.get("orderBy");
    if (orderBy === "startTime" && !singleEvents) throw badRequest("The requested ordering is not available for the particular query.");
    const showDeleted = query.get("showDeleted") === "true";
    const listed = [...calendar.events.values()]
      .filter((event) => showDeleted || event.resource.status !== "cancelled")
      .flatMap((event) => {
        const occurrences = occurrencesOf(calendar, event.resource, { from, to });
        if (singleEvents || occurrences.length === 0) return occurrences;
        return [{ ...occurrences[0]!, resource: event.resource }];
      });
    listed.sort((a, b) => (orderBy === "updated" ? Date.parse(a.resource.updated!) - Date.parse(b.resource.updated!) : a.startMs - b.startMs) || a.resource.id!.localeCompare(b.resource.id!));
    items = listed.map((occurrence) => occurrence.resource);
  }
  const first = {
    calendarId: calendar.id,
    sub: context.user.sub,
    items,
    // Read here, before the pages: a change made while they are read is in the next incremental read.
    nextSyncToken: encodeSyncToken({ calendarId: calendar.id, generation: calendar.syncGeneration, changeNumber: calendar.changeNumber, singleEvents }),
    envelope: { kind: "calendar#events", etag: `"${calendar.changeNumber}"`, summary: calendar.summary, description: "", updated: new Date(context.now).toISOString(), timeZone: calendar.timeZone, accessRole: calendar.accessRole, defaultReminders: [] },
  };
  return page(context, calendar.id, first, size);
}

/**
 * What changed after change number `since`: events as they are now, deleted ones as tombstones. With `singleEvents`
 * a changed series comes as all its instances (a deleted one as each instance cancelled), with instances a change took
 * out of it as cancelled ones.
 */
function changedSince(calendar: FakeCalendar, since: number, singleEvents: boolean): GoogleEvent[] {
  const changed = [...calendar.events.values()].filter((event) => event.changedAt > since).sort((a, b) => a.changedAt - b.changedAt);
  return changed.flatMap((event): GoogleEvent[] => {
    const resource = event.resource;
    const cancelled = resource.status === "cancelled";
    if (!singleEvents || !resource.recurrence?.length) return [cancelled ? tombstone(resource) : resource];
    const cancelledInstance = (id: string, originalStartTime: EventDateTime): GoogleEvent => ({ kind: "calendar#event", id, status: "cancelled", recurringEventId: resource.id, originalStartTime });
    const instances = cancelled
      ? instancesOf(resource, calendar.timeZone).map((instance) => cancelledInstance(instance.id, instance.originalStartTime))
      : occurrencesOf(calendar, resource).map((occurrence) => occurrence.resource);
    const takenOut = event.removedInstances.filter((removed) => removed.changedAt > since).map((removed) => cancelledInstance(removed.id, removed.originalStartTime));
    return [...instances, ...takenOut];
  });
}

function getEvent(context: CalendarContext): FakeAnswer {
  const event = calendarOf(context, context.params[0]!).events.get(context.params[1]!);
  if (!event) throw notFound();
  return { status: 200, body: event.resource };
}

function insert(context: CalendarContext): FakeAnswer {
  const calendar = writableCalendarOf(context, context.params[0]!);
  const event = insertEvent(calendar, context.user, bodyOf(context) as GoogleEvent, context.now);
  context.changed(calendar);
  return { status: 200, body: event.resource };
}

function patch(context: CalendarContext): FakeAnswer {
  const calendar = writableCalendarOf(context, context.params[0]!);
  const event = patchEvent(calendar, context.user, context.params[1]!, bodyOf(context) as GoogleEvent, context.now);
  context.changed(calendar);
  return { status: 200, body: event.resource };
}

function remove(context: CalendarContext): FakeAnswer {
  const calendar = writableCalendarOf(context, context.params[0]!);
  cancelEvent(calendar, context.params[1]!, context.now);
  context.changed(calendar);
  return { status: 204 };
}

function watch(context: CalendarContext): FakeAnswer {
  const calendar = calendarOf(context, context.params[0]!);
  const body = bodyOf(context) as { id?: string; type?: string; address?: string; token?: string; expiration?: string | number };
  if (!body.id) throw badRequest("Missing channel id.", "required");
  if (body.type !== "web_hook" && body.type !== "webhook") throw badRequest(`Unknown channel type: ${body.type ?? ""}`);
  // Google takes HTTPS only; the fake also takes plain HTTP, for receivers on 127.0.0.1.
  if (!body.address || !/^https?:\/\//.test(body.address)) throw badRequest(`WebHook callback must be HTTPS: ${body.address ?? ""}`, "push.webhookUrlNotHttps");
  const existing = context.state.channels.get(body.id);
  if (existing && !existing.stopped && existing.expiresAt > context.now) throw badRequest(`Channel id ${body.id} not unique`, "channelIdNotUnique");
  const asked = body.expiration === undefined ? undefined : Number(body.expiration);
  if (asked !== undefined && (!Number.isFinite(asked) || asked <= context.now)) throw badRequest(`Invalid ttl value for channel ${body.expiration}`);
  const channel: FakeChannel = {
    id: body.id,
    resourceId: calendar.resourceId,
    calendarId: calendar.id,
    address: body.address,
    token: body.token ?? null,
    expiresAt: Math.min(asked ?? Infinity, context.now + channelMaxLifetimeMs),
    messageNumber: 0,
    stopped: false,
  };
  context.state.channels.set(channel.id, channel);
  context.opened(channel);
  return {
    status: 200,
    body: { kind: "api#channel", id: channel.id, resourceId: channel.resourceId, resourceUri: resourceUriOf(calendar), ...(channel.token ? { token: channel.token } : {}), expiration: String(channel.expiresAt) },
  };
}

function stopChannel(context: CalendarContext): FakeAnswer {
  const body = bodyOf(context) as { id?: string; resourceId?: string };
  const channel = context.state.channels.get(body.id ?? "");
  const owned = channel && context.state.calendars.get(channel.calendarId)?.ownerSub === context.user.sub;
  if (!channel || !owned || channel.stopped || channel.resourceId !== body.resourceId || channel.expiresAt <= context.now) {
    throw new GoogleFault(404, "notFound", `Channel '${body.id ?? ""}' not found for project 'frontdesk-fake'`);
  }
  channel.stopped = true;
  return { status: 204 };
}

/** The `X-Goog-Resource-URI` of a calendar's events. */
export function resourceUriOf(calendar: FakeCalendar): string {
  return `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`;
}

const events = "/calendar/v3/calendars/([^/]+)/events";

export const calendarRoutes: CalendarRoute[] = [
  { method: "GET", pattern: /^\/calendar\/v3\/users\/me\/calendarList$/, scopes: calendarListScopes, handle: listCalendars },
  { method: "POST", pattern: /^\/calendar\/v3\/freeBusy$/, scopes: freeBusyScopes, handle: freeBusy },
  { method: "GET", pattern: new RegExp(`^${events}$`), scopes: readEventsScopes, handle: listEvents },
  { method: "POST", pattern: new RegExp(`^${events}/watch$`), scopes: readEventsScopes, handle: watch },
  { method: "POST", pattern: new RegExp(`^${events}$`), scopes: writeEventsScopes, handle: insert },
  { method: "GET", pattern: new RegExp(`^${events}/([^/]+)$`), scopes: readEventsScopes, handle: getEvent },
  { method: "PATCH", pattern: new RegExp(`^${events}/([^/]+)$`), scopes: writeEventsScopes, handle: patch },
  { method: "DELETE", pattern: new RegExp(`^${events}/([^/]+)$`), scopes: writeEventsScopes, handle: remove },
  { method: "POST", pattern: /^\/calendar\/v3\/channels\/stop$/, scopes: [...new Set([...readEventsScopes, ...calendarListScopes, ...freeBusyScopes])], handle: stopChannel },
];
