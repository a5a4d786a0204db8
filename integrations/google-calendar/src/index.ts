/**
 * Google Calendar as a `CalendarProvider`, with the googleapis SDK (the Calendar API v3 module only): calendars,
 * busy times, incremental reads with sync tokens, one stable event per appointment, and push channels.
 */
import {
  ProviderError,
  SyncCursorExpired,
  unionOfRanges,
  type CalendarChanges,
  type CalendarProvider,
  type ExternalCalendar,
  type ExternalEvent,
} from "@frontdesk/core";
import { answeredWith, asProviderError, bearer, callGoogle, createCalendarClient, type calendar_v3, type GoogleClientOptions } from "./client";
import { appointmentEventBody, eventIdForAppointment, externalEventOf } from "./events";

export { googleCalendarAuth, googleCalendarScopes, type GoogleCalendarAuthOptions, type GoogleOAuthEndpoints } from "./auth";
export type { GoogleClientOptions } from "./client";
export { appointmentIdProperty, eventIdForAppointment } from "./events";

const dayMs = 86_400_000;

/**
 * The widest freeBusy query sent. Google refuses a range much past 90 days ("The requested time range is too long",
 * a limit it does not document); 60 days keeps well clear of it.
 */
export const freeBusyWindowMs = 60 * dayMs;
/** Google's freeBusy answers for at most 50 calendars a request (`calendarExpansionMax`). */
export const freeBusyCalendarsPerRequest = 50;
/** The most events one `changes` call reads unless told otherwise. */
export const defaultMaxEvents = 5_000;
/** Google's largest page of events. */
const maxEventsPerPage = 2_500;

export type GoogleCalendarOptions = GoogleClientOptions;

export function googleCalendar(options: GoogleCalendarOptions = {}): CalendarProvider {
  const api = createCalendarClient(options);
  const now = options.now ?? Date.now;
  const iso = (instant: number) => new Date(instant).toISOString();

  const provider: CalendarProvider = {
    name: "google",
    busyWindowMs: freeBusyWindowMs,

    async calendars(access) {
      const calendars: ExternalCalendar[] = [];
      let pageToken: string | undefined;
      do {
        const { data } = await callGoogle("listing the calendars", now, async () => api.calendarList.list({ maxResults: 250, ...(pageToken ? { pageToken } : {}) }, await bearer(access.accessToken)));
        for (const entry of data.items ?? []) {
          if (!entry.id || entry.deleted) continue;
          calendars.push({
            id: entry.id,
            name: entry.summaryOverride ?? entry.summary ?? entry.id,
            primary: entry.primary === true,
            canWrite: entry.accessRole === "owner" || entry.accessRole === "writer",
            timeZone: entry.timeZone ?? null,
          });
        }
        pageToken = data.nextPageToken ?? undefined;
      } while (pageToken);
      return calendars;
    },

    async busyTimes(access, calendarIds, range) {
      const ids = [...new Set(calendarIds)];
      const busy = new Map(ids.map((id) => [id, [] as { start: number; end: number }[]]));
      if (ids.length === 0 || range.to <= range.from) return busy;
      const queries: { from: number; to: number; ids: string[] }[] = [];
      for (let from = range.from; from < range.to; from += freeBusyWindowMs) {
        for (let first = 0; first < ids.length; first += freeBusyCalendarsPerRequest) {
          queries.push({ from, to: Math.min(range.to, from + freeBusyWindowMs), ids: ids.slice(first, first + freeBusyCalendarsPerRequest) });
        }
      }
      const answers = await Promise.all(
        queries.map(async (query) => {
          const requestBody = { timeMin: iso(query.from), timeMax: iso(query.to), items: query.ids.map((id) => ({ id })) };
          const { data } = await callGoogle("reading busy times", now, async () => api.freebusy.query({ requestBody }, await bearer(access.accessToken)));
          return { query, calendars: data.calendars ?? {} };
        }),
      );
      for (const { query, calendars } of answers) {
        for (const id of query.ids) {
          const answer = calendars[id];
          if (!answer) throw new ProviderError("rejected", `Google's busy times left out calendar ${id}.`, "google");
          const [failure] = answer.errors ?? [];
          // A calendar Google could not answer for is not free: saying so would let a booking through.
          if (failure) throw freeBusyFailure(id, failure);
          for (const period of answer.busy ?? []) {
            const start = Math.max(range.from, Date.parse(period.start ?? ""));
            const end = Math.min(range.to, Date.parse(period.end ?? ""));
            if (start < end) busy.get(id)!.push({ start, end });
          }
        }
      }
      for (const [id, periods] of busy) busy.set(id, [...unionOfRanges(periods)]);
      return busy;
    },

    async changes(access, calendarId, cursor, window, maxEvents = defaultMaxEvents) {
      const kept = new Map<string, ExternalEvent>();
      const removed = new Set<string>();
      let read = 0;
      let pageToken: string | undefined;
      let syncToken: string | undefined;
      do {
        // With a sync token Google refuses timeMin and timeMax (and orderBy, q, updatedMin, …); singleEvents must stay as it was.
        const params: calendar_v3.Params$Resource$Events$List = {
          calendarId,
          singleEvents: true,
          maxResults: Math.min(maxEventsPerPage, maxEvents + 1),
          ...(cursor ? { syncToken: cursor } : { timeMin: iso(window.from), timeMax: iso(window.to) }),
          ...(pageToken ? { pageToken } : {}),
        };
        let page: calendar_v3.Schema$Events;
        try {
          page = (await api.events.list(params, await bearer(access.accessToken))).data;
        } catch (error) {
          if (cursor && answeredWith(error, 410)) throw new SyncCursorExpired("google", { cause: error });
          throw asProviderError(error, `reading the events of calendar ${calendarId}`, now);
        }
        read += page.items?.length ?? 0;
        if (read > maxEvents) {
          throw new ProviderError("rejected", `Calendar ${calendarId} has more than ${maxEvents} events ${cursor ? "changed since the last read" : "in the window"}; they were not read.`, "google", { providerCode: "tooManyEvents" });
        }
        const timeZone = page.timeZone ?? "UTC";
        for (const item of page.items ?? []) {
          const event = externalEventOf(item, timeZone);
          // An incremental read carries changes anywhere in the calendar: an event moved out of the window is gone from it.
          const inWindow = event !== null && event.start < window.to && event.end > window.from;
          if (event && inWindow) {
            removed.delete(event.id);
            kept.set(event.id, event);
          } else if (item.id) {
            kept.delete(item.id);
            removed.add(item.id);
          }
        }
        pageToken = page.nextPageToken ?? undefined;
        syncToken = page.nextSyncToken ?? undefined;
      } while (pageToken);
      if (!syncToken) throw new ProviderError("rejected", `Google ended the events of calendar ${calendarId} without a sync token.`, "google");
      return { full: cursor === null, events: [...kept.values()], removedIds: [...removed], cursor: syncToken } satisfies CalendarChanges;
    },

    async upsertEvent(access, calendarId, event, knownEventId) {
      const requestBody = appointmentEventBody(event);
      const ownId = eventIdForAppointment(event.appointmentId);
      const patch = async (eventId: string) => {
        await api.events.patch({ calendarId, eventId, requestBody }, await bearer(access.accessToken));
        return { eventId };
      };
      try {
        if (knownEventId) {
          try {
            return await patch(knownEventId);
          } catch (error) {
            if (!answeredWith(error, 404, 410)) throw error;
          }
        }
        try {
          await api.events.insert({ calendarId, requestBody: { ...requestBody, id: ownId } }, await bearer(access.accessToken));
          return { eventId: ownId };
        } catch (error) {
          // 409: the id is taken, by this appointment's event (a lost answer, or one deleted since, which the patch restores).
          if (!answeredWith(error, 409)) throw error;
        }
        return await patch(ownId);
      } catch (error) {
        throw asProviderError(error, `writing the event of appointment ${event.appointmentId}`, now);
      }
    },

    async findAppointmentEvent(access, calendarId, appointmentId) {
      const eventId = eventIdForAppointment(appointmentId);
      try {
        const { data } = await api.events.get({ calendarId, eventId }, await bearer(access.accessToken));
        return data.status === "cancelled" ? null : eventId;
      } catch (error) {
        if (answeredWith(error, 404, 410)) return null;
        throw asProviderError(error, `finding the event of appointment ${appointmentId}`, now);
      }
    },

    async deleteEvent(access, calendarId, eventId) {
      try {
        await api.events.delete({ calendarId, eventId }, await bearer(access.accessToken));
      } catch (error) {
        // 410: deleted already; 404: never there, or gone for good.
        if (answeredWith(error, 404, 410)) return;
        throw asProviderError(error, `deleting event ${eventId}`, now);
      }
    },

    async watch(access, calendarId, request) {
      const requestBody = { id: request.channelId, type: "web_hook", address: request.webhookUrl, token: request.secret, expiration: String(request.expiresAt) };
      const { data } = await callGoogle(`watching calendar ${calendarId}`, now, async () => api.events.watch({ calendarId, requestBody }, await bearer(access.accessToken)));
      if (!data.resourceId) throw new ProviderError("rejected", "Google opened the channel without a resource id, which stopping it needs.", "google");
      return { channelId: data.id ?? request.channelId, resourceId: data.resourceId, expiresAt: data.expiration ? Number(data.expiration) : request.expiresAt };
    },

    async renewWatch(access, calendarId, channel, request) {
      const renewed = await provider.watch(access, calendarId, request);
      // The old channel runs out by itself if it cannot be stopped now: the new one already carries the pushes.
      await provider.stopWatch(access, channel).catch(() => undefined);
      return renewed;
    },

    async stopWatch(access, channel) {
      if (!channel.resourceId) throw new ProviderError("rejected", `Channel ${channel.channelId} has no resource id: Google cannot stop it without one.`, "google");
      try {
        await api.channels.stop({ requestBody: { id: channel.channelId, resourceId: channel.resourceId } }, await bearer(access.accessToken));
      } catch (error) {
        if (answeredWith(error, 404)) return;
        throw asProviderError(error, `stopping channel ${channel.channelId}`, now);
      }
    },
  };
  return provider;
}

/** A calendar's own error in a freeBusy answer: `notFound` (no such calendar, or not shared), or Google's failure. */
function freeBusyFailure(calendarId: string, failure: calendar_v3.Schema$Error): ProviderError {
  const reason = failure.reason ?? "unknown";
  const kind = reason === "notFound" ? "not_found" : reason === "internalError" || reason === "backendError" ? "unavailable" : "rejected";
  return new ProviderError(kind, `Google gave no busy times for calendar ${calendarId}: ${reason}.`, "google", { providerCode: reason });
}

