/** Shared fixtures of the availableSlots tests: a weekday staff member and a query around them. */
import type { MinuteRange, Slot, SlotQuery, StaffAvailability } from "./types";

export const MONDAY = "2026-03-09";
export const TUESDAY = "2026-03-10";

export const at = (hours: number, minutes = 0) => hours * 60 + minutes;
export const range = (from: number, to: number): MinuteRange => ({ start: from, end: to });
export const utc = (text: string) => Date.parse(text);
export const iso = (instant: number) => new Date(instant).toISOString();
export const startsOf = (slots: Slot[]) => slots.map((slot) => iso(slot.start).slice(0, 16));

export function person(staffId: string, hours: MinuteRange[], more: Partial<StaffAvailability> = {}): StaffAvailability {
  const weekly: StaffAvailability["weekly"] = {};
  for (const weekday of [1, 2, 3, 4, 5] as const) weekly[weekday] = hours;
  return { staffId, weekly, overrides: {}, busy: [], ...more };
}

/** Monday only, UTC, an hour-long service on an hourly grid, no notice, a long horizon: unless a test says otherwise. */
export function query(staff: StaffAvailability[], more: Partial<SlotQuery> = {}): SlotQuery {
  return {
    timeZone: "UTC",
    from: MONDAY,
    to: MONDAY,
    now: utc("2026-03-01T00:00:00Z"),
    service: { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0 },
    policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 60 },
    holidays: [],
    staff,
    ...more,
  };
}
