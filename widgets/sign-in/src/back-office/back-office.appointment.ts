import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { toClientError } from "@frontdesk/client";
import type { StaffAppointment } from "@frontdesk/core";
import { appointmentStatusLabel, commonErrorTexts, errorState, errorText, isolate, loadingState, whenTemplate } from "@frontdesk/ui";

/**
 * The appointment a calendar event links to: `<publicUrl>/back-office#appointment=<id>` (calendar sync writes that
 * link into each event's description). Undefined when the page's address names none.
 */
export function appointmentIdFromPage(): string | undefined {
  return new URLSearchParams(location.hash.slice(1)).get("appointment")?.trim() || undefined;
}

/** Takes the appointment out of the page's address, keeping its path, query and any other part of the hash. */
export function forgetAppointmentOfPage(): void {
  const url = new URL(location.href);
  const hash = new URLSearchParams(url.hash.slice(1));
  hash.delete("appointment");
  url.hash = hash.size ? hash.toString() : "";
  // `url.hash = ""` leaves a bare "#"; without it the address is the one the page had before the link.
  history.replaceState(history.state, "", url.hash ? url.href : url.href.replace(/#$/, ""));
}

/** Where staff say it otherwise than the customer's page. */
const staffWords = {
  held: () => msg("Held while the customer books"),
  pending: () => msg("Waiting for approval"),
  no_show: () => msg("No-show"),
};

/** One not found for all: an id of another business and a colleague's appointment read the same, so nothing tells them apart. */
const notFound = () => msg("This appointment was not found, or it is not one of yours.");
const appointmentErrorTexts = { ...commonErrorTexts, NOT_FOUND: notFound, VALIDATION_FAILED: notFound };

export interface AppointmentPanel {
  /** The task that reads the appointment, through `staff.appointment`. */
  render(states: { pending: () => unknown; complete: (appointment: StaffAppointment | undefined) => unknown; error: (error: unknown) => unknown }): unknown;
  retry(): void;
  locale: string;
  /** The business it was looked for in, and whether the member has others to choose from. */
  businessName: string;
  otherBusinesses: boolean;
  busy: boolean;
  close(): void;
  showApprovals(): void;
}

/** The Appointment panel at the top of the back office: the appointment the page's address names, read in the business chosen. */
export function appointmentPanel(panel: AppointmentPanel): TemplateResult {
  return html`<section class="frame appointment" part="appointment" aria-labelledby="appointment-heading" aria-busy=${panel.busy ? "true" : "false"}>
    <div class="appointment-head">
      <h2 id="appointment-heading" tabindex="-1">${msg("Appointment")}</h2>
      <button type="button" class="button" part="button appointment-close" @click=${panel.close}>${msg("Close")}</button>
    </div>
    ${panel.render({
      pending: () => loadingState(msg("Loading the appointment…")),
      complete: (appointment) => (appointment ? details(appointment, panel) : nothing),
      error: (error) => {
        const text = errorText(toClientError(error), appointmentErrorTexts);
        if (text !== notFound()) return errorState(text, panel.retry);
        const elsewhere = panel.otherBusinesses ? msg(str`You are looking in ${isolate(panel.businessName)}. If it is an appointment of another of your businesses, choose that business above.`) : "";
        return html`${errorState(text)}${elsewhere ? html`<p class="hint">${elsewhere}</p>` : nothing}`;
      },
    })}
  </section>`;
}

function details(appointment: StaffAppointment, panel: AppointmentPanel): TemplateResult {
  const { locale } = panel;
  return html`${appointment.status === "pending" ? pendingNote(appointment, panel) : nothing}
    <dl class="summary">
      <div><dt>${msg("Service")}</dt><dd><bdi>${appointment.serviceName}</bdi></dd></div>
      <div><dt>${msg("With")}</dt><dd><bdi>${appointment.staffName}</bdi></dd></div>
      <div><dt>${msg("When")}</dt><dd>${whenTemplate(appointment.start, appointment.end, locale, appointment.timeZone)}</dd></div>
      <div><dt>${msg("Status")}</dt><dd><span class="badge status ${appointment.status}" part="status">${appointmentStatusLabel(appointment.status, staffWords)}</span>${appointment.statusReason ? html` <bdi class="reason">${appointment.statusReason}</bdi>` : nothing}</dd></div>
      <div>
        <dt>${msg("Customer")}</dt>
        <dd>
          <bdi class="customer-name">${appointment.customerName}</bdi>
          ${appointment.customerEmail ? html`<a class="link contact" href=${`mailto:${appointment.customerEmail}`}><bdi>${appointment.customerEmail}</bdi></a>` : nothing}
          ${appointment.customerPhone ? html`<a class="link contact" href=${`tel:${appointment.customerPhone.replace(/[^\d+]/g, "")}`} dir="ltr">${appointment.customerPhone}</a>` : nothing}
        </dd>
      </div>
      ${appointment.notes ? html`<div><dt>${msg("Customer's notes")}</dt><dd class="notes"><bdi>${appointment.notes}</bdi></dd></div>` : nothing}
      ${appointment.staffNotes ? html`<div><dt>${msg("Staff notes")}</dt><dd class="notes"><bdi>${appointment.staffNotes}</bdi></dd></div>` : nothing}
    </dl>`;
}

/** A request waiting for approval is decided in the approvals on the same page, not here. */
function pendingNote(appointment: StaffAppointment, panel: AppointmentPanel): TemplateResult {
  const lapses = appointment.expiresAt
    ? new Intl.DateTimeFormat(panel.locale, { dateStyle: "medium", timeStyle: "short", timeZone: appointment.timeZone }).format(new Date(appointment.expiresAt))
    : undefined;
  return html`<div class="pending-note" part="notice">
    <p>
      ${msg("This request is waiting for approval; it is decided in the approvals on this page.")}
      ${lapses ? msg(str`If nobody approves it by ${isolate(lapses)}, it lapses.`) : nothing}
    </p>
    <button type="button" class="button" part="button" @click=${panel.showApprovals}>${msg("Go to the approvals")}</button>
  </div>`;
}
