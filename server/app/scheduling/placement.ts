import { bookingWindow, FrontdeskError, localDateOf, rankStaff } from "@frontdesk/core";
import {
  isConflict,
  randomId,
  slotTaken,
  type Appointment,
  type AppointmentPatch,
  type NewAppointment,
  type Service,
  type StaffMember,
  type Tenant,
  type TenantScope,
  type TenantWriteScope,
} from "@frontdesk/db";
import { policyFor, searchSlots } from "./availability";
import type { SetupSource } from "./setup-snapshot";

/**
 * Where an appointment goes: which staff may take a start, who gets it, the time it keeps them busy, and the
 * first-free write that lets the database's overlap guard have the last word. Booking, rescheduling and the
 * phone agent's tools all place appointments through here.
 */

/** The time an appointment takes, and the time it keeps its staff member busy: the appointment plus the service's buffers. */
export function spanOf(service: Service, start: number): Pick<Appointment, "startAt" | "endAt" | "blockedStart" | "blockedEnd"> {
  const end = start + service.durationMin * 60_000;
  return { startAt: start, endAt: end, blockedStart: start - service.bufferBeforeMin * 60_000, blockedEnd: end + service.bufferAfterMin * 60_000 };
}

/** The service and the staff who may perform it: all its performers, or the one asked for. */
export async function serviceAndStaff(setup: SetupSource, serviceId: string, staffId: string | undefined): Promise<{ service: Service; staff: StaffMember[] }> {
  const service = await setup.service(serviceId);
  if (!service) throw new FrontdeskError("UNKNOWN_SERVICE", "We don't offer that service. Pick one from the list.", { field: "serviceId" });
  const performers = await setup.staffForService(serviceId);
  if (staffId === undefined) return { service, staff: performers };
  const chosen = performers.filter((member) => member.id === staffId);
  if (chosen.length === 0) {
    throw new FrontdeskError("UNKNOWN_STAFF", "That team member doesn't offer this service. Pick someone else or any available.", { field: "staffId" });
  }
  return { service, staff: chosen };
}

/** The location id if the business has it; a missing id means any location. */
export async function checkLocation(setup: SetupSource, locationId: string | undefined): Promise<string | undefined> {
  if (locationId === undefined) return undefined;
  if (!(await setup.location(locationId))) {
    throw new FrontdeskError("UNKNOWN_LOCATION", "There is no such location. Pick one from the list.", { field: "locationId" });
  }
  return locationId;
}

export interface CandidateRequest {
  tenant: Tenant;
  service: Service;
  /** Who may take it, in display order. */
  staff: StaffMember[];
  start: number;
  /** When rescheduling: the appointment being moved does not stand in its own way. */
  excludeAppointmentId?: string;
  locationId?: string | null;
}

export function placement(now: () => number) {
  return {
    /**
     * Checks a requested start against the policy and the day's open slots; returns who could take it, best first.
     * Run it inside the write that places the appointment: limits count bookings only the latest state knows.
     */
    async candidatesFor(scope: TenantScope, request: CandidateRequest, setup: SetupSource = scope): Promise<{ candidates: string[]; ranked: boolean }> {
      const { tenant, service, staff, start } = request;
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
        ...(request.excludeAppointmentId ? { excludeAppointmentId: request.excludeAppointmentId } : {}),
        ...(request.locationId ? { locationId: request.locationId } : {}),
      }, setup);
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
    },

    /** Adds the appointment with each candidate in turn: the database refuses one whose time was taken since we looked. */
    async insertFirstFree(scope: TenantWriteScope, candidates: string[], values: Omit<NewAppointment, "id" | "staffId">): Promise<Appointment> {
      for (const staffId of candidates) {
        try {
          return await scope.insertAppointment({ ...values, id: randomId("apt"), staffId, createdAt: now() });
        } catch (error) {
          if (!isConflict(error, "SLOT_TAKEN")) throw error;
        }
      }
      throw slotTaken();
    },

    /**
     * Moves an appointment (still in one of `from`) to each candidate in turn until the overlap guard accepts one.
     * Undefined if it was no longer in one of `from`.
     */
    async moveFirstFree(
      scope: TenantWriteScope,
      appointmentId: string,
      candidates: string[],
      change: { from: Appointment["status"][]; patch: Omit<AppointmentPatch, "staffId"> },
    ): Promise<Appointment | undefined> {
      for (const staffId of candidates) {
        try {
          return await scope.updateAppointment(appointmentId, change.from, { ...change.patch, staffId });
        } catch (error) {
          if (!isConflict(error, "SLOT_TAKEN")) throw error;
        }
      }
      throw slotTaken();
    },
  };
}

export type Placement = ReturnType<typeof placement>;
