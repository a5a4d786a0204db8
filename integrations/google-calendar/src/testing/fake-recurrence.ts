/**
 * Recurring events expanded into instances, as Google does for `singleEvents=true`: the RFC 5545 subset the fake
 * takes (RRULE with FREQ=DAILY or WEEKLY, INTERVAL, COUNT, UNTIL, BYDAY, WKST; EXDATE), repeated in the event's
 * own time zone so that 09:00 stays 09:00 across a DST change. Anything else is refused when the event is written.
 */
import { addDays, localMidnightAsUtc, weekdayOf, zonedWallTimeToUtc } from "@frontdesk/core";
import { badRequest, instantOf, wallClock, zoned, type EventDateTime, type GoogleEvent } from "./fake-state";

const weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const dayMs = 86_400_000;

/** The most instances of one series the fake expands for one answer (Google stops somewhere too). */
export const maxInstances = 730;

export interface Rule {
  freq: "DAILY" | "WEEKLY";
  interval: number;
  count: number | null;
  /** Inclusive: an instant for a `…Z` UNTIL, else a date (`2027-04-30`) compared with the instance's own. */
  until: { instant: number } | { date: string } | null;
  byDay: number[] | null;
  weekStart: number;
  /** EXDATE values: instants of timed instances, or dates of all-day ones. */
  exceptions: Set<number | string>;
}

export interface Instance {
  id: string;
  start: EventDateTime;
  end: EventDateTime;
  originalStartTime: EventDateTime;
  startMs: number;
  endMs: number;
}

/** The event's recurrence lines as a rule; a 400 like Google's for what the fake does not take. */
export function parseRecurrence(lines: string[]): Rule {
  const rrules = lines.filter((line) => /^RRULE:/i.test(line));
  if (rrules.length !== 1) throw badRequest("Invalid recurrence rule: the fake takes exactly one RRULE.");
  const rule: Rule = { freq: "DAILY", interval: 1, count: null, until: null, byDay: null, weekStart: 1, exceptions: new Set() };
  for (const part of rrules[0]!.slice(6).split(";")) {
    const [name = "", value = ""] = part.split("=");
    switch (name.toUpperCase()) {
      case "FREQ":
        if (value !== "DAILY" && value !== "WEEKLY") throw badRequest(`Invalid recurrence rule: the fake repeats DAILY or WEEKLY, not ${value}.`);
        rule.freq = value;
        break;
      case "INTERVAL":
        rule.interval = positive(value, "INTERVAL");
        break;
      case "COUNT":
        rule.count = positive(value, "COUNT");
        break;
      case "UNTIL":
        rule.until = untilOf(value);
        break;
      case "BYDAY":
        rule.byDay = value.split(",").map(weekdayNumber);
        break;
      case "WKST":
        rule.weekStart = weekdayNumber(value);
        break;
      default:
        throw badRequest(`Invalid recurrence rule: the fake does not take ${name}.`);
    }
  }
  if (rule.count !== null && rule.until !== null) throw badRequest("Invalid recurrence rule: COUNT and UNTIL together.");
  for (const line of lines) {
    if (/^RRULE:/i.test(line)) continue;
    const match = /^EXDATE(;[^:]*)?:(.+)$/i.exec(line);
    if (!match) throw badRequest(`Invalid recurrence line: the fake takes RRULE and EXDATE, not ${line.split(/[:;]/)[0]}.`);
    const zone = /TZID=([^;:]+)/i.exec(match[1] ?? "")?.[1];
    for (const value of match[2]!.split(",")) rule.exceptions.add(exceptionOf(value.trim(), zone));
  }
  return rule;
}

function positive(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw badRequest(`Invalid recurrence rule: ${name}=${value}.`);
  return number;
}

function weekdayNumber(value: string): number {
  const day = weekdays.indexOf(value.toUpperCase());
  if (day < 0) throw badRequest(`Invalid recurrence rule: BYDAY takes plain weekdays (MO, TU, …) in the fake, not ${value}.`);
  return day;
}

const basicDate = /^(\d{4})(\d{2})(\d{2})$/;
const basicDateTime = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;

function isoDate(value: string): string {
  const match = basicDate.exec(value)!;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function untilOf(value: string): Rule["until"] {
  if (basicDate.test(value)) return { date: isoDate(value) };
  const match = basicDateTime.exec(value);
  if (!match?.[7]) throw badRequest(`Invalid recurrence rule: UNTIL=${value} (a date, or a UTC time ending in Z).`);
  return { instant: Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) };
}

function exceptionOf(value: string, zone: string | undefined): number | string {
  if (basicDate.test(value)) return isoDate(value);
  const match = basicDateTime.exec(value);
  if (!match) throw badRequest(`Invalid EXDATE value ${value}.`);
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  const minutes = +match[4]! * 60 + +match[5]!;
  if (match[7]) return Date.parse(`${date}T${match[4]}:${match[5]}:${match[6]}Z`);
  if (!zone) throw badRequest(`EXDATE ${value} needs a TZID or a Z.`);
  return zonedWallTimeToUtc(date, minutes, zone) + +match[6]! * 1000;
}

/** How far a rule is followed at the most: a daily rule whose BYDAY it never lands on would otherwise run forever. */
const maxSteps = 100_000;

/** Dates the rule could fall on, in order from the first: BYDAY narrows a daily rule and spreads a weekly one. */
function* candidateDates(rule: Rule, first: string): Generator<string> {
  if (rule.freq === "DAILY") {
    for (let step = 0, day = first; step < maxSteps; step += 1, day = addDays(day, rule.interval)) {
      if (!rule.byDay || rule.byDay.includes(weekdayOf(day))) yield day;
    }
    return;
  }
  const fromWeekStart = (weekday: number) => (weekday - rule.weekStart + 7) % 7;
  const days = [...new Set(rule.byDay ?? [weekdayOf(first)])].sort((a, b) => fromWeekStart(a) - fromWeekStart(b));
  for (let step = 0, week = addDays(first, -fromWeekStart(weekdayOf(first))); step < maxSteps; step += 1, week = addDays(week, 7 * rule.interval)) {
    for (const weekday of days) {
      const day = addDays(week, fromWeekStart(weekday));
      if (day >= first) yield day;
    }
  }
}

/**
 * The instances of a recurring event that overlap `range`, in order, `maxInstances` at the most. A timed series repeats its wall-clock start in `start.timeZone`; an all-day series
 * its dates, each running midnight to midnight in `calendarTimeZone`. COUNT counts instances an EXDATE takes out.
 */
export function instancesOf(event: GoogleEvent, calendarTimeZone: string, range: { from: number; to: number } = { from: -Infinity, to: Infinity }): Instance[] {
  const rule = parseRecurrence(event.recurrence ?? []);
  const allDay = !event.start?.dateTime;
  const zone = allDay ? calendarTimeZone : event.start!.timeZone!;
  const firstStart = instantOf(event.start, calendarTimeZone, "start");
  const duration = instantOf(event.end, calendarTimeZone, "end") - firstStart;
  const durationDays = allDay ? Math.round((localMidnightAsUtc(event.end!.date!) - localMidnightAsUtc(event.start!.date!)) / dayMs) : 0;
  const { date: firstDate, minutes } = allDay ? { date: event.start!.date!, minutes: 0 } : wallClock(firstStart, zone);

  const instances: Instance[] = [];
  let counted = 0;
  for (const date of candidateDates(rule, firstDate)) {
    const startMs = zonedWallTimeToUtc(date, minutes, zone);
    if (rule.count !== null && counted >= rule.count) break;
    if (rule.until && ("instant" in rule.until ? startMs > rule.until.instant : date > rule.until.date)) break;
    if (startMs >= range.to || instances.length >= maxInstances) break;
    counted += 1;
    if (rule.exceptions.has(allDay ? date : startMs)) continue;
    const endDate = addDays(date, durationDays);
    const endMs = allDay ? zonedWallTimeToUtc(endDate, 0, zone) : startMs + duration;
    if (endMs <= range.from) continue;
    const start = allDay ? { date } : { dateTime: zoned(startMs, zone), timeZone: zone };
    const compact = allDay ? date.replaceAll("-", "") : new Date(startMs).toISOString().replace(/[-:]|\.\d{3}/g, "");
    instances.push({
      id: `${event.id}_${compact}`,
      start,
      end: allDay ? { date: endDate } : { dateTime: zoned(endMs, zone), timeZone: zone },
      originalStartTime: start,
      startMs,
      endMs,
    });
  }
  return instances;
}
