/** A calendar day, `YYYY-MM-DD`, with no zone: the same string names the same box on every wall calendar. */
export type CalendarDate = string;
/** A calendar month, `YYYY-MM`. */
export type CalendarMonth = string;

// Date arithmetic is the engine's: one definition of a calendar day for the server and the widgets.
export { addDays, isKnownTimeZone, weekdayOf } from "@frontdesk/core/dates";
import { addDays } from "@frontdesk/core/dates";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function parts(date: CalendarDate): [number, number, number] {
  const [year = 1970, month = 1, day = 1] = date.split("-").map(Number);
  return [year, month, day];
}

/** Noon UTC of the day, so formatting it with `timeZone: "UTC"` always names that day. */
export function toUtcDate(date: CalendarDate): Date {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day, 12));
}

function fromUtcDate(value: Date): CalendarDate {
  return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
}

export function addMonths(month: CalendarMonth, months: number): CalendarMonth {
  const [year, monthNumber] = parts(`${month}-01`);
  const value = new Date(Date.UTC(year, monthNumber - 1 + months, 1, 12));
  return fromUtcDate(value).slice(0, 7);
}

export const monthOf = (date: CalendarDate): CalendarMonth => date.slice(0, 7);
export const firstDayOf = (month: CalendarMonth): CalendarDate => `${month}-01`;

export function lastDayOf(month: CalendarMonth): CalendarDate {
  return addDays(firstDayOf(addMonths(month, 1)), -1);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in a zone. */
export function dateInZone(instant: string | number | Date, timeZone: string): CalendarDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  const byType = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${byType.year}-${byType.month}-${byType.day}`;
}

export function todayIn(timeZone: string): CalendarDate {
  return dateInZone(Date.now(), timeZone);
}

const sundayFirstRegions = /-(US|CA|MX|BR|JP|KR|TW|IL|IN|PH|ZA)\b/i;

/** First day of the week for a locale, 0 = Sunday … 6 = Saturday. */
export function firstWeekday(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay;
    if (firstDay) return firstDay % 7;
  } catch {
    // An invalid locale falls through to the guess below.
  }
  return sundayFirstRegions.test(locale) || locale === "en" ? 0 : 1;
}
