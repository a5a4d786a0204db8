import { addDays, dateInZone, firstDayOf, lastDayOf, monthOf, todayIn, type CalendarDate, type CalendarMonth } from "./calendar-date";

/** A bookable time as the server lists it; `seatsLeft` only for group sessions. */
export interface Slot {
  start: string;
  end: string;
  staffIds: string[];
  seatsLeft?: number | undefined;
}

/**
 * The local dates to ask the server for to cover a month in the display zone, from today on.
 * The server reads the dates in the business zone, so one day either side catches the slots that
 * fall on this month's first or last day only in the display zone.
 */
export function availabilityRange(month: CalendarMonth, zone: string): { from: CalendarDate; to: CalendarDate } | undefined {
  const today = todayIn(zone);
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  if (last < today) return undefined;
  return { from: addDays(first < today ? today : first, -1), to: addDays(last, 1) };
}

/** Slots of one month, by the day they start on in the display zone, in time order. */
export function slotsByDate<S extends Slot>(slots: readonly S[], zone: string, month: CalendarMonth): Map<CalendarDate, S[]> {
  const byDate = new Map<CalendarDate, S[]>();
  const now = Date.now();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    if (Date.parse(slot.start) < now) continue;
    const date = dateInZone(slot.start, zone);
    if (monthOf(date) !== month) continue;
    const day = byDate.get(date);
    if (day) day.push(slot);
    else byDate.set(date, [slot]);
  }
  return byDate;
}
