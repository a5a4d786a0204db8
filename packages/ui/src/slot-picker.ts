import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { initialState, Task, TaskStatus, type StatusRenderer } from "@lit/task";
import { addMonths, monthOf, toUtcDate, todayIn, type CalendarDate, type CalendarMonth } from "./calendar-date";
import { timeFormat } from "./format";
import { intlLang } from "./localization";
import { availabilityRange, slotsByDate, type Slot } from "./slots";
import type { Theme } from "./tokens";
import { errorState, loadingState, zonePicker } from "./widget-parts";

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

export interface SlotPickerOptions<S extends Slot> {
  /** Loads the slots between two days (inclusive); runs only while `wanted()` holds. */
  load: (range: { from: CalendarDate; to: CalendarDate }) => Promise<readonly S[]>;
  /** What `load` depends on besides the month and the zone (client, service, token…): the slots load again when one changes. */
  args: () => readonly unknown[];
  /** Whether the widget shows a date or time step now, and has what `load` needs. */
  wanted: () => boolean;
  /** The zone times are shown in until the customer picks one (an IANA zone the browser knows). */
  defaultZone: () => string;
  locale: () => string;
  /** The customer picked a day; the widget moves on to the times. */
  datePicked: (date: CalendarDate) => void;
  /** The customer picked a time. */
  slotPicked: (slot: S) => void;
}

/** What a widget's zone select offers besides the visitor's zone and the shown one. */
export interface ZoneChoices {
  zones: readonly (string | null | undefined)[];
  business: { name: string; timeZone: string };
}

/**
 * The date and time steps both customer widgets share: the shown month (the first with times until the customer
 * moves), the chosen day and time, the zone times are shown in, and the availability task that loads the month.
 * A widget says how to load slots and what happens on a pick; the rest, rendering included, lives here.
 */
export class SlotPickerController<S extends Slot = Slot> implements ReactiveController {
  /** The month the customer went to; until then, the first month with times. */
  private chosenMonth: CalendarMonth | undefined;
  private chosenZone: string | undefined;
  private chosenDate: CalendarDate | undefined;
  private chosenSlot: S | undefined;
  readonly availability: Task<readonly unknown[], MonthOfSlots<S>>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SlotPickerOptions<S>,
  ) {
    host.addController(this);
    this.availability = new Task(host, {
      task: async ([month, zone, wanted], { signal }) =>
        wanted ? loadMonthOfSlots(month as CalendarMonth | undefined, zone as string, options.load, signal) : initialState,
      args: () => [this.chosenMonth, this.zone, options.wanted(), ...options.args()],
    });
  }

  // Before the availability task reads its args (it was added after this): a month already over in the zone shown now
  // (another zone was picked, or the widget's default changed) moves to that zone's current month.
  hostUpdate(): void {
    const current = monthOf(todayIn(this.zone));
    if (this.chosenMonth && this.chosenMonth < current) this.chosenMonth = current;
  }

  get date(): CalendarDate | undefined {
    return this.chosenDate;
  }

  get slot(): S | undefined {
    return this.chosenSlot;
  }

  /** The zone times are shown in: the customer's pick, else the widget's default. */
  get zone(): string {
    return this.chosenZone ?? this.options.defaultZone();
  }

  /** The month on the grid: the customer's, else the first with times once known, else this month. */
  get month(): CalendarMonth {
    return this.chosenMonth ?? this.availability.value?.month ?? monthOf(todayIn(this.zone));
  }

  /** Forgets the day, the time and the month, e.g. for another service: the grid seeks the first month with times again. */
  reset(): void {
    this.set(() => {
      this.chosenMonth = undefined;
      this.chosenDate = undefined;
      this.chosenSlot = undefined;
    });
  }

  /** Forgets the chosen time, e.g. when it went to someone else. */
  clearSlot(): void {
    this.set(() => (this.chosenSlot = undefined));
  }

  /** Shows times in `zone`, or in the default zone again with `undefined`. */
  showZone(zone: string | undefined): void {
    this.set(() => (this.chosenZone = zone));
  }

  showMonth(month: CalendarMonth): void {
    this.set(() => (this.chosenMonth = month));
  }

  pickDate(date: CalendarDate): void {
    this.set(() => {
      this.chosenDate = date;
      this.chosenSlot = undefined;
    });
    this.options.datePicked(date);
  }

  pickSlot(slot: S): void {
    this.set(() => (this.chosenSlot = slot));
    this.options.slotPicked(slot);
  }

  /** Loads the shown month again, e.g. after a time was taken. */
  reload(): void {
    void this.availability.run();
  }

  zonePicker({ zones, business }: ZoneChoices): TemplateResult {
    return zonePicker({ current: this.zone, zones, business, locale: this.options.locale(), onChange: (zone) => this.showZone(zone) });
  }

  renderDate(choices: ZoneChoices, theme: Theme | undefined): TemplateResult {
    return datePicker({
      availability: this.availability,
      zonePicker: this.zonePicker(choices),
      month: this.month,
      date: this.date,
      zone: this.zone,
      locale: this.options.locale(),
      theme,
      onMonthChanged: (month) => this.showMonth(month),
      onDateSelected: (date) => this.pickDate(date),
    });
  }

  renderTimes(choices: ZoneChoices, options: Pick<TimePickerOptions, "notice" | "byPartOfDay">): TemplateResult {
    return timePicker({
      availability: this.availability,
      zonePicker: this.zonePicker(choices),
      date: this.date,
      zone: this.zone,
      locale: this.options.locale(),
      selected: this.slot,
      ...options,
      onSlotSelected: (slot) => this.pickSlot(slot as S),
    });
  }

  /** The date or time step's loading, failure and "nothing to choose" states, for the widget's live region. */
  renderStatus(step: "date" | "time", options: Pick<AvailabilityStatusOptions, "errorMessage" | "chooseAnotherDate"> & { offerNextMonth?: boolean }): unknown {
    return availabilityStatus({
      availability: this.availability,
      step,
      date: this.date,
      errorMessage: options.errorMessage,
      chooseAnotherDate: options.chooseAnotherDate,
      showNextMonth: options.offerNextMonth ? () => this.showMonth(addMonths(this.month, 1)) : undefined,
    });
  }

  private set(change: () => void): void {
    change();
    this.host.requestUpdate();
  }
}
