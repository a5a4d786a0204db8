import { and, asc, eq, isNotNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { ormOf, type Reader, type Writer } from "../client";
import { calendarConnectAttempts, calendarConnections, calendarFeeds, connectedCalendars } from "../schema/calendar";
import type { CalendarConnectAttempt, CalendarFeed, CalendarWithConnection } from "./calendar";

// Calendar rows found across tenants: what arrives with only a provider's id or a secret in it, and the periodic care
// that walks every business's calendars. Everything else about calendars is in `calendar.ts`, on a tenant's scope.

/** The calendar a push channel belongs to (Google's channel id, Graph's subscription id). */
export async function calendarOfChannel(db: Reader, channelId: string): Promise<CalendarWithConnection | undefined> {
  const [row] = await ormOf(db)
    .select({ calendar: connectedCalendars, connection: calendarConnections })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(eq(connectedCalendars.channelId, channelId));
  return row;
}

/** Takes a connect attempt by its `state`: it works once, and not after it expired. */
export async function takeCalendarConnectAttempt(writer: Writer, state: string, now: number): Promise<CalendarConnectAttempt | undefined> {
  const orm = ormOf(writer);
  await orm.delete(calendarConnectAttempts).where(lte(calendarConnectAttempts.expiresAt, now));
  const [row] = await orm.delete(calendarConnectAttempts).where(eq(calendarConnectAttempts.state, state)).returning();
  return row;
}

/** The feed a token's hash names, if it was not revoked. */
export async function calendarFeedByTokenHash(db: Reader, tokenHash: string): Promise<CalendarFeed | undefined> {
  const [row] = await ormOf(db)
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), sql`${calendarFeeds.revokedAt} is null`));
  return row;
}

/**
 * Calendars of working connections that need attention by `before`: a busy calendar without a push channel or with
 * one expiring, or whose last full read is older than `fullBefore`. The renewal and reconciliation task reads these.
 */
export async function calendarsNeedingCare(db: Reader, care: { channelBefore: number; fullBefore: number; limit: number }): Promise<CalendarWithConnection[]> {
  return ormOf(db)
    .select({ calendar: connectedCalendars, connection: calendarConnections })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(
      and(
        eq(calendarConnections.status, "connected"),
        eq(connectedCalendars.countsBusy, true),
        or(
          sql`${connectedCalendars.channelId} is null`,
          lt(connectedCalendars.channelExpiresAt, care.channelBefore),
          sql`${connectedCalendars.fullSyncedAt} is null`,
          lt(connectedCalendars.fullSyncedAt, care.fullBefore),
        ),
      ),
    )
    .orderBy(asc(connectedCalendars.channelExpiresAt))
    .limit(care.limit);
}

/** Calendars that stopped counting as busy but still have a push channel open: to be stopped. */
export async function calendarsWithIdleChannels(db: Reader, limit: number): Promise<CalendarWithConnection[]> {
  return ormOf(db)
    .select({ calendar: connectedCalendars, connection: calendarConnections })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(and(isNotNull(connectedCalendars.channelId), or(eq(connectedCalendars.countsBusy, false), ne(calendarConnections.status, "connected"))))
    .limit(limit);
}
