import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { zoneName } from "@frontdesk/ui";
import { instantOf } from "./approvals.time";

/** A form open on one approval (or on the selection, `bulk`): another time, or the reason for a rejection. */
export type Editing = { approvalId: string; mode: "edit"; date: string; time: string; error?: string } | { approvalId: string; mode: "reject"; reason: string; error?: string };

/** What both forms are given: whose they are (an approval's id, or `bulk`), the state to draw, and what to call. */
interface FormOf<E extends Editing> {
  key: string;
  editing: E;
  busy: boolean;
  change: (next: Editing) => void;
  submit: (event: Event) => void;
  close: () => void;
}

/** Another date and time on the business's clock (the zone is named), to approve at. */
export function editForm({ key, editing, busy, change, submit, close, timeZone, locale }: FormOf<Extract<Editing, { mode: "edit" }>> & { timeZone: string; locale: string }): TemplateResult {
  const id = `edit-${key}`;
  const start = instantOf(editing.date, editing.time, timeZone);
  return html`<form class="form" part="form" @submit=${submit} novalidate>
    <p class="hint" id=${`${id}-zone`}>${msg(str`Times are in the business's time zone: ${zoneName(timeZone, locale, start ? new Date(start) : new Date())}.`)}</p>
    <div class="pair">
      <div class="field">
        <label for=${`${id}-field`}>${msg("Date")}</label>
        <input id=${`${id}-field`} part="input" type="date" required .value=${editing.date} aria-describedby=${`${id}-zone`} @input=${(event: Event) => change({ ...editing, date: (event.target as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for=${`${id}-time`}>${msg("Time")}</label>
        <input id=${`${id}-time`} part="input" type="time" step="300" required .value=${editing.time} aria-describedby=${`${id}-zone`} @input=${(event: Event) => change({ ...editing, time: (event.target as HTMLInputElement).value })} />
      </div>
    </div>
    ${editing.error ? html`<p class="field-error" part="error" role="alert">${editing.error}</p>` : nothing}
    <div class="actions">
      <button type="submit" class="button primary" part="button button-primary" ?disabled=${busy}>${msg("Approve at this time")}</button>
      <button type="button" class="button" part="button" @click=${close}>${msg("Keep as proposed")}</button>
    </div>
  </form>`;
}

/** The reason for a rejection, which the customer (or each customer of the selection) is told. */
export function rejectForm({ key, editing, busy, change, submit, close }: FormOf<Extract<Editing, { mode: "reject" }>>): TemplateResult {
  const id = `reject-${key}`;
  const errorId = `${id}-error`;
  return html`<form class="form" part="form" @submit=${submit} novalidate>
    <div class="field">
      <label for=${`${id}-field`}>${key === "bulk" ? msg("Why are you rejecting these? (the customers are told)") : msg("Why are you rejecting this? (the customer is told)")}</label>
      <input
        id=${`${id}-field`}
        part="input"
        required
        maxlength="500"
        .value=${editing.reason}
        aria-invalid=${editing.error ? "true" : "false"}
        aria-describedby=${editing.error ? errorId : nothing}
        @input=${(event: Event) => change({ ...editing, reason: (event.target as HTMLInputElement).value, error: undefined } as Editing)}
      />
      ${editing.error ? html`<p class="field-error" id=${errorId} part="error">${editing.error}</p>` : nothing}
    </div>
    <div class="actions">
      <button type="submit" class="button danger" part="button button-danger" ?disabled=${busy}>${key === "bulk" ? msg("Reject the selected") : msg("Reject")}</button>
      <button type="button" class="button" part="button" @click=${close}>${msg("Keep it")}</button>
    </div>
  </form>`;
}
