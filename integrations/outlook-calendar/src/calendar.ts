/**
 * The `CalendarProvider` port on Microsoft Graph: a staff member's Outlook calendars (Microsoft 365 or outlook.com)
 * through the official Graph SDK. Stateless: every call gets the connection's `CalendarAccess`.
 */
import { FrontdeskError, ProviderError, SyncCursorExpired, unionOfRanges, type CalendarAccess, type CalendarChanges, type CalendarProvider, type ExternalCalendar, type ExternalEvent, type PushChannel } from "@frontdesk/core";
import type { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { appointmentPropertyId, eventBodyOf, externalEventOf, graphEventSchema, isBusyStatus, isRemoved, needsDefaultZone, transactionIdFor, type GraphEvent } from "./events";
import { graphCall, graphClient, graphStatusOf, type GraphOptions } from "./graph";
import { ianaZoneOf, instantOf } from "./zones";

const DAY_MS = 86_400_000;

/** getSchedule looks at less than 62 days at once (calendarView has no such limit): the window busyTimes splits at. */
export const outlookBusyWindowMs = 61 * DAY_MS;

/**
 * The longest subscription Graph gives on Outlook events: 10,080 minutes (7 days) less a margin, since Graph refuses
 * an expiry past its maximum rather than shortening it.
 */
export const maxSubscriptionMs = 10_070 * 60_000;

export interface OutlookCalendarOptions extends GraphOptions {
  /** Events per page asked for (`Prefer: odata.maxpagesize`); 100 unless set. */
  pageSize?: number;
  /** The clock that subscription expiries are clamped by (epoch ms). */
  now?: () => number;
}

/** The port: Graph renews a subscription in place (PATCH its expiry, clamped to Graph's maximum). */
export type OutlookCalendarProvider = CalendarProvider;

const pageSchema = z.object({ value: z.array(z.unknown()), "@odata.nextLink": z.string().nullish(), "@odata.deltaLink": z.string().nullish() });
const calendarSchema = z.object({ id: z.string(), name: z.string().nullish(), canEdit: z.boolean().nullish(), isDefaultCalendar: z.boolean().nullish() });
const defaultCalendarSchema = z.object({ id: z.string(), owner: z.object({ address: z.string().nullish() }).nullish() });
const scheduleSchema = z.object({
  value: z.array(
    z.object({
      error: z.object({ message: z.string().nullish() }).nullish(),
      scheduleItems: z.array(z.object({ status: z.string().nullish(), start: z.object({ dateTime: z.string(), timeZone: z.string().nullish() }), end: z.object({ dateTime: z.string(), timeZone: z.string().nullish() }) })).nullish(),
    }),
  ),
});
const subscriptionSchema = z.object({ id: z.string(), expirationDateTime: z.string() });

const viewFields = "id,type,isAllDay,isCancelled,showAs,start,end,originalStartTimeZone,responseStatus,transactionId";
const expiredCursorCodes = new Set(["syncstatenotfound", "syncstateinvalid", "resyncrequired"]);
const path = encodeURIComponent;

/** A Graph answer read with zod: one that is not the documented shape is Graph's fault, reported as such. */
function read<T>(schema: z.ZodType<T>, value: unknown, doing: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ProviderError("rejected", `Microsoft Graph answered ${doing} in a shape this adapter does not read: ${parsed.error.issues[0]?.message}.`, "microsoft");
}

function isoInstant(instant: number): string {
  return new Date(instant).toISOString();
}

export function outlookCalendar(options: OutlookCalendarOptions = {}): OutlookCalendarProvider {
  const pageSize = options.pageSize ?? 100;
  const now = options.now ?? Date.now;
  const prefer = `odata.maxpagesize=${pageSize}`;
  const client = (access: CalendarAccess) => graphClient(access, options);

  /** Every item of a list, following `@odata.nextLink`, at most `max` of them. */
  async function list(graph: Client, url: string, doing: string, max: number): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let next: string | null | undefined = url; next; ) {
      const link: string = next;
      const page = read(pageSchema, await graphCall(doing, () => graph.api(link).header("Prefer", prefer).get()), doing);
      items.push(...page.value);
      if (items.length > max) throw new ProviderError("rejected", `More than ${max} items while ${doing}: narrow the window.`, "microsoft");
      next = page["@odata.nextLink"];
    }
    return items;
  }

  /** The mailbox's zone (a Windows name) as IANA; null when it has none we know or the grant does not cover it. */
  async function mailboxZone(graph: Client): Promise<string | null> {
    try {
      const answer = await graphCall("reading the mailbox's time zone", () => graph.api("/me/mailboxSettings/timeZone").get());
      return ianaZoneOf(z.object({ value: z.string().nullish() }).parse(answer).value);
    } catch (error) {
      // Without MailboxSettings.Read (granted scopes can be fewer than asked), or with no mailbox: no zone.
      const status = graphStatusOf(error)?.status;
      if (status === 403 || status === 404) return null;
      throw error;
    }
  }

  /** Events as the engine reads them, placing all-day events without a zone of their own in the mailbox's zone. */
  async function externalEvents(graph: Client, events: GraphEvent[]): Promise<ExternalEvent[]> {
    const zone = events.some(needsDefaultZone) ? ((await mailboxZone(graph)) ?? "UTC") : "UTC";
    return events.flatMap((event) => externalEventOf(event, zone) ?? []);
  }

  /** Busy intervals of the mailbox's own default calendar from getSchedule, one window at a time; null where getSchedule is not offered. */
  async function scheduleBusy(graph: Client, address: string, range: { from: number; to: number }): Promise<{ start: number; end: number }[] | null> {
    const busy: { start: number; end: number }[] = [];
    for (let from = range.from; from < range.to; from += outlookBusyWindowMs) {
      const to = Math.min(range.to, from + outlookBusyWindowMs);
      const body = {
        schedules: [address],
        startTime: { dateTime: isoInstant(from).slice(0, 23), timeZone: "UTC" },
        endTime: { dateTime: isoInstant(to).slice(0, 23), timeZone: "UTC" },
        availabilityViewInterval: 1440,
      };
      let answer: unknown;
      try {
        answer = await graphCall("reading free/busy times", () => graph.api("/me/calendar/getSchedule").post(body));
      } catch (error) {
        // Personal (outlook.com) accounts have no getSchedule: a refusal that is not about the token or load means
        // reading the calendar itself. 401 and transient failures are the caller's to see.
        const status = graphStatusOf(error)?.status;
        if (status === undefined || status === 401 || status === 429 || status >= 500) throw error;
        return null;
      }
      const [schedule] = read(scheduleSchema, answer, "reading free/busy times").value;
      if (!schedule || schedule.error) return null;
      for (const item of schedule.scheduleItems ?? []) {
        const start = instantOf(item.start);
        const end = instantOf(item.end);
        if (isBusyStatus(item.status) && start !== null && end !== null) busy.push({ start, end });
      }
    }
    return busy;
  }

  async function viewBusy(graph: Client, calendarId: string, range: { from: number; to: number }): Promise<{ start: number; end: number }[]> {
    const url = `/me/calendars/${path(calendarId)}/calendarView?startDateTime=${isoInstant(range.from)}&endDateTime=${isoInstant(range.to)}&$select=${viewFields}`;
    const items = (await list(graph, url, "reading a calendar's events", 5_000)).map((item) => read(graphEventSchema, item, "reading a calendar's events"));
    return (await externalEvents(graph, items.filter((event) => !isRemoved(event)))).filter((event) => event.busy);
  }

  const provider: OutlookCalendarProvider = {
    name: "microsoft",
    busyWindowMs: outlookBusyWindowMs,

    async calendars(access): Promise<ExternalCalendar[]> {
      const graph = client(access);
      const [items, timeZone] = await Promise.all([list(graph, "/me/calendars?$select=id,name,canEdit,isDefaultCalendar", "listing the calendars", 1_000), mailboxZone(graph)]);
      return items.map((item) => {
        const calendar = read(calendarSchema, item, "listing the calendars");
        // Every calendar of a mailbox keeps the mailbox's time: Graph gives calendars no zone of their own.
        return { id: calendar.id, name: calendar.name ?? "", primary: calendar.isDefaultCalendar === true, canWrite: calendar.canEdit === true, timeZone };
      });
    },

    async busyTimes(access, calendarIds, range) {
      const result = new Map(calendarIds.map((id) => [id, [] as { start: number; end: number }[]]));
      if (calendarIds.length === 0 || range.to <= range.from) return result;
      const graph = client(access);
      const primary = read(defaultCalendarSchema, await graphCall("reading the default calendar", () => graph.api("/me/calendar").select("id,owner").get()), "reading the default calendar");
      for (const calendarId of new Set(calendarIds)) {
        // getSchedule answers for a mailbox (its default calendar); any other calendar is read event by event.
        const address = calendarId === primary.id ? primary.owner?.address : null;
        const busy = (address ? await scheduleBusy(graph, address, range) : null) ?? (await viewBusy(graph, calendarId, range));
        result.set(calendarId, merged(busy, range));
      }
      return result;
    },

    async changes(access, calendarId, cursor, window, maxEvents = 5_000): Promise<CalendarChanges> {
      const graph = client(access);
      const doing = cursor ? "reading a calendar's changes" : "reading a calendar";
      const kept = new Map<string, GraphEvent>();
      const removed = new Set<string>();
      let seen = 0;
      let url = cursor ?? `/me/calendars/${path(calendarId)}/calendarView/delta?startDateTime=${isoInstant(window.from)}&endDateTime=${isoInstant(window.to)}`;
      for (;;) {
        let answer: unknown;
        try {
          const link = url;
          answer = await graphCall(doing, () => graph.api(link).header("Prefer", prefer).get());
        } catch (error) {
          if (!isExpiredCursor(error)) throw error;
          if (cursor) throw new SyncCursorExpired("microsoft", { cause: error });
          throw new ProviderError("unavailable", "Microsoft Graph dropped a full read half-way: start it again.", "microsoft", { cause: error });
        }
        const page = read(pageSchema, answer, doing);
        for (const item of page.value) {
          if (++seen > maxEvents) throw new ProviderError("rejected", `More than ${maxEvents} events in the calendar's window: narrow the window.`, "microsoft");
          const event = read(graphEventSchema, item, doing);
          if (isRemoved(event)) {
            kept.delete(event.id);
            removed.add(event.id);
          } else if (event.type !== "seriesMaster") {
            // The delta lists instances; a series master only stands for them.
            removed.delete(event.id);
            kept.set(event.id, event);
          }
        }
        const deltaLink = page["@odata.deltaLink"];
        if (deltaLink) return { full: cursor === null, events: await externalEvents(graph, [...kept.values()]), removedIds: [...removed], cursor: deltaLink };
        if (!page["@odata.nextLink"]) throw new ProviderError("unavailable", "Microsoft Graph ended a delta page with neither a next link nor a delta link.", "microsoft");
        url = page["@odata.nextLink"];
      }
    },

    async upsertEvent(access, calendarId, event, knownEventId) {
      const graph = client(access);
      const body = eventBodyOf(event);
      if (knownEventId) {
        try {
          const updated = await graphCall("updating the appointment's event", () => graph.api(`/me/calendars/${path(calendarId)}/events/${path(knownEventId)}`).patch(body));
          return { eventId: read(z.object({ id: z.string() }), updated, "updating the appointment's event").id };
        } catch (error) {
          // Deleted in Outlook (or moved to another calendar): write it anew.
          if (graphStatusOf(error)?.status !== 404) throw error;
        }
      }
      const answer = await graphCall("creating the appointment's event", () =>
        graph.api(`/me/calendars/${path(calendarId)}/events`).post({
          ...body,
          transactionId: transactionIdFor(event.appointmentId, knownEventId),
          singleValueExtendedProperties: [{ id: appointmentPropertyId, value: event.appointmentId }],
        }),
      );
      const created = read(graphEventSchema.extend({ subject: z.string().nullish() }), answer, "creating the appointment's event");
      // A create repeated after a lost answer gives back the first event as it was: bring it up to date.
      const current = created.subject === body.subject && created.start && created.end && instantOf(created.start) === event.start && instantOf(created.end) === event.end;
      if (!current) await graphCall("updating the appointment's event", () => graph.api(`/me/calendars/${path(calendarId)}/events/${path(created.id)}`).patch(body));
      return { eventId: created.id };
    },

    async findAppointmentEvent(access, calendarId, appointmentId) {
      const graph = client(access);
      const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;
      const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${quoted(appointmentPropertyId)} and ep/value eq ${quoted(appointmentId)})`;
      const doing = "finding the appointment's event";
      const page = read(pageSchema, await graphCall(doing, () => graph.api(`/me/calendars/${path(calendarId)}/events`).filter(filter).select("id").top(1).get()), doing);
      const [found] = page.value;
      return found ? read(z.object({ id: z.string() }), found, doing).id : null;
    },

    async deleteEvent(access, calendarId, eventId) {
      const graph = client(access);
      try {
        await graphCall("deleting the appointment's event", () => graph.api(`/me/calendars/${path(calendarId)}/events/${path(eventId)}`).delete());
      } catch (error) {
        if (graphStatusOf(error)?.status !== 404) throw error;
      }
    },

    async watch(access, calendarId, request): Promise<PushChannel> {
      if (request.secret.length > 128) throw new FrontdeskError("VALIDATION_FAILED", "Graph takes a clientState of at most 128 characters.", { field: "secret" });
      const graph = client(access);
      const subscription = await graphCall("subscribing to the calendar's changes", () =>
        graph.api("/subscriptions").post({
          changeType: "created,updated,deleted",
          notificationUrl: request.webhookUrl,
          lifecycleNotificationUrl: request.webhookUrl,
          resource: `me/calendars/${calendarId}/events`,
          expirationDateTime: isoInstant(Math.min(request.expiresAt, now() + maxSubscriptionMs)),
          clientState: request.secret,
        }),
      );
      return channelOf(read(subscriptionSchema, subscription, "subscribing to the calendar's changes"));
    },

    async renewWatch(access, _calendarId, channel, { expiresAt }) {
      const graph = client(access);
      const renewed = await graphCall("renewing the calendar's subscription", () =>
        graph.api(`/subscriptions/${path(channel.channelId)}`).patch({ expirationDateTime: isoInstant(Math.min(expiresAt, now() + maxSubscriptionMs)) }),
      );
      return channelOf(read(subscriptionSchema, renewed, "renewing the calendar's subscription"));
    },

    async stopWatch(access, channel) {
      const graph = client(access);
      try {
        await graphCall("ending the calendar's subscription", () => graph.api(`/subscriptions/${path(channel.channelId)}`).delete());
      } catch (error) {
        if (graphStatusOf(error)?.status !== 404) throw error;
      }
    },
  };
  return provider;
}

function channelOf(subscription: { id: string; expirationDateTime: string }): PushChannel {
  return { channelId: subscription.id, resourceId: null, expiresAt: Date.parse(subscription.expirationDateTime) };
}

/** Graph's word that a delta token is dead: 410 Gone, or a sync-state error code on another 4xx. */
function isExpiredCursor(error: unknown): boolean {
  const answered = graphStatusOf(error);
  return answered !== undefined && (answered.status === 410 || (answered.status < 500 && expiredCursorCodes.has((answered.code ?? "").toLowerCase())));
}

/** Intervals clipped to the range, sorted, with overlapping and touching ones joined. */
function merged(intervals: { start: number; end: number }[], range: { from: number; to: number }): { start: number; end: number }[] {
  return [...unionOfRanges(intervals.map(({ start, end }) => ({ start: Math.max(start, range.from), end: Math.min(end, range.to) })))];
}
