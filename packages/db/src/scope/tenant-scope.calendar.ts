/**
 * Calendar sync's part of the tenant-isolation checks (`tenant-scope.test.ts`): what each business has, each read
 * asked about tenant B's rows, and each write aimed at them, with what it must answer.
 */
import * as schema from "../schema";
import type { TenantScope, TenantWriteScope } from "./tenant-scope";

const monday10 = Date.parse("2030-01-07T10:00:00Z");
const hour = 3_600_000;

export function calendarIdsOf(tenant: "a" | "b") {
  return {
    connection: `ccn_${tenant}`,
    calendar: `ccl_${tenant}`,
    providerCalendar: `primary-${tenant}@example.com`,
    channel: `chn_${tenant}`,
    event: `evt_ext_${tenant}`,
    feed: `fed_${tenant}`,
    state: `state_${tenant}`,
  };
}
type Ids = ReturnType<typeof calendarIdsOf>;

/** One connected Google account per business, its primary calendar busy and the destination, with a block and an event link. */
export async function seedCalendar(scope: TenantWriteScope, ids: Ids, owned: { staff: string; appointment: string }): Promise<void> {
  const at = { createdAt: monday10, updatedAt: monday10 };
  await scope.keepCalendarConnection({
    id: ids.connection, staffId: owned.staff, provider: "google", providerAccountId: `sub-${ids.connection}`, email: ids.providerCalendar,
    accessTokenSealed: "v1.access", refreshTokenSealed: "v1.refresh", accessExpiresAt: monday10 + hour, ...at,
  });
  await scope.syncCalendarList(ids.connection, [{ providerCalendarId: ids.providerCalendar, name: "Work", timeZone: "UTC", primary: true, canWrite: true }], monday10, () => ids.calendar);
  await scope.updateConnectedCalendar(ids.calendar, { channelId: ids.channel, channelExpiresAt: monday10 + 24 * hour });
  await scope.applyCalendarRead(
    { id: ids.calendar, staffId: owned.staff },
    { fromCursor: null, full: true, busy: [{ id: ids.event, start: monday10 + 4 * hour, end: monday10 + 5 * hour, allDay: false }], freedIds: [], cursor: "sync-1", window: { from: monday10, to: monday10 + 90 * 24 * hour }, at: monday10 },
  );
  await scope.keepCalendarEventLink({ appointmentId: owned.appointment, calendarId: ids.calendar, providerEventId: `fd${owned.appointment}`, writtenSequence: 0, writtenStatus: "confirmed", updatedAt: monday10 });
  await scope.addCalendarFeed({ id: ids.feed, staffId: owned.staff, tokenHash: `feed_hash_${ids.feed}`, createdAt: monday10 });
  await scope.addCalendarConnectAttempt({ state: ids.state, staffId: owned.staff, provider: "google", codeVerifierSealed: "v1.verifier", connectedBy: null, returnTo: "/back-office", expiresAt: monday10 + hour });
}

export const calendarTables = [schema.calendarConnections, schema.connectedCalendars, schema.calendarBusyBlocks, schema.calendarBusyDays, schema.calendarEventLinks, schema.calendarFeeds, schema.calendarConnectAttempts] as const;

/** Each calendar read of the scope, asked about tenant B's rows. */
export function calendarReads(b: Ids, owned: { staff: string; appointment: string }): Record<string, (scope: TenantScope) => Promise<unknown>> {
  return {
    calendarConnections: (scope) => scope.calendarConnections(),
    calendarConnection: (scope) => scope.calendarConnection(b.connection),
    connectedCalendarsOf: (scope) => scope.connectedCalendarsOf([b.connection]),
    connectedCalendar: (scope) => scope.connectedCalendar(b.calendar),
    destinationCalendarOf: (scope) => scope.destinationCalendarOf(owned.staff),
    calendarEventLinks: (scope) => scope.calendarEventLinks(owned.appointment),
    busyBlockCounts: (scope) => scope.busyBlockCounts([b.calendar]),
    calendarFeedOf: (scope) => scope.calendarFeedOf(owned.staff),
    // Into a calendar B's appointment has no event in, so that B's own scope finds it.
    appointmentsToWriteInto: (scope) =>
      scope.appointmentsToWriteInto("ccl_elsewhere", owned.staff, { fromMs: 0, toMs: monday10 + 365 * 24 * hour, limit: 10 }),
    calendarWriteNeeded: async (scope) => ((await scope.calendarWriteNeeded(owned.staff, owned.appointment)) ? "ten_b" : "none"),
  };
}

/** Each calendar write of the scope, aimed at tenant B's rows. */
export function calendarWrites(a: Ids, b: Ids, owned: { staff: string; appointment: string }): Record<string, (scope: TenantWriteScope) => Promise<unknown>> {
  return {
    keepCalendarConnection: (scope) =>
      scope.keepCalendarConnection({
        id: "ccn_a_new", staffId: owned.staff, provider: "google", providerAccountId: `sub-${b.connection}`, email: "taken@example.com",
        accessTokenSealed: "v1.x", accessExpiresAt: monday10, createdAt: monday10, updatedAt: monday10,
      }),
    updateCalendarConnection: (scope) => scope.updateCalendarConnection(b.connection, { status: "broken", brokenReason: "Taken over" }),
    removeCalendarConnection: (scope) => scope.removeCalendarConnection(b.connection),
    syncCalendarList: (scope) => scope.syncCalendarList(b.connection, [], monday10, () => "ccl_a_new"),
    chooseCalendars: (scope) => scope.chooseCalendars(b.connection, { busyIds: [], destinationId: null }, monday10),
    updateConnectedCalendar: (scope) => scope.updateConnectedCalendar(b.calendar, { syncCursor: null }),
    beginCalendarRead: (scope) => scope.beginCalendarRead(b.calendar),
    applyCalendarRead: (scope) =>
      scope.applyCalendarRead({ id: b.calendar, staffId: owned.staff }, { fromCursor: "sync-1", full: true, busy: [], freedIds: [], cursor: "taken", window: { from: 0, to: 1 }, at: monday10 }),
    keepCalendarEventLink: (scope) =>
      scope.keepCalendarEventLink({ appointmentId: owned.appointment, calendarId: a.calendar, providerEventId: "taken", writtenSequence: 9, writtenStatus: "cancelled", updatedAt: monday10 }),
    addCalendarFeed: (scope) => scope.addCalendarFeed({ id: "fed_a_new", staffId: owned.staff, tokenHash: "feed_hash_a_new", createdAt: monday10 }),
    revokeCalendarFeed: (scope) => scope.revokeCalendarFeed(owned.staff, monday10),
    markCalendarFeedRead: (scope) => scope.markCalendarFeedRead(b.feed, monday10),
    addCalendarConnectAttempt: (scope) =>
      scope.addCalendarConnectAttempt({ state: "state_a_new", staffId: owned.staff, provider: "google", codeVerifierSealed: "v1.x", connectedBy: null, returnTo: "/", expiresAt: monday10 + hour }),
  };
}

/** What the writes above must answer: each says it found nothing of B's. */
export const calendarWriteResults = {
  keepCalendarConnection: undefined,
  updateCalendarConnection: false,
  removeCalendarConnection: false,
  syncCalendarList: false,
  chooseCalendars: false,
  updateConnectedCalendar: false,
  beginCalendarRead: undefined,
  applyCalendarRead: false,
  keepCalendarEventLink: false,
  addCalendarFeed: false,
  revokeCalendarFeed: false,
  markCalendarFeedRead: false,
  addCalendarConnectAttempt: false,
};
