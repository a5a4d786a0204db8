import type { Interval, MinuteRange, SlotQuery, StaffAvailability } from "../src/index";
import { addDays, weekdayOf, zonedWallTimeToUtc } from "../src/index";

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

function pick<T>(items: T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("Cannot pick from an empty list.");
  return item;
}
