import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { initialState, Task, TaskStatus } from "@lit/task";
import { FrontdeskClientError, type FrontdeskClient, type ManagedAppointment } from "@frontdesk/client";
import {
  base,
  errorState,
  FdWidget,
  isKnownTimeZone,
  loadingState,
  SlotPickerController,
  tokens,
  visitorZone,
  widgetStyles,
  type Slot,
} from "@frontdesk/ui";
import "@frontdesk/ui/calendar/define";
import { bookingManageStyles } from "./booking-manage.styles";
import { cannotChangeText, errorMessage, retryable } from "./booking-manage.texts";
import { appointmentSummary, cancelForm } from "./booking-manage.views";

type View = "overview" | "date" | "time" | "confirm" | "cancel";

/** `detail` of the `fd-booking-rescheduled` event. */
export interface BookingRescheduledDetail {
  appointmentId: string;
  /** The new start and end, UTC ISO strings. */
  start: string;
  end: string;
}

/** `detail` of the `fd-booking-cancelled` event. */
export interface BookingCancelledDetail {
  appointmentId: string;
}

/** What the customer is told after a change (under a `heading` that says what happened), or why one failed; `retry` for failures worth repeating. */
interface Notice {
  kind: "success" | "error";
  view: View;
  text: string;
  heading?: string;
  retry?: () => void;
}

const tokenFromPage = () => new URL(location.href).searchParams.get("token") ?? undefined;

/**
 * @summary Lets a customer see their appointment through the link in their confirmation, and reschedule or cancel it while the business's policy allows.
 *
 * @csspart base - The outer frame.
 * @csspart header - The business name.
 * @csspart step - The current view: heading and content.
 * @csspart status - The appointment's status badge.
 * @csspart calendar - The month grid for a new date (an `fd-calendar`).
 * @csspart day - Every day in the month grid.
 * @csspart day-available - A day with times to choose.
 * @csspart day-unavailable - A day without times.
 * @csspart day-selected - The chosen day.
 * @csspart day-today - Today.
 * @csspart nav - The previous/next month buttons.
 * @csspart zone - The time zone picker.
 * @csspart time - A new time to choose.
 * @csspart form - The cancellation form.
 * @csspart input - The cancellation reason.
 * @csspart button - Every secondary button (Back, Keep appointment, Try again, …).
 * @csspart button-primary - The main action of a view (Reschedule, Move my appointment).
 * @csspart button-danger - The button that cancels the appointment.
 * @csspart notice - The message shown after a change succeeded.
 * @csspart error - An error message.
 * @csspart powered-by - The "Powered by Frontdesk" line.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for bookable days, selected items and the main button.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors and the cancel button.
 * @cssprop [--fd-color-success=#067647] - Success messages and the "Confirmed" badge.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<BookingRescheduledDetail>} fd-booking-rescheduled - The appointment moved. `detail: { appointmentId, start, end }` (UTC ISO strings).
 * @event {CustomEvent<BookingCancelledDetail>} fd-booking-cancelled - The appointment was cancelled. `detail: { appointmentId }`.
 */
export class FdBookingManage extends FdWidget {
  static override styles = [tokens, base, widgetStyles, bookingManageStyles];

  static override properties = {
    ...FdWidget.properties,
    token: {},
    timeZone: { attribute: "time-zone" },
    view: { state: true },
    appointment: { state: true },
    reason: { state: true },
    notice: { state: true },
  };

  /** The token from the customer's manage link. Defaults to the `token` query parameter of this page's URL. */
  declare token: string | undefined;
  /** IANA zone times are first shown in. Defaults to the zone the customer booked in, else the visitor's. */
  declare timeZone: string | undefined;

  private declare view: View;
  /** The appointment as the server last described it, after a change too. */
  private declare appointment: ManagedAppointment | undefined;
  private declare reason: string;
  private declare notice: Notice | undefined;


  private readonly appointmentTask = new Task(this, {
    task: async ([client, token]: readonly [FrontdeskClient, string | undefined]) => (token ? client.manage.get(token) : initialState),
    args: () => [this.client, this.effectiveToken] as const,
    onComplete: (appointment) => (this.appointment = appointment),
  });

  private readonly picker = new SlotPickerController(this, {
    // The appointment's own time is not a new time.
    load: async (range) => (await this.client.manage.availability(this.effectiveToken!, range)).slots.filter((slot) => slot.start !== this.appointment?.start),
    args: () => [this.client, this.effectiveToken],
    wanted: () => !!this.effectiveToken && (this.view === "date" || this.view === "time"),
    defaultZone: () => this.defaultZone,
    locale: () => this.resolvedLocale,
    datePicked: () => this.goTo("time"),
    slotPicked: () => this.goTo("confirm"),
  });

  private readonly rescheduleTask = new Task(this, {
    task: async ([client, token, start]: readonly [FrontdeskClient, string, string]) => client.manage.reschedule(token, start),
    autoRun: false,
    onComplete: (appointment) => this.rescheduled(appointment),
    onError: (error) => this.changeFailed(error, "confirm"),
  });

  private readonly cancelTask = new Task(this, {
    task: async ([client, token, reason]: readonly [FrontdeskClient, string, string]) => client.manage.cancel(token, reason || undefined),
    autoRun: false,
    onComplete: (appointment) => this.cancelled(appointment),
    onError: (error) => this.changeFailed(error, "cancel"),
  });

  constructor() {
    super();
    this.token = undefined;
    this.timeZone = undefined;
    this.view = "overview";
    this.appointment = undefined;
    this.reason = "";
    this.notice = undefined;
  }

  private get effectiveToken(): string | undefined {
    return this.token || tokenFromPage();
  }

  private get client(): FrontdeskClient {
    // The manage link's token is the customer's credential; no publishable key is involved.
    return this.clientWith("")!;
  }

  /** The zone times are shown in until the customer picks one: the `time-zone` attribute, else the zone they booked in. */
  private get defaultZone(): string {
    const candidates = [this.timeZone, this.appointment?.customerTimeZone, visitorZone()];
    return candidates.find((zone): zone is string => !!zone && isKnownTimeZone(zone)) ?? "UTC";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("token")) this.goTo("overview", false);
  }

  // ── navigation ────────────────────────────────────────────────────────────────────────────

  private goTo(view: View, focus = true): void {
    this.view = view;
    if (this.notice && this.notice.view !== view) this.notice = undefined;
    if (focus) this.focusAfterRender = "step-heading";
  }

  private back(): void {
    const previous: Record<View, View> = { overview: "overview", date: "overview", time: "date", confirm: "time", cancel: "overview" };
    this.goTo(previous[this.view]);
  }

  private startReschedule(): void {
    this.picker.reset();
    this.goTo("date");
  }

  private startCancel(): void {
    this.reason = "";
    this.goTo("cancel");
  }

  // ── changes ───────────────────────────────────────────────────────────────────────────────

  private reschedule(): void {
    const token = this.effectiveToken;
    const slot = this.picker.slot;
    if (!token || !slot || this.rescheduleTask.status === TaskStatus.PENDING) return;
    this.notice = undefined;
    void this.rescheduleTask.run([this.client, token, slot.start]);
  }

  private cancel(event?: Event): void {
    event?.preventDefault();
    const token = this.effectiveToken;
    if (!token || this.cancelTask.status === TaskStatus.PENDING) return;
    this.notice = undefined;
    void this.cancelTask.run([this.client, token, this.reason.trim()]);
  }

  private rescheduled(appointment: ManagedAppointment): void {
    this.appointment = appointment;
    this.picker.reset();
    this.goTo("overview");
    this.notice = {
      kind: "success",
      view: "overview",
      heading: msg("Your appointment has been moved"),
      text: msg(str`It is now on ${this.formatInstant(appointment.start)}. We've sent you an email with the new time.`),
    };
    const detail: BookingRescheduledDetail = { appointmentId: appointment.id, start: appointment.start, end: appointment.end };
    this.dispatchEvent(new CustomEvent("fd-booking-rescheduled", { bubbles: true, composed: true, detail }));
  }

  private cancelled(appointment: ManagedAppointment): void {
    this.appointment = appointment;
    this.goTo("overview");
    this.notice = { kind: "success", view: "overview", heading: msg("Your appointment is cancelled"), text: msg("We've sent you an email to confirm.") };
    const detail: BookingCancelledDetail = { appointmentId: appointment.id };
    this.dispatchEvent(new CustomEvent("fd-booking-cancelled", { bubbles: true, composed: true, detail }));
  }

  private changeFailed(error: unknown, from: "confirm" | "cancel"): void {
    const text = errorMessage(error);
    const code = error instanceof FrontdeskClientError ? error.code : undefined;
    if (code === "SLOT_TAKEN" && from === "confirm") {
      this.picker.clearSlot();
      this.goTo("time");
      this.notice = { kind: "error", view: "time", text };
      this.picker.reload();
    } else if (code === "CHANGE_WINDOW_CLOSED" || code === "INVALID_MANAGE_LINK" || code === "INVALID_TRANSITION") {
      // The appointment can no longer change: show it as it is now, with the reason.
      this.goTo("overview");
      this.notice = { kind: "error", view: "overview", text };
      void this.appointmentTask.run();
    } else {
      const retry = from === "confirm" ? () => this.reschedule() : () => this.cancel();
      this.notice = { kind: "error", view: from, text, ...(code === "NETWORK" || code === "INTERNAL" || !code ? { retry } : {}) };
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    const appointment = this.appointment;
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.renderFrame({
        header: appointment ? html`<span class="business"><bdi>${appointment.business.name}</bdi></span>` : undefined,
        ...(appointment && this.view !== "overview" ? { back: () => this.back() } : {}),
        title: this.viewTitle(),
        // Present on every view, so the text that appears in it after a change is announced.
        announcement: this.notice?.kind === "success" && this.view === "overview" ? html`<div class="state success" part="notice">${this.notice.text}</div>` : nothing,
        content: appointment ? this.renderView(appointment) : nothing,
        status: this.renderStatus(),
      })}
      ${this.renderPoweredBy()}
    </div>`;
  }

  private viewTitle(): string {
    switch (this.view) {
      case "overview":
        return (this.notice?.kind === "success" && this.notice.heading) || msg("Your appointment");
      case "date":
        return msg("Choose a new date");
      case "time":
        return msg("Choose a new time");
      case "confirm":
        return msg("Confirm the new time");
      case "cancel":
        return msg("Cancel this appointment?");
    }
  }

  private renderView(appointment: ManagedAppointment): TemplateResult {
    switch (this.view) {
      case "overview":
        return this.renderOverview(appointment);
      case "date":
        return this.renderDate(appointment);
      case "time":
        return this.renderTimes(appointment);
      case "confirm":
        return this.renderConfirm(appointment);
      case "cancel":
        return this.renderCancel(appointment);
    }
  }

  /** Loading and failure of the appointment and of the times, in the one polite live region, so they are announced. */
  private renderStatus(): unknown {
    if (!this.appointment) {
      return this.appointmentTask.render({
        initial: () => errorState(msg("This page needs the link from your confirmation email. Open that link again to manage your appointment.")),
        pending: () => loadingState(msg("Loading your appointment…")),
        error: (error) => errorState(errorMessage(error), retryable(error) ? () => void this.appointmentTask.run() : undefined),
      });
    }
    if (this.notice?.kind === "error" && this.notice.view === this.view && this.view !== "time") return errorState(this.notice.text, this.notice.retry);
    if (this.view === "date" || this.view === "time") {
      return this.picker.renderStatus(this.view, { errorMessage, chooseAnotherDate: () => this.goTo("date") });
    }
    return nothing;
  }

  private renderOverview(appointment: ManagedAppointment): TemplateResult {
    const ended = appointment.status === "cancelled" || appointment.status === "rejected" || appointment.status === "expired";
    return html`
      ${this.renderSummary(appointment, ended)}
      ${this.picker.zonePicker(this.zoneChoices(appointment))}
      ${appointment.canChange
        ? html`${appointment.changeableUntil
              ? html`<p class="policy">${msg(str`You can reschedule or cancel until ${this.formatInstant(appointment.changeableUntil)}.`)}</p>`
              : nothing}
            <div class="actions">
              <button type="button" class="button primary" part="button button-primary" @click=${this.startReschedule}>${msg("Reschedule")}</button>
              <button type="button" class="button" part="button" @click=${this.startCancel}>${msg("Cancel appointment")}</button>
            </div>`
        : !(ended && this.notice?.kind === "success")
          ? html`<p class="state reason">${cannotChangeText(appointment)}</p>`
          : nothing}
    `;
  }

  private renderSummary(appointment: ManagedAppointment, ended = false, newSlot?: Slot): TemplateResult {
    return appointmentSummary({ appointment, ended, newSlot, locale: this.resolvedLocale, zone: this.picker.zone });
  }

  private zoneChoices(appointment: ManagedAppointment) {
    return { zones: [this.timeZone, appointment.customerTimeZone], business: appointment.business };
  }

  private renderDate(appointment: ManagedAppointment): TemplateResult {
    return this.picker.renderDate(this.zoneChoices(appointment), this.theme);
  }

  private renderTimes(appointment: ManagedAppointment): TemplateResult {
    const notice = this.notice?.kind === "error" && this.notice.view === "time" ? this.notice.text : undefined;
    return this.picker.renderTimes(this.zoneChoices(appointment), { notice, byPartOfDay: false });
  }

  private renderConfirm(appointment: ManagedAppointment): TemplateResult {
    const moving = this.rescheduleTask.status === TaskStatus.PENDING;
    return html`
      ${this.renderSummary(appointment, false, this.picker.slot)}
      <div class="actions">
        <button type="button" class="button primary" part="button button-primary" aria-disabled=${moving ? "true" : nothing} @click=${this.reschedule}>
          ${moving ? html`<span class="spinner" aria-hidden="true"></span>${msg("Moving…")}` : msg("Move my appointment")}
        </button>
        <button type="button" class="button" part="button" @click=${() => this.goTo("overview")}>${msg("Keep the current time")}</button>
      </div>
    `;
  }

  private renderCancel(appointment: ManagedAppointment): TemplateResult {
    const cancelling = this.cancelTask.status === TaskStatus.PENDING;
    return html`
      ${this.renderSummary(appointment)}
      ${cancelForm({
        reason: this.reason,
        cancelling,
        reasonChanged: (reason) => (this.reason = reason),
        submit: (event) => this.cancel(event),
        keep: () => this.goTo("overview"),
      })}
    `;
  }

  private formatInstant(instant: string): string {
    return new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "full", timeStyle: "short", timeZone: this.picker.zone }).format(new Date(instant));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-booking-manage": FdBookingManage;
  }
}
