import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import type { AppointmentSummary, Catalog } from "@frontdesk/client";
import { base, errorState, DialogController, dialogStyles, FdWidget, isKnownTimeZone, isolate, loadingState, tokens, visitorZone, widgetStyles } from "@frontdesk/ui";
import "@frontdesk/ui/calendar/define";
import { detailsFields } from "./details";
import { bookingStyles } from "./booking.styles";
import { bookingSummary, confirmationStep, flowHeader, servicesStep, staffStep, stepTitle } from "./booking.steps";
import { BookingFlowController, errorMessage, prefilled } from "./flow-controller";

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

  private readonly dialog = new DialogController(this, { opened: () => this.dialogOpened(), closed: () => this.dialogClosed() });
  private readonly flow = new BookingFlowController(this, {
    client: () => this.clientWith(this.publishableKey || undefined),
    preset: () => ({ service: this.service, staff: this.staff }),
    prefill: () => ({ name: this.name ?? "", email: this.email ?? "", phone: this.phone ?? "" }),
    defaultZone: () => (isKnownTimeZone(this.timeZone) ? this.timeZone : visitorZone()),
    locale: () => this.resolvedLocale,
    focus: (id) => (this.focusAfterRender = id),
    booked: (appointment) => this.booked(appointment),
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new time-zone attribute wins over the zone the customer picked.
    if (changed.has("timeZone")) this.flow.picker.showZone(undefined);
    if (changed.has("service") || changed.has("staff")) this.flow.presetChanged();
    for (const field of prefilled) {
      if (changed.has(field)) this.flow.prefillChanged(field, (changed.get(field) as string | undefined) ?? "");
    }
  }

  private dialogOpened(): void {
    this.renderRoot.querySelector<HTMLElement>("#step-heading")?.focus();
    this.dispatchEvent(new CustomEvent("fd-booking-opened", { bubbles: true, composed: true }));
  }

  private dialogClosed(): void {
    this.flow.paused();
    this.dispatchEvent(new CustomEvent("fd-booking-closed", { bubbles: true, composed: true }));
  }

  private booked(appointment: AppointmentSummary): void {
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
    const catalog = this.flow.catalog;
    const steps = this.flow.steps();
    const index = steps.indexOf(this.flow.step);
    return this.renderFrame({
      header: flowHeader(catalog, steps, index),
      ...(catalog && index > 0 ? { back: () => this.flow.back() } : {}),
      title: catalog ? stepTitle(this.flow.step, this.flow.appointment) : msg("Book an appointment"),
      content: catalog ? this.renderStep(catalog) : nothing,
      status: this.renderStatus(),
    });
  }

  private renderStep(catalog: Catalog): TemplateResult {
    const { flow } = this;
    switch (flow.step) {
      case "service":
        return servicesStep(catalog, this.resolvedLocale, (serviceId) => flow.chooseService(serviceId));
      case "staff":
        return staffStep(catalog, flow.chosenService, (staffId) => flow.chooseStaff(staffId));
      case "date":
        return flow.picker.renderDate({ zones: [this.timeZone], business: catalog.business }, this.theme);
      case "time":
        return this.renderTimes(catalog);
      case "details":
        return this.renderDetails(catalog);
      case "confirmation":
        return flow.appointment ? confirmationStep(catalog, flow.appointment, this.resolvedLocale, flow.picker.zone, () => flow.restart()) : html``;
    }
  }

  /** Loading, empty and error states of the current step, in the one polite live region, so they are announced. */
  private renderStatus(): unknown {
    const { flow } = this;
    if (!flow.catalog) {
      return flow.catalogTask.render({
        initial: () => errorState(msg("This booking form is missing its publishable-key attribute.")),
        pending: () => loadingState(msg("Loading services…")),
        error: (error) => errorState(errorMessage(error), () => void flow.catalogTask.run()),
      });
    }
    if (flow.step === "date" || flow.step === "time") {
      return flow.picker.renderStatus(flow.step, { errorMessage, chooseAnotherDate: () => flow.goTo("date"), offerNextMonth: true });
    }
    if (flow.step === "details" && flow.notice?.step === "details") return errorState(flow.notice.text, flow.notice.retry);
    return nothing;
  }

  private renderTimes(catalog: Catalog): TemplateResult {
    const notice = this.flow.notice?.step === "time" ? this.flow.notice.text : undefined;
    return this.flow.picker.renderTimes({ zones: [this.timeZone], business: catalog.business }, { notice, byPartOfDay: true });
  }

  private renderDetails(catalog: Catalog): TemplateResult {
    const { flow } = this;
    const approval = flow.chosenService?.requiresApproval === true;
    return html`
      ${bookingSummary({ catalog, service: flow.chosenService, staffId: flow.staffId, slot: flow.picker.slot, locale: this.resolvedLocale, zone: flow.picker.zone })}
      ${flow.hold.render()}
      <form part="form" novalidate @submit=${(event: Event) => flow.submit(event)}>
        ${detailsFields(flow.details, flow.fieldErrors, (details, errors) => flow.edit(details, errors))}
        ${approval ? html`<p class="approval-note">${msg(str`${isolate(catalog.business.name)} confirms bookings of this service by email.`)}</p>` : nothing}
        <button type="submit" class="button primary" part="button button-primary" aria-disabled=${flow.submitting ? "true" : nothing}>
          ${flow.submitting
            ? html`<span class="spinner" aria-hidden="true"></span>${approval ? msg("Sending request…") : msg("Booking…")}`
            : approval
              ? msg("Request appointment")
              : msg("Book")}
        </button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-booking": FdBooking;
  }
}
