/**
 * Arithmetic on calendar dates (`YYYY-MM-DD`) with no zone involved: what the widgets need in the browser
 * as well as the engine, so it stays free of the zone machinery in `zone.ts`.
 */
import type { LocalDate, Weekday } from "./types";

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function weekdayOf(date: LocalDate): Weekday {
  return new Date(localMidnightAsUtc(date)).getUTCDay() as Weekday;
}

/** The Monday on or before `date`: weeks for booking limits run Monday to Sunday. */
export function weekStartOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return formatLocalDate(localMidnightAsUtc(date) + n * DAY_MS);
}

/** Whether `date` is a `YYYY-MM-DD` day that exists: 2026-02-29 and 2026-11-31 do not. */
export function isCalendarDate(date: string): boolean {
  const match = LOCAL_DATE.exec(date);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** Days in `month` (1–12) of `year`, Gregorian leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// A month of slots converts each of its dates dozens of times: both directions are remembered, for a few thousand dates.
const maxRemembered = 4096;
const midnights = new Map<string, number>();
const datesByDay = new Map<number, LocalDate>();

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= maxRemembered) memo.clear();
  memo.set(key, value);
  return value;
}

/** Midnight of `date` read as if it were UTC: the frame in which wall-clock arithmetic is plain addition. */
export function localMidnightAsUtc(date: LocalDate): number {
  const known = midnights.get(date);
  if (known !== undefined) return known;
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`Not a date like 2026-03-14: ${date}`);
  return remember(midnights, date, Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** The date of an instant in the wall-clock-as-UTC frame. */
export function formatLocalDate(wallAsUtc: number): LocalDate {
  const day = Math.floor(wallAsUtc / DAY_MS);
  return datesByDay.get(day) ?? remember(datesByDay, day, new Date(wallAsUtc).toISOString().slice(0, 10));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat` for the locale and options, made once: making one costs about 60 µs, formatting with it
 * about 1 µs. Throws as the constructor does (an unknown zone, say), and keeps nothing then.
 */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""} ${JSON.stringify(options)}`;
  return formats.get(key) ?? remember(formats, key, new Intl.DateTimeFormat(locale, options));
}

/** Whether this runtime knows the IANA zone. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    dateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
