import {
  bookingWindow,
  FrontdeskError,
  isoInstant,
  localDateOf,
  rankStaff,
  type AppointmentSummary,
  type Availability,
  type AvailabilityInput,
  type Catalog,
  type createBookingInput,
  type Hold,
  type holdInput,
} from "@frontdesk/core";
import {
  expireLapsedHolds,
  forTenant,
  sqliteErrorOf,
  type Appointment,
  type Db,
  type Service,
  type StaffMember,
  type Tenant,
  type TenantScope,
  randomId,
} from "@frontdesk/db";
import type { z } from "zod";
import { toSummary } from "../appointments/present";
import type { NotificationService } from "../notifications/notifications.service";
import { policyFor, searchSlots } from "../scheduling/availability";
import { setupSnapshots, type SetupSnapshot, type SetupSource } from "../scheduling/setup-snapshot";
import { holdsPerStaffMember, maxHoldsPerClient, minHoldsPerBusiness } from "../http/limits";

type CreateBooking = z.output<typeof createBookingInput>;
type HoldRequest = z.output<typeof holdInput>;
export type Channel = "web" | "phone" | "staff";

export interface BookingDeps {
  db: Db;
  now: () => number;
  notifications: NotificationService;
}

/** Booking use cases shared by the website widget and the phone agent: catalogue, open times, holds, bookings. */
export function bookingService({ db, now, notifications }: BookingDeps) {
  const setups = setupSnapshots(db, now);

  /** The business's set-up as of the last write, for queries; bookings read it inside their write instead. */
  async function snapshotOf(tenantId: string): Promise<SetupSnapshot> {
    const snapshot = await setups.of(tenantId);
    if (!snapshot) throw new FrontdeskError("NOT_FOUND", "This business no longer exists.");
    return snapshot;
  }

  async function loadTenant(tenantId: string): Promise<{ scope: TenantScope; tenant: Tenant }> {
    const scope = forTenant(db, tenantId);
    const tenant = await scope.tenant();
    if (!tenant) throw new FrontdeskError("NOT_FOUND", "This business no longer exists.");
    return { scope, tenant };
  }

  /**
   * Checks a requested start against the policy and today's open slots; returns who could take it, best first.
   * `excludeAppointmentId` lets a rescheduled appointment ignore its own time.
   */
  async function candidatesFor(
    scope: TenantScope,
    tenant: Tenant,
    service: Service,
    staff: StaffMember[],
    start: number,
    options: { excludeAppointmentId?: string; locationId?: string | null } = {},
  ): Promise<{ candidates: string[]; ranked: boolean }> {
    const current = now();
    const policy = policyFor(tenant, service);
    const window = bookingWindow(policy, current, tenant.timeZone);
    if (start < current) throw new FrontdeskError("START_IN_PAST", "That time has already passed. Pick a later time.", { field: "start" });
    if (start < window.earliest) {
      throw new FrontdeskError("TOO_SOON", `Bookings need at least ${policy.minNoticeMin} minutes' notice. Pick a later time.`, { field: "start" });
    }
    if (start >= window.end) {
      const days = policy.horizonDays === 1 ? "1 day" : `${policy.horizonDays} days`;
      throw new FrontdeskError("BEYOND_HORIZON", `You can book up to ${days} ahead. Pick an earlier date.`, { field: "start" });
    }
    const day = localDateOf(start, tenant.timeZone);
    const found = await searchSlots(scope, {
      tenant,
      service,
      staff,
      from: day,
      to: day,
      now: current,
      ...(options.excludeAppointmentId ? { excludeAppointmentId: options.excludeAppointmentId } : {}),
      ...(options.locationId ? { locationId: options.locationId } : {}),
    });
    if (!found.offered().some((slot) => slot.start === start)) {
      throw new FrontdeskError("SLOT_NOT_ON_GRID", "We don't offer an appointment at that time. Pick one of the listed times.", { field: "start" });
    }
    const free = found.open.find((slot) => slot.start === start)?.staffIds ?? [];
    if (free.length === 0) throw slotTaken();
    if (free.length === 1) return { candidates: free, ranked: false };
    const lastAssigned = await scope.lastPolicyAssignments(free);
    const stats = Object.fromEntries(
      free.map((id) => [id, { bookedMinutesThatDay: found.bookedMinutesOn(id, start), lastAssignedAt: lastAssigned.get(id) ?? null }]),
    );
    return { candidates: rankStaff(free, tenant.assignmentPolicy, stats), ranked: true };
  }

  /** Tries each candidate in turn: the database refuses one whose time was taken since we looked. */
  async function insertFirstFree(
    scope: TenantScope,
    candidates: string[],
    values: Omit<Parameters<TenantScope["insertAppointment"]>[0], "id" | "staffId">,
  ): Promise<Appointment> {
    for (const staffId of candidates) {
      try {
        return await scope.insertAppointment({ ...values, id: randomId("apt"), staffId, createdAt: now() });
      } catch (error) {
        if (!isSlotConflict(error)) throw error;
      }
    }
    throw slotTaken();
  }

  function needsApproval(tenant: Tenant, service: Service, channel: Channel): boolean {
    if (channel === "staff") return false;
    return service.requiresApproval || (channel === "web" ? tenant.webRequiresApproval : tenant.phoneRequiresApproval);
  }

  return {
    loadTenant,
    candidatesFor,

    async serviceAndStaff(setup: SetupSource, serviceId: string, staffId: string | undefined) {
      const service = await setup.service(serviceId);
      if (!service) throw new FrontdeskError("UNKNOWN_SERVICE", "We don't offer that service. Pick one from the list.", { field: "serviceId" });
      const performers = await setup.staffForService(serviceId);
      if (staffId === undefined) return { service, staff: performers };
      const chosen = performers.filter((member) => member.id === staffId);
      if (chosen.length === 0) {
        throw new FrontdeskError("UNKNOWN_STAFF", "That team member doesn't offer this service. Pick someone else or any available.", { field: "staffId" });
      }
      return { service, staff: chosen };
    },

    /** The location id if the business has it; a missing id means any location. */
    async checkLocation(setup: SetupSource, locationId: string | undefined): Promise<string | undefined> {
      if (locationId === undefined) return undefined;
      if (!(await setup.location(locationId))) {
        throw new FrontdeskError("UNKNOWN_LOCATION", "There is no such location. Pick one from the list.", { field: "locationId" });
      }
      return locationId;
    },

    async catalog(tenantId: string): Promise<Catalog> {
      const { tenant, services, staff, staffServices: links, locations: places } = await snapshotOf(tenantId);
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

    async availability(tenantId: string, input: AvailabilityInput, excludeAppointmentId?: string): Promise<Availability> {
      const current = now();
      const snapshot = await snapshotOf(tenantId);
      const tenant = snapshot.tenant;
      const { service, staff } = await this.serviceAndStaff(snapshot, input.serviceId, input.staffId);
      const locationId = await this.checkLocation(snapshot, input.locationId);
      const { open } = await searchSlots(forTenant(db, tenantId), {
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
    async hold(tenantId: string, input: HoldRequest, client: string | null = null): Promise<Hold> {
      const { scope, tenant } = await loadTenant(tenantId);
      const { service, staff } = await this.serviceAndStaff(scope, input.serviceId, input.staffId);
      const start = Date.parse(input.start);
      const locationId = (await this.checkLocation(scope, input.locationId)) ?? null;
      const held = await db.transaction(async (tx) => {
        const current = now();
        const txScope = forTenant(tx, tenantId);
        await expireLapsedHolds(tx, current);
        await checkHoldCeilings(txScope, client);
        // Inside the write: limits count bookings, which only the database's latest state can tell.
        const { candidates, ranked } = await candidatesFor(txScope, tenant, service, staff, start, { locationId });
        const end = start + service.durationMin * 60_000;
        return insertFirstFree(txScope, candidates, {
          serviceId: service.id,
          status: "held",
          holdClient: client,
          locationId,
          startAt: start,
          endAt: end,
          blockedStart: start - service.bufferBeforeMin * 60_000,
          blockedEnd: end + service.bufferAfterMin * 60_000,
          expiresAt: current + tenant.holdMinutes * 60_000,
          assignedBy: ranked || input.staffId === undefined ? "policy" : "customer",
        });
      });
      return {
        holdId: held.id,
        staffId: held.staffId,
        start: new Date(held.startAt).toISOString(),
        end: new Date(held.endAt).toISOString(),
        expiresAt: new Date(held.expiresAt!).toISOString(),
      };
    },

    /** Gives a held time back; a hold that already lapsed or became the booking stays as it is. */
    async releaseHold(tenantId: string, holdId: string): Promise<void> {
      const scope = forTenant(db, tenantId);
      await db.write(async () => {
        const released = await scope.updateAppointment(holdId, ["held"], { status: "expired", statusReason: "Released by the customer." });
        if (!released && !(await scope.appointment(holdId))) {
          throw new FrontdeskError("NOT_FOUND", "There is no such hold. Pick a time again.", { field: "holdId" });
        }
      });
    },

    async create(tenantId: string, input: CreateBooking, channel: Channel = "web"): Promise<AppointmentSummary> {
      const { scope, tenant } = await loadTenant(tenantId);
      const { service, staff } = await this.serviceAndStaff(scope, input.serviceId, input.staffId);
      const locationId = (await this.checkLocation(scope, input.locationId)) ?? null;
      const start = Date.parse(input.start);

      if (input.idempotencyKey) {
        const earlier = await scope.appointmentByIdempotencyKey(input.idempotencyKey);
        if (earlier) return replay(scope, tenant, earlier, input);
      }

      const pending = needsApproval(tenant, service, channel);
      const customer = {
        id: randomId("cus"),
        name: input.customer.name,
        email: input.customer.email.toLowerCase(),
        phone: input.customer.phone ?? null,
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
        if (input.idempotencyKey && isIdempotencyConflict(error)) {
          // Two retries of one submission raced: the loser answers with the winner's booking.
          return replay(scope, tenant, (await scope.appointmentByIdempotencyKey(input.idempotencyKey))!, input);
        }
        throw input.holdId && error instanceof FrontdeskError && error.code === "SLOT_TAKEN" ? holdExpired() : error;
      }

      /**
       * Customer, appointment, history and messages commit together: a booking never lands without its
       * confirmation. Inside, a retry racing its first attempt finds that attempt's booking for sure.
       */
      function bookingTransaction<T extends Appointment | undefined>(work: (txScope: TenantScope, current: number) => Promise<T>) {
        return db.transaction(async (tx): Promise<Appointment | T> => {
          const current = now();
          const txScope = forTenant(tx, tenantId);
          await expireLapsedHolds(tx, current);
          const replayed = input.idempotencyKey ? await txScope.appointmentByIdempotencyKey(input.idempotencyKey) : undefined;
          return replayed ?? work(txScope, current);
        });
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
          if (saved) await afterBooking(txScope, saved, current);
          return saved;
        });
      }

      function bookFreeTime(): Promise<Appointment> {
        return bookingTransaction(async (txScope, current) => {
          // Inside the write: limits count bookings, which only the database's latest state can tell.
          const { candidates, ranked } = await candidatesFor(txScope, tenant, service, staff, start, { locationId });
          const customerId = await txScope.saveCustomer(customer);
          const end = start + service.durationMin * 60_000;
          const appointment = await insertFirstFree(txScope, candidates, {
            ...booking(current),
            serviceId: service.id,
            customerId,
            locationId,
            startAt: start,
            endAt: end,
            blockedStart: start - service.bufferBeforeMin * 60_000,
            blockedEnd: end + service.bufferAfterMin * 60_000,
            assignedBy: ranked || input.staffId === undefined ? "policy" : "customer",
          });
          await afterBooking(txScope, appointment, current);
          return appointment;
        });
      }
    },
  };

  /** Holds only speed booking up, so refusing one loses the customer nothing: they can still book the time. */
  async function checkHoldCeilings(scope: TenantScope, client: string | null): Promise<void> {
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

  async function afterBooking(scope: TenantScope, appointment: Appointment, at: number): Promise<void> {
    await scope.recordEvent({ appointmentId: appointment.id, at, actor: "customer", action: appointment.status === "pending" ? "requested" : "booked", detail: { channel: appointment.channel } });
    await notifications.enqueue(scope, appointment.id, appointment.status === "pending" ? "pending" : "confirmation");
  }

  async function summaryOf(scope: TenantScope, tenant: Tenant, appointmentId: string): Promise<AppointmentSummary> {
    return toSummary((await scope.appointmentDetail(appointmentId))!, tenant, now());
  }

  async function replay(scope: TenantScope, tenant: Tenant, earlier: Appointment, input: CreateBooking): Promise<AppointmentSummary> {
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

export function slotTaken(): FrontdeskError {
  return new FrontdeskError("SLOT_TAKEN", "Sorry, that time was just booked by someone else. Please pick another time.", { field: "start" });
}

function holdExpired(): FrontdeskError {
  return new FrontdeskError("HOLD_EXPIRED", "We held that time for you, but the hold ran out and someone else booked it. Please pick another time.", {
    field: "start",
  });
}

export function isSlotConflict(error: unknown): boolean {
  const sqlite = sqliteErrorOf(error);
  return !!sqlite && sqlite.code.startsWith("SQLITE_CONSTRAINT") && sqlite.message.includes("SLOT_TAKEN");
}

function isIdempotencyConflict(error: unknown): boolean {
  const sqlite = sqliteErrorOf(error);
  return !!sqlite && sqlite.code.startsWith("SQLITE_CONSTRAINT") && sqlite.message.includes("appointments.idempotency_key");
}
