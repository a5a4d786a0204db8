/**
 * Booking limits: at most `perDay` bookings on a local date and `perWeek` in a week starting Monday,
 * counted in the business zone. A full date or week rules out every start on it, so the slot engine
 * reads each start's date from a table of local midnights rather than converting every start.
 */
import type { BookingLimits, LocalDate } from "./types";
import { addDays, weekStartOf } from "./dates";
import { localDateOf, zonedWallTimeToUtc } from "./zone";

/** Whether `limits` leave no room for another booking on `date`. */
export function isLimitReached(limits: BookingLimits | undefined, date: LocalDate): boolean {
  return isFull(limits, date, weekStartOf(date));
}

function isFull(limits: BookingLimits | undefined, date: LocalDate, week: LocalDate): boolean {
  if (!limits) return false;
  const { perDay, perWeek } = limits;
  if (perDay != null && (limits.bookedByDay[date] ?? 0) >= perDay) return true;
  return perWeek != null && (limits.bookedByWeek[week] ?? 0) >= perWeek;
}

/** Whether `limits` can rule anything out at all. */
export function hasLimit(limits: BookingLimits | undefined): limits is BookingLimits {
  return limits != null && (limits.perDay != null || limits.perWeek != null);
}

/**
 * The local dates from the day before `from` to the day after `to`, each with the first instant it
 * covers: working ranges may run past midnight, so starts can land a day either side of the search.
 */
export class LocalDateTable {
  readonly dates: LocalDate[] = [];
  readonly weeks: LocalDate[] = [];
  /** `firsts[i]` is the first instant of `dates[i]`; one more entry closes the last date. */
  readonly firsts: Float64Array;

  constructor(
    readonly timeZone: string,
    from: LocalDate,
    to: LocalDate,
  ) {
    const firsts: number[] = [];
    const last = addDays(to, 1);
    for (let date = addDays(from, -1); date <= last; date = addDays(date, 1)) {
      this.dates.push(date);
      this.weeks.push(weekStartOf(date));
      // A skipped midnight resolves forward to the first instant that exists, which is where the date begins.
      firsts.push(zonedWallTimeToUtc(date, 0, timeZone));
    }
    firsts.push(zonedWallTimeToUtc(addDays(last, 1), 0, timeZone));
    this.firsts = new Float64Array(firsts);
  }

  /** Position in `dates` of the date `instant` falls on, or -1 outside the table. */
  indexOf(instant: number): number {
    const firsts = this.firsts;
    if (!(instant >= (firsts[0] ?? Infinity) && instant < (firsts[firsts.length - 1] ?? -Infinity))) return -1;
    let low = 0;
    let high = firsts.length - 1;
    while (high - low > 1) {
      const mid = (low + high) >>> 1;
      if ((firsts[mid] ?? Infinity) <= instant) low = mid;
      else high = mid;
    }
    return low;
  }
}

/**
 * For one person, the earliest instant at or after `start` that no limit rules out: `start` itself when
 * its date has room, else the start of the next date (a full date is skipped whole). Null when no
 * limit is set. Each date's answer is kept: one person's starts share a few dozen dates.
 */
export function limitedStarts(
  table: LocalDateTable,
  limits: (BookingLimits | undefined)[],
): ((start: number) => number) | null {
  const active = limits.filter(hasLimit);
  if (active.length === 0) return null;
  const UNKNOWN = 0;
  const OPEN = 1;
  const FULL = 2;
  const byDate = new Uint8Array(table.dates.length);
  return (start) => {
    const index = table.indexOf(start);
    const date = table.dates[index];
    const week = table.weeks[index];
    if (date === undefined || week === undefined) {
      const outside = localDateOf(start, table.timeZone);
      // Outside the table, so rare that stepping one instant on is simpler than finding the next date.
      return active.some((each) => isLimitReached(each, outside)) ? start + 1 : start;
    }
    let state = byDate[index] ?? UNKNOWN;
    if (state === UNKNOWN) {
      state = active.some((each) => isFull(each, date, week)) ? FULL : OPEN;
      byDate[index] = state;
    }
    return state === FULL ? (table.firsts[index + 1] ?? Infinity) : start;
  };
}
