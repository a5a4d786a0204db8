import { z } from "zod";
import { daysInMonth, isCalendarDate, isKnownTimeZone } from "../scheduling/dates";

/** An id of something the business has (a service, a staff member, an appointment, ...). */
export const idSchema = z.string().min(1, "Required.").max(64);

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A calendar date `YYYY-MM-DD` that exists: 2026-11-31 is refused, not read as 1 December. */
export const localDateSchema = z.string().refine(isCalendarDate, {
  error: (issue) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(issue.input));
    if (!match) return "Use a date like 2026-03-14.";
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) return `There is no month ${match[2]}: use a date like 2026-03-14.`;
    return `There is no ${issue.input as string}: ${monthNames[month - 1]} ${year} has ${daysInMonth(year, month)} days.`;
  },
});
/** An instant as ISO 8601 with `Z` or an offset, on a real calendar day (zod checks the day exists). */
export const instantSchema = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time such as 2026-03-14T09:30:00Z." });

export const timeZoneSchema = z.string().refine(isKnownTimeZone, "Unknown time zone; use an IANA name such as Europe/Berlin.");

/** A search range of local dates: in order, and short enough to answer quickly. */
export function boundedRange<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((v) => v.from <= v.to, { message: "The range ends before it starts.", path: ["to"] })
    .refine((v) => daysBetween(v.from, v.to) <= 62, { message: "Ask for at most 62 days at a time.", path: ["to"] });
}

/** The answer of a change that has nothing else to say. */
export const acknowledgedOutput = z.object({ ok: z.literal(true) });
export type Acknowledged = z.infer<typeof acknowledgedOutput>;

/** The answer of a call that answers nothing at all (`booking.releaseHold`). */
export const nothingOutput = z.void();

/** Creating something answers with the id it got. */
export const createdOutput = z.object({ id: z.string() });

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
