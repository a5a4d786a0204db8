/**
 * Wall-clock ↔ instant conversion for the business's IANA zone.
 *
 * Offsets come from `tzOffset` (Intl underneath), which costs microseconds per call; slot
 * computation asks for thousands of conversions, so each zone's offsets are memoised per UTC day,
 * with the exact instant of the change on the days that have one.
 */
import { tzOffset } from "@date-fns/tz";
import { formatLocalDate, localMidnightAsUtc } from "./dates";
import type { LocalDate } from "./types";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The UTC instant (epoch ms) of the wall-clock time `minutes` after local midnight of `date` in `timeZone`.
 * A time skipped by a forward transition is moved forward by the gap; a repeated time resolves to
 * the earlier instant (Temporal's `disambiguation: "compatible"`). `minutes` may pass 1440.
 */
export function zonedWallTimeToUtc(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = localMidnightAsUtc(date) + minutes * MINUTE_MS;
  // Wall time is at most a day away from its instant, so the offsets a day either side bracket every candidate.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const larger = Math.max(before, after);
  const smaller = Math.min(before, after);
  if (offsetMs(wall - larger, timeZone) === larger) return wall - larger;
  if (offsetMs(wall - smaller, timeZone) === smaller) return wall - smaller;
  // In a gap: reading the time with the offset in force before the jump lands just as far past it.
  return wall - before;
}

/** The calendar date an instant falls on in `timeZone`. */
export function localDateOf(instant: number, timeZone: string): LocalDate {
  return formatLocalDate(instant + offsetMs(instant, timeZone));
}

/** The offset on a UTC day during which it changes: `before` until the instant `at`, `after` from then on. */
interface Transition {
  before: number;
  after: number;
  at: number;
}

/** Per zone: UTC day number → the offset in ms held all that day, or the one change it goes through. */
const offsetsByZone = new Map<string, Map<number, number | Transition>>();

function offsetMs(instant: number, timeZone: string): number {
  let offsetsByDay = offsetsByZone.get(timeZone);
  if (!offsetsByDay) {
    offsetsByDay = new Map();
    offsetsByZone.set(timeZone, offsetsByDay);
  }
  const day = Math.floor(instant / DAY_MS);
  let dayOffset = offsetsByDay.get(day);
  if (dayOffset === undefined) {
    dayOffset = offsetDuring(day, timeZone);
    offsetsByDay.set(day, dayOffset);
  }
  if (typeof dayOffset === "number") return dayOffset;
  return instant < dayOffset.at ? dayOffset.before : dayOffset.after;
}

/** Assumes no zone changes its offset twice within one UTC day, which holds for every zone in use. */
function offsetDuring(day: number, timeZone: string): number | Transition {
  let low = day * DAY_MS;
  let high = low + DAY_MS - 1;
  const before = rawOffsetMs(low, timeZone);
  const after = rawOffsetMs(high, timeZone);
  if (before === after) return before;
  // Bisect to the first millisecond on the new offset.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (rawOffsetMs(mid, timeZone) === before) low = mid;
    else high = mid;
  }
  return { before, after, at: high };
}

function rawOffsetMs(instant: number, timeZone: string): number {
  const minutes = tzOffset(timeZone, new Date(instant));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return Math.round(minutes * MINUTE_MS);
}
