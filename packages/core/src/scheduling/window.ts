import { addDays } from "./dates";
import type { BookingPolicy } from "./types";
import { localDateOf, zonedWallTimeToUtc } from "./zone";

const MINUTE_MS = 60_000;

/**
 * When a booking may start: from `earliest` (the minimum notice) up to, not including, `end`. The
 * horizon counts whole days in the business's zone, as Cal.com and Thunderbird Appointment do:
 * "2 days ahead" runs to the end of the local day after tomorrow, whatever the hour now. The slot
 * engine and the booking checks both read it here.
 */
export function bookingWindow(policy: Pick<BookingPolicy, "minNoticeMin" | "horizonDays">, now: number, timeZone: string): { earliest: number; end: number } {
  const lastDay = addDays(localDateOf(now, timeZone), policy.horizonDays);
  return { earliest: now + policy.minNoticeMin * MINUTE_MS, end: zonedWallTimeToUtc(addDays(lastDay, 1), 0, timeZone) };
}
