import { html, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import type { WeekdayName } from "@frontdesk/core";

/** The keys of weekly hours, Sunday first as `config.*` has them (kept here: the schemas and zod stay on the server). */
const weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const satisfies readonly WeekdayName[];

/** One day of the week as the editor holds it: open or closed, its first range, and any further ranges kept as they are. */
export interface DayHours {
  open: boolean;
  start: string;
  end: string;
  more: { start: string; end: string }[];
}
export type WeekHours = Record<WeekdayName, DayHours>;
type WeeklyRanges = Partial<Record<WeekdayName, { start: string; end: string }[]>>;

/** Monday first: the week as a business plans it. */
export const weekOrder: readonly WeekdayName[] = [...weekdayNames.slice(1), weekdayNames[0]];

const weekdays: readonly WeekdayName[] = ["monday", "tuesday", "wednesday", "thursday", "friday"];

/** The business's hours, or Monday to Friday 09:00–17:00 for a business that has none yet. */
export function weekHoursOf(saved: WeeklyRanges): WeekHours {
  const none = Object.values(saved).every((ranges) => !ranges?.length);
  return Object.fromEntries(
    weekdayNames.map((day) => {
      const [first, ...more] = saved[day] ?? [];
      if (first) return [day, { open: true, start: first.start, end: first.end, more }];
      return [day, { open: none && weekdays.includes(day), start: "09:00", end: "17:00", more: [] }];
    }),
  ) as WeekHours;
}

/** What `config.setBusinessHours` and `config.setStaffHours` take: closed days left out. */
export function weeklyRangesOf(week: WeekHours): WeeklyRanges {
  return Object.fromEntries(weekdayNames.filter((day) => week[day].open).map((day) => [day, [{ start: week[day].start, end: week[day].end }, ...week[day].more]]));
}

/** The day's name in `locale` (2023-01-01 was a Sunday). */
export function dayName(day: WeekdayName, locale: string): string {
  const date = new Date(Date.UTC(2023, 0, 1 + weekdayNames.indexOf(day)));
  return new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(date);
}

/** A week of opening hours: each day a checkbox and, when open, its opening and closing time. */
export function hoursEditor(week: WeekHours, locale: string, changed: (day: WeekdayName, patch: Partial<DayHours>) => void): TemplateResult {
  const value = (event: Event) => (event.target as HTMLInputElement).value;
  return html`<fieldset class="week" part="hours">
    <legend>${msg("Opening hours")}</legend>
    ${weekOrder.map((day) => {
      const hours = week[day];
      const name = dayName(day, locale);
      return html`<div class="day">
        <label class="day-open">
          <input type="checkbox" part="input" .checked=${hours.open} @change=${(event: Event) => changed(day, { open: (event.target as HTMLInputElement).checked })} />
          <span>${name}</span>
        </label>
        ${hours.open
          ? html`<span class="day-times">
              <input type="time" part="input" aria-label=${msg(str`${name} opens at`)} .value=${hours.start} @change=${(event: Event) => changed(day, { start: value(event) })} />
              <span aria-hidden="true">–</span>
              <input type="time" part="input" aria-label=${msg(str`${name} closes at`)} .value=${hours.end} @change=${(event: Event) => changed(day, { end: value(event) })} />
            </span>`
          : html`<span class="closed">${msg("Closed")}</span>`}
      </div>`;
    })}
  </fieldset>`;
}
