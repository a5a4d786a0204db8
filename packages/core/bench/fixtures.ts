import type { BookingLimits, BusinessHours, Interval, MinuteRange, SlotQuery, StaffAvailability } from "../src/index";
import { addDays, localDateOf, weekStartOf, weekdayOf, zonedWallTimeToUtc } from "../src/index";

/** Seeded generator (mulberry32): the same fixtures on every run, so figures compare across commits. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const at = (hours: number, minutes = 0) => hours * 60 + minutes;
const weekday: MinuteRange[] = [
  { start: at(8), end: at(12, 30) },
  { start: at(13, 30), end: at(18) },
];
const saturday: MinuteRange[] = [{ start: at(9), end: at(13) }];

export interface ClinicOptions {
  staffCount: number;
  appointmentCount: number;
  seed?: number;
}

/**
 * A Berlin clinic's March 2026 (it includes the switch to summer time): weekday hours with a lunch
 * break, short Saturdays, a 30-minute service on a 15-minute grid, and `appointmentCount` existing
 * 30-minute appointments spread over the month's working hours across all staff.
 */
export function clinicMonth({ staffCount, appointmentCount, seed = 1 }: ClinicOptions): SlotQuery {
  const timeZone = "Europe/Berlin";
  const from = "2026-03-01";
  const to = "2026-03-31";
  const random = seededRandom(seed);

  const workdays: { date: string; hours: MinuteRange[] }[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = weekdayOf(date);
    if (day >= 1 && day <= 5) workdays.push({ date, hours: weekday });
    if (day === 6) workdays.push({ date, hours: saturday });
  }

  const busy: Interval[][] = Array.from({ length: staffCount }, () => []);
  for (let i = 0; i < appointmentCount; i++) {
    const { date, hours } = pick(workdays, random);
    const range = pick(hours, random);
    const quarterHours = Math.floor((range.end - range.start - 30) / 15) + 1;
    const start = zonedWallTimeToUtc(date, range.start + 15 * Math.floor(random() * quarterHours), timeZone);
    pick(busy, random).push({ start, end: start + 30 * 60_000 });
  }

  const staff: StaffAvailability[] = busy.map((appointments, index) => ({
    staffId: `staff-${index + 1}`,
    weekly: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday, 6: saturday },
    // Everyone takes one day off in the month.
    overrides: { [pick(workdays, random).date]: [] },
    busy: appointments,
  }));

  return {
    timeZone,
    from,
    to,
    now: zonedWallTimeToUtc(from, 0, timeZone),
    service: { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 5 },
    policy: { minNoticeMin: 120, horizonDays: 60, slotIntervalMin: 15 },
    holidays: [],
    staff,
  };
}

export interface BusyClinicOptions {
  staffCount: number;
  serviceCount: number;
  appointmentCount: number;
  calendarEventCount: number;
  /** Seats per session of the queried service; above 1 its appointments become sessions with seats. */
  capacity?: number;
  seed?: number;
}

const MINUTE_MS = 60_000;
// Durations and buffers of the clinic's services; the first is the one queried.
const serviceMenu = [
  { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 5 },
  { durationMin: 15, bufferBeforeMin: 0, bufferAfterMin: 0 },
  { durationMin: 45, bufferBeforeMin: 5, bufferAfterMin: 10 },
  { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 15 },
  { durationMin: 20, bufferBeforeMin: 0, bufferAfterMin: 5 },
  { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0 },
  { durationMin: 90, bufferBeforeMin: 10, bufferAfterMin: 10 },
  { durationMin: 15, bufferBeforeMin: 0, bufferAfterMin: 5 },
  { durationMin: 40, bufferBeforeMin: 0, bufferAfterMin: 10 },
  { durationMin: 25, bufferBeforeMin: 5, bufferAfterMin: 0 },
];
const opening: BusinessHours = {
  weekly: {
    1: [{ start: at(8, 30), end: at(18) }],
    2: [{ start: at(8, 30), end: at(18) }],
    3: [{ start: at(8, 30), end: at(18) }],
    4: [{ start: at(8, 30), end: at(19) }],
    5: [{ start: at(8, 30), end: at(17) }],
    6: [{ start: at(9), end: at(12) }],
  },
  // Short hours before a long weekend.
  special: { "2026-03-20": [{ start: at(8, 30), end: at(14) }] },
};

/**
 * The same Berlin March with everything the product sets: `serviceCount` services, of which the first is
 * queried and the others' appointments are busy time; calendar events from connected calendars (some
 * all-day); opening hours that cut the staff's hours; and daily and weekly limits per person and for
 * the service, counted from the appointments so some days are already full.
 */
export function busyClinicMonth({
  staffCount,
  serviceCount,
  appointmentCount,
  calendarEventCount,
  capacity = 1,
  seed = 1,
}: BusyClinicOptions): SlotQuery {
  const base = clinicMonth({ staffCount, appointmentCount: 0, seed });
  const { timeZone, from, to } = base;
  const random = seededRandom(seed + 1);
  const services = serviceMenu.slice(0, serviceCount);
  const queried = services[0];
  if (!queried) throw new Error("At least one service is needed.");

  const workdays: { date: string; hours: MinuteRange[] }[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = weekdayOf(date);
    if (day >= 1 && day <= 5) workdays.push({ date, hours: weekday });
    if (day === 6) workdays.push({ date, hours: saturday });
  }

  const noneBooked = (perDay: number | null, perWeek: number | null): BookingLimits => ({
    perDay,
    perWeek,
    bookedByDay: {},
    bookedByWeek: {},
  });
  const people = base.staff.map((staff) => ({
    ...staff,
    busy: new Array<Interval>(),
    seats: new Map<number, number>(),
    booked: noneBooked(12, 60),
  }));
  const serviceBooked = noneBooked(30, null);
  const count = (limits: BookingLimits, start: number) => {
    const date = localDateOf(start, timeZone);
    const week = weekStartOf(date);
    limits.bookedByDay[date] = (limits.bookedByDay[date] ?? 0) + 1;
    limits.bookedByWeek[week] = (limits.bookedByWeek[week] ?? 0) + 1;
  };

  for (let i = 0; i < appointmentCount; i++) {
    const service = pick(services, random);
    const { date, hours } = pick(workdays, random);
    const range = pick(hours, random);
    const quarterHours = Math.max(1, Math.floor((range.end - range.start - service.durationMin) / 15) + 1);
    const start = zonedWallTimeToUtc(date, range.start + 15 * Math.floor(random() * quarterHours), timeZone);
    const person = pick(people, random);
    count(person.booked, start);
    if (service === queried) count(serviceBooked, start);
    if (service === queried && capacity > 1) {
      person.seats.set(start, Math.min(capacity, (person.seats.get(start) ?? 0) + 1));
      continue;
    }
    person.busy.push({
      start: start - service.bufferBeforeMin * MINUTE_MS,
      end: start + (service.durationMin + service.bufferAfterMin) * MINUTE_MS,
    });
  }

  for (let i = 0; i < calendarEventCount; i++) {
    const { date } = pick(workdays, random);
    const person = pick(people, random);
    // One event in twenty is all-day (a conference, a sick day); the rest are meetings and errands.
    if (random() < 0.05) {
      person.busy.push({
        start: zonedWallTimeToUtc(date, 0, timeZone),
        end: zonedWallTimeToUtc(addDays(date, 1), 0, timeZone),
      });
      continue;
    }
    const start = zonedWallTimeToUtc(date, at(7) + 5 * Math.floor(random() * 144), timeZone);
    person.busy.push({ start, end: start + (30 + 15 * Math.floor(random() * 11)) * MINUTE_MS });
  }

  return {
    ...base,
    service: { ...queried, capacity, limits: serviceBooked },
    businessHours: opening,
    staff: people.map(({ booked, seats, ...staff }): StaffAvailability => ({
      ...staff,
      limits: booked,
      ...(capacity > 1 ? { seats } : {}),
    })),
  };
}

function pick<T>(items: T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("Cannot pick from an empty list.");
  return item;
}
