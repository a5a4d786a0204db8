/**
 * Bookable slots from working hours, busy time and booking policy. Pure: the caller supplies `now`.
 *
 * Working ranges are wall-clock times in the business zone, but everything after the conversion is
 * real time: a range becomes the interval between the instants of its start and end, the grid steps
 * through that interval in real minutes from its start, and a slot lasts `durationMin` real minutes.
 * Away from a DST change this is the wall-clock grid; across one it still offers every real minute
 * the staff member works, once, instead of skipping or repeating the hour that moved.
 */
import type { Interval, LocalDate, Slot, SlotQuery, StaffAvailability, Weekday } from "./types";
import { addDays, weekdayOf, zonedWallTimeToUtc } from "./zone";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

interface OpenDay {
  date: LocalDate;
  weekday: Weekday;
  /** Wall-clock minutes → instant; staff mostly share hours, so each conversion is done once per day. */
  instants: Map<number, number>;
}

/** Everything about a candidate start that does not depend on who works it, in epoch ms. */
interface SlotRules {
  timeZone: string;
  stepMs: number;
  durationMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  earliest: number;
  latest: number;
}

export function availableSlots(query: SlotQuery): Slot[] {
  const { service, policy } = query;
  if (!(policy.slotIntervalMin > 0)) throw new RangeError("slotIntervalMin must be positive.");
  const rules: SlotRules = {
    timeZone: query.timeZone,
    stepMs: policy.slotIntervalMin * MINUTE_MS,
    durationMs: service.durationMin * MINUTE_MS,
    bufferBeforeMs: service.bufferBeforeMin * MINUTE_MS,
    bufferAfterMs: service.bufferAfterMin * MINUTE_MS,
    earliest: query.now + policy.minNoticeMin * MINUTE_MS,
    latest: query.now + policy.horizonDays * DAY_MS,
  };
  const days = openDays(query.from, query.to, new Set(query.holidays));
  const free = query.staff.map((staff) => ({
    staffId: staff.staffId,
    starts: freeStartsOf(staff, days, rules),
    next: 0,
  }));
  return mergeByStart(free, rules.durationMs);
}

/**
 * The sorted starts at which one staff member is working, free (buffers included) and bookable,
 * followed by an `Infinity` that marks the end for the merge.
 */
function freeStartsOf(staff: StaffAvailability, days: OpenDay[], rules: SlotRules): Float64Array {
  const { stepMs, durationMs, earliest, latest } = rules;
  const busy = busyUnion(staff.busy);
  const starts: number[] = [];
  for (const day of days) {
    for (const range of staff.overrides[day.date] ?? staff.weekly[day.weekday] ?? []) {
      const rangeStart = instantOn(day, range.start, rules.timeZone);
      const rangeEnd = instantOn(day, range.end, rules.timeZone);
      const stepsToNotice = Math.max(0, Math.ceil((earliest - rangeStart) / stepMs));
      for (let start = rangeStart + stepsToNotice * stepMs; start + durationMs <= rangeEnd; start += stepMs) {
        if (start > latest) break;
        if (!busy.overlaps(start - rules.bufferBeforeMs, start + durationMs + rules.bufferAfterMs)) starts.push(start);
      }
    }
  }
  starts.push(Infinity);
  return sortedCopy(starts);
}

/** One slot per distinct start, naming everyone free at it in query order: a k-way merge of the sorted lists. */
function mergeByStart(free: { staffId: string; starts: Float64Array; next: number }[], durationMs: number): Slot[] {
  const slots: Slot[] = [];
  for (;;) {
    let start = Infinity;
    for (const person of free) start = Math.min(start, person.starts[person.next] ?? Infinity);
    if (start === Infinity) return slots;
    const staffIds: string[] = [];
    for (const person of free) {
      if (person.starts[person.next] !== start) continue;
      staffIds.push(person.staffId);
      // Overlapping ranges of one person can yield the same start twice.
      while (person.starts[person.next] === start) person.next++;
    }
    slots.push({ start, end: start + durationMs, staffIds });
  }
}

function openDays(from: LocalDate, to: LocalDate, holidays: Set<LocalDate>): OpenDay[] {
  const days: OpenDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (!holidays.has(date)) days.push({ date, weekday: weekdayOf(date), instants: new Map() });
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
function busyUnion(busy: Interval[]): { overlaps(start: number, end: number): boolean } {
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
    /** Whether `[start, end)` shares an instant with busy time; touching is not overlapping. */
    overlaps(start: number, end: number): boolean {
      let low = 0;
      let high = unionEnds.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((unionEnds[mid] ?? Infinity) <= start) low = mid + 1;
        else high = mid;
      }
      return (unionStarts[low] ?? Infinity) < end;
    },
  };
}

/** Typed-array sort is numeric and native; most lists (calendar events, generated starts) arrive in order already. */
function sortedCopy(values: number[]): Float64Array {
  const copy = Float64Array.from(values);
  for (let i = 1; i < copy.length; i++) {
    if ((copy[i - 1] ?? 0) > (copy[i] ?? 0)) return copy.sort();
  }
  return copy;
}
