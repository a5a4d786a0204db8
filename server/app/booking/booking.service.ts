import {
  addDays,
  availableSlots,
  FrontdeskError,
  localDateOf,
  zonedWallTimeToUtc,
  type AppointmentSummary,
  type Availability,
  type AvailabilityInput,
  type Catalog,
  type Interval,
  type MinuteRange,
  type Slot,
  type StaffAvailability,
  type Weekday,
  type createBookingInput,
} from "@frontdesk/core";
import { forTenant, sqliteErrorOf, type Appointment, type Db, type Service, type StaffMember, type Tenant } from "@frontdesk/db";
import type { z } from "zod";
import { newId } from "../ids";

type CreateBooking = z.output<typeof createBookingInput>;

const dayMs = 86_400_000;

/** Booking use cases for one server: the catalogue, open times, and making an appointment. */
export function bookingService(db: Db, now: () => number) {
  async function loadTenant(tenantId: string): Promise<{ scope: ReturnType<typeof forTenant>; tenant: Tenant }> {
    const scope = forTenant(db, tenantId);
    const tenant = await scope.tenant();
    if (!tenant) throw new FrontdeskError("NOT_FOUND", "This business no longer exists.");
    return { scope, tenant };
  }

  async function serviceAndStaff(scope: ReturnType<typeof forTenant>, serviceId: string, staffId: string | undefined) {
    const service = await scope.service(serviceId);
    if (!service) throw new FrontdeskError("UNKNOWN_SERVICE", "We don't offer that service. Pick one from the list.", { field: "serviceId" });
    const performers = await scope.staffForService(serviceId);
    if (staffId === undefined) return { service, staff: performers };
    const chosen = performers.filter((member) => member.id === staffId);
    if (chosen.length === 0) {
      throw new FrontdeskError("UNKNOWN_STAFF", "That team member doesn't offer this service. Pick someone else or any available.", { field: "staffId" });
    }
    return { service, staff: chosen };
  }

  /** Open slots between two local dates; `ignoreBookings` gives the grid the business offers at all. */
  async function slotsFor(
    scope: ReturnType<typeof forTenant>,
    tenant: Tenant,
    service: Service,
    staff: StaffMember[],
    from: string,
    to: string,
  ): Promise<{ open: Slot[]; offered: Slot[]; bookedMs(staffId: string): number }> {
    const zone = tenant.timeZone;
    const margin = dayMs + (service.bufferBeforeMin + service.bufferAfterMin) * 60_000;
    const fromMs = zonedWallTimeToUtc(from, 0, zone) - margin;
    const toMs = zonedWallTimeToUtc(addDays(to, 1), 0, zone) + margin;
    const staffIds = staff.map((member) => member.id);
    const [schedules, holidays] = await Promise.all([
      scope.schedules(staffIds, { fromDate: from, toDate: to, fromMs, toMs }),
      scope.holidayDates(from, to),
    ]);

    const availability = new Map<string, StaffAvailability>(
      staffIds.map((staffId) => [staffId, { staffId, weekly: {}, overrides: {}, busy: [] }]),
    );
    for (const row of schedules.hours) {
      const weekly = availability.get(row.staffId)!.weekly;
      (weekly[row.weekday as Weekday] ??= []).push({ start: row.startMin, end: row.endMin });
    }
    for (const row of schedules.overrides) {
      const ranges: MinuteRange[] = (availability.get(row.staffId)!.overrides[row.date] ??= []);
      if (row.startMin !== null && row.endMin !== null) ranges.push({ start: row.startMin, end: row.endMin });
    }
    const bookings = new Map<string, Interval[]>(staffIds.map((id) => [id, []]));
    for (const absence of schedules.absences) availability.get(absence.staffId)!.busy.push(absence);
    for (const booked of schedules.booked) bookings.get(booked.staffId)!.push(booked);

    const query = {
      timeZone: zone,
      from,
      to,
      now: now(),
      service: { durationMin: service.durationMin, bufferBeforeMin: service.bufferBeforeMin, bufferAfterMin: service.bufferAfterMin },
      policy: { minNoticeMin: tenant.minNoticeMin, horizonDays: tenant.horizonDays, slotIntervalMin: tenant.slotIntervalMin },
      holidays: holidays.map((holiday) => holiday.date),
    };
    const offered = availableSlots({ ...query, staff: [...availability.values()] });
    const open = availableSlots({
      ...query,
      staff: [...availability.values()].map((member) => ({ ...member, busy: [...member.busy, ...bookings.get(member.staffId)!] })),
    });
    const dayStart = zonedWallTimeToUtc(from, 0, zone);
    const dayEnd = zonedWallTimeToUtc(addDays(to, 1), 0, zone);
    const bookedMs = (staffId: string) =>
      bookings.get(staffId)!.reduce((sum, booked) => sum + Math.max(0, Math.min(booked.end, dayEnd) - Math.max(booked.start, dayStart)), 0);
    return { open, offered, bookedMs };
  }

  function summary(appointment: Appointment, tenant: Tenant, service: Service, staff: StaffMember, customerName: string): AppointmentSummary {
    return {
      id: appointment.id,
      status: appointment.status,
      serviceId: appointment.serviceId,
      staffId: appointment.staffId,
      start: new Date(appointment.startAt).toISOString(),
      end: new Date(appointment.endAt).toISOString(),
      timeZone: tenant.timeZone,
      serviceName: service.name,
      staffName: staff.name,
      customerName,
    };
  }

  return {
    async catalog(tenantId: string): Promise<Catalog> {
      const { scope, tenant } = await loadTenant(tenantId);
      const [services, staff, links] = await Promise.all([scope.services(), scope.staff(), scope.staffServices()]);
      const activeStaff = new Set(staff.map((member) => member.id));
      return {
        business: { name: tenant.name, timeZone: tenant.timeZone, sandbox: tenant.sandbox },
        services: services.map((service) => ({
          id: service.id,
          name: service.name,
          description: service.description,
          durationMin: service.durationMin,
          priceCents: service.priceCents,
          currency: service.currency,
          staffIds: staff
            .filter((member) => links.some((link) => link.serviceId === service.id && link.staffId === member.id))
            .map((member) => member.id)
            .filter((id) => activeStaff.has(id)),
        })),
        staff: staff.map((member) => ({ id: member.id, name: member.name, title: member.title })),
      };
    },

    async availability(tenantId: string, input: AvailabilityInput): Promise<Availability> {
      const { scope, tenant } = await loadTenant(tenantId);
      const { service, staff } = await serviceAndStaff(scope, input.serviceId, input.staffId);
      const { open } = await slotsFor(scope, tenant, service, staff, input.from, input.to);
      return {
        timeZone: tenant.timeZone,
        slots: open.map((slot) => ({ start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), staffIds: slot.staffIds })),
      };
    },

    async create(tenantId: string, input: CreateBooking): Promise<AppointmentSummary> {
      const { scope, tenant } = await loadTenant(tenantId);
      const { service, staff } = await serviceAndStaff(scope, input.serviceId, input.staffId);

      if (input.idempotencyKey) {
        const earlier = await scope.appointmentByIdempotencyKey(input.idempotencyKey);
        if (earlier) return replay(earlier, input, tenant, service, staff);
      }

      const start = Date.parse(input.start);
      const current = now();
      if (start < current) throw new FrontdeskError("START_IN_PAST", "That time has already passed. Pick a later time.", { field: "start" });
      if (start < current + tenant.minNoticeMin * 60_000) {
        throw new FrontdeskError("TOO_SOON", `Bookings need at least ${tenant.minNoticeMin} minutes' notice. Pick a later time.`, { field: "start" });
      }
      if (start > current + tenant.horizonDays * dayMs) {
        throw new FrontdeskError("BEYOND_HORIZON", `You can book up to ${tenant.horizonDays} days ahead. Pick an earlier date.`, { field: "start" });
      }

      const day = localDateOf(start, tenant.timeZone);
      const { open, offered, bookedMs } = await slotsFor(scope, tenant, service, staff, day, day);
      if (!offered.some((slot) => slot.start === start)) {
        throw new FrontdeskError("SLOT_NOT_ON_GRID", "We don't offer an appointment at that time. Pick one of the listed times.", { field: "start" });
      }
      // "Any available" goes to the least busy person that day; a stable sort keeps display order on ties.
      const candidates = [...(open.find((slot) => slot.start === start)?.staffIds ?? [])].sort((a, b) => bookedMs(a) - bookedMs(b));
      if (candidates.length === 0) throw slotTaken();

      const end = start + service.durationMin * 60_000;
      const booking = {
        serviceId: service.id,
        startAt: start,
        endAt: end,
        blockedStart: start - service.bufferBeforeMin * 60_000,
        blockedEnd: end + service.bufferAfterMin * 60_000,
        status: "confirmed" as const,
        channel: "web" as const,
        notes: input.notes?.trim() ?? "",
        customerTimeZone: input.customerTimeZone ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
        customer: { id: newId("cus"), name: input.customer.name, email: input.customer.email.toLowerCase(), phone: input.customer.phone ?? null },
      };

      // The database is the last word: if someone else took a candidate since we looked, try the next one.
      const saved = await db.write(async () => {
        for (const staffId of candidates) {
          const id = newId("apt");
          try {
            await scope.insertBooking({ ...booking, id, staffId });
            return { appointment: (await scope.appointment(id))!, replayed: false };
          } catch (error) {
            if (input.idempotencyKey && isIdempotencyConflict(error)) {
              return { appointment: (await scope.appointmentByIdempotencyKey(input.idempotencyKey))!, replayed: true };
            }
            if (!isSlotConflict(error)) throw error;
          }
        }
        throw slotTaken();
      });
      if (saved.replayed) return replay(saved.appointment, input, tenant, service, staff);
      const member = staff.find((candidate) => candidate.id === saved.appointment.staffId)!;
      return summary(saved.appointment, tenant, service, member, input.customer.name);
    },
  };

  async function replay(earlier: Appointment, input: CreateBooking, tenant: Tenant, service: Service, staff: StaffMember[]) {
    const sameRequest =
      earlier.serviceId === input.serviceId &&
      earlier.startAt === Date.parse(input.start) &&
      (input.staffId === undefined || earlier.staffId === input.staffId);
    if (!sameRequest) {
      throw new FrontdeskError("IDEMPOTENCY_KEY_REUSED", "This request key was already used for a different booking. Start a new booking.", {
        field: "idempotencyKey",
      });
    }
    const member = staff.find((candidate) => candidate.id === earlier.staffId);
    return summary(earlier, tenant, service, member!, input.customer.name);
  }
}

export type BookingService = ReturnType<typeof bookingService>;

function slotTaken(): FrontdeskError {
  return new FrontdeskError("SLOT_TAKEN", "Sorry, that time was just booked by someone else. Please pick another time.", { field: "start" });
}

function isSlotConflict(error: unknown): boolean {
  const sqlite = sqliteErrorOf(error);
  if (!sqlite || !sqlite.code.startsWith("SQLITE_CONSTRAINT")) return false;
  return sqlite.message.includes("SLOT_TAKEN") || sqlite.message.includes("appointments.staff_id");
}

function isIdempotencyConflict(error: unknown): boolean {
  const sqlite = sqliteErrorOf(error);
  return !!sqlite && sqlite.code.startsWith("SQLITE_CONSTRAINT") && sqlite.message.includes("appointments.idempotency_key");
}
