import { isProviderError, type AppointmentEvent, type AppointmentStatus, type CalendarEventDetails } from "@frontdesk/core";
import { forTenant, randomId, type Appointment, type CalendarEventLink, type Db, type TenantScope, type TenantWriteScope } from "@frontdesk/db";
import type { JobRunner } from "../jobs/jobs";
import { CalendarConnectionBroken, type CalendarAccessor } from "./access";
import type { CalendarProviders } from "./providers";
import { furthestHorizonDays } from "./read-sync";

/** The job that makes a staff member's calendar show an appointment as it is now. */
export const calendarWriteKind = "calendar.write";

/**
 * Short waits (minutes) between attempts: an appointment should reach the calendar within seconds, and the runner
 * waits longer when the provider's Retry-After says so.
 */
export const calendarWriteRetryDelaysMin = [0.1, 0.5, 2, 10, 60, 240] as const;

/**
 * The most appointments one choice of destination calendar writes into it, soonest first: a bound on the jobs (and
 * provider calls) one click costs. Later ones reach the calendar when they next change.
 */
export const maxDestinationFill = 2_000;
/** Job rows added per statement when a destination is filled. */
const fillJobsPerInsert = 500;

/**
 * Statuses whose appointment is an event in the staff member's calendar. A pending booking holds its time in
 * Frontdesk, so it is written too (its summary says it awaits approval); completed and no-show ones stay as they
 * happened. Cancelled, rejected and expired ones are deleted.
 */
const shownStatuses: ReadonlySet<AppointmentStatus> = new Set(["pending", "confirmed", "completed", "no_show"]);
export const isShownInCalendars = (status: AppointmentStatus) => shownStatuses.has(status);

export interface CalendarWritePayload {
  appointmentId: string;
  /** The change the job was queued for; the job itself writes the appointment as it is when it runs. */
  sequence: number;
  status: AppointmentStatus;
  staffId: string;
}

export interface WriteSyncDeps {
  db: Db;
  now: () => number;
  jobs: JobRunner;
  providers: CalendarProviders;
  access: CalendarAccessor;
  /** For the link to the appointment in each event. */
  publicUrl: string;
}

/** Where staff open an appointment in Frontdesk: the link each event and feed entry carries. */
/**
 * The event id of a link whose create was sent but not answered: the calendar may hold the event or not. Its
 * `writtenSequence` is -1, so nothing counts the appointment as written there.
 */
const createUnderWay = "";

export const appointmentLinkOf = (publicUrl: string, appointmentId: string) => `${publicUrl}/back-office#appointment=${encodeURIComponent(appointmentId)}`;

type Detail = NonNullable<Awaited<ReturnType<TenantScope["appointmentDetail"]>>>;

/**
 * The event an appointment is written as, telling no more of the customer than the business's
 * `calendarEventDetails` allows: `name` (the default) their name, `full` also e-mail, phone and the booking's
 * notes, `none` the service alone. Staff's own notes never go out.
 */
export function appointmentEventOf(
  detail: Detail,
  business: { timeZone: string; calendarEventDetails: CalendarEventDetails },
  options: { publicUrl: string; location?: { name: string; address: string } | undefined },
): AppointmentEvent {
  const { appointment, service, customer } = detail;
  const level = business.calendarEventDetails;
  const named = level !== "none" && customer && customer.erasedAt === null ? customer.name : null;
  const pending = appointment.status === "pending";
  const summary = `${pending ? "Awaiting approval: " : ""}${service.name}${named ? ` — ${named}` : ""}`;
  const url = appointmentLinkOf(options.publicUrl, appointment.id);
  const lines = [`Service: ${service.name} (${Math.round((appointment.endAt - appointment.startAt) / 60_000)} min)`];
  if (named) lines.push(`Customer: ${named}`);
  if (level === "full" && customer && customer.erasedAt === null) {
    if (customer.email) lines.push(`E-mail: ${customer.email}`);
    if (customer.phone) lines.push(`Phone: ${customer.phone}`);
    if (appointment.notes) lines.push(`Notes: ${appointment.notes}`);
  }
  if (pending) lines.push("Awaiting approval in Frontdesk.");
  lines.push(`Open in Frontdesk: ${url}`);
  const location = options.location ? [options.location.name, options.location.address].filter(Boolean).join(", ") : null;
  return { appointmentId: appointment.id, start: appointment.startAt, end: appointment.endAt, timeZone: business.timeZone, summary, description: lines.join("\n"), location, url };
}

/**
 * Writing appointments into staff members' destination calendars. `appointmentChanged` runs inside the transaction
 * of each change to an appointment's time, status or staff member and queues a `calendar.write` job when a calendar
 * is concerned; the job makes every calendar agree with the appointment as it is then, so jobs may run late, out of
 * order or twice. Rounds start right after the change's transaction (its `jobs.runSoon()`).
 */
export function writeSync(deps: WriteSyncDeps) {
  const { db, now, access } = deps;

  const queue = deps.jobs.define<CalendarWritePayload>({
    kind: calendarWriteKind,
    retryDelaysMin: calendarWriteRetryDelaysMin,
    permanent: (error) => isProviderError(error) && !error.transient,
    run: (payload, job) => writeAppointment(job.tenantId!, payload),
  });

  /** Makes the calendars show the appointment as it is now: one event in its staff member's destination, or none. */
  async function writeAppointment(tenantId: string, payload: CalendarWritePayload): Promise<void> {
    const scope = forTenant(db, tenantId);
    const [detail, links, tenant] = await Promise.all([scope.appointmentDetail(payload.appointmentId), scope.calendarEventLinks(payload.appointmentId), scope.tenant()]);
    if (!detail || !tenant) return;
    // A newer change's job already wrote the appointment: this one has nothing left to do.
    if (links.some((link) => link.writtenSequence > payload.sequence)) return;
    const { appointment } = detail;
    const found = isShownInCalendars(appointment.status) ? await scope.destinationCalendarOf(appointment.staffId) : undefined;
    const destination = found?.connection.status === "connected" ? found : undefined;
    const failures: unknown[] = [];
    const written = (link: Pick<CalendarEventLink, "calendarId" | "providerEventId">, deletedAt: number | null, sequence = appointment.sequence) =>
      db.write(
        (writer) =>
          forTenant(writer, tenantId).keepCalendarEventLink({
            appointmentId: appointment.id,
            calendarId: link.calendarId,
            providerEventId: link.providerEventId,
            writtenSequence: sequence,
            writtenStatus: appointment.status,
            deletedAt,
            updatedAt: now(),
          }),
        { keepsSetup: true },
      );

    // Events in calendars the appointment no longer belongs to: cancelled, or moved to someone else (or elsewhere).
    for (const link of links) {
      if (link.deletedAt !== null || link.calendarId === destination?.calendar.id) continue;
      const where = await scope.connectedCalendar(link.calendarId);
      if (!where || where.connection.status !== "connected") continue;
      try {
        const provider = access.sideOf(where.connection).calendar;
        const eventId = link.providerEventId === createUnderWay ? await provider.findAppointmentEvent(access.of(where.connection), where.calendar.providerCalendarId, appointment.id) : link.providerEventId;
        if (eventId) await provider.deleteEvent(access.of(where.connection), where.calendar.providerCalendarId, eventId);
        await written(link, now());
      } catch (error) {
        failures.push(error);
      }
    }

    if (destination) {
      const { calendar, connection } = destination;
      const known = links.find((link) => link.calendarId === calendar.id && link.deletedAt === null);
      const location = appointment.locationId ? (await scope.locations()).find((place) => place.id === appointment.locationId) : undefined;
      const event = appointmentEventOf(detail, tenant, { publicUrl: deps.publicUrl, location });
      try {
        // Marked before the create, so that an event made by a create whose answer is lost is still found and deleted.
        if (!known) await written({ calendarId: calendar.id, providerEventId: createUnderWay }, null, -1);
        const knownEventId = known && known.providerEventId !== createUnderWay ? known.providerEventId : null;
        const { eventId } = await access.sideOf(connection).calendar.upsertEvent(access.of(connection), calendar.providerCalendarId, event, knownEventId);
        await written({ calendarId: calendar.id, providerEventId: eventId }, null);
      } catch (error) {
        failures.push(error);
      }
    }

    // A broken connection waits for its staff member to reconnect: nothing to retry. Anything else is retried,
    // a transient failure first, so that a permanent one elsewhere does not end the job before it is retried.
    const left = failures.filter((error) => !(error instanceof CalendarConnectionBroken));
    const first = left.find((error) => isProviderError(error) && error.transient) ?? left[0];
    if (first) throw first;
  }

  return {
    /**
     * Call inside the transaction of every change to an appointment's time, status or staff member. Queues one
     * job per change (key `<id>:<sequence>:<status>:<staffId>`, so a second call for the same change is ignored),
     * and only when the staff member has a destination calendar on a working connection or the appointment has an
     * event somewhere: one indexed query, no row, for staff without calendars.
     */
    async appointmentChanged(scope: TenantWriteScope, appointment: Pick<Appointment, "id" | "staffId" | "sequence" | "status">): Promise<void> {
      // Holds are no event; marking one done or a no-show changes nothing the event shows.
      if (appointment.status === "held" || appointment.status === "completed" || appointment.status === "no_show") return;
      if (!(await scope.calendarWriteNeeded(appointment.staffId, appointment.id))) return;
      await queue.enqueue(scope.writer, [
        {
          key: `${appointment.id}:${appointment.sequence}:${appointment.status}:${appointment.staffId}`,
          payload: { appointmentId: appointment.id, sequence: appointment.sequence, status: appointment.status, staffId: appointment.staffId },
          runAt: now(),
          tenantId: scope.tenantId,
        },
      ]);
    },

    /**
     * After a staff member's destination calendar was chosen, changed or connected again: queues a `calendar.write`
     * job for each of their pending and confirmed appointments from now to the furthest booking horizon that the
     * destination does not show as it is now (at most `maxDestinationFill`, soonest first). Each job is the usual
     * write, so events in the previous destination are deleted and none is written twice; choosing the same
     * destination again queues nothing for appointments it already shows. Resolves with how many were queued.
     */
    async destinationChosen(tenantId: string, staffId: string): Promise<{ queued: number }> {
      const scope = forTenant(db, tenantId);
      const destination = await scope.destinationCalendarOf(staffId);
      if (!destination || destination.connection.status !== "connected") return { queued: 0 };
      const at = now();
      const horizonDays = await furthestHorizonDays(scope);
      const due = await scope.appointmentsToWriteInto(destination.calendar.id, staffId, { fromMs: at, toMs: at + horizonDays * 86_400_000, limit: maxDestinationFill });
      if (due.length === 0) return { queued: 0 };
      // Keys are used once per kind: each choice has its own, so that choosing A, then B, then A again writes A again.
      const choice = randomId("dst", 12);
      const added = due.map((appointment) => ({
        key: `${appointment.id}:${appointment.sequence}:${appointment.status}:${appointment.staffId}:into:${destination.calendar.id}:${choice}`,
        payload: { appointmentId: appointment.id, sequence: appointment.sequence, status: appointment.status, staffId: appointment.staffId },
        runAt: at,
        tenantId,
      }));
      await db.write(async (writer) => {
        for (let i = 0; i < added.length; i += fillJobsPerInsert) await queue.enqueue(writer, added.slice(i, i + fillJobsPerInsert));
      }, { keepsSetup: true });
      return { queued: due.length };
    },

    /** Writes an appointment's calendars now, outside the jobs (a test, a repair). */
    writeAppointment,
  };
}

export type WriteSync = ReturnType<typeof writeSync>;
/** What the booking and lifecycle services are given: the hook alone. */
export type AppointmentCalendarHook = Pick<WriteSync, "appointmentChanged">;
