/**
 * Dates as callers say them ("next Tuesday morning", "el martes que viene por la mañana", "the 19th", "mañana"),
 * resolved to days of the business's calendar and the instants they span there. English and Spanish words are
 * understood whatever the call's language; the language only decides how `3/4` reads (en: March 4, es: 3 April).
 *
 * Weekdays: "Tuesday" and "this Tuesday" mean the coming one, today included; "next Tuesday" and "el martes que
 * viene" the first one after today, so said on a Tuesday they mean a week ahead. A month day or date without a year
 * ("the 5th", "January 5") is the next one to come; a full date in the past is `PAST_DATE`.
 */
import { addDays, isCalendarDate, weekdayOf, weekStartOf } from "./dates";
import type { LocalDate } from "./types";
import { localDateOf, zonedWallTimeToUtc } from "./zone";

export const partsOfDay = ["morning", "afternoon", "evening"] as const;
export type PartOfDay = (typeof partsOfDay)[number];

/** Minutes after local midnight each part of the day spans: [start, end). */
export const partOfDayMinutes: Record<PartOfDay, { start: number; end: number }> = {
  morning: { start: 0, end: 12 * 60 },
  afternoon: { start: 12 * 60, end: 17 * 60 },
  evening: { start: 17 * 60, end: 24 * 60 },
};

export type SpokenDate =
  | {
      ok: true;
      /** The first and last day meant (the same day but for "next week"). */
      from: LocalDate;
      to: LocalDate;
      partOfDay: PartOfDay | undefined;
      /** The instants the days (or their part) span in the business's zone, [startMs, endMs). */
      startMs: number;
      endMs: number;
    }
  | { ok: false; code: "UNRECOGNISED_DATE" }
  | { ok: false; code: "PAST_DATE"; from: LocalDate };

export interface SpokenDateContext {
  /** The business's IANA zone: "today" is today there. */
  timeZone: string;
  /** The server's clock, epoch ms. */
  now: number;
  /** BCP 47; only `es…` changes anything (day-first numeric dates). */
  language?: string;
  /** A part of the day given apart from the words (a tool's `part_of_day` argument); words that name one win. */
  partOfDay?: PartOfDay;
}

const weekdays: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  domingo: 0, lunes: 1, martes: 2, miercoles: 3, jueves: 4, viernes: 5, sabado: 6,
};
const months: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};
const weekdayWords = Object.keys(weekdays).join("|");
const monthWords = Object.keys(months).join("|");

/** Phrases naming a part of the day, and whether they also mean today ("this morning", "tonight", "esta tarde"). */
const partPhrases: { pattern: RegExp; part: PartOfDay; today?: true }[] = [
  { pattern: /\b(?:this|esta) (?:morning|manana)\b/, part: "morning", today: true },
  { pattern: /\b(?:this afternoon|esta tarde)\b/, part: "afternoon", today: true },
  { pattern: /\b(?:this evening|tonight|esta noche)\b/, part: "evening", today: true },
  { pattern: /\b(?:por|de|en) la manana\b|\bmorning\b/, part: "morning" },
  { pattern: /\b(?:por|de|en) la tarde\b|\bafternoon\b/, part: "afternoon" },
  { pattern: /\b(?:por|de|en) la noche\b|\b(?:evening|night)\b/, part: "evening" },
];

/** Resolves what a caller said to the days it means in the business's zone, or says why it cannot. */
export function resolveSpokenDate(text: string, context: SpokenDateContext): SpokenDate {
  let words = normalise(text);
  let partOfDay = context.partOfDay;
  let today = false;
  for (const phrase of partPhrases) {
    if (!phrase.pattern.test(words)) continue;
    partOfDay = phrase.part;
    today ||= phrase.today === true;
    words = words.replace(phrase.pattern, " ").replace(/\s+/g, " ").trim();
    break;
  }
  const todayDate = localDateOf(context.now, context.timeZone);
  const days = daysMeant(words, todayDate, context.language) ?? (today || words === "" ? { from: todayDate, to: todayDate } : undefined);
  if (!days) return { ok: false, code: "UNRECOGNISED_DATE" };
  const range = partOfDay ? partOfDayMinutes[partOfDay] : { start: 0, end: 24 * 60 };
  const startMs = zonedWallTimeToUtc(days.from, range.start, context.timeZone);
  const endMs = zonedWallTimeToUtc(range.end === 24 * 60 ? addDays(days.to, 1) : days.to, range.end % (24 * 60), context.timeZone);
  if (endMs <= context.now) return { ok: false, code: "PAST_DATE", from: days.from };
  return { ok: true, from: days.from, to: days.to, partOfDay, startMs, endMs };
}

/** Lower case, no accents, no punctuation but `/` and `-` between digits, single spaces. */
function normalise(text: string): string {
  return text
    .slice(0, 200)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9/\- ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

type Days = { from: LocalDate; to: LocalDate };
const day = (date: LocalDate): Days => ({ from: date, to: date });

function daysMeant(words: string, today: LocalDate, language: string | undefined): Days | undefined {
  let match: RegExpExecArray | null;
  if ((match = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(words))) return isCalendarDate(match[0]) ? day(match[0]) : undefined;
  if (/\b(?:day after tomorrow|pasado manana)\b/.test(words)) return day(addDays(today, 2));
  if (/\b(?:today|hoy)\b/.test(words)) return day(today);
  if (/\b(?:tomorrow|manana)\b/.test(words)) return day(addDays(today, 1));
  if (/\b(?:next week|la semana que viene|la proxima semana|la semana proxima)\b/.test(words)) {
    const monday = addDays(weekStartOf(today), 7);
    return { from: monday, to: addDays(monday, 6) };
  }
  if (/\b(?:this week|esta semana)\b/.test(words)) return { from: today, to: addDays(weekStartOf(today), 6) };
  if ((match = new RegExp(`\\b(next|this|coming|proximo|este)? ?(${weekdayWords})( que viene| proximo)?\\b`).exec(words))) {
    const after = match[1] === "next" || match[1] === "proximo" || match[3] !== undefined;
    return day(nextWeekday(today, weekdays[match[2]!]!, after));
  }
  if ((match = /\b(?:in|en|dentro de) (\d{1,3}) (?:days?|dias?)\b/.exec(words))) return day(addDays(today, Number(match[1])));
  if ((match = new RegExp(`\\b(${monthWords}) (\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(words))) return monthDay(today, months[match[1]!]!, Number(match[2]));
  if ((match = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of |de )?(${monthWords})\\b`).exec(words))) return monthDay(today, months[match[2]!]!, Number(match[1]));
  if ((match = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/.exec(words))) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    const [month, dayOfMonth] = language?.toLowerCase().startsWith("es") ? [second, first] : [first, second];
    if (!match[3]) return monthDay(today, month, dayOfMonth);
    const date = `${match[3].length === 2 ? `20${match[3]}` : match[3]}-${pad(month)}-${pad(dayOfMonth)}`;
    return isCalendarDate(date) ? day(date) : undefined;
  }
  if ((match = /\b(\d{1,2})(?:st|nd|rd|th)\b|\bel (?:dia )?(\d{1,2})\b/.exec(words))) return dayOfMonthToCome(today, Number(match[1] ?? match[2]));
  return undefined;
}

/** The weekday on or after `today`, or strictly after it. */
function nextWeekday(today: LocalDate, weekday: number, strictlyAfter: boolean): LocalDate {
  const ahead = (weekday - weekdayOf(today) + 7) % 7;
  return addDays(today, ahead === 0 && strictlyAfter ? 7 : ahead);
}

/** `month`/`dayOfMonth` this year, or next year once it has passed; undefined for a day no year has (February 30). */
function monthDay(today: LocalDate, month: number, dayOfMonth: number): Days | undefined {
  const year = Number(today.slice(0, 4));
  for (const candidate of [year, year + 1, year + 2, year + 3, year + 4]) {
    const date = `${candidate}-${pad(month)}-${pad(dayOfMonth)}`;
    if (isCalendarDate(date) && date >= today) return day(date);
  }
  return undefined;
}

/** The next day of the month with that number, today included (the 31st skips the months without one). */
function dayOfMonthToCome(today: LocalDate, dayOfMonth: number): Days | undefined {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (let i = 0; i < 12; i++) {
    const y = year + Math.floor((month - 1 + i) / 12);
    const date = `${y}-${pad(((month - 1 + i) % 12) + 1)}-${pad(dayOfMonth)}`;
    if (isCalendarDate(date) && date >= today) return day(date);
  }
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");
