import { zonedWallTimeToUtc } from "@frontdesk/core";

/** The wall-clock time of an instant in a zone, `HH:MM`, as a time field takes it. */
export function timeInZone(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("hour")}:${part("minute")}`;
}

/** The instant of a date and time on the business's wall clock (its offset on that day, DST included); undefined when either is not valid. */
export function instantOf(date: string, time: string, timeZone: string): string | undefined {
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !clock || Number(clock[1]) > 23 || Number(clock[2]) > 59) return undefined;
  return new Date(zonedWallTimeToUtc(date, Number(clock[1]) * 60 + Number(clock[2]), timeZone)).toISOString();
}
