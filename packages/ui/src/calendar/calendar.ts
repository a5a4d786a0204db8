import { html, LitElement, nothing, svg, type PropertyValues } from "lit";
import { msg, updateWhenLocaleChanges } from "@lit/localize";
import { intlLang } from "../localization";
import { ThemeController } from "../theme-controller";
import { base, tokens, type Theme } from "../tokens";
import { calendarStyles } from "./calendar.styles";
import {
  addDays,
  addMonths,
  firstDayOf,
  firstWeekday,
  lastDayOf,
  monthOf,
  toUtcDate,
  todayIn,
  weekdayOf,
  type CalendarDate,
  type CalendarMonth,
} from "../calendar-date";

const keySteps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

// Previous and next point back and forward: mirrored in right-to-left text.
const chevron = (path: string) =>
  html`<svg class="directional" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${svg`<path d=${path} />`}</svg>`;

/**
 * @summary A month grid for picking a day. Days in `available` can be picked; the rest are shown but disabled.
 *
 * Keyboard: arrow keys move between days (crossing into the next or previous month; left and right follow the
 * grid's direction, so in right-to-left text the left arrow goes to the next day), Home/End go to the
 * start/end of the week, Page Up/Page Down change month, Enter/Space pick the focused day.
 *
 * @csspart base - The wrapper.
 * @csspart header - The row with the month name and the previous/next buttons.
 * @csspart nav - The previous/next month buttons.
 * @csspart grid - The table of days.
 * @csspart day - Every day button; also `day-available`, `day-unavailable`, `day-selected`, `day-today`.
 *
 * @event fd-date-selected - A bookable day was picked. `detail: { date: "YYYY-MM-DD" }`.
 * @event fd-month-changed - The shown month changed. `detail: { month: "YYYY-MM" }`.
 */
export class FdCalendar extends LitElement {
  static override styles = [tokens, base, calendarStyles];

  static override properties = {
    month: { reflect: true },
    value: {},
    min: {},
    locale: {},
    timeZone: { attribute: "time-zone" },
    busy: { type: Boolean },
    theme: { reflect: true },
    available: { attribute: false },
    focusDate: { state: true },
  };

  /** The shown month, `YYYY-MM`; defaults to the current month in `timeZone`. */
  declare month: CalendarMonth;
  /** The selected day, `YYYY-MM-DD`. */
  declare value: CalendarDate | undefined;
  /** The earliest day that may be shown as bookable; earlier months cannot be reached. */
  declare min: CalendarDate | undefined;
  declare locale: string;
  /** The zone whose "today" is marked. */
  declare timeZone: string;
  /** Marks the grid busy while its availability is loading. */
  declare busy: boolean;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. */
  declare theme: Theme | undefined;
  /** The days that can be picked. */
  declare available: ReadonlySet<CalendarDate>;
  private declare focusDate: CalendarDate | undefined;
  private moveFocus = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new ThemeController(this);
    this.locale = navigator.language;
    this.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.month = monthOf(todayIn(this.timeZone));
    this.value = undefined;
    this.min = undefined;
    this.busy = false;
    this.theme = undefined;
    this.available = new Set();
    this.focusDate = undefined;
  }

  /** Moves keyboard focus to the day that currently takes Tab. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('.day[tabindex="0"]')?.focus(options);
  }

  override render() {
    const today = todayIn(this.timeZone);
    const tabDate = this.tabDate(today);
    const dayLabel = new Intl.DateTimeFormat(this.locale, { dateStyle: "full", timeZone: "UTC" });
    const dayNumber = new Intl.DateTimeFormat(this.locale, { day: "numeric", timeZone: "UTC" });
    const canGoBack = !this.min || this.month > monthOf(this.min);
    // Month and weekday names come from Intl in the date locale, which may not be the language of the buttons.
    const lang = intlLang(this.locale) ?? nothing;
    return html`
      <div class="fd-root" part="base">
        <div class="head" part="header">
          <button class="nav" part="nav" type="button" aria-label=${msg("Previous month")} aria-disabled=${canGoBack ? nothing : "true"} @click=${() => canGoBack && this.showMonth(-1)}>
            ${chevron("M12.5 4.5 7 10l5.5 5.5")}
          </button>
          <div class="title" id="title" aria-live="polite" lang=${lang}>${this.monthTitle()}</div>
          <button class="nav" part="nav" type="button" aria-label=${msg("Next month")} @click=${() => this.showMonth(1)}>
            ${chevron("M7.5 4.5 13 10l-5.5 5.5")}
          </button>
        </div>
        <table role="grid" part="grid" lang=${lang} aria-labelledby="title" aria-busy=${this.busy ? "true" : "false"} @keydown=${this.onKeydown}>
          <thead>
            <tr>
              ${this.weekdayNames().map(
                ([short, narrow, long]) => html`<th scope="col" abbr=${long}><span class="weekday">${short}</span><span class="weekday-narrow">${narrow}</span></th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${this.weeks().map(
              (week) => html`<tr>
                ${week.map((date) => (date ? html`<td>${this.renderDay(date, today, tabDate, dayLabel, dayNumber)}</td>` : html`<td></td>`))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderDay(date: CalendarDate, today: CalendarDate, tabDate: CalendarDate, label: Intl.DateTimeFormat, number: Intl.DateTimeFormat) {
    const available = this.available.has(date);
    const selected = date === this.value;
    const parts = ["day", available ? "day-available" : "day-unavailable", selected ? "day-selected" : "", date === today ? "day-today" : ""];
    const utc = toUtcDate(date);
    return html`<button
      type="button"
      class="day ${available ? "available" : ""} ${date === today ? "today" : ""}"
      part=${parts.join(" ").trim()}
      data-date=${date}
      tabindex=${date === tabDate ? 0 : -1}
      aria-label=${label.format(utc)}
      aria-disabled=${available ? nothing : "true"}
      aria-pressed=${selected ? "true" : nothing}
      aria-current=${date === today ? "date" : nothing}
      @click=${() => this.pick(date)}
    >
      ${number.format(utc)}
    </button>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.moveFocus) {
      this.moveFocus = false;
      this.focus();
    }
  }

  /** The one day in the grid reachable with Tab: the last focused, else the selected, first bookable, or today. */
  private tabDate(today: CalendarDate): CalendarDate {
    const inMonth = (date: CalendarDate | undefined): date is CalendarDate => !!date && monthOf(date) === this.month;
    if (inMonth(this.focusDate)) return this.focusDate;
    if (inMonth(this.value)) return this.value;
    const firstAvailable = [...this.available].filter(inMonth).sort()[0];
    if (firstAvailable) return firstAvailable;
    if (inMonth(today)) return today;
    return firstDayOf(this.month);
  }

  private weeks(): (CalendarDate | null)[][] {
    const first = firstDayOf(this.month);
    const last = lastDayOf(this.month);
    const cells: (CalendarDate | null)[] = Array.from({ length: (weekdayOf(first) - firstWeekday(this.locale) + 7) % 7 }, () => null);
    for (let date = first; date <= last; date = addDays(date, 1)) cells.push(date);
    while (cells.length % 7) cells.push(null);
    return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
  }

  /** Each weekday's short, narrow and full name, in the order of the grid's columns. */
  private weekdayNames(): [string, string, string][] {
    const short = new Intl.DateTimeFormat(this.locale, { weekday: "short", timeZone: "UTC" });
    const narrow = new Intl.DateTimeFormat(this.locale, { weekday: "narrow", timeZone: "UTC" });
    const long = new Intl.DateTimeFormat(this.locale, { weekday: "long", timeZone: "UTC" });
    const start = firstWeekday(this.locale);
    // 2023-01-01 was a Sunday.
    return Array.from({ length: 7 }, (_, index) => {
      const day = toUtcDate(addDays("2023-01-01", (start + index) % 7));
      return [short.format(day), narrow.format(day), long.format(day)];
    });
  }

  private monthTitle(): string {
    return new Intl.DateTimeFormat(this.locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(toUtcDate(firstDayOf(this.month)));
  }

  private pick(date: CalendarDate): void {
    this.focusDate = date;
    if (!this.available.has(date)) return;
    this.dispatchEvent(new CustomEvent("fd-date-selected", { bubbles: true, composed: true, detail: { date } }));
  }

  private showMonth(step: number): void {
    this.changeMonth(addMonths(this.month, step));
  }

  private changeMonth(month: CalendarMonth): void {
    if (month === this.month) return;
    this.month = month;
    this.dispatchEvent(new CustomEvent("fd-month-changed", { bubbles: true, composed: true, detail: { month } }));
  }

  private onKeydown(event: KeyboardEvent): void {
    const from = (event.target as HTMLElement).closest<HTMLElement>(".day")?.dataset.date;
    if (!from) return;
    const firstDay = firstWeekday(this.locale);
    const column = (weekdayOf(from) - firstDay + 7) % 7;
    let to: CalendarDate;
    const mirrored = (event.key === "ArrowLeft" || event.key === "ArrowRight") && getComputedStyle(this).direction === "rtl";
    if (event.key in keySteps) to = addDays(from, (keySteps[event.key] ?? 0) * (mirrored ? -1 : 1));
    else if (event.key === "Home") to = addDays(from, -column);
    else if (event.key === "End") to = addDays(from, 6 - column);
    else if (event.key === "PageUp" || event.key === "PageDown") to = this.sameDayIn(addMonths(monthOf(from), event.key === "PageUp" ? -1 : 1), from);
    else return;
    event.preventDefault();
    if (this.min && to < this.min && monthOf(to) < monthOf(this.min)) return;
    this.focusDate = to;
    this.moveFocus = true;
    this.changeMonth(monthOf(to));
  }

  private sameDayIn(month: CalendarMonth, date: CalendarDate): CalendarDate {
    const last = lastDayOf(month);
    const candidate = `${month}-${date.slice(8)}`;
    return candidate > last ? last : candidate;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-calendar": FdCalendar;
  }
}
