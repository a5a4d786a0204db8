import {
  addDays,
  availableSlots,
  localDateOf,
  weekStartOf,
  zonedWallTimeToUtc,
  type BookingLimits,
  type BusinessHours,
  type Interval,
  type MinuteRange,
  type Slot,
  type StaffAvailability,
  type Weekday,
} from "@frontdesk/core";
import type { Service, StaffMember, TenantScope, Tenant } from "@frontdesk/db";
import type { SetupSource } from "./setup-snapshot";

export interface SlotSearch {
  tenant: Tenant;
  service: Service;
  /** Staff who may take the booking, in display order. */
  staff: StaffMember[];
  from: string;
  to: string;
  now: number;
  /** When rescheduling: the appointment being moved does not stand in its own way. */
  excludeAppointmentId?: string;
  /** Only hours at this location. */
  locationId?: string;
}

export interface SlotSearchResult {
  /** Open slots: working, inside opening hours, free, within limits and policy. */
  open: Slot[];
  /** The grid the business offers at all, ignoring bookings and limits: tells "not on the grid" from "taken". */
  offered(): Slot[];
  /** Minutes each staff member has booked on the local date of `instant`: input to the assignment policy. */
  bookedMinutesOn(staffId: string, instant: number): number;
}

/** The booking policy for a service: its own settings where it has them, else the business's. */
export function policyFor(tenant: Tenant, service: Service) {
  return {
    minNoticeMin: service.minNoticeMin ?? tenant.minNoticeMin,
    horizonDays: service.horizonDays ?? tenant.horizonDays,
    slotIntervalMin: service.slotIntervalMin ?? tenant.slotIntervalMin,
    startOffsetMin: tenant.startOffsetMin,
  };
}

/**
 * Loads everything that shapes the days in question and asks the engine for slots. The set-up comes from `setup`
 * (a snapshot for queries; the scope itself inside a booking's write), appointments and time off from `scope`.
 */
export async function searchSlots(scope: TenantScope, search: SlotSearch, setup: SetupSource = scope): Promise<SlotSearchResult> {
  const { tenant, service, staff, from, to, now } = search;
  const zone = tenant.timeZone;
  // A weekly limit counts the bookings of the whole week; without one, the days asked for (and a margin) are enough.
  const weeklyLimit = service.maxPerWeek !== null || staff.some((member) => member.maxPerWeek !== null);
  const first = weeklyLimit ? weekStartOf(from) : from;
  const last = weeklyLimit ? addDays(weekStartOf(to), 6) : to;
  // What can overlap a slot that starts on these days: a slot reaches its length and buffers past the last midnight.
  const margin = (service.bufferBeforeMin + service.bufferAfterMin + service.durationMin) * 60_000;
  const fromMs = zonedWallTimeToUtc(first, 0, zone) - margin;
  const toMs = zonedWallTimeToUtc(addDays(last, 1), 0, zone) + margin;
  const staffIds = staff.map((member) => member.id);

  const [weekly, overrides, busy, hours, holidays, serviceBookings] = await Promise.all([
    setup.workingHours(staffIds, search.locationId),
    setup.dateOverrides(staffIds, from, to),
    scope.busy(staffIds, { fromMs, toMs, now }),
    setup.businessHours(search.locationId),
    setup.holidays(from, to),
    service.maxPerDay !== null || service.maxPerWeek !== null ? scope.activeBookingsOfService(service.id, fromMs, toMs, now) : Promise.resolve([]),
  ]);

  const calendar = toBusinessCalendar(hours, holidays);
  const isGroup = service.capacity > 1;
  const byStaff = new Map<string, StaffAvailability>();
  const booked = new Map<string, Interval[]>();
  for (const member of staff) {
    byStaff.set(member.id, {
      staffId: member.id,
      weekly: {},
      overrides: {},
      busy: [],
      ...(isGroup ? { seats: new Map<number, number>() } : {}),
      ...(member.maxPerDay !== null || member.maxPerWeek !== null
        ? { limits: { perDay: member.maxPerDay, perWeek: member.maxPerWeek, bookedByDay: {}, bookedByWeek: {} } }
        : {}),
    });
    booked.set(member.id, []);
  }
  for (const row of weekly) {
    (byStaff.get(row.staffId)!.weekly[row.weekday as Weekday] ??= []).push({ start: row.startMin, end: row.endMin, locationId: row.locationId });
  }
  for (const row of overrides) {
    const ranges = (byStaff.get(row.staffId)!.overrides[row.date] ??= []);
    if (row.startMin !== null && row.endMin !== null) ranges.push({ start: row.startMin, end: row.endMin });
  }
  for (const absence of busy.absences) byStaff.get(absence.staffId)!.busy.push(absence);

  for (const appointment of busy.booked) {
    if (appointment.id === search.excludeAppointmentId) continue;
    const member = byStaff.get(appointment.staffId)!;
    if (isGroup && appointment.serviceId === service.id) {
      member.seats!.set(appointment.startAt, (member.seats!.get(appointment.startAt) ?? 0) + 1);
    } else {
      member.busy.push({ start: appointment.blockedStart, end: appointment.blockedEnd });
    }
    booked.get(appointment.staffId)!.push({ start: appointment.startAt, end: appointment.endAt });
    if (member.limits) count(member.limits, localDateOf(appointment.startAt, zone));
  }

  let serviceLimits: BookingLimits | undefined;
  if (service.maxPerDay !== null || service.maxPerWeek !== null) {
    serviceLimits = { perDay: service.maxPerDay, perWeek: service.maxPerWeek, bookedByDay: {}, bookedByWeek: {} };
    for (const appointment of serviceBookings) {
      if (appointment.id !== search.excludeAppointmentId) count(serviceLimits, localDateOf(appointment.startAt, zone));
    }
  }

  const query = {
    timeZone: zone,
    from,
    to,
    now,
    service: {
      durationMin: service.durationMin,
      bufferBeforeMin: service.bufferBeforeMin,
      bufferAfterMin: service.bufferAfterMin,
      capacity: service.capacity,
      ...(serviceLimits ? { limits: serviceLimits } : {}),
    },
    policy: policyFor(tenant, service),
    holidays: calendar.closedDates,
    ...(calendar.businessHours ? { businessHours: calendar.businessHours } : {}),
  };
  const open = availableSlots({ ...query, staff: [...byStaff.values()] });
  return {
    open,
    offered: () =>
      availableSlots({
        ...query,
        service: { ...query.service, limits: undefined },
        staff: [...byStaff.values()].map((member) => ({ staffId: member.staffId, weekly: member.weekly, overrides: member.overrides, busy: [] })),
      }),
    bookedMinutesOn(staffId, instant) {
      const date = localDateOf(instant, zone);
      const dayStart = zonedWallTimeToUtc(date, 0, zone);
      const dayEnd = zonedWallTimeToUtc(addDays(date, 1), 0, zone);
      let total = 0;
      for (const interval of booked.get(staffId) ?? []) total += Math.max(0, Math.min(interval.end, dayEnd) - Math.max(interval.start, dayStart));
      return total / 60_000;
    },
  };
}

function count(limits: BookingLimits, date: string): void {
  limits.bookedByDay[date] = (limits.bookedByDay[date] ?? 0) + 1;
  const week = weekStartOf(date);
  limits.bookedByWeek[week] = (limits.bookedByWeek[week] ?? 0) + 1;
}

/** Opening hours and holidays as the engine takes them: closed dates, and special hours that replace the weekly ones. */
export function toBusinessCalendar(
  hours: { weekday: number; startMin: number; endMin: number }[],
  holidays: { date: string; startMin: number | null; endMin: number | null }[],
): { closedDates: string[]; businessHours?: BusinessHours } {
  const special: Record<string, MinuteRange[]> = {};
  const closed = new Set<string>();
  for (const holiday of holidays) {
    if (holiday.startMin === null || holiday.endMin === null) closed.add(holiday.date);
    else (special[holiday.date] ??= []).push({ start: holiday.startMin, end: holiday.endMin });
  }
  for (const date of closed) delete special[date];
  if (hours.length === 0 && Object.keys(special).length === 0) return { closedDates: [...closed] };
  const weekly: Partial<Record<Weekday, MinuteRange[]>> = {};
  if (hours.length === 0) for (let day = 0; day < 7; day++) weekly[day as Weekday] = [{ start: 0, end: 1440 }];
  for (const row of hours) (weekly[row.weekday as Weekday] ??= []).push({ start: row.startMin, end: row.endMin });
  return { closedDates: [...closed], businessHours: { weekly, special } };
}
