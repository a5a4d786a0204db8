import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { TaskStatus, type StatusRenderer } from "@lit/task";
import { addMonths, monthOf, toUtcDate, todayIn, type CalendarDate, type CalendarMonth } from "./calendar-date";
import { timeFormat } from "./format";
import { intlLang } from "./localization";
import { availabilityRange, slotsByDate, type Slot } from "./slots";
import type { Theme } from "./tokens";
import { errorState, loadingState } from "./widget-parts";

/** A month of slots by day, as the widgets' availability tasks hold it. */
export type SlotsByDate<S extends Slot = Slot> = Map<CalendarDate, S[]>;

/** The slots of one month by day, and that month. */
export interface MonthOfSlots<S extends Slot = Slot> {
  month: CalendarMonth;
  byDate: SlotsByDate<S>;
}

/** What the pickers read of a widget's availability task. */
export interface AvailabilityTask<S extends Slot = Slot> {
  readonly status: TaskStatus;
  readonly value?: MonthOfSlots<S> | undefined;
  render(renderer: StatusRenderer<MonthOfSlots<S>>): unknown;
  run(): Promise<void>;
}

type LoadSlots<S extends Slot> = (range: { from: CalendarDate; to: CalendarDate }) => Promise<readonly S[]>;

/** How many months ahead a date step looks for its first month with times: a business's horizon is at most 730 days. */
const monthsToSeek = 25;

/**
 * Fetches the slots covering `month` in the display zone and files them by day; none for a month already over.
 * Without a month, it looks from this month on for the first month that has times (the server offers none past the
 * business's horizon), so a visitor late in a month with nothing left does not open on an empty grid.
 */
export async function loadMonthOfSlots<S extends Slot>(
  month: CalendarMonth | undefined,
  zone: string,
  load: LoadSlots<S>,
  signal?: AbortSignal,
): Promise<MonthOfSlots<S>> {
  if (month) return { month, byDate: await slotsOfMonth(month, zone, load) };
  const current = monthOf(todayIn(zone));
  for (let ahead = 0; ahead < monthsToSeek && !signal?.aborted; ahead++) {
    const candidate = addMonths(current, ahead);
    const byDate = await slotsOfMonth(candidate, zone, load);
    if (byDate.size > 0) return { month: candidate, byDate };
  }
  return { month: current, byDate: new Map() };
}

async function slotsOfMonth<S extends Slot>(month: CalendarMonth, zone: string, load: LoadSlots<S>): Promise<SlotsByDate<S>> {
  const range = availabilityRange(month, zone);
  if (!range) return new Map();
  return slotsByDate(await load(range), zone, month);
}

interface PickerOptions {
  availability: AvailabilityTask;
  /** The widget's zone select, shown above the grid or the times. */
  zonePicker: TemplateResult;
  date: CalendarDate | undefined;
  /** The zone times are shown in. */
  zone: string;
  locale: string;
}

export interface DatePickerOptions extends PickerOptions {
  month: CalendarMonth;
  theme: Theme | undefined;
  onMonthChanged: (month: CalendarMonth) => void;
  onDateSelected: (date: CalendarDate) => void;
}

/** The "choose a date" step: the zone select and a month grid in which the days with times are bookable. */
export function datePicker(options: DatePickerOptions): TemplateResult {
  const { availability, zone } = options;
  const pending = availability.status === TaskStatus.PENDING;
  const byDate = availability.value?.byDate;
  return html`
    ${options.zonePicker}
    <fd-calendar
      part="calendar"
      exportparts="day, day-available, day-unavailable, day-selected, day-today, nav"
      theme=${options.theme ?? nothing}
      .month=${options.month}
      .value=${options.date}
      .available=${new Set(pending || !byDate ? [] : byDate.keys())}
      .min=${todayIn(zone)}
      .locale=${options.locale}
      .timeZone=${zone}
      .busy=${pending}
      @fd-month-changed=${(event: CustomEvent<{ month: CalendarMonth }>) => options.onMonthChanged(event.detail.month)}
      @fd-date-selected=${(event: CustomEvent<{ date: CalendarDate }>) => options.onDateSelected(event.detail.date)}
    ></fd-calendar>
  `;
}

export interface TimePickerOptions extends PickerOptions {
  selected: Slot | undefined;
  /** Why the customer is back at the times, e.g. the one they chose was just taken. */
  notice: string | undefined;
  /** Groups the times under Morning, Afternoon and Evening headings, and shows seats left in group sessions. */
  byPartOfDay: boolean;
  onSlotSelected: (slot: Slot) => void;
}

/** The "choose a time" step: the day, the zone select and a button for each of the day's times. */
export function timePicker(options: TimePickerOptions): TemplateResult {
  const { availability, date, zone, locale, selected } = options;
  const slots = (availability.status === TaskStatus.COMPLETE && date && availability.value?.byDate.get(date)) || [];
  const time = timeFormat(locale, zone);
  const lang = intlLang(locale) ?? nothing;
  const list = (group: readonly Slot[]) => html`<ul class="times" role="list">
    ${group.map(
      (slot) => html`<li>
        <button type="button" class="time" part="time" aria-pressed=${slot.start === selected?.start ? "true" : nothing} @click=${() => options.onSlotSelected(slot)}>
          <bdi lang=${lang}>${time.format(new Date(slot.start))}</bdi>
          ${options.byPartOfDay && slot.seatsLeft !== undefined ? html`<span class="seats">${seatsLeft(slot.seatsLeft)}</span>` : nothing}
        </button>
      </li>`,
    )}
  </ul>`;
  return html`
    ${options.notice ? html`<div class="state notice" part="error" role="alert">${options.notice}</div>` : nothing}
    ${date ? html`<p class="lead" lang=${lang}>${new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(toUtcDate(date))}</p>` : nothing}
    ${options.zonePicker}
    ${options.byPartOfDay ? partsOfDay(slots, zone).map(([title, group]) => html`<div class="period"><h3>${title}</h3>${list(group)}</div>`) : list(slots)}
  `;
}

export interface AvailabilityStatusOptions {
  availability: AvailabilityTask;
  step: "date" | "time";
  date: CalendarDate | undefined;
  /** The sentence for a failed request, in the widget's words. */
  errorMessage: (error: unknown) => string;
  chooseAnotherDate: () => void;
  /** Offers the next month when this one has no times. */
  showNextMonth?: (() => void) | undefined;
}

/** Loading, failure and "nothing to choose" of the date and time steps, for the widget's polite live region. */
export function availabilityStatus(options: AvailabilityStatusOptions): unknown {
  const { availability, step, date, showNextMonth } = options;
  const onDate = step === "date";
  return availability.render({
    pending: () => loadingState(onDate ? msg("Loading available days…") : msg("Loading available times…")),
    error: (error) => errorState(options.errorMessage(error), () => void availability.run()),
    complete: ({ byDate }) => {
      if (onDate && byDate.size === 0) {
        return html`<div class="state">
          <p>${msg("No times available this month — try next month")}</p>
          ${showNextMonth ? html`<button type="button" class="button" part="button" @click=${showNextMonth}>${msg("Show next month")}</button>` : nothing}
        </div>`;
      }
      if (!onDate && !(date && byDate.get(date)?.length)) {
        return html`<div class="state">
          <p>${msg("No times left on this day. Choose another date.")}</p>
          <button type="button" class="button" part="button" @click=${options.chooseAnotherDate}>${msg("Choose another date")}</button>
        </div>`;
      }
      return nothing;
    },
  });
}

/** Slots split into morning, afternoon and evening in the display zone, leaving out empty parts. */
function partsOfDay(slots: readonly Slot[], zone: string): [string, Slot[]][] {
  const hour = new Intl.DateTimeFormat("en-US", { hour: "numeric", hourCycle: "h23", timeZone: zone });
  const parts: [string, Slot[]][] = [
    [msg("Morning"), []],
    [msg("Afternoon"), []],
    [msg("Evening"), []],
  ];
  for (const slot of slots) {
    const at = Number(hour.format(new Date(slot.start)));
    parts[at < 12 ? 0 : at < 17 ? 1 : 2]?.[1].push(slot);
  }
  return parts.filter(([, group]) => group.length > 0);
}

function seatsLeft(seats: number): string {
  return seats === 1 ? msg("1 seat left") : msg(str`${seats} seats left`);
}
