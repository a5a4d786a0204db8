import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { FrontdeskError, ProviderError, SyncCursorExpired, isProviderError, type CalendarChanges, type PushChannel } from "@frontdesk/core";
import { calendarOfChannel, calendarsNeedingCare, calendarsWithIdleChannels, forTenant, randomId, type CalendarConnection, type CalendarWithConnection, type ConnectedCalendar, type Db, type TenantScope, type Writer } from "@frontdesk/db";
import { parseGooglePush } from "@frontdesk/google-calendar/webhook";
import { clientStateMatches, parseGraphNotifications } from "@frontdesk/outlook-calendar/webhook";
import type { JobRunner } from "../jobs/jobs";
import { CalendarConnectionBroken, type CalendarAccessor } from "./access";
import { calendarPaths, type CalendarProviders } from "./providers";

/** Reads begin a day back, so that an event running now still blocks the rest of its time. */
export const readBackMs = 86_400_000;
/** The window reaches this far when the business has no booking horizon of its own. */
export const defaultHorizonDays = 90;
/** A channel is renewed when it would end within this long. */
export const renewAheadMs = 86_400_000;
/** Channels are asked for this long; the providers give a week at most (Graph a little under). */
export const channelLifetimeMs = 7 * 86_400_000;
/** A calendar is read in full again after this long: the window slides on, and a lost push is caught. */
export const fullReadEveryMs = 86_400_000;
/** Care rounds: one care job per calendar per round, whichever process enqueues it. */
export const careRoundMs = 15 * 60_000;
/** Short first: a read is what keeps availability honest, and most provider faults pass within seconds. */
export const readRetryDelaysMin = [0.1, 0.5, 2, 10, 60] as const;

/**
 * How many days ahead anything can be booked: the business's horizon or a service's longer one. Reads cover this far,
 * and a newly chosen destination calendar is filled this far.
 */
export async function furthestHorizonDays(scope: Pick<TenantScope, "tenant" | "services">): Promise<number> {
  const [tenant, services] = await Promise.all([scope.tenant(), scope.services()]);
  return Math.max(tenant?.horizonDays ?? defaultHorizonDays, ...services.map((service) => service.horizonDays ?? 0));
}

export interface ReadSyncDeps {
  db: Db;
  now: () => number;
  jobs: JobRunner;
  providers: CalendarProviders;
  access: CalendarAccessor;
  /** Where providers post pushes: `${publicUrl}/webhooks/<provider>/calendar`. */
  publicUrl: string;
}

interface ReadPayload {
  tenantId: string;
  calendarId: string;
}
interface CarePayload {
  tenantId: string;
  calendarId: string;
  /** Renew the channel now, whatever its expiry (Graph's `reauthorizationRequired`). */
  renew?: boolean;
}

/** What a push route answers. */
export interface PushAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** SHA-256 hex of a channel secret, as `channelSecretHash` keeps it. */
export const secretHashOf = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** Whether `given` is the secret whose hash is stored, in constant time. */
export function secretMatches(given: string | null | undefined, storedHash: string | null): boolean {
  if (typeof given !== "string" || !storedHash) return false;
  const a = Buffer.from(secretHashOf(given), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

const readKey = (calendar: Pick<ConnectedCalendar, "id" | "syncEpoch">) => `${calendar.id}:${calendar.syncEpoch}`;

/**
 * Busy time from staff members' own calendars: reads on the durable jobs (one queued per calendar and sync epoch, so
 * duplicate pushes cost nothing), push channels opened, renewed and stopped, and the periodic care that catches what
 * a lost push missed. Availability only ever reads the stored blocks; nothing here runs inside a booking request.
 */
export function readSync(deps: ReadSyncDeps) {
  const { db, now, jobs, access } = deps;

  const reads = jobs.define<ReadPayload>({
    kind: "calendar.read",
    retryDelaysMin: readRetryDelaysMin,
    permanent: isPermanent,
    run: (payload) => readCalendar(payload),
    failed: (tx, payload, failure) => recordSyncError(tx, payload, failure.error),
  });

  const cares = jobs.define<CarePayload>({
    kind: "calendar.care",
    retryDelaysMin: [0.5, 2, 10, 60],
    permanent: isPermanent,
    run: (payload) => careFor(payload),
    failed: (tx, payload, failure) => recordSyncError(tx, payload, failure.error),
  });

  async function recordSyncError(tx: Writer, payload: { tenantId: string; calendarId: string }, error: Error) {
    await forTenant(tx, payload.tenantId).updateConnectedCalendar(payload.calendarId, { syncError: describe(error), updatedAt: now() });
  }

  /** The window a read covers: a day back to the business's furthest booking horizon ahead. */
  async function windowOf(tenantId: string): Promise<{ from: number; to: number }> {
    const horizonDays = await furthestHorizonDays(forTenant(db, tenantId));
    const at = now();
    return { from: at - readBackMs, to: at + horizonDays * 86_400_000 };
  }

  /** Queues a read of the calendar at its current epoch; a read already queued for it takes this one in. */
  async function queueRead(into: Db | Writer, calendar: Pick<ConnectedCalendar, "id" | "syncEpoch" | "tenantId">): Promise<void> {
    await reads.enqueue(into, [{ key: readKey(calendar), payload: { tenantId: calendar.tenantId, calendarId: calendar.id }, runAt: now(), tenantId: calendar.tenantId }]);
  }

  /** Makes the calendar's next read a full one (its cursor forgotten) and queues it. */
  async function queueFullRead(tenantId: string, calendarId: string): Promise<void> {
    await db.write(async (writer) => {
      const scope = forTenant(writer, tenantId);
      const found = await scope.connectedCalendar(calendarId);
      if (!found) return;
      await scope.updateConnectedCalendar(calendarId, { syncCursor: null, updatedAt: now() });
      await queueRead(writer, found.calendar);
    });
  }

  async function queueCare(into: Db | Writer, calendar: Pick<ConnectedCalendar, "id" | "tenantId">, key: string, renew = false): Promise<void> {
    await cares.enqueue(into, [{ key, payload: { tenantId: calendar.tenantId, calendarId: calendar.id, ...(renew ? { renew } : {}) }, runAt: now(), tenantId: calendar.tenantId }]);
  }

  async function readCalendar({ tenantId, calendarId }: ReadPayload): Promise<void> {
    // The epoch goes up first, whatever follows: this job's key is used up, so the next push must queue another.
    const begun = await db.write((writer) => forTenant(writer, tenantId).beginCalendarRead(calendarId));
    if (!begun) return;
    const found = await forTenant(db, tenantId).connectedCalendar(calendarId);
    if (!found || !found.calendar.countsBusy) return;
    if (found.connection.status === "broken") throw new CalendarConnectionBroken(found.connection.id, found.connection.brokenReason ?? "The calendar connection is broken.");
    const { calendar, connection } = found;
    const provider = access.sideOf(connection).calendar;
    const window = await windowOf(tenantId);
    let fromCursor = begun.cursor;
    let changes: CalendarChanges;
    try {
      changes = await provider.changes(access.of(connection), calendar.providerCalendarId, fromCursor, window);
    } catch (error) {
      if (!(error instanceof SyncCursorExpired) || fromCursor === null) throw error;
      // The provider forgot the cursor: read everything again, now.
      await db.write((writer) => forTenant(writer, tenantId).updateConnectedCalendar(calendarId, { syncCursor: null, updatedAt: now() }));
      fromCursor = null;
      changes = await provider.changes(access.of(connection), calendar.providerCalendarId, null, window);
    }
    // Frontdesk's own events are its appointments, already counted; free ones leave the time open.
    const kept = changes.events.filter((event) => event.busy && event.appointmentId === null);
    const keptIds = new Set(kept.map((event) => event.id));
    const freedIds = [...changes.removedIds, ...changes.events.filter((event) => !keptIds.has(event.id)).map((event) => event.id)];
    const applied = await db.write((writer) =>
      forTenant(writer, tenantId).applyCalendarRead(calendar, {
        fromCursor,
        full: changes.full,
        busy: kept.map(({ id, start, end, allDay }) => ({ id, start, end, allDay })),
        freedIds,
        cursor: changes.cursor,
        window,
        at: now(),
      }),
    );
    // Another read moved the cursor first: this one's findings may be stale, so read again from where it got.
    if (!applied) throw new ProviderError("unavailable", "Another read of this calendar finished first; reading again from its cursor.", connection.provider, { providerCode: "cursor_moved" });
  }

  /** Opens a channel for the calendar and keeps it, unless another one was kept meanwhile (then the new one is stopped). */
  async function openChannel(found: CalendarWithConnection): Promise<void> {
    const { calendar, connection } = found;
    const provider = access.sideOf(connection).calendar;
    const secret = randomBytes(32).toString("base64url");
    const request = { webhookUrl: webhookUrlOf(connection), channelId: randomId("chn", 24), secret, expiresAt: now() + channelLifetimeMs };
    const channel = await provider.watch(access.of(connection), calendar.providerCalendarId, request);
    const kept = await keepChannel(calendar, calendar.channelId, channel, secretHashOf(secret));
    if (!kept) await provider.stopWatch(access.of(connection), channel).catch(() => undefined);
  }

  /** Stores `channel` if the calendar's channel is still `expected`; in the same write, a read catches pushes lost meanwhile. */
  async function keepChannel(calendar: ConnectedCalendar, expected: string | null, channel: PushChannel, secretHash: string): Promise<boolean> {
    return db.write(async (writer) => {
      const scope = forTenant(writer, calendar.tenantId);
      const current = await scope.connectedCalendar(calendar.id);
      if (!current || current.calendar.channelId !== expected || !current.calendar.countsBusy) return false;
      await scope.updateConnectedCalendar(calendar.id, {
        channelId: channel.channelId,
        channelResourceId: channel.resourceId,
        channelSecretHash: secretHash,
        channelExpiresAt: channel.expiresAt,
        updatedAt: now(),
      });
      // Pushes that came through the new channel before it was stored were not recognised: read once now.
      await queueRead(writer, current.calendar);
      return true;
    });
  }

  async function clearChannel(tenantId: string, calendarId: string, expected: string): Promise<void> {
    await db.write(async (writer) => {
      const scope = forTenant(writer, tenantId);
      const current = await scope.connectedCalendar(calendarId);
      if (current?.calendar.channelId !== expected) return;
      await scope.updateConnectedCalendar(calendarId, { channelId: null, channelResourceId: null, channelSecretHash: null, channelExpiresAt: null, updatedAt: now() });
    });
  }

  function channelOf(calendar: ConnectedCalendar): PushChannel | null {
    return calendar.channelId ? { channelId: calendar.channelId, resourceId: calendar.channelResourceId, expiresAt: calendar.channelExpiresAt ?? 0 } : null;
  }

  async function stopChannel(found: CalendarWithConnection): Promise<void> {
    const channel = channelOf(found.calendar);
    if (!channel) return;
    // A broken connection cannot stop it: the channel runs out by itself, and its pushes find no calendar.
    if (found.connection.status === "connected") {
      await access.sideOf(found.connection).calendar.stopWatch(access.of(found.connection), channel).catch((error: unknown) => {
        if (error instanceof CalendarConnectionBroken) return;
        throw error;
      });
    }
    await clearChannel(found.calendar.tenantId, found.calendar.id, channel.channelId);
  }

  async function renewChannel(found: CalendarWithConnection, channel: PushChannel): Promise<void> {
    const { calendar, connection } = found;
    const provider = access.sideOf(connection).calendar;
    const secret = randomBytes(32).toString("base64url");
    const request = { webhookUrl: webhookUrlOf(connection), channelId: randomId("chn", 24), secret, expiresAt: now() + channelLifetimeMs };
    let renewed: PushChannel;
    try {
      renewed = await provider.renewWatch(access.of(connection), calendar.providerCalendarId, channel, request);
    } catch (error) {
      // Graph's subscription is gone (expired or removed): open a new one, and read in full for what was missed.
      if (!isProviderError(error) || error.kind !== "not_found") throw error;
      await clearChannel(calendar.tenantId, calendar.id, channel.channelId);
      const current = await forTenant(db, calendar.tenantId).connectedCalendar(calendar.id);
      if (current) await openChannel(current);
      await queueFullRead(calendar.tenantId, calendar.id);
      return;
    }
    // Google opened a new channel with the request's id and secret; Graph extended its own, keeping id and secret.
    const secretHash = renewed.channelId === request.channelId ? secretHashOf(secret) : calendar.channelSecretHash!;
    const kept = await keepChannel(calendar, channel.channelId, renewed, secretHash);
    if (!kept && renewed.channelId !== channel.channelId) await provider.stopWatch(access.of(connection), renewed).catch(() => undefined);
  }

  /** One calendar's care: its channel opened, renewed or stopped, and a full read when the last is a day old. */
  async function careFor({ tenantId, calendarId, renew }: CarePayload): Promise<void> {
    const found = await forTenant(db, tenantId).connectedCalendar(calendarId);
    if (!found) return;
    const { calendar, connection } = found;
    if (!calendar.countsBusy || connection.status !== "connected") return stopChannel(found);
    const channel = channelOf(calendar);
    if (!channel) await openChannel(found);
    else if (renew || channel.expiresAt - now() < renewAheadMs) await renewChannel(found, channel);
    if (calendar.fullSyncedAt === null || now() - calendar.fullSyncedAt >= fullReadEveryMs) await queueFullRead(tenantId, calendarId);
  }

  function webhookUrlOf(connection: Pick<CalendarConnection, "provider">): string {
    return `${deps.publicUrl}${calendarPaths.push(connection.provider)}`;
  }

  return {
    /**
     * After a connection's calendars or their choice changed (connected, chosen, reconnected): each calendar that counts
     * busy is read and gets a push channel if it has none; one that stopped counting has its channel stopped.
     */
    async calendarsChanged(tenantId: string, connectionId: string): Promise<void> {
      const scope = forTenant(db, tenantId);
      const connection = await scope.calendarConnection(connectionId);
      if (!connection) return;
      const calendars = await scope.connectedCalendarsOf([connectionId]);
      await db.write(async (writer) => {
        for (const calendar of calendars) {
          if (calendar.countsBusy && connection.status === "connected") {
            await queueRead(writer, calendar);
            if (!calendar.channelId) await queueCare(writer, calendar, `${calendar.id}:changed:${randomId("chg", 12)}`);
          } else if (calendar.channelId) {
            await queueCare(writer, calendar, `${calendar.id}:changed:${randomId("chg", 12)}`);
          }
        }
      });
      jobs.runSoon();
    },

    /** Before a connection is removed: its channels are stopped at the provider (a failure leaves them to run out). */
    async beforeDisconnect(connection: CalendarConnection): Promise<void> {
      const calendars = await forTenant(db, connection.tenantId).connectedCalendarsOf([connection.id]);
      for (const calendar of calendars) {
        await stopChannel({ calendar, connection }).catch((error: unknown) => console.error(`Stopping the push channel of calendar ${calendar.id} failed:`, error));
      }
    },

    /** Queues one care job per calendar that needs one this round, and one per idle channel; returns how many. */
    async care(options: { limit?: number } = {}): Promise<{ calendars: number; idleChannels: number }> {
      const at = now();
      const round = Math.floor(at / careRoundMs);
      const limit = options.limit ?? 500;
      const needing = await calendarsNeedingCare(db, { channelBefore: at + renewAheadMs, fullBefore: at - fullReadEveryMs, limit });
      const idle = await calendarsWithIdleChannels(db, limit);
      await db.write(async (writer) => {
        for (const { calendar } of [...needing, ...idle]) await queueCare(writer, calendar, `${calendar.id}:round:${round}`);
      });
      if (needing.length + idle.length > 0) jobs.runSoon();
      return { calendars: needing.length, idleChannels: idle.length };
    },

    /** Reads the calendar in full now (as care does daily). */
    async readInFull(tenantId: string, calendarId: string): Promise<void> {
      await queueFullRead(tenantId, calendarId);
      jobs.runSoon();
    },

    /** Google's push (`POST /webhooks/google/calendar`): everything is in the headers. */
    async googlePushArrived(headers: Headers): Promise<PushAnswer> {
      let push;
      try {
        push = parseGooglePush(headers);
      } catch (error) {
        if (error instanceof FrontdeskError) return { status: 400, body: JSON.stringify({ error: { code: error.code, message: error.message, field: error.field } }), headers: { "content-type": "application/json" } };
        throw error;
      }
      const found = await calendarOfChannel(db, push.channelId);
      // A channel we stopped or replaced: nothing to do. 200 rather than 404, which Google would not act on either.
      if (!found) return { status: 200 };
      if (!secretMatches(push.token, found.calendar.channelSecretHash)) return { status: 401 };
      if (push.resourceState === "sync" || !found.calendar.countsBusy || found.connection.status !== "connected") return { status: 200 };
      await queueRead(db, found.calendar);
      jobs.runSoon();
      return { status: 200 };
    },

    /** Graph's notifications (`POST /webhooks/microsoft/calendar`, not the validation handshake); each one's clientState is checked. */
    async graphNotificationsArrived(body: string): Promise<PushAnswer> {
      let notifications;
      try {
        notifications = parseGraphNotifications(body);
      } catch (error) {
        if (error instanceof FrontdeskError) return { status: 400, body: JSON.stringify({ error: { code: error.code, message: error.message, field: error.field } }), headers: { "content-type": "application/json" } };
        throw error;
      }
      const known = new Map<string, CalendarWithConnection | undefined>();
      let queued = false;
      for (const notification of notifications) {
        if (!known.has(notification.subscriptionId)) known.set(notification.subscriptionId, await calendarOfChannel(db, notification.subscriptionId));
        const found = known.get(notification.subscriptionId);
        // Unknown subscription, or a clientState that is not its secret: not Graph's, or not ours any more. Ignored.
        if (!found || !found.calendar.channelSecretHash || !secretMatches(notification.clientState, found.calendar.channelSecretHash)) continue;
        if (!found.calendar.countsBusy || found.connection.status !== "connected") continue;
        const { calendar } = found;
        if (notification.kind === "change") await queueRead(db, calendar);
        else if (notification.lifecycleEvent === "missed") await queueFullRead(calendar.tenantId, calendar.id);
        else if (notification.lifecycleEvent === "reauthorizationRequired") await queueCare(db, calendar, `${calendar.id}:reauthorize:${randomId("lfc", 12)}`, true);
        else {
          // subscriptionRemoved: the subscription is gone; watch again, and read in full for what it did not tell.
          await clearChannel(calendar.tenantId, calendar.id, notification.subscriptionId);
          await queueCare(db, calendar, `${calendar.id}:removed:${randomId("lfc", 12)}`);
          await queueFullRead(calendar.tenantId, calendar.id);
        }
        queued = true;
      }
      if (queued) jobs.runSoon();
      return { status: 202 };
    },
  };
}

/** Errors no retry fixes: the connection broke, the provider refused for good (not found, no permission, too many events). */
function isPermanent(error: unknown): boolean {
  if (error instanceof CalendarConnectionBroken) return true;
  if (isProviderError(error)) return !error.transient;
  return error instanceof FrontdeskError;
}

function describe(error: Error): string {
  if (error instanceof CalendarConnectionBroken) return `The calendar connection is broken: ${error.message}`;
  return error.message.slice(0, 500);
}

export type ReadSync = ReturnType<typeof readSync>;
