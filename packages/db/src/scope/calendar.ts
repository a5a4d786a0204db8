import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { DrizzleDb } from "../client";
import { appointments } from "../schema/appointments";
import { staff } from "../schema/catalog";
import {
  busyBlockPieceMs,
  calendarBusyBlocks,
  calendarConnectAttempts,
  calendarConnections,
  calendarEventLinks,
  calendarFeeds,
  connectedCalendars,
} from "../schema/calendar";
import { daysOf, rewriteBusyDays } from "./busy-days";

export type CalendarConnection = typeof calendarConnections.$inferSelect;
export type NewCalendarConnection = Omit<typeof calendarConnections.$inferInsert, "tenantId">;
export type CalendarConnectionPatch = Partial<
  Pick<NewCalendarConnection, "accessTokenSealed" | "refreshTokenSealed" | "accessExpiresAt" | "scopes" | "status" | "brokenReason" | "brokenAt" | "email" | "accountName" | "connectedBy" | "updatedAt">
>;
export type ConnectedCalendar = typeof connectedCalendars.$inferSelect;
export type ConnectedCalendarPatch = Partial<
  Pick<
    typeof connectedCalendars.$inferInsert,
    | "name"
    | "timeZone"
    | "primary"
    | "canWrite"
    | "syncCursor"
    | "windowFrom"
    | "windowTo"
    | "syncedAt"
    | "fullSyncedAt"
    | "syncError"
    | "channelId"
    | "channelResourceId"
    | "channelSecretHash"
    | "channelExpiresAt"
    | "updatedAt"
  >
>;
export type CalendarEventLink = typeof calendarEventLinks.$inferSelect;
export type CalendarFeed = typeof calendarFeeds.$inferSelect;
export type CalendarConnectAttempt = typeof calendarConnectAttempts.$inferSelect;

/** A calendar as the provider lists it, for `syncCalendarList`. */
export interface ListedCalendar {
  providerCalendarId: string;
  name: string;
  timeZone: string | null;
  primary: boolean;
  canWrite: boolean;
}

/** A busy event as a read gave it: stored as pieces of at most a day. */
export interface BusyEvent {
  id: string;
  start: number;
  end: number;
  allDay: boolean;
}

/** A calendar with its connection, as the sync jobs and the push routes need it. */
export interface CalendarWithConnection {
  calendar: ConnectedCalendar;
  connection: CalendarConnection;
}

/** Cuts an event into pieces of at most `busyBlockPieceMs`, from its start. */
export function piecesOf(event: BusyEvent): { piece: number; startAt: number; endAt: number }[] {
  const pieces = [];
  for (let start = event.start, piece = 0; start < event.end; start += busyBlockPieceMs, piece++) {
    pieces.push({ piece, startAt: start, endAt: Math.min(event.end, start + busyBlockPieceMs) });
  }
  return pieces;
}

/** Rows a statement binds at most: SQLite's limit is 32,766 variables, a block row has 8. */
const blockRowsPerInsert = 1_000;

/** One tenant's calendar connections, chosen calendars, busy blocks, event links and feeds: reads. */
export function calendarReads(orm: DrizzleDb, tenantId: string) {
  const ownConnection = eq(calendarConnections.tenantId, tenantId);
  const ownCalendar = eq(connectedCalendars.tenantId, tenantId);
  return {
    /** A staff member's connections (every staff member's without `staffId`), oldest first. */
    calendarConnections(staffId?: string): Promise<CalendarConnection[]> {
      return orm
        .select()
        .from(calendarConnections)
        .where(staffId === undefined ? ownConnection : and(ownConnection, eq(calendarConnections.staffId, staffId)))
        .orderBy(asc(calendarConnections.createdAt), asc(calendarConnections.id));
    },

    async calendarConnection(id: string): Promise<CalendarConnection | undefined> {
      const [row] = await orm.select().from(calendarConnections).where(and(ownConnection, eq(calendarConnections.id, id)));
      return row;
    },

    /** The calendars of these connections, by name. */
    connectedCalendarsOf(connectionIds: string[]): Promise<ConnectedCalendar[]> {
      if (connectionIds.length === 0) return Promise.resolve([]);
      return orm
        .select()
        .from(connectedCalendars)
        .where(and(ownCalendar, inArray(connectedCalendars.connectionId, connectionIds)))
        .orderBy(asc(connectedCalendars.connectionId), sql`${connectedCalendars.primary} desc`, asc(connectedCalendars.name));
    },

    async connectedCalendar(id: string): Promise<CalendarWithConnection | undefined> {
      const [row] = await orm
        .select({ calendar: connectedCalendars, connection: calendarConnections })
        .from(connectedCalendars)
        .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
        .where(and(ownCalendar, eq(connectedCalendars.id, id)));
      return row;
    },

    /** Where a staff member's appointments are written: their destination calendar, if its connection works. */
    async destinationCalendarOf(staffId: string): Promise<CalendarWithConnection | undefined> {
      const [row] = await orm
        .select({ calendar: connectedCalendars, connection: calendarConnections })
        .from(connectedCalendars)
        .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
        .where(and(ownCalendar, eq(connectedCalendars.staffId, staffId), eq(connectedCalendars.isDestination, true)));
      return row;
    },

    /** The events an appointment was written as, one per calendar it went to. */
    calendarEventLinks(appointmentId: string): Promise<CalendarEventLink[]> {
      return orm
        .select()
        .from(calendarEventLinks)
        .where(and(eq(calendarEventLinks.tenantId, tenantId), eq(calendarEventLinks.appointmentId, appointmentId)));
    },

    /**
     * A staff member's appointments that `calendarId` should show and does not show as they are now: pending or
     * confirmed, not over by `fromMs`, starting before `toMs`, without a live event link in the calendar at their
     * current sequence and status. Soonest first, at most `limit`. What a newly chosen destination is filled with.
     */
    appointmentsToWriteInto(
      calendarId: string,
      staffId: string,
      range: { fromMs: number; toMs: number; limit: number },
    ): Promise<Pick<typeof appointments.$inferSelect, "id" | "staffId" | "sequence" | "status">[]> {
      return orm
        .select({ id: appointments.id, staffId: appointments.staffId, sequence: appointments.sequence, status: appointments.status })
        .from(appointments)
        .leftJoin(
          calendarEventLinks,
          and(
            eq(calendarEventLinks.appointmentId, appointments.id),
            eq(calendarEventLinks.calendarId, calendarId),
            eq(calendarEventLinks.tenantId, tenantId),
            sql`${calendarEventLinks.deletedAt} is null`,
            eq(calendarEventLinks.writtenSequence, appointments.sequence),
            eq(calendarEventLinks.writtenStatus, appointments.status),
          ),
        )
        .where(
          and(
            eq(appointments.tenantId, tenantId),
            eq(appointments.staffId, staffId),
            inArray(appointments.status, ["pending", "confirmed"]),
            // On the staff-and-time index: an appointment's blocked time starts no later than the appointment.
            lt(appointments.blockedStart, range.toMs),
            lt(appointments.startAt, range.toMs),
            gt(appointments.endAt, range.fromMs),
            sql`${calendarEventLinks.appointmentId} is null`,
          ),
        )
        .orderBy(asc(appointments.startAt), asc(appointments.id))
        .limit(range.limit);
    },

    /** How many busy blocks each calendar holds now. */
    async busyBlockCounts(calendarIds: string[]): Promise<Map<string, number>> {
      if (calendarIds.length === 0) return new Map();
      const rows = await orm
        .select({ calendarId: calendarBusyBlocks.calendarId, n: sql<number>`count(distinct ${calendarBusyBlocks.eventId})` })
        .from(calendarBusyBlocks)
        .where(and(eq(calendarBusyBlocks.tenantId, tenantId), inArray(calendarBusyBlocks.calendarId, calendarIds)))
        .groupBy(calendarBusyBlocks.calendarId);
      return new Map(rows.map((row) => [row.calendarId, Number(row.n)]));
    },

    /** The staff member's feed that still works, if there is one. */
    async calendarFeedOf(staffId: string): Promise<CalendarFeed | undefined> {
      const [row] = await orm
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.staffId, staffId), sql`${calendarFeeds.revokedAt} is null`));
      return row;
    },

    /**
     * Whether a change to the appointment has a calendar to reach: its staff member's destination on a working
     * connection, or an event it was written as that is not deleted yet (the previous staff member's, after a move).
     * One statement, on the destination's and the links' indexes: a booking for staff without calendars pays no more.
     */
    async calendarWriteNeeded(staffId: string, appointmentId: string): Promise<boolean> {
      const rows = await orm.all<{ needed: number }>(sql`select (
          exists (select 1 from ${connectedCalendars} join ${calendarConnections} on ${calendarConnections.id} = ${connectedCalendars.connectionId}
            where ${connectedCalendars.tenantId} = ${tenantId} and ${connectedCalendars.staffId} = ${staffId}
              and ${connectedCalendars.isDestination} = 1 and ${calendarConnections.status} = 'connected')
          or exists (select 1 from ${calendarEventLinks}
            where ${calendarEventLinks.appointmentId} = ${appointmentId} and ${calendarEventLinks.tenantId} = ${tenantId} and ${calendarEventLinks.deletedAt} is null)
        ) as needed`);
      return Number(rows[0]?.needed ?? 0) === 1;
    },
  };
}

/** One tenant's calendar rows: writes, only on a Writer's scope. */
export function calendarWrites(orm: DrizzleDb, tenantId: string) {
  const ownConnection = eq(calendarConnections.tenantId, tenantId);
  const ownCalendar = eq(connectedCalendars.tenantId, tenantId);
  // Rows that name a staff member or an appointment are written only for the tenant's own.
  const ownsStaff = async (staffId: string) => (await orm.select({ id: staff.id }).from(staff).where(and(eq(staff.tenantId, tenantId), eq(staff.id, staffId)))).length > 0;
  const ownsAppointment = async (id: string) =>
    (await orm.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)))).length > 0;
  return {
    /**
     * Stores a connection, or refreshes the one of the same account for the same staff member (a reconnection):
     * its tokens are replaced and it works again. Resolves with its id; undefined for another tenant's staff member.
     */
    async keepCalendarConnection(row: NewCalendarConnection): Promise<string | undefined> {
      if (!(await ownsStaff(row.staffId))) return undefined;
      const [kept] = await orm
        .insert(calendarConnections)
        .values({ ...row, tenantId })
        .onConflictDoUpdate({
          target: [calendarConnections.tenantId, calendarConnections.staffId, calendarConnections.provider, calendarConnections.providerAccountId],
          set: {
            email: row.email,
            accountName: row.accountName ?? null,
            accessTokenSealed: row.accessTokenSealed,
            // A reconnection without a new refresh token keeps the old one.
            refreshTokenSealed: sql`coalesce(excluded.refresh_token_sealed, ${calendarConnections.refreshTokenSealed})`,
            accessExpiresAt: row.accessExpiresAt,
            scopes: row.scopes ?? "",
            status: "connected",
            brokenReason: null,
            brokenAt: null,
            connectedBy: row.connectedBy ?? null,
            updatedAt: row.updatedAt,
          },
        })
        .returning({ id: calendarConnections.id });
      return kept!.id;
    },

    async updateCalendarConnection(id: string, patch: CalendarConnectionPatch): Promise<boolean> {
      const rows = await orm.update(calendarConnections).set(patch).where(and(ownConnection, eq(calendarConnections.id, id))).returning({ id: calendarConnections.id });
      return rows.length > 0;
    },

    /** Removes the connection with its calendars, their busy blocks and event links. */
    async removeCalendarConnection(id: string): Promise<boolean> {
      const rows = await orm.delete(calendarConnections).where(and(ownConnection, eq(calendarConnections.id, id))).returning({ staffId: calendarConnections.staffId });
      if (rows.length === 0) return false;
      await rewriteBusyDays(orm, tenantId, rows[0]!.staffId);
      return true;
    },

    /**
     * Makes the connection's calendars the ones the provider listed: new ones are added (not busy, not the
     * destination), known ones renamed, and ones the provider no longer lists removed with their blocks.
     * The first list of a connection makes its primary calendar count as busy and, when its staff member has
     * no destination yet and it is writable, the destination.
     */
    async syncCalendarList(connectionId: string, listed: ListedCalendar[], at: number, idOf: () => string): Promise<boolean> {
      const [connection] = await orm.select().from(calendarConnections).where(and(ownConnection, eq(calendarConnections.id, connectionId)));
      if (!connection) return false;
      const known = await orm.select().from(connectedCalendars).where(and(ownCalendar, eq(connectedCalendars.connectionId, connection.id)));
      const first = known.length === 0;
      const [destination] = await orm
        .select({ id: connectedCalendars.id })
        .from(connectedCalendars)
        .where(and(ownCalendar, eq(connectedCalendars.staffId, connection.staffId), eq(connectedCalendars.isDestination, true)));
      const byProviderId = new Map(known.map((row) => [row.providerCalendarId, row]));
      for (const calendar of listed) {
        const existing = byProviderId.get(calendar.providerCalendarId);
        if (existing) {
          byProviderId.delete(calendar.providerCalendarId);
          const stillDestination = existing.isDestination && calendar.canWrite;
          await orm
            .update(connectedCalendars)
            .set({ name: calendar.name, timeZone: calendar.timeZone, primary: calendar.primary, canWrite: calendar.canWrite, isDestination: stillDestination, updatedAt: at })
            .where(eq(connectedCalendars.id, existing.id));
          continue;
        }
        const makesDestination = first && calendar.primary && calendar.canWrite && !destination;
        await orm.insert(connectedCalendars).values({
          tenantId,
          id: idOf(),
          connectionId: connection.id,
          staffId: connection.staffId,
          ...calendar,
          countsBusy: first && calendar.primary,
          isDestination: makesDestination,
          createdAt: at,
          updatedAt: at,
        });
      }
      const gone = [...byProviderId.values()].map((row) => row.id);
      if (gone.length > 0) {
        await orm.delete(connectedCalendars).where(and(ownCalendar, inArray(connectedCalendars.id, gone)));
        await rewriteBusyDays(orm, tenantId, connection.staffId);
      }
      return true;
    },

    /**
     * Which of a connection's calendars count as busy, and which one (of the staff member's, across their
     * connections) receives the appointments; null keeps no destination. Calendars that stop counting lose their blocks.
     * The destination must be one of the connection's writable calendars. False if the tenant has no such connection.
     */
    async chooseCalendars(connectionId: string, choice: { busyIds: string[]; destinationId: string | null | undefined }, at: number): Promise<boolean> {
      const calendars = await orm.select().from(connectedCalendars).where(and(ownCalendar, eq(connectedCalendars.connectionId, connectionId)));
      if (calendars.length === 0) return false;
      for (const calendar of calendars) {
        const countsBusy = choice.busyIds.includes(calendar.id);
        if (countsBusy === calendar.countsBusy) continue;
        await orm
          .update(connectedCalendars)
          .set({ countsBusy, syncCursor: null, syncError: null, updatedAt: at })
          .where(eq(connectedCalendars.id, calendar.id));
        if (!countsBusy) {
          await orm.delete(calendarBusyBlocks).where(eq(calendarBusyBlocks.calendarId, calendar.id));
          await rewriteBusyDays(orm, tenantId, calendar.staffId);
        }
      }
      if (choice.destinationId === undefined) return true;
      const staffId = calendars[0]!.staffId;
      await orm
        .update(connectedCalendars)
        .set({ isDestination: false, updatedAt: at })
        .where(and(ownCalendar, eq(connectedCalendars.staffId, staffId), eq(connectedCalendars.isDestination, true)));
      if (choice.destinationId !== null) {
        await orm
          .update(connectedCalendars)
          .set({ isDestination: true, updatedAt: at })
          .where(and(ownCalendar, eq(connectedCalendars.connectionId, connectionId), eq(connectedCalendars.id, choice.destinationId)));
      }
      return true;
    },

    async updateConnectedCalendar(id: string, patch: ConnectedCalendarPatch): Promise<boolean> {
      const rows = await orm.update(connectedCalendars).set(patch).where(and(ownCalendar, eq(connectedCalendars.id, id))).returning({ id: connectedCalendars.id });
      return rows.length > 0;
    },

    /**
     * Raises the calendar's sync epoch as a read starts: a push from now on queues a read of its own. Resolves with
     * the calendar's cursor as the read must start from it.
     */
    async beginCalendarRead(id: string): Promise<{ cursor: string | null; epoch: number } | undefined> {
      const [row] = await orm
        .update(connectedCalendars)
        .set({ syncEpoch: sql`${connectedCalendars.syncEpoch} + 1` })
        .where(and(ownCalendar, eq(connectedCalendars.id, id)))
        .returning({ cursor: connectedCalendars.syncCursor, epoch: connectedCalendars.syncEpoch });
      return row;
    },

    /**
     * Applies what a read found, if the calendar's cursor is still `fromCursor` (another process's read did not
     * get there first): a full read replaces every block, an incremental one replaces the changed events' and drops
     * the removed ones. False if the cursor had moved: nothing was written.
     */
    async applyCalendarRead(
      calendar: Pick<ConnectedCalendar, "id" | "staffId">,
      read: { fromCursor: string | null; full: boolean; busy: BusyEvent[]; freedIds: string[]; cursor: string; window: { from: number; to: number }; at: number },
    ): Promise<boolean> {
      const moved = await orm
        .update(connectedCalendars)
        .set({
          syncCursor: read.cursor,
          syncedAt: read.at,
          syncError: null,
          updatedAt: read.at,
          ...(read.full ? { fullSyncedAt: read.at, windowFrom: read.window.from, windowTo: read.window.to } : {}),
        })
        .where(
          and(
            ownCalendar,
            eq(connectedCalendars.id, calendar.id),
            read.fromCursor === null ? sql`${connectedCalendars.syncCursor} is null` : eq(connectedCalendars.syncCursor, read.fromCursor),
          ),
        )
        .returning({ id: connectedCalendars.id, staffId: connectedCalendars.staffId });
      if (moved.length === 0) return false;
      const { staffId } = moved[0]!;
      const blocks = eq(calendarBusyBlocks.calendarId, calendar.id);
      // The days whose busy time changed: those of the blocks replaced and of the new ones (all of them after a full read).
      const touched: number[] = [];
      if (read.full) await orm.delete(calendarBusyBlocks).where(blocks);
      else {
        const replaced = [...read.freedIds, ...read.busy.map((event) => event.id)];
        for (let i = 0; i < replaced.length; i += blockRowsPerInsert) {
          const gone = await orm
            .delete(calendarBusyBlocks)
            .where(and(blocks, inArray(calendarBusyBlocks.eventId, replaced.slice(i, i + blockRowsPerInsert))))
            .returning({ start: calendarBusyBlocks.startAt, end: calendarBusyBlocks.endAt });
          for (const block of gone) touched.push(...daysOf(block.start, block.end));
        }
      }
      const rows = read.busy.flatMap((event) =>
        piecesOf(event).map((piece) => ({ tenantId, calendarId: calendar.id, staffId, eventId: event.id, allDay: event.allDay, ...piece })),
      );
      for (let i = 0; i < rows.length; i += blockRowsPerInsert) {
        await orm.insert(calendarBusyBlocks).values(rows.slice(i, i + blockRowsPerInsert)).onConflictDoNothing();
      }
      for (const row of rows) touched.push(...daysOf(row.startAt, row.endAt));
      await rewriteBusyDays(orm, tenantId, staffId, read.full ? undefined : touched);
      return true;
    },

    /** Records the event an appointment now is in a calendar (or that it was deleted there); false if either is not the tenant's. */
    async keepCalendarEventLink(link: Omit<typeof calendarEventLinks.$inferInsert, "tenantId">): Promise<boolean> {
      const [calendar] = await orm.select({ id: connectedCalendars.id }).from(connectedCalendars).where(and(ownCalendar, eq(connectedCalendars.id, link.calendarId)));
      if (!calendar || !(await ownsAppointment(link.appointmentId))) return false;
      await orm
        .insert(calendarEventLinks)
        .values({ ...link, tenantId })
        .onConflictDoUpdate({
          target: [calendarEventLinks.appointmentId, calendarEventLinks.calendarId],
          set: { providerEventId: link.providerEventId, writtenSequence: link.writtenSequence, writtenStatus: link.writtenStatus, deletedAt: link.deletedAt ?? null, updatedAt: link.updatedAt },
        });
      return true;
    },

    /** False for another tenant's staff member. */
    async addCalendarFeed(feed: Omit<typeof calendarFeeds.$inferInsert, "tenantId">): Promise<boolean> {
      if (!(await ownsStaff(feed.staffId))) return false;
      await orm.insert(calendarFeeds).values({ ...feed, tenantId });
      return true;
    },

    /** Revokes the staff member's working feed; false if they had none. */
    async revokeCalendarFeed(staffId: string, at: number): Promise<boolean> {
      const rows = await orm
        .update(calendarFeeds)
        .set({ revokedAt: at })
        .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.staffId, staffId), sql`${calendarFeeds.revokedAt} is null`))
        .returning({ id: calendarFeeds.id });
      return rows.length > 0;
    },

    /** Notes when a feed was last read (its owner's calendar app polls it); false if it is not the tenant's. */
    async markCalendarFeedRead(id: string, at: number): Promise<boolean> {
      const rows = await orm
        .update(calendarFeeds)
        .set({ lastReadAt: at })
        .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.id, id)))
        .returning({ id: calendarFeeds.id });
      return rows.length > 0;
    },

    /** False for another tenant's staff member. */
    async addCalendarConnectAttempt(attempt: Omit<CalendarConnectAttempt, "tenantId">): Promise<boolean> {
      if (!(await ownsStaff(attempt.staffId))) return false;
      await orm.insert(calendarConnectAttempts).values({ ...attempt, tenantId });
      return true;
    },
  };
}
