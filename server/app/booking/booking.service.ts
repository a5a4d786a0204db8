import {
  FrontdeskError,
  isoInstant,
  type Actor,
  type AppointmentSummary,
  type Availability,
  type BookingChannel,
  type AvailabilityInput,
  type Catalog,
  type createBookingInput,
  type Hold,
  type holdInput,
} from "@frontdesk/core";
import {
  expireLapsedHolds,
  forTenant,
  isConflict,
  type Appointment,
  type Db,
  type Service,
  type Tenant,
  type TenantScope,
  type TenantWriteScope,
  randomId,
} from "@frontdesk/db";
import type { z } from "zod";
import { toSummary } from "../appointments/present";
import { approvalEvents } from "../approvals/approval-events";
import { queuePendingBooking } from "../approvals/appointment-approvals";
import type { NotificationService } from "../notifications/notifications.service";
import type { WebhookDeliveries } from "../webhooks-out/webhook-delivery";
import type { AppointmentCalendarHook } from "../calendar-sync/write-sync";
import { searchSlots } from "../scheduling/availability";
import { checkLocation, placement, serviceAndStaff, spanOf } from "../scheduling/placement";
import { placingSetup, setupSnapshots, type SetupSnapshot } from "../scheduling/setup-snapshot";
import { holdsPerStaffMember, maxHoldsPerClient, minHoldsPerBusiness } from "../http/limits";

/** Holds and bookings change appointments, customers and messages, never a business's set-up: its snapshot stays. */
const keepsSetup = { keepsSetup: true } as const;

type CreateBooking = z.output<typeof createBookingInput>;
/** A booking as `create` takes it: a phone booking may know the customer by number alone. */
type BookingRequest = Omit<CreateBooking, "customer"> & {
  customer: { name: string; email?: string | null; phone?: string | undefined; phoneE164?: string | null };
};

/** Who books, and what else commits with the booking: the phone agent passes its own approval rule and its approval row. */
export interface BookingOptions {
  actor?: Actor;
  /** Replaces the business's rule for the channel (a phone agent's own setting); a service that requires approval still does. */
  requireApproval?: boolean;
  /** Runs in the booking's transaction once the appointment is written, not on a replay. */
  alsoWrite?: (scope: TenantWriteScope, appointment: Appointment, at: number) => Promise<void>;
}
type HoldRequest = z.output<typeof holdInput>;

export interface BookingDeps {
  db: Db;
  now: () => number;
  notifications: NotificationService;
  /** The business's outgoing webhooks, enqueued in the booking's own write. */
  webhooks: WebhookDeliveries;
  /** Staff members' own calendars, told of each booking in its write (`calendar-sync/write-sync.ts`). */
  calendars?: AppointmentCalendarHook;
}

/** Booking use cases shared by the website widget and the phone agent: catalogue, open times, holds, bookings. */
export function bookingService({ db, now, notifications, webhooks, calendars }: BookingDeps) {
  const setups = setupSnapshots(db, now);
  const place = placement(now);
  const approvals = approvalEvents(webhooks);

  /** The business's set-up as of the last write: for queries, and for bookings while its version holds (`placingSetup`). */
  async function snapshotOf(tenantId: string): Promise<SetupSnapshot> {
    const snapshot = await setups.of(tenantId);
    if (!snapshot) throw new FrontdeskError("NOT_FOUND", "This business no longer exists.");
    return snapshot;
  }

  function needsApproval(tenant: Tenant, service: Service, channel: BookingChannel, override: boolean | undefined): boolean {
    if (channel === "staff") return false;
    return service.requiresApproval || (override ?? (channel === "web" ? tenant.webRequiresApproval : tenant.phoneRequiresApproval));
  }

  return {
    async catalog(tenant: Tenant): Promise<Catalog> {
      const { services, staff, staffServices: links, locations: places } = await snapshotOf(tenant.id);
      return {
        business: { name: tenant.name, timeZone: tenant.timeZone, sandbox: tenant.sandbox, holdMinutes: tenant.holdMinutes },
        services: services.map((service) => ({
          id: service.id,
          name: service.name,
          description: service.description,
          durationMin: service.durationMin,
          priceCents: service.priceCents,
          currency: service.currency,
          capacity: service.capacity,
          requiresApproval: service.requiresApproval || tenant.webRequiresApproval,
          staffIds: staff.filter((member) => links.some((link) => link.serviceId === service.id && link.staffId === member.id)).map((member) => member.id),
        })),
        staff: staff.map((member) => ({ id: member.id, name: member.name, title: member.title })),
        locations: places.map((place) => ({ id: place.id, name: place.name, address: place.address })),
      };
    },

    async availability(tenant: Tenant, input: AvailabilityInput, excludeAppointmentId?: string): Promise<Availability> {
      const current = now();
      const snapshot = await snapshotOf(tenant.id);
      const { service, staff } = await serviceAndStaff(snapshot, input.serviceId, input.staffId);
      const locationId = await checkLocation(snapshot, input.locationId);
      const { open } = await searchSlots(forTenant(db, tenant.id), {
        tenant,
        service,
        staff,
        from: input.from,
        to: input.to,
        now: current,
        ...(excludeAppointmentId ? { excludeAppointmentId } : {}),
        ...(locationId ? { locationId } : {}),
      }, snapshot);
      const answer = {
        timeZone: tenant.timeZone,
        slots: open.map((slot) => ({
          start: isoInstant(slot.start),
          end: isoInstant(slot.end),
          staffIds: slot.staffIds,
          ...(slot.seatsLeft !== undefined ? { seatsLeft: slot.seatsLeft } : {}),
        })),
      };
      return answer;
    },

    /**
     * Keeps a time for a few minutes while the customer fills in their details. `client` (a hashed address)
     * caps the holds one visitor keeps; every hold counts toward the business's ceiling.
     */
    async hold(tenant: Tenant, input: HoldRequest, client: string | null = null): Promise<Hold> {
      const snapshot = await snapshotOf(tenant.id);
      const chosen = { ...(await serviceAndStaff(snapshot, input.serviceId, input.staffId)), locationId: (await checkLocation(snapshot, input.locationId)) ?? null };
      const start = Date.parse(input.start);
      const held = await db.transaction(async (tx) => {
        const current = now();
        const txScope = forTenant(tx, tenant.id);
        await expireLapsedHolds(tx, current);
        await checkHoldCeilings(txScope, client);
        const { setup, service, staff, locationId } = await placingSetup(txScope, snapshot, chosen, input);
        // Inside the write: limits count bookings, which only the database's latest state can tell.
        const { candidates, ranked } = await place.candidatesFor(txScope, { tenant, service, staff, start, locationId }, setup);
        return place.insertFirstFree(txScope, candidates, {
          serviceId: service.id,
          status: "held",
          holdClient: client,
          locationId,
          ...spanOf(service, start),
          expiresAt: current + tenant.holdMinutes * 60_000,
          assignedBy: ranked || input.staffId === undefined ? "policy" : "customer",
        });
      }, keepsSetup);
      return {
        holdId: held.id,
        staffId: held.staffId,
        start: new Date(held.startAt).toISOString(),
        end: new Date(held.endAt).toISOString(),
        expiresAt: new Date(held.expiresAt!).toISOString(),
      };
    },

    /** Gives a held time back; a hold that already lapsed or became the booking stays as it is. */
    async releaseHold(tenant: Tenant, holdId: string): Promise<void> {
      await db.write(async (writer) => {
        const scope = forTenant(writer, tenant.id);
        const released = await scope.updateAppointment(holdId, ["held"], { status: "expired", statusReason: "Released by the customer." });
        if (!released && !(await scope.appointment(holdId))) {
          throw new FrontdeskError("NOT_FOUND", "There is no such hold. Pick a time again.", { field: "holdId" });
        }
      }, keepsSetup);
    },

    async create(tenant: Tenant, input: BookingRequest, channel: BookingChannel = "web", options: BookingOptions = {}): Promise<AppointmentSummary> {
      const scope = forTenant(db, tenant.id);
      const snapshot = await snapshotOf(tenant.id);
      const chosen = { ...(await serviceAndStaff(snapshot, input.serviceId, input.staffId)), locationId: (await checkLocation(snapshot, input.locationId)) ?? null };
      const { service, locationId } = chosen;
      const start = Date.parse(input.start);

      if (input.idempotencyKey) {
        const earlier = await scope.appointmentByIdempotencyKey(input.idempotencyKey);
        if (earlier) return replay(scope, tenant, earlier, input);
      }

      const pending = needsApproval(tenant, service, channel, options.requireApproval);
      const customer = {
        id: randomId("cus"),
        name: input.customer.name,
        email: input.customer.email?.toLowerCase() ?? null,
        phone: input.customer.phone ?? null,
        ...(input.customer.phoneE164 ? { phoneE164: input.customer.phoneE164 } : {}),
        timeZone: input.customerTimeZone ?? null,
        locale: input.locale ?? null,
      };
      const booking = (current: number) => ({
        status: pending ? ("pending" as const) : ("confirmed" as const),
        expiresAt: pending ? Math.min(current + tenant.pendingExpiryHours * 3_600_000, start) : null,
        channel,
        notes: input.notes?.trim() ?? "",
        customerTimeZone: input.customerTimeZone ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
      });

      try {
        // A live hold on this time becomes the booking; without one, book the time if it is still free.
        const saved = (input.holdId ? await bookHeldTime(input.holdId) : undefined) ?? (await bookFreeTime());
        notifications.deliverSoon();
        // With a key, the booking may be an earlier attempt's: `replay` checks it is this same request.
        return input.idempotencyKey ? await replay(scope, tenant, saved, input) : await summaryOf(scope, tenant, saved.id);
      } catch (error) {
        if (input.idempotencyKey && isConflict(error, "IDEMPOTENCY_KEY_REUSED")) {
          // Two retries of one submission raced: the loser answers with the winner's booking.
          return replay(scope, tenant, (await scope.appointmentByIdempotencyKey(input.idempotencyKey))!, input);
        }
        throw input.holdId && error instanceof FrontdeskError && error.code === "SLOT_TAKEN" ? holdExpired() : error;
      }

      /**
       * Customer, appointment, history and messages commit together: a booking never lands without its
       * confirmation. Inside, a retry racing its first attempt finds that attempt's booking for sure.
       */
      function bookingTransaction<T extends Appointment | undefined>(work: (txScope: TenantWriteScope, current: number) => Promise<T>) {
        return db.transaction(async (tx): Promise<Appointment | T> => {
          const current = now();
          const txScope = forTenant(tx, tenant.id);
          await expireLapsedHolds(tx, current);
          const replayed = input.idempotencyKey ? await txScope.appointmentByIdempotencyKey(input.idempotencyKey) : undefined;
          return replayed ?? work(txScope, current);
        }, keepsSetup);
      }

      function bookHeldTime(holdId: string): Promise<Appointment | undefined> {
        return bookingTransaction(async (txScope, current) => {
          const hold = await txScope.appointment(holdId);
          const matches =
            hold?.status === "held" &&
            hold.serviceId === service.id &&
            hold.startAt === start &&
            (!input.staffId || hold.staffId === input.staffId) &&
            hold.locationId === locationId;
          if (!matches) return undefined;
          const customerId = await txScope.saveCustomer(customer);
          const saved = await txScope.updateAppointment(hold.id, ["held"], { ...booking(current), customerId });
          if (saved) await afterBooking(txScope, tenant, saved, current, options);
          return saved;
        });
      }

      function bookFreeTime(): Promise<Appointment> {
        return bookingTransaction(async (txScope, current) => {
          const { setup, service, staff, locationId } = await placingSetup(txScope, snapshot, chosen, input);
          // Inside the write: limits count bookings, which only the database's latest state can tell.
          const { candidates, ranked } = await place.candidatesFor(txScope, { tenant, service, staff, start, locationId }, setup);
          const customerId = await txScope.saveCustomer(customer);
          const appointment = await place.insertFirstFree(txScope, candidates, {
            ...booking(current),
            serviceId: service.id,
            customerId,
            locationId,
            ...spanOf(service, start),
            assignedBy: ranked || input.staffId === undefined ? "policy" : "customer",
          });
          await afterBooking(txScope, tenant, appointment, current, options);
          return appointment;
        });
      }
    },
  };

  /** Holds only speed booking up, so refusing one loses the customer nothing: they can still book the time. */
  async function checkHoldCeilings(scope: TenantWriteScope, client: string | null): Promise<void> {
    const holds = await scope.activeHolds(client);
    if (client && holds.byClient >= maxHoldsPerClient) {
      throw new FrontdeskError("TOO_MANY_HOLDS", `You are already holding ${maxHoldsPerClient} times. Book one of them or go back, or book this time without holding it.`, {
        field: "start",
      });
    }
    const ceiling = Math.max(minHoldsPerBusiness, holdsPerStaffMember * (await scope.staff()).length);
    if (holds.all >= ceiling) {
      throw new FrontdeskError("TOO_MANY_HOLDS", "Many people are choosing times here right now, so we can't hold this one for you. You can still book it.", {
        field: "start",
      });
    }
  }

  async function afterBooking(scope: TenantWriteScope, tenant: Tenant, appointment: Appointment, at: number, options: BookingOptions): Promise<void> {
    await scope.recordEvent({ appointmentId: appointment.id, at, actor: options.actor ?? "customer", action: appointment.status === "pending" ? "requested" : "booked", detail: { channel: appointment.channel } });
    await notifications.enqueue(scope, tenant, appointment.id, appointment.status === "pending" ? "pending" : "confirmation");
    await queuePendingBooking(approvals, scope, appointment, at);
    const settled = appointment.status === "pending" ? "appointment.pending_approval" : "appointment.confirmed";
    await webhooks.appointmentEvents(scope, tenant, appointment.id, ["appointment.created", settled]);
    await calendars?.appointmentChanged(scope, appointment);
    await options.alsoWrite?.(scope, appointment, at);
  }

  async function summaryOf(scope: TenantScope, tenant: Tenant, appointmentId: string): Promise<AppointmentSummary> {
    return toSummary((await scope.appointmentDetail(appointmentId))!, tenant, now());
  }

  async function replay(scope: TenantScope, tenant: Tenant, earlier: Appointment, input: BookingRequest): Promise<AppointmentSummary> {
    const sameRequest =
      earlier.serviceId === input.serviceId &&
      earlier.startAt === Date.parse(input.start) &&
      (input.staffId === undefined || earlier.staffId === input.staffId);
    if (!sameRequest) {
      throw new FrontdeskError("IDEMPOTENCY_KEY_REUSED", "This request key was already used for a different booking. Start a new booking.", {
        field: "idempotencyKey",
      });
    }
    return summaryOf(scope, tenant, earlier.id);
  }

}

export type BookingService = ReturnType<typeof bookingService>;

function holdExpired(): FrontdeskError {
  return new FrontdeskError("HOLD_EXPIRED", "We held that time for you, but the hold ran out and someone else booked it. Please pick another time.", {
    field: "start",
  });
}
