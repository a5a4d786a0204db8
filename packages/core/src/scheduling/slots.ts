/**
 * Bookable slots from working hours, opening hours, busy time, group-session seats, booking limits and
 * booking policy. Pure: the caller supplies `now`.
 *
 * Working ranges are wall-clock times in the business zone, but everything after the conversion is
 * real time: a range becomes the interval between the instants of its start and end, the grid steps
 * through that interval in real minutes from its start, and a slot lasts `durationMin` real minutes.
 * Away from a DST change this is the wall-clock grid; across one it still offers every real minute
 * the staff member works, once, instead of skipping or repeating the hour that moved.
 *
 * Working ranges that overlap or touch are first joined into stretches of continuous work, one per
 * location (untied ranges count at every location), so each stretch has one grid (see `ranges.ts`).
 *
 * With opening hours, each working range is first cut to the opening hours of its date, and the grid
 * is anchored at the start of what is left (plus `startOffsetMin`): a clinic opening at 9:00 offers
 * 9:00 even to someone who starts work at 8:50.
 *
 * A group session (`capacity` above 1) is offered at its own start while seats remain; any other start
 * that would overlap it is not, since one person runs one session at a time.
 */
import { LocalDateTable, hasLimit, limitedStarts } from "./limits";
import { unionOfRanges, workingStretches } from "./ranges";
import type { Interval, LocalDate, MinuteRange, Slot, SlotQuery, StaffAvailability, Weekday } from "./types";
import { addDays, weekdayOf } from "./dates";
import { bookingWindow } from "./window";
import { zonedWallTimeToUtc } from "./zone";

const MINUTE_MS = 60_000;

interface OpenDay {
  date: LocalDate;
  weekday: Weekday;
  /** Opening hours that date, as disjoint ranges; undefined when the query sets none and staff hours alone decide. */
  businessHours: readonly MinuteRange[] | undefined;
  /** Wall-clock minutes → instant; staff mostly share hours, so each conversion is done once per day. */
  instants: Map<number, number>;
}

/** Everything about a candidate start that does not depend on who works it, in epoch ms. */
interface SlotRules {
  timeZone: string;
  stepMs: number;
  offsetMs: number;
  durationMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  earliest: number;
  latest: number;
  capacity: number;
}

interface FreeStarts {
  staffId: string;
  seats: Map<number, number> | undefined;
  starts: Float64Array;
  next: number;
}

export function availableSlots(query: SlotQuery): Slot[] {
  const { service, policy } = query;
  if (!(policy.slotIntervalMin > 0)) throw new RangeError("slotIntervalMin must be positive.");
  const startOffsetMin = policy.startOffsetMin ?? 0;
  if (!(startOffsetMin >= 0)) throw new RangeError("startOffsetMin must not be negative.");
  const capacity = service.capacity ?? 1;
  if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError("capacity must be a whole number from 1.");
  const window = bookingWindow(policy, query.now, query.timeZone);
  const rules: SlotRules = {
    timeZone: query.timeZone,
    stepMs: policy.slotIntervalMin * MINUTE_MS,
    offsetMs: startOffsetMin * MINUTE_MS,
    durationMs: service.durationMin * MINUTE_MS,
    bufferBeforeMs: service.bufferBeforeMin * MINUTE_MS,
    bufferAfterMs: service.bufferAfterMin * MINUTE_MS,
    earliest: window.earliest,
    // Starts are whole milliseconds: the last one before the window's end.
    latest: window.end - 1,
    capacity,
  };
  const days = openDays(query);
  const anyLimit = hasLimit(service.limits) || query.staff.some((staff) => hasLimit(staff.limits));
  const dates = anyLimit ? new LocalDateTable(query.timeZone, query.from, query.to) : null;
  const free = query.staff.map(
    (staff): FreeStarts => ({
      staffId: staff.staffId,
      seats: staff.seats,
      starts: freeStartsOf(staff, days, rules, dates && limitedStarts(dates, [service.limits, staff.limits])),
      next: 0,
    }),
  );
  return mergeByStart(free, rules);
}

/** What one staff member's candidate starts are checked against, besides the rules everyone shares. */
interface StaffChecks {
  busy: BusyUnion;
  sessions: GroupSessions | null;
  /** The earliest instant at or after a start that limits allow; absent when no limit is set. */
  allowedFrom: ((start: number) => number) | null;
}

/**
 * The sorted starts at which one staff member is working inside opening hours, free (buffers
 * included), clear of their other sessions, within limits and bookable, followed by an `Infinity`
 * that marks the end for the merge.
 */
function freeStartsOf(
  staff: StaffAvailability,
  days: OpenDay[],
  rules: SlotRules,
  allowedFrom: ((start: number) => number) | null,
): Float64Array {
  const { timeZone } = rules;
  const checks: StaffChecks = {
    busy: busyUnion(staff.busy),
    sessions: staff.seats && staff.seats.size > 0 ? groupSessions(staff.seats, rules) : null,
    allowedFrom,
  };
  const starts: number[] = [];
  const stretchesOn = stretchesOf(staff);
  for (const day of days) {
    for (const range of stretchesOn(day)) {
      const rangeStart = instantOn(day, range.start, timeZone);
      const rangeEnd = instantOn(day, range.end, timeZone);
      if (!day.businessHours) {
        addGridStarts(starts, rangeStart, rangeEnd, rules, checks);
        continue;
      }
      for (const open of day.businessHours) {
        const openStart = instantOn(day, open.start, timeZone);
        const openEnd = instantOn(day, open.end, timeZone);
        // Ranges that do not meet leave an end before the start, where the grid finds nothing.
        addGridStarts(starts, Math.max(rangeStart, openStart), Math.min(rangeEnd, openEnd), rules, checks);
      }
    }
  }
  starts.push(Infinity);
  return sortedCopy(starts);
}

/** The person's stretches of work on a day: a date's override, else their weekly hours, joined once per weekday. */
function stretchesOf(staff: StaffAvailability): (day: OpenDay) => readonly MinuteRange[] {
  const weekly = new Map<Weekday, readonly MinuteRange[]>();
  return (day) => {
    const override = staff.overrides[day.date];
    if (override) return unionOfRanges(override);
    let stretches = weekly.get(day.weekday);
    if (!stretches) weekly.set(day.weekday, (stretches = workingStretches(staff.weekly[day.weekday] ?? [])));
    return stretches;
  };
}

/**
 * Appends the grid starts of one bookable range that pass every check. A rejection skips ahead to the
 * first grid start past what caused it (a busy stretch, a full date) instead of trying each start.
 */
function addGridStarts(starts: number[], rangeStart: number, rangeEnd: number, rules: SlotRules, checks: StaffChecks) {
  const { stepMs, durationMs, bufferBeforeMs, bufferAfterMs } = rules;
  const { busy, sessions, allowedFrom } = checks;
  const first = rangeStart + rules.offsetMs;
  const last = Math.min(rangeEnd - durationMs, rules.latest);
  let start = first + Math.max(0, Math.ceil((rules.earliest - first) / stepMs)) * stepMs;
  while (start <= last) {
    const busyUntil = busy.blockedUntil(start - bufferBeforeMs, start + durationMs + bufferAfterMs);
    const next = Math.max(busyUntil + bufferBeforeMs, allowedFrom ? allowedFrom(start) : start);
    if (next > start) {
      start += Math.ceil((next - start) / stepMs) * stepMs;
      continue;
    }
    if (!sessions || sessions.allows(start)) starts.push(start);
    start += stepMs;
  }
}

interface GroupSessions {
  allows(start: number): boolean;
}

/**
 * The sessions one person already runs, as a test for a candidate start: its own session must have a
 * seat left, and no other session may come within one booking window (buffers, duration, buffers) of it,
 * which is when the two bookings' padded intervals would overlap.
 */
function groupSessions(seats: Map<number, number>, rules: SlotRules): GroupSessions {
  const { capacity } = rules;
  const windowMs = rules.bufferBeforeMs + rules.durationMs + rules.bufferAfterMs;
  const sessionStarts: number[] = [];
  // An entry with no seat taken is no session: nothing runs then.
  for (const [start, taken] of seats) if (taken > 0) sessionStarts.push(start);
  const sorted = sortedCopy(sessionStarts);

  return {
    allows(start: number): boolean {
      if ((seats.get(start) ?? 0) >= capacity) return false;
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((sorted[mid] ?? Infinity) <= start - windowMs) low = mid + 1;
        else high = mid;
      }
      // `low` is the first session that could overlap; the candidate's own session is the one to skip.
      let nearest = sorted[low] ?? Infinity;
      if (nearest === start) nearest = sorted[low + 1] ?? Infinity;
      return nearest >= start + windowMs;
    },
  };
}

/** One slot per distinct start, naming everyone free at it in query order: a k-way merge of the sorted lists. */
function mergeByStart(free: FreeStarts[], rules: SlotRules): Slot[] {
  const { capacity, durationMs } = rules;
  const slots: Slot[] = [];
  for (;;) {
    let start = Infinity;
    for (const person of free) start = Math.min(start, person.starts[person.next] ?? Infinity);
    if (start === Infinity) return slots;
    const staffIds: string[] = [];
    let seatsLeft = 0;
    for (const person of free) {
      if (person.starts[person.next] !== start) continue;
      staffIds.push(person.staffId);
      if (capacity > 1) seatsLeft = Math.max(seatsLeft, capacity - Math.max(0, person.seats?.get(start) ?? 0));
      // Overlapping ranges of one person can yield the same start twice.
      while (person.starts[person.next] === start) person.next++;
    }
    const slot: Slot = { start, end: start + durationMs, staffIds };
    if (capacity > 1) slot.seatsLeft = seatsLeft;
    slots.push(slot);
  }
}

/** The searched dates that are not holidays and, when opening hours are set, have some. */
function openDays(query: SlotQuery): OpenDay[] {
  const holidays = new Set(query.holidays);
  const hours = query.businessHours;
  const days: OpenDay[] = [];
  for (let date = query.from; date <= query.to; date = addDays(date, 1)) {
    if (holidays.has(date)) continue;
    const weekday = weekdayOf(date);
    const businessHours = hours && unionOfRanges(hours.special[date] ?? hours.weekly[weekday] ?? []);
    if (businessHours?.length === 0) continue;
    days.push({ date, weekday, businessHours, instants: new Map() });
  }
  return days;
}

function instantOn(day: OpenDay, minutes: number, timeZone: string): number {
  let instant = day.instants.get(minutes);
  if (instant === undefined) {
    instant = zonedWallTimeToUtc(day.date, minutes, timeZone);
    day.instants.set(minutes, instant);
  }
  return instant;
}

/**
 * The busy intervals as a sorted, disjoint union, so one binary search answers "is any of them in the way".
 * Sorting starts and ends separately is enough: how many intervals cover an instant does not depend on
 * which start goes with which end, and the union is where that count is above zero.
 */
interface BusyUnion {
  /**
   * The end of the first busy stretch that shares an instant with `[start, end)` (touching is not
   * overlapping), or -Infinity when none does.
   */
  blockedUntil(start: number, end: number): number;
}

function busyUnion(busy: Interval[]): BusyUnion {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const interval of busy) {
    if (interval.end <= interval.start) continue;
    starts.push(interval.start);
    ends.push(interval.end);
  }
  const sortedStarts = sortedCopy(starts);
  const sortedEnds = sortedCopy(ends);
  const unionStarts: number[] = [];
  const unionEnds: number[] = [];
  let depth = 0;
  for (let i = 0, j = 0; j < sortedEnds.length; ) {
    const nextStart = sortedStarts[i] ?? Infinity;
    const nextEnd = sortedEnds[j] ?? Infinity;
    // Starts first on a tie, so intervals that touch join into one.
    if (nextStart <= nextEnd) {
      if (depth++ === 0) unionStarts.push(nextStart);
      i++;
    } else {
      if (--depth === 0) unionEnds.push(nextEnd);
      j++;
    }
  }

  return {
    blockedUntil(start: number, end: number): number {
      let low = 0;
      let high = unionEnds.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((unionEnds[mid] ?? Infinity) <= start) low = mid + 1;
        else high = mid;
      }
      return (unionStarts[low] ?? Infinity) < end ? (unionEnds[low] ?? -Infinity) : -Infinity;
    },
  };
}

/** Typed-array sort is numeric and native; most lists (calendar events, generated starts) arrive in order already. */
function sortedCopy(values: number[]): Float64Array {
  const copy = new Float64Array(values);
  for (let i = 1; i < copy.length; i++) {
    if ((copy[i - 1] ?? 0) > (copy[i] ?? 0)) return copy.sort();
  }
  return copy;
}
