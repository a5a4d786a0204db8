import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { initialState, Task, TaskStatus } from "@lit/task";
import {
  FrontdeskClientError,
  type AppointmentSummary,
  type Catalog,
  type CreateBookingInput,
  type FrontdeskClient,
  type Hold,
} from "@frontdesk/client";
import {
  base,
  commonErrorTexts,
  errorState,
  errorText,
  DialogController,
  dialogStyles,
  FdWidget,
  isKnownTimeZone,
  isolate,
  loadingState,
  SlotPickerController,
  tokens,
  visitorZone,
  widgetStyles,
  type Slot,
} from "@frontdesk/ui";
import "@frontdesk/ui/calendar/define";
import { detailsFieldOf, detailsFields, emptyDetails, validateDetails, type CustomerDetails, type DetailsErrors } from "./details";
import { bookingStyles } from "./booking.styles";
import { bookingSummary, confirmationStep, flowHeader, servicesStep, staffStep, stepTitle, type Service, type Step } from "./booking.steps";
import { HoldController } from "./hold-controller";

/** How `<fd-booking>` sits on the page: in the flow, behind a button, or behind a floating button. */
export type BookingMode = "inline" | "popup" | "floating";

/** `detail` of the `fd-booking-created` event. */
export interface BookingCreatedDetail {
  appointmentId: string;
  start: string;
  end: string;
  serviceId: string;
  staffId: string;
  /** `pending` when the business approves bookings of this service first. */
  status: Extract<AppointmentSummary["status"], "confirmed" | "pending">;
}

const prefilled = ["name", "email", "phone"] as const;

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; a page served over plain http still has getRandomValues.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * @summary Lets a customer book an appointment: service, staff member, day, time, their details, confirmation.
 *
 * In `popup` and `floating` modes the flow opens in a modal dialog from a button; `open()` and `close()`
 * do the same from script.
 *
 * @csspart base - The outer frame.
 * @csspart header - The business name and step progress.
 * @csspart step - The current step: heading and content.
 * @csspart service - A service to choose.
 * @csspart staff - A staff member (or "Any available") to choose.
 * @csspart calendar - The month grid (an `fd-calendar`).
 * @csspart day - Every day in the month grid.
 * @csspart day-available - A day with times to choose.
 * @csspart day-unavailable - A day without times.
 * @csspart day-selected - The chosen day.
 * @csspart day-today - Today.
 * @csspart nav - The previous/next month buttons.
 * @csspart zone - The time zone picker.
 * @csspart time - A time to choose.
 * @csspart hold - The "We're holding this time for you" countdown on the details step.
 * @csspart form - The details form.
 * @csspart input - A text input or text area on the details form.
 * @csspart button - Every secondary button (Back, Try again, …).
 * @csspart button-primary - The main action of a step (Book).
 * @csspart error - An error message: a field's, a step's, or a failed request's.
 * @csspart confirmation - The summary shown once booked.
 * @csspart trigger - The button that opens the dialog (`popup` and `floating` modes).
 * @csspart dialog - The modal dialog the flow opens in (`popup` and `floating` modes).
 * @csspart close - The dialog's Close button.
 * @csspart powered-by - The "Powered by Frontdesk" line.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for bookable days, selected items and the main button.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Error text and invalid inputs.
 * @cssprop [--fd-color-success=#067647] - Success messages.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<BookingCreatedDetail>} fd-booking-created - The appointment was booked (or, for services the business approves first, requested). `detail: { appointmentId, start, end, serviceId, staffId, status }` (instants are UTC ISO strings; `status` is `confirmed` or `pending`).
 * @event {CustomEvent<null>} fd-booking-opened - The booking dialog opened (`popup` and `floating` modes). No detail.
 * @event {CustomEvent<null>} fd-booking-closed - The booking dialog closed (`popup` and `floating` modes). No detail.
 */
export class FdBooking extends FdWidget {
  static override styles = [tokens, base, widgetStyles, bookingStyles, dialogStyles];

  static override properties = {
    ...FdWidget.properties,
    publishableKey: { attribute: "publishable-key" },
    service: {},
    staff: {},
    timeZone: { attribute: "time-zone" },
    mode: {},
    buttonLabel: { attribute: "button-label" },
    name: {},
    email: {},
    phone: {},
    step: { state: true },
    serviceId: { state: true },
    staffId: { state: true },
    details: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
    appointment: { state: true },
  };

  /** The business's publishable key (`pk_…`). Required, here or on the `<fd-provider>` around the element. */
  declare publishableKey: string;
  /** Id of a service to preselect; the service step is skipped. */
  declare service: string | undefined;
  /** Id of a staff member to preselect; the staff step is skipped when they offer the service. */
  declare staff: string | undefined;
  /** IANA zone times are first shown in. Defaults to the visitor's. */
  declare timeZone: string;
  /** `inline` (default): the form sits in the page. `popup`: a button opens it in a dialog. `floating`: a round button fixed to the bottom-right corner does. */
  declare mode: BookingMode;
  /** Text of the button that opens the dialog; default "Book an appointment". */
  declare buttonLabel: string | undefined;
  /** Prefills the name field. */
  declare name: string | undefined;
  /** Prefills the email field. */
  declare email: string | undefined;
  /** Prefills the phone field. */
  declare phone: string | undefined;

  private declare step: Step;
  private declare serviceId: string | undefined;
  /** Undefined: any available staff member. */
  private declare staffId: string | undefined;
  private declare details: CustomerDetails;
  private declare fieldErrors: DetailsErrors;
  /** Why the customer was sent back to an earlier step, or why a submission failed. */
  private declare notice: { step: Step; text: string; retry?: () => void } | undefined;
  private declare appointment: AppointmentSummary | undefined;

  private submission: { payload: string; key: string } | undefined;
  private readonly dialog = new DialogController(this, { opened: () => this.dialogOpened(), closed: () => this.dialogClosed() });
  private readonly hold = new HoldController(this, (error) => this.timeGone(errorMessage(error)));

  private readonly catalogTask = new Task(this, {
    task: async ([client]: readonly [FrontdeskClient | undefined]) => (client ? client.catalog() : initialState),
    args: () => [this.client] as const,
    onComplete: (catalog) => this.begin(catalog),
  });

  private readonly picker = new SlotPickerController(this, {
    load: async (range) => (await this.client!.availability({ serviceId: this.serviceId!, ...(this.staffId ? { staffId: this.staffId } : {}), ...range })).slots,
    args: () => [this.client, this.serviceId, this.staffId],
    wanted: () => !!this.client && !!this.serviceId && ["date", "time", "details"].includes(this.step),
    defaultZone: () => (isKnownTimeZone(this.timeZone) ? this.timeZone : visitorZone()),
    locale: () => this.resolvedLocale,
    datePicked: () => this.goTo("time"),
    slotPicked: (slot) => this.chooseSlot(slot),
  });

  private readonly bookingTask = new Task(this, {
    task: async ([client, input, holdRequest]: readonly [FrontdeskClient, CreateBookingInput, Promise<Hold | undefined> | undefined]) => {
      // A customer quicker than the hold request still books with the hold, once it is known.
      const holdId = await this.hold.idFor(holdRequest);
      return client.createBooking({ ...input, ...(holdId ? { holdId } : {}) });
    },
    autoRun: false,
    onComplete: (appointment) => this.booked(appointment),
    onError: (error) => this.bookingFailed(error),
  });

  constructor() {
    super();
    this.publishableKey = "";
    this.service = undefined;
    this.staff = undefined;
    this.timeZone = visitorZone();
    this.mode = "inline";
    this.buttonLabel = undefined;
    this.name = undefined;
    this.email = undefined;
    this.phone = undefined;
    this.step = "service";
    this.serviceId = undefined;
    this.staffId = undefined;
    this.details = { ...emptyDetails };
    this.fieldErrors = {};
    this.notice = undefined;
    this.appointment = undefined;
  }

  // ── public API ────────────────────────────────────────────────────────────────────────────

  /** Opens the booking dialog (`popup` and `floating` modes; does nothing inline). */
  open(): void {
    if (this.usesDialog) this.dialog.show();
  }

  /** Closes the booking dialog, releasing a time held for the customer. */
  close(): void {
    this.dialog.close();
  }

  // ── plumbing ──────────────────────────────────────────────────────────────────────────────

  private get usesDialog(): boolean {
    return this.mode === "popup" || this.mode === "floating";
  }

  private get client(): FrontdeskClient | undefined {
    return this.clientWith(this.publishableKey || undefined);
  }

  private get catalog(): Catalog | undefined {
    return this.catalogTask.status === TaskStatus.COMPLETE ? this.catalogTask.value : undefined;
  }

  private get chosenService(): Service | undefined {
    return this.catalog?.services.find((service) => service.id === this.serviceId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new time-zone attribute wins over the zone the customer picked.
    if (changed.has("timeZone")) this.picker.showZone(undefined);
    if ((changed.has("service") || changed.has("staff")) && this.catalog) this.begin(this.catalog);
    for (const field of prefilled) {
      if (!changed.has(field)) continue;
      // A prefilled value the customer has already changed stays theirs.
      const before = (changed.get(field) as string | undefined) ?? "";
      if (this.details[field] === before) this.details = { ...this.details, [field]: this[field] ?? "" };
    }
  }

  private prefilledDetails(): CustomerDetails {
    return { ...emptyDetails, name: this.name ?? "", email: this.email ?? "", phone: this.phone ?? "" };
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
    this.hold.release();
    this.serviceId = undefined;
    const preset = this.presets(catalog);
    this.serviceId = preset.service;
    this.staffId = preset.staff;
    this.picker.reset();
    this.notice = undefined;
    this.step = this.steps(catalog)[0] ?? "service";
  }

  private goTo(step: Step): void {
    if (this.step === "details" && step !== "details" && step !== "confirmation") this.hold.release();
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
    this.picker.reset();
    this.goTo(this.staffId ? "date" : "staff");
  }

  private chooseStaff(staffId: string | undefined): void {
    this.staffId = staffId;
    this.picker.reset();
    this.goTo("date");
  }

  private chooseSlot(slot: Slot): void {
    this.fieldErrors = {};
    this.goTo("details");
    const client = this.client;
    if (!client || !this.serviceId) return;
    const input = { serviceId: this.serviceId, ...(this.staffId ? { staffId: this.staffId } : {}), start: slot.start };
    this.hold.place(client, input, this.catalog?.business.holdMinutes);
  }

  private restart(): void {
    this.appointment = undefined;
    this.details = this.prefilledDetails();
    if (this.catalog) this.begin(this.catalog);
    this.focusAfterRender = "step-heading";
  }

  private dialogOpened(): void {
    this.renderRoot.querySelector<HTMLElement>("#step-heading")?.focus();
    this.dispatchEvent(new CustomEvent("fd-booking-opened", { bubbles: true, composed: true }));
  }

  private dialogClosed(): void {
    // A closed dialog keeps the customer's progress but not the time held for them.
    if (this.step === "details") this.goTo("time");
    this.hold.release();
    this.dispatchEvent(new CustomEvent("fd-booking-closed", { bubbles: true, composed: true }));
  }

  /** The chosen time went to someone else: back to the times, saying so. */
  private timeGone(text: string): void {
    this.picker.clearSlot();
    this.notice = { step: "time", text };
    this.goTo("time");
    this.picker.reload();
  }

  // ── booking ───────────────────────────────────────────────────────────────────────────────

  private submit(event?: Event): void {
    event?.preventDefault();
    const client = this.client;
    const slot = this.picker.slot;
    if (!client || !this.serviceId || !slot || this.bookingTask.status === TaskStatus.PENDING) return;
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
      start: slot.start,
      customer: { name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      customerTimeZone: this.picker.zone,
      locale: this.resolvedLocale,
    };
    // Resubmitting for the same time — a retry after a lost connection, even with a corrected typo — reuses the
    // key, so the server answers with the booking it may already have made instead of making a second one.
    const payload = JSON.stringify([input.serviceId, input.staffId, input.start]);
    if (this.submission?.payload !== payload) this.submission = { payload, key: newIdempotencyKey() };
    this.notice = undefined;
    void this.bookingTask.run([client, { ...input, idempotencyKey: this.submission.key }, this.hold.request]);
  }

  private booked(appointment: AppointmentSummary): void {
    this.submission = undefined;
    this.hold.forget();
    this.appointment = appointment;
    this.goTo("confirmation");
    const detail: BookingCreatedDetail = {
      appointmentId: appointment.id,
      start: appointment.start,
      end: appointment.end,
      serviceId: appointment.serviceId,
      staffId: appointment.staffId,
      // A booking just made is confirmed, or pending the business's approval: the server makes no other.
      status: appointment.status as BookingCreatedDetail["status"],
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
      this.fieldErrors = { ...this.fieldErrors, [field]: text };
      this.focusAfterRender = `field-${field}`;
    } else if (error.code === "SLOT_TAKEN" || error.code === "HOLD_EXPIRED" || error.field === "start") {
      this.timeGone(text);
    } else if (error.code === "NETWORK" || error.code === "INTERNAL") {
      this.notice = { step: "details", text, retry: () => this.submit() };
    } else {
      this.notice = { step: "details", text };
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    if (!this.usesDialog) {
      return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>${this.renderFlow()}${this.renderPoweredBy()}</div>`;
    }
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.dialog.render({
        mode: this.mode === "floating" ? "floating" : "popup",
        label: this.buttonLabel || msg("Book an appointment"),
        labelledBy: "business-name",
        content: html`${this.renderFlow()} ${this.renderPoweredBy()}`,
      })}
    </div>`;
  }

  private renderFlow(): TemplateResult {
    const catalog = this.catalog;
    const steps = this.steps();
    const index = steps.indexOf(this.step);
    return this.renderFrame({
      header: flowHeader(catalog, steps, index),
      ...(catalog && index > 0 ? { back: () => this.back() } : {}),
      title: catalog ? stepTitle(this.step, this.appointment) : msg("Book an appointment"),
      content: catalog ? this.renderStep(catalog) : nothing,
      status: this.renderStatus(),
    });
  }

  private renderStep(catalog: Catalog): TemplateResult {
    switch (this.step) {
      case "service":
        return servicesStep(catalog, this.resolvedLocale, (serviceId) => this.chooseService(serviceId));
      case "staff":
        return staffStep(catalog, this.chosenService, (staffId) => this.chooseStaff(staffId));
      case "date":
        return this.renderDate(catalog);
      case "time":
        return this.renderTimes(catalog);
      case "details":
        return this.renderDetails(catalog);
      case "confirmation":
        return this.appointment ? confirmationStep(catalog, this.appointment, this.resolvedLocale, this.picker.zone, () => this.restart()) : html``;
    }
  }

  /** Loading, empty and error states of the current step, in the one polite live region, so they are announced. */
  private renderStatus(): unknown {
    if (!this.catalog) {
      return this.catalogTask.render({
        initial: () => errorState(msg("This booking form is missing its publishable-key attribute.")),
        pending: () => loadingState(msg("Loading services…")),
        error: (error) => errorState(errorMessage(error), () => void this.catalogTask.run()),
      });
    }
    if (this.step === "date" || this.step === "time") {
      return this.picker.renderStatus(this.step, { errorMessage, chooseAnotherDate: () => this.goTo("date"), offerNextMonth: true });
    }
    if (this.step === "details" && this.notice?.step === "details") return errorState(this.notice.text, this.notice.retry);
    return nothing;
  }

  private renderDate(catalog: Catalog): TemplateResult {
    return this.picker.renderDate({ zones: [this.timeZone], business: catalog.business }, this.theme);
  }

  private renderTimes(catalog: Catalog): TemplateResult {
    const notice = this.notice?.step === "time" ? this.notice.text : undefined;
    return this.picker.renderTimes({ zones: [this.timeZone], business: catalog.business }, { notice, byPartOfDay: true });
  }

  private renderDetails(catalog: Catalog): TemplateResult {
    const submitting = this.bookingTask.status === TaskStatus.PENDING;
    const approval = this.chosenService?.requiresApproval === true;
    return html`
      ${bookingSummary({ catalog, service: this.chosenService, staffId: this.staffId, slot: this.picker.slot, locale: this.resolvedLocale, zone: this.picker.zone })}
      ${this.hold.render()}
      <form part="form" novalidate @submit=${this.submit}>
        ${detailsFields(this.details, this.fieldErrors, (details, errors) => {
          this.details = details;
          this.fieldErrors = errors;
        })}
        ${approval ? html`<p class="approval-note">${msg(str`${isolate(catalog.business.name)} confirms bookings of this service by email.`)}</p>` : nothing}
        <button type="submit" class="button primary" part="button button-primary" aria-disabled=${submitting ? "true" : nothing}>
          ${submitting
            ? html`<span class="spinner" aria-hidden="true"></span>${approval ? msg("Sending request…") : msg("Booking…")}`
            : approval
              ? msg("Request appointment")
              : msg("Book")}
        </button>
      </form>
    `;
  }
}

// <fd-booking> talks to a business through its key, so a missing one means the business, not a link.
const bookingErrorTexts = { ...commonErrorTexts, NOT_FOUND: () => msg("This business does not take bookings online any more.") };

const errorMessage = (error: unknown) => errorText(error, bookingErrorTexts);

declare global {
  interface HTMLElementTagNameMap {
    "fd-booking": FdBooking;
  }
}
