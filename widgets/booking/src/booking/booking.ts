import { html, LitElement, nothing, svg, type PropertyValues, type TemplateResult } from "lit";
import { msg, str, updateWhenLocaleChanges } from "@lit/localize";
import { initialState, Task, TaskStatus } from "@lit/task";
import {
  createFrontdeskClient,
  FrontdeskClientError,
  type AppointmentSummary,
  type Catalog,
  type CreateBookingInput,
  type FrontdeskClient,
} from "@frontdesk/client";
import { addMonths, base, isKnownTimeZone, monthOf, todayIn, toUtcDate, tokens, type CalendarDate, type CalendarMonth } from "@frontdesk/ui";
import "@frontdesk/ui/calendar/define";
import { availabilityRange, slotsByDate, type Slot } from "./availability";
import { detailsFieldOf, emptyDetails, validateDetails, type CustomerDetails, type DetailsErrors, type DetailsField } from "./details";
import { bookingStyles } from "./booking.styles";

type Step = "service" | "staff" | "date" | "time" | "details" | "confirmation";
type Service = Catalog["services"][number];

/** `detail` of the `fd-booking-created` event. */
export interface BookingCreatedDetail {
  appointmentId: string;
  start: string;
  end: string;
  serviceId: string;
  staffId: string;
}

const visitorZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const apiBaseFromEmbed = () => (globalThis as { Frontdesk?: { apiBase?: string } }).Frontdesk?.apiBase;

const icon = (path: string) =>
  html`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${svg`<path d=${path} />`}</svg>`;
const chevronRight = () => icon("M7.5 4.5 13 10l-5.5 5.5");
const chevronLeft = () => icon("M12.5 4.5 7 10l5.5 5.5");

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; a page served over plain http still has getRandomValues.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * @summary Lets a customer book an appointment: service, staff member, day, time, their details, confirmation.
 *
 * @csspart base - The outer frame.
 * @csspart header - The business name and step progress.
 * @csspart step - The current step: heading and content.
 * @csspart service - A service to choose.
 * @csspart staff - A staff member (or "Any available") to choose.
 * @csspart calendar - The month grid (an `fd-calendar`).
 * @csspart day - A day in the month grid; also `day-available`, `day-unavailable`, `day-selected`, `day-today`.
 * @csspart nav - The previous/next month buttons.
 * @csspart zone - The time zone picker.
 * @csspart time - A time to choose.
 * @csspart form - The details form.
 * @csspart input - A text input or text area on the details form.
 * @csspart button - Every secondary button (Back, Try again, …).
 * @csspart button-primary - The main action of a step (Book).
 * @csspart error - An error message: a field's, a step's, or a failed request's.
 * @csspart confirmation - The summary shown once booked.
 *
 * @cssprop --fd-color-primary - Accent for bookable days, selected items and the main button.
 * @cssprop --fd-color-primary-contrast - Text on the accent colour.
 * @cssprop --fd-color-text - Body text.
 * @cssprop --fd-color-muted - Secondary text.
 * @cssprop --fd-color-surface - Background.
 * @cssprop --fd-color-border - Borders and dividers.
 * @cssprop --fd-color-danger - Error text and invalid inputs.
 * @cssprop --fd-radius - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack.
 * @cssprop --fd-font-size - Base font size (default 16px).
 * @cssprop --fd-space - Spacing unit (default 8px).
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event fd-booking-created - The appointment was booked. `detail: { appointmentId, start, end, serviceId, staffId }` (instants are UTC ISO strings).
 */
export class FdBooking extends LitElement {
  static override styles = [tokens, base, bookingStyles];

  static override properties = {
    publishableKey: { attribute: "publishable-key" },
    apiBase: { attribute: "api-base" },
    service: {},
    staff: {},
    locale: {},
    timeZone: { attribute: "time-zone" },
    step: { state: true },
    serviceId: { state: true },
    staffId: { state: true },
    month: { state: true },
    zone: { state: true },
    date: { state: true },
    selectedSlot: { state: true },
    details: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
    appointment: { state: true },
  };

  /** The business's publishable key (`pk_…`). Required. */
  declare publishableKey: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  declare apiBase: string | undefined;
  /** Id of a service to preselect; the service step is skipped. */
  declare service: string | undefined;
  /** Id of a staff member to preselect; the staff step is skipped when they offer the service. */
  declare staff: string | undefined;
  /** BCP 47 locale for dates and times. Defaults to the browser's. */
  declare locale: string;
  /** IANA zone times are first shown in. Defaults to the visitor's. */
  declare timeZone: string;

  private declare step: Step;
  private declare serviceId: string | undefined;
  /** Undefined: any available staff member. */
  private declare staffId: string | undefined;
  private declare month: CalendarMonth;
  /** The zone times are shown in now. */
  private declare zone: string;
  private declare date: CalendarDate | undefined;
  private declare selectedSlot: Slot | undefined;
  private declare details: CustomerDetails;
  private declare fieldErrors: DetailsErrors;
  /** Why the customer was sent back to an earlier step, or why a submission failed. */
  private declare notice: { step: Step; text: string; retry?: () => void } | undefined;
  private declare appointment: AppointmentSummary | undefined;

  private cachedClient: { key: string; client: FrontdeskClient } | undefined;
  private submission: { payload: string; key: string } | undefined;
  private focusAfterRender: string | undefined;

  private readonly catalogTask = new Task(this, {
    task: async ([client]: readonly [FrontdeskClient | undefined]) => (client ? client.catalog() : initialState),
    args: () => [this.client] as const,
    onComplete: (catalog) => this.begin(catalog),
  });

  private readonly availabilityTask = new Task(this, {
    task: async ([client, serviceId, staffId, month, zone, wanted]: readonly [
      FrontdeskClient | undefined,
      string | undefined,
      string | undefined,
      CalendarMonth,
      string,
      boolean,
    ]) => {
      if (!client || !serviceId || !wanted) return initialState;
      const range = availabilityRange(month, zone);
      if (!range) return new Map<CalendarDate, Slot[]>();
      const { slots } = await client.availability({ serviceId, ...(staffId ? { staffId } : {}), ...range });
      return slotsByDate(slots, zone, month);
    },
    args: () =>
      [this.client, this.serviceId, this.staffId, this.month, this.zone, ["date", "time", "details"].includes(this.step)] as const,
  });

  private readonly bookingTask = new Task(this, {
    task: async ([client, input]: readonly [FrontdeskClient, CreateBookingInput]) => client.createBooking(input),
    autoRun: false,
    onComplete: (appointment) => this.booked(appointment),
    onError: (error) => this.bookingFailed(error),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.publishableKey = "";
    this.apiBase = undefined;
    this.service = undefined;
    this.staff = undefined;
    this.locale = navigator.language;
    this.timeZone = visitorZone();
    this.step = "service";
    this.serviceId = undefined;
    this.staffId = undefined;
    this.zone = this.timeZone;
    this.month = monthOf(todayIn(this.zone));
    this.date = undefined;
    this.selectedSlot = undefined;
    this.details = { ...emptyDetails };
    this.fieldErrors = {};
    this.notice = undefined;
    this.appointment = undefined;
  }

  private get client(): FrontdeskClient | undefined {
    if (!this.publishableKey) return undefined;
    const baseUrl = this.apiBase || apiBaseFromEmbed() || location.origin;
    const key = `${baseUrl} ${this.publishableKey}`;
    if (this.cachedClient?.key !== key) this.cachedClient = { key, client: createFrontdeskClient({ baseUrl, publishableKey: this.publishableKey }) };
    return this.cachedClient.client;
  }

  private get catalog(): Catalog | undefined {
    return this.catalogTask.status === TaskStatus.COMPLETE ? this.catalogTask.value : undefined;
  }

  private get chosenService(): Service | undefined {
    return this.catalog?.services.find((service) => service.id === this.serviceId);
  }

  /** A usable locale: an invalid `locale` attribute falls back to the browser's. */
  private get resolvedLocale(): string {
    try {
      return Intl.getCanonicalLocales(this.locale)[0] ?? navigator.language;
    } catch {
      return navigator.language;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("timeZone")) this.showZone(isKnownTimeZone(this.timeZone) ? this.timeZone : visitorZone());
    if ((changed.has("service") || changed.has("staff")) && this.catalog) this.begin(this.catalog);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(`#${this.focusAfterRender}`)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  // ── navigation ────────────────────────────────────────────────────────────────────────────

  /** The steps this customer goes through, given what the page preselected. */
  private steps(catalog = this.catalog): Step[] {
    const preset = this.presets(catalog);
    return (["service", "staff", "date", "time", "details"] as const).filter(
      (step) => !(step === "service" && preset.service) && !(step === "staff" && preset.staff),
    );
  }

  /** The `service` attribute if it names a service, and the `staff` attribute if they offer the chosen service. */
  private presets(catalog = this.catalog): { service?: string; staff?: string } {
    const service = catalog?.services.find((candidate) => candidate.id === this.service)?.id;
    const chosen = catalog?.services.find((candidate) => candidate.id === (this.serviceId ?? service));
    const staff = this.staff && chosen?.staffIds.includes(this.staff) ? this.staff : undefined;
    return { ...(service ? { service } : {}), ...(staff ? { staff } : {}) };
  }

  // Runs from the catalog task's onComplete, before `this.catalog` is set, so it is handed the catalog.
  private begin(catalog: Catalog): void {
    this.serviceId = undefined;
    const preset = this.presets(catalog);
    this.serviceId = preset.service;
    this.staffId = preset.staff;
    this.date = undefined;
    this.selectedSlot = undefined;
    this.notice = undefined;
    this.step = this.steps(catalog)[0] ?? "service";
  }

  private goTo(step: Step): void {
    this.step = step;
    if (this.notice?.step !== step) this.notice = undefined;
    this.focusAfterRender = "step-heading";
  }

  private back(): void {
    const steps = this.steps();
    const previous = steps[steps.indexOf(this.step) - 1];
    if (previous) this.goTo(previous);
  }

  private chooseService(serviceId: string): void {
    this.serviceId = serviceId;
    this.staffId = this.presets().staff;
    this.date = undefined;
    this.selectedSlot = undefined;
    this.goTo(this.staffId ? "date" : "staff");
  }

  private chooseStaff(staffId: string | undefined): void {
    this.staffId = staffId;
    this.date = undefined;
    this.selectedSlot = undefined;
    this.goTo("date");
  }

  private chooseDate(date: CalendarDate): void {
    this.date = date;
    this.selectedSlot = undefined;
    this.goTo("time");
  }

  private chooseSlot(slot: Slot): void {
    this.selectedSlot = slot;
    this.fieldErrors = {};
    this.goTo("details");
  }

  private showZone(zone: string): void {
    this.zone = zone;
    const current = monthOf(todayIn(zone));
    if (this.month < current) this.month = current;
  }

  private restart(): void {
    this.appointment = undefined;
    this.details = { ...emptyDetails };
    if (this.catalog) this.begin(this.catalog);
    this.focusAfterRender = "step-heading";
  }

  // ── booking ───────────────────────────────────────────────────────────────────────────────

  private submit(event?: Event): void {
    event?.preventDefault();
    const client = this.client;
    if (!client || !this.serviceId || !this.selectedSlot || this.bookingTask.status === TaskStatus.PENDING) return;
    this.fieldErrors = validateDetails(this.details);
    const firstInvalid = (["name", "email", "phone", "notes"] as const).find((field) => this.fieldErrors[field]);
    if (firstInvalid) {
      this.notice = undefined;
      this.focusAfterRender = `field-${firstInvalid}`;
      return;
    }
    const { name, email, phone, notes } = this.details;
    const input: CreateBookingInput = {
      serviceId: this.serviceId,
      ...(this.staffId ? { staffId: this.staffId } : {}),
      start: this.selectedSlot.start,
      customer: { name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      customerTimeZone: this.zone,
    };
    // Resending the same details (a retry after a lost connection) reuses the key, so it cannot book twice.
    const payload = JSON.stringify(input);
    if (this.submission?.payload !== payload) this.submission = { payload, key: newIdempotencyKey() };
    this.notice = undefined;
    void this.bookingTask.run([client, { ...input, idempotencyKey: this.submission.key }]);
  }

  private booked(appointment: AppointmentSummary): void {
    this.submission = undefined;
    this.appointment = appointment;
    this.goTo("confirmation");
    const detail: BookingCreatedDetail = {
      appointmentId: appointment.id,
      start: appointment.start,
      end: appointment.end,
      serviceId: appointment.serviceId,
      staffId: appointment.staffId,
    };
    this.dispatchEvent(new CustomEvent("fd-booking-created", { bubbles: true, composed: true, detail }));
  }

  private bookingFailed(error: unknown): void {
    const text = errorMessage(error);
    if (!(error instanceof FrontdeskClientError)) {
      this.notice = { step: "details", text, retry: () => this.submit() };
      return;
    }
    const field = detailsFieldOf(error.field);
    if (error.code === "VALIDATION_FAILED" && field) {
      this.fieldErrors = { ...this.fieldErrors, [field]: error.message };
      this.focusAfterRender = `field-${field}`;
    } else if (error.code === "SLOT_TAKEN" || error.field === "start") {
      this.selectedSlot = undefined;
      this.notice = { step: "time", text };
      this.goTo("time");
      void this.availabilityTask.run();
    } else if (error.code === "NETWORK" || error.code === "INTERNAL") {
      this.notice = { step: "details", text, retry: () => this.submit() };
    } else {
      this.notice = { step: "details", text };
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    const catalog = this.catalog;
    const steps = this.steps();
    const index = steps.indexOf(this.step);
    return html`
      <div class="fd-root">
        <div class="frame" part="base">
          <div class="header" part="header">
            <span class="business">
              ${catalog?.business.name ?? msg("Book an appointment")}
              ${catalog?.business.sandbox ? html`<span class="badge" title=${msg("Bookings made here are test data.")}>${msg("Sandbox")}</span>` : nothing}
            </span>
            <span class="progress">
              <span aria-live="polite">${catalog && index >= 0 ? msg(str`Step ${index + 1} of ${steps.length}`) : nothing}</span>
              ${catalog && index >= 0
                ? html`<span class="dots" aria-hidden="true">${steps.map((_, at) => html`<span class=${at <= index ? "dot done" : "dot"}></span>`)}</span>`
                : nothing}
            </span>
          </div>
          <section class="step" part="step" aria-labelledby="step-heading">
            ${catalog && index > 0
              ? html`<button type="button" class="back" part="button" @click=${this.back}>${chevronLeft()}${msg("Back")}</button>`
              : nothing}
            <h2 id="step-heading" tabindex="-1">${catalog ? this.stepTitle() : msg("Book an appointment")}</h2>
            ${catalog ? this.renderStep(catalog) : nothing}
            <div class="status" role="status" aria-live="polite">${this.renderStatus()}</div>
          </section>
        </div>
      </div>
    `;
  }

  private renderStep(catalog: Catalog): TemplateResult {
    switch (this.step) {
      case "service":
        return this.renderServices(catalog);
      case "staff":
        return this.renderStaff(catalog);
      case "date":
        return this.renderDate(catalog);
      case "time":
        return this.renderTimes(catalog);
      case "details":
        return this.renderDetails(catalog);
      case "confirmation":
        return this.renderConfirmation();
    }
  }

  private stepTitle(): string {
    switch (this.step) {
      case "service":
        return msg("Choose a service");
      case "staff":
        return msg("Choose who you'd like to see");
      case "date":
        return msg("Choose a date");
      case "time":
        return msg("Choose a time");
      case "details":
        return msg("Your details");
      case "confirmation":
        return msg("You're booked");
    }
  }

  /** Loading, empty and error states of the current step, in the one polite live region, so they are announced. */
  private renderStatus(): unknown {
    if (!this.catalog) {
      return this.catalogTask.render({
        initial: () => this.renderError(msg("This booking form is missing its publishable-key attribute.")),
        pending: () => this.renderLoading(msg("Loading services…")),
        error: (error) => this.renderError(errorMessage(error), () => void this.catalogTask.run()),
      });
    }
    if (this.step === "date" || this.step === "time") {
      const onDate = this.step === "date";
      return this.availabilityTask.render({
        pending: () => this.renderLoading(onDate ? msg("Loading available days…") : msg("Loading available times…")),
        error: (error) => this.renderError(errorMessage(error), () => void this.availabilityTask.run()),
        complete: (byDate) => {
          if (onDate && byDate.size === 0) {
            return html`<div class="state">
              <p>${msg("No times available this month — try next month")}</p>
              <button type="button" class="button" part="button" @click=${() => (this.month = addMonths(this.month, 1))}>${msg("Show next month")}</button>
            </div>`;
          }
          if (!onDate && !(this.date && byDate.get(this.date)?.length)) {
            return html`<div class="state">
              <p>${msg("No times left on this day. Choose another date.")}</p>
              <button type="button" class="button" part="button" @click=${() => this.goTo("date")}>${msg("Choose another date")}</button>
            </div>`;
          }
          return nothing;
        },
      });
    }
    if (this.step === "details" && this.notice?.step === "details") return this.renderError(this.notice.text, this.notice.retry);
    return nothing;
  }

  private renderServices(catalog: Catalog): TemplateResult {
    if (catalog.services.length === 0) return html`<p class="state">${msg("No services can be booked online right now.")}</p>`;
    return html`<ul class="options" role="list">
      ${catalog.services.map(
        (service, at) => html`<li>
          <button type="button" class="option" part="service" aria-labelledby="service-${at}" aria-describedby="service-${at}-meta" @click=${() => this.chooseService(service.id)}>
            <span class="option-text">
              <span class="option-name" id="service-${at}">${service.name}</span>
              <span class="option-meta" id="service-${at}-meta">
                <span>${[this.formatDuration(service.durationMin), this.formatPrice(service)].filter(Boolean).join(" · ")}</span>
                ${service.description ? html`<span class="option-description">${service.description}</span>` : nothing}
              </span>
            </span>
            ${chevronRight()}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private renderStaff(catalog: Catalog): TemplateResult {
    const offered = new Set(this.chosenService?.staffIds ?? []);
    const choices = [
      { id: undefined, name: msg("Any available"), title: msg("Whoever is free at the time you pick") },
      ...catalog.staff.filter((member) => offered.has(member.id)),
    ];
    return html`<ul class="options" role="list">
      ${choices.map(
        (choice, at) => html`<li>
          <button type="button" class="option" part="staff" aria-labelledby="staff-${at}" aria-describedby="staff-${at}-meta" @click=${() => this.chooseStaff(choice.id)}>
            <span class="avatar" aria-hidden="true">${choice.id ? initials(choice.name) : icon("M4 16c0-3 2.7-5 6-5s6 2 6 5M10 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z")}</span>
            <span class="option-text">
              <span class="option-name" id="staff-${at}">${choice.name}</span>
              <span class="option-meta" id="staff-${at}-meta">${choice.title}</span>
            </span>
            ${chevronRight()}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private renderDate(catalog: Catalog): TemplateResult {
    const slots = this.availabilityTask.value;
    const pending = this.availabilityTask.status === TaskStatus.PENDING;
    return html`
      ${this.renderZonePicker(catalog)}
      <fd-calendar
        part="calendar"
        exportparts="day, day-available, day-unavailable, day-selected, day-today, nav"
        .month=${this.month}
        .value=${this.date}
        .available=${new Set(pending || !slots ? [] : slots.keys())}
        .min=${todayIn(this.zone)}
        .locale=${this.resolvedLocale}
        .timeZone=${this.zone}
        .busy=${pending}
        @fd-month-changed=${(event: CustomEvent<{ month: CalendarMonth }>) => (this.month = event.detail.month)}
        @fd-date-selected=${(event: CustomEvent<{ date: CalendarDate }>) => this.chooseDate(event.detail.date)}
      ></fd-calendar>
    `;
  }

  private renderTimes(catalog: Catalog): TemplateResult {
    const slots = (this.availabilityTask.status === TaskStatus.COMPLETE && this.date && this.availabilityTask.value?.get(this.date)) || [];
    const time = new Intl.DateTimeFormat(this.resolvedLocale, { hour: "numeric", minute: "2-digit", timeZone: this.zone });
    return html`
      ${this.notice?.step === "time" ? html`<div class="state notice" part="error" role="alert">${this.notice.text}</div>` : nothing}
      ${this.date ? html`<p class="lead">${this.formatDate(this.date)}</p>` : nothing}
      ${this.renderZonePicker(catalog)}
      ${this.partsOfDay(slots).map(
        ([title, group]) => html`<div class="period">
          <h3>${title}</h3>
          <ul class="times" role="list">
            ${group.map(
              (slot) => html`<li>
                <button type="button" class="time" part="time" aria-pressed=${slot.start === this.selectedSlot?.start ? "true" : nothing} @click=${() => this.chooseSlot(slot)}>
                  ${time.format(new Date(slot.start))}
                </button>
              </li>`,
            )}
          </ul>
        </div>`,
      )}
    `;
  }

  private renderZonePicker(catalog: Catalog): TemplateResult {
    const visitor = visitorZone();
    const business = catalog.business.timeZone;
    const zones = [...new Set([this.zone, visitor, business, this.timeZone].filter(isKnownTimeZone))];
    const label = (zone: string) => {
      const place = zoneName(zone, this.resolvedLocale);
      if (zone === visitor) return msg(str`${place} — your time`);
      if (zone === business) return msg(str`${place} — ${catalog.business.name}`);
      return place;
    };
    return html`<div class="zone">
      <label for="zone">${msg("Time zone")}</label>
      <select id="zone" part="zone" @change=${(event: Event) => this.showZone((event.target as HTMLSelectElement).value)}>
        ${zones.map((zone) => html`<option value=${zone} ?selected=${zone === this.zone}>${label(zone)}</option>`)}
      </select>
    </div>`;
  }

  private renderDetails(catalog: Catalog): TemplateResult {
    const submitting = this.bookingTask.status === TaskStatus.PENDING;
    return html`
      ${this.renderSummary(catalog)}
      <form part="form" novalidate @submit=${this.submit}>
        ${this.renderField("name", msg("Name"), { autocomplete: "name" })}
        ${this.renderField("email", msg("Email"), { type: "email", autocomplete: "email" })}
        ${this.renderField("phone", msg("Phone (optional)"), { type: "tel", autocomplete: "tel" })}
        ${this.renderField("notes", msg("Notes (optional)"), { multiline: true })}
        <button type="submit" class="button primary" part="button button-primary" aria-disabled=${submitting ? "true" : nothing}>
          ${submitting ? html`<span class="spinner" aria-hidden="true"></span>${msg("Booking…")}` : msg("Book")}
        </button>
      </form>
    `;
  }

  private renderField(field: DetailsField, label: string, options: { type?: string; autocomplete?: string; multiline?: boolean }): TemplateResult {
    const error = this.fieldErrors[field];
    const update = (event: Event) => {
      this.details = { ...this.details, [field]: (event.target as HTMLInputElement | HTMLTextAreaElement).value };
      if (error) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
    };
    const describedBy = error ? `field-${field}-error` : nothing;
    return html`<div class="field">
      <label for="field-${field}">${label}</label>
      ${options.multiline
        ? html`<textarea id="field-${field}" part="input" name=${field} rows="3" aria-invalid=${error ? "true" : "false"} aria-describedby=${describedBy} .value=${this.details[field]} @input=${update}></textarea>`
        : html`<input
            id="field-${field}"
            part="input"
            name=${field}
            type=${options.type ?? "text"}
            autocomplete=${options.autocomplete ?? nothing}
            aria-invalid=${error ? "true" : "false"}
            aria-describedby=${describedBy}
            ?required=${field === "name" || field === "email"}
            .value=${this.details[field]}
            @input=${update}
          />`}
      ${error ? html`<p class="field-error" id="field-${field}-error" part="error">${error}</p>` : nothing}
    </div>`;
  }

  private renderSummary(catalog: Catalog): TemplateResult {
    const staff = catalog.staff.find((member) => member.id === this.staffId)?.name ?? msg("Any available");
    return html`<dl class="summary">
      <div><dt>${msg("Service")}</dt><dd>${this.chosenService?.name}</dd></div>
      <div><dt>${msg("With")}</dt><dd>${staff}</dd></div>
      ${this.selectedSlot ? html`<div><dt>${msg("When")}</dt><dd>${this.formatWhen(this.selectedSlot.start, this.selectedSlot.end)}</dd></div>` : nothing}
    </dl>`;
  }

  private renderConfirmation(): TemplateResult {
    const appointment = this.appointment;
    if (!appointment) return html``;
    return html`<div class="confirmation" part="confirmation">
      <p class="lead">${msg(str`Thank you, ${appointment.customerName}. Your appointment is confirmed.`)}</p>
      <dl class="summary">
        <div><dt>${msg("Service")}</dt><dd>${appointment.serviceName}</dd></div>
        <div><dt>${msg("With")}</dt><dd>${appointment.staffName}</dd></div>
        <div><dt>${msg("When")}</dt><dd>${this.formatWhen(appointment.start, appointment.end)}</dd></div>
        <div><dt>${msg("Name")}</dt><dd>${appointment.customerName}</dd></div>
      </dl>
      <button type="button" class="button" part="button" @click=${this.restart}>${msg("Book another appointment")}</button>
    </div>`;
  }

  private renderLoading(text: string): TemplateResult {
    return html`<p class="state loading"><span class="spinner" aria-hidden="true"></span>${text}</p>`;
  }

  private renderError(text: string, retry?: () => void): TemplateResult {
    return html`<div class="state error" part="error">
      <p>${text}</p>
      ${retry ? html`<button type="button" class="button" part="button" @click=${retry}>${msg("Try again")}</button>` : nothing}
    </div>`;
  }

  // ── formatting ────────────────────────────────────────────────────────────────────────────

  private formatDate(date: CalendarDate): string {
    return new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "full", timeZone: "UTC" }).format(toUtcDate(date));
  }

  /** Slots split into morning, afternoon and evening in the display zone, leaving out empty parts. */
  private partsOfDay(slots: readonly Slot[]): [string, Slot[]][] {
    const hour = new Intl.DateTimeFormat("en-US", { hour: "numeric", hourCycle: "h23", timeZone: this.zone });
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

  private formatWhen(start: string, end: string): TemplateResult {
    const day = new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "full", timeZone: this.zone }).format(new Date(start));
    const times = new Intl.DateTimeFormat(this.resolvedLocale, { hour: "numeric", minute: "2-digit", timeZone: this.zone });
    return html`<span class="when">${day}</span>
      <span class="when">${times.formatRange(new Date(start), new Date(end))} · ${zoneName(this.zone, this.resolvedLocale)}</span>`;
  }

  private formatDuration(minutes: number): string {
    return new Intl.NumberFormat(this.resolvedLocale, { style: "unit", unit: "minute", unitDisplay: "short" }).format(minutes);
  }

  private formatPrice(service: Service): string {
    if (service.priceCents === null) return "";
    try {
      return new Intl.NumberFormat(this.resolvedLocale, { style: "currency", currency: service.currency }).format(service.priceCents / 100);
    } catch {
      return "";
    }
  }
}

function errorMessage(error: unknown): string {
  if (!(error instanceof FrontdeskClientError)) return msg("Something went wrong. Please try again.");
  switch (error.code) {
    case "NETWORK":
      return msg("Could not reach the booking service. Check your connection and try again.");
    case "SLOT_TAKEN":
      return msg("Sorry, that time was just booked by someone else. Please pick another time.");
    case "UNKNOWN_PUBLISHABLE_KEY":
      return msg("This booking form is not set up correctly: its publishable key is unknown.");
    case "ORIGIN_NOT_ALLOWED":
      return msg("Online booking is not enabled for this website.");
    case "INTERNAL":
      return msg("Something went wrong on our side. Please try again.");
    default:
      // The server's messages are written for the person booking.
      return error.message;
  }
}

/** "America/New_York" → "New York (GMT-4)": the city a person recognises, and the offset now. */
function zoneName(zone: string, locale: string): string {
  const city = zone.split("/").pop()?.replaceAll("_", " ") ?? zone;
  const offset = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(new Date())
    .find((part) => part.type === "timeZoneName")?.value;
  return offset ? `${city} (${offset})` : city;
}

function initials(name: string): string {
  const words = name.replace(/^(Dr|Mr|Mrs|Ms|Prof)\.?\s+/i, "").split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-booking": FdBooking;
  }
}
