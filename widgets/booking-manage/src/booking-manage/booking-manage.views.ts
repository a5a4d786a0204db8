import { html, nothing, type TemplateResult } from "lit";
import { msg } from "@lit/localize";
import type { ManagedAppointment } from "@frontdesk/client";
import { appointmentStatusLabel, whenTemplate, type Slot } from "@frontdesk/ui";

/** Parts of `<fd-booking-manage>`'s views, as pure templates: the element holds the state and passes what each shows. */

export interface AppointmentSummaryOptions {
  appointment: ManagedAppointment;
  /** Strikes the time through: the appointment is over or cancelled. */
  ended: boolean;
  /** The time it would move to, shown under the current one, which is struck through. */
  newSlot: Slot | undefined;
  locale: string;
  zone: string;
}

export function appointmentSummary({ appointment, ended, newSlot, locale, zone }: AppointmentSummaryOptions): TemplateResult {
  return html`<dl class="summary">
    <div><dt>${msg("Service")}</dt><dd><bdi>${appointment.serviceName}</bdi></dd></div>
    <div><dt>${msg("With")}</dt><dd><bdi>${appointment.staffName}</bdi></dd></div>
    <div>
      <dt>${newSlot ? msg("Was") : msg("When")}</dt>
      <dd class=${ended || newSlot ? "cancelled-when" : ""}>${whenTemplate(appointment.start, appointment.end, locale, zone)}</dd>
    </div>
    ${newSlot ? html`<div><dt>${msg("New time")}</dt><dd>${whenTemplate(newSlot.start, newSlot.end, locale, zone)}</dd></div>` : nothing}
    <div>
      <dt>${msg("Status")}</dt>
      <dd><span class="status-badge ${appointment.status}" part="status">${appointmentStatusLabel(appointment.status)}</span></dd>
    </div>
  </dl>`;
}

export interface CancelFormOptions {
  reason: string;
  cancelling: boolean;
  reasonChanged: (reason: string) => void;
  submit: (event: Event) => void;
  keep: () => void;
}

/** The optional reason, Cancel appointment and Keep appointment. */
export function cancelForm({ reason, cancelling, reasonChanged, submit, keep }: CancelFormOptions): TemplateResult {
  return html`<form class="cancel-form" part="form" novalidate @submit=${submit}>
    <div class="field">
      <label for="reason">${msg("Reason (optional)")}</label>
      <textarea
        id="reason"
        part="input"
        name="reason"
        rows="3"
        maxlength="500"
        .value=${reason}
        @input=${(event: Event) => reasonChanged((event.target as HTMLTextAreaElement).value)}
      ></textarea>
    </div>
    <div class="actions">
      <button type="submit" class="button danger" part="button button-danger" aria-disabled=${cancelling ? "true" : nothing}>
        ${cancelling ? html`<span class="spinner" aria-hidden="true"></span>${msg("Cancelling…")}` : msg("Cancel appointment")}
      </button>
      <button type="button" class="button" part="button" @click=${keep}>${msg("Keep appointment")}</button>
    </div>
  </form>`;
}
