import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import type { Approval, StaffAppointment } from "@frontdesk/core";
import type { ApprovalStatus } from "@frontdesk/core/vocabulary";
import { base, dateInZone, errorState, isolate, loadingState, tokens, widgetStyles, zoneName } from "@frontdesk/ui";
import { codeOf, FdBackOfficeWidget, retryable } from "@frontdesk/widget-team/back-office";
import type { ApprovalDecidedDetail, CallOpenDetail } from "../events";
import { editForm, rejectForm, type Editing } from "./approvals.forms";
import { approvalsStyles } from "./approvals.styles";
import { instantOf, timeInZone } from "./approvals.time";
import { approvalErrorMessage, bulkErrorMessage, kindLabel, selectLabel, statusLabel, viewLabel } from "./approvals.texts";


/** The queue as the widget holds it: the approvals, the appointment each one is about, and the business's zone. */
interface Queue {
  items: Approval[];
  appointments: Map<string, StaffAppointment>;
  next: string | null;
  timeZone: string;
}

/** What this page did to one approval, kept in view after the queue moves on: its new status, or why it could not. */
interface Outcome {
  status: ApprovalStatus;
  error?: string;
}


const views = ["pending", "approved", "rejected", "failed", "expired"] as const satisfies readonly ApprovalStatus[];
const pageSize = 50;
/** How often a visible queue looks for new approvals. */
const pollMs = 10_000;
const eventInit = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });
/**
 * @summary The approval queue of AI actions: bookings, moves, cancellations and messages the phone agent (or a booking) asks staff to decide, oldest first; approve, change the time and approve, or reject with a reason, one by one or several at once.
 *
 * @csspart base - The outer frame.
 * @csspart step - The heading and the queue.
 * @csspart tabs - The choice between what is waiting and what was decided.
 * @csspart tab - One of those choices.
 * @csspart bulk - The bar that acts on the selected approvals.
 * @csspart list - The list of approvals.
 * @csspart approval - One approval.
 * @csspart kind - An approval's kind: new booking, move, cancellation, message.
 * @csspart badge - An approval's status.
 * @csspart form - The forms for another time and for a rejection's reason.
 * @csspart input - Every field.
 * @csspart checkbox - The selection checkboxes.
 * @csspart button - Every secondary button.
 * @csspart button-primary - The approve buttons.
 * @csspart button-danger - The reject buttons.
 * @csspart notice - What a decision did.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the approve buttons and the chosen tab.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text: times, waiting, where it came from.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors and the reject buttons.
 * @cssprop [--fd-color-success=#067647] - Approved approvals.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, the approvals, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<ApprovalDecidedDetail>} fd-approval-decided - An approval was decided here. `detail: { approvalId, status }`.
 * @event {CustomEvent<CallOpenDetail>} fd-call-open - The person asked to see the call an approval came from. `detail: { callId }`.
 */
export class FdApprovals extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, approvalsStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    queue: { state: true },
    view: { state: true },
    selected: { state: true },
    editing: { state: true },
    outcomes: { state: true },
    busy: { state: true },
    notice: { state: true },
    mayDecide: { state: true },
  };

  private declare queue: Queue | undefined;
  private declare view: (typeof views)[number];
  private declare selected: Set<string>;
  private declare editing: Editing | undefined;
  private declare outcomes: Map<string, Outcome>;
  private declare busy: boolean;
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  /** Whether the caller may decide (`approvals:write`), or only look. */
  private declare mayDecide: boolean;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onFocus = () => void this.refresh();
  private readonly onVisibility = () => {
    if (document.visibilityState === "visible") void this.refresh();
  };

  private readonly queueTask = new Task(this, {
    task: async ([, view]) => {
      await this.mayCall("approvals:read");
      this.mayDecide = (await this.ownScopes()).includes("approvals:write");
      return this.load(view, undefined);
    },
    args: () => [this.api, this.view] as const,
    onComplete: (queue) => (this.queue = queue),
  });

  constructor() {
    super();
    this.queue = undefined;
    this.view = "pending";
    this.selected = new Set();
    this.editing = undefined;
    this.outcomes = new Map();
    this.busy = false;
    this.notice = undefined;
    this.mayDecide = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("focus", this.onFocus);
    document.addEventListener("visibilitychange", this.onVisibility);
    // Polite: one look every 10 s, and none while the page is hidden.
    this.timer = setInterval(() => {
      if (document.visibilityState === "visible") void this.refresh();
    }, pollMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("focus", this.onFocus);
    document.removeEventListener("visibilitychange", this.onVisibility);
    clearInterval(this.timer);
  }

  /** One page of the queue, with the appointment of each approval (one that cannot be read is shown without it). */
  private async load(view: ApprovalStatus, cursor: string | undefined): Promise<Queue> {
    const [config, page] = await this.call((api) =>
      Promise.all([api.config.get.query(), api.approvals.list.query({ status: view, limit: pageSize, ...(cursor ? { cursor } : {}) })]),
    );
    const appointments = new Map(this.queue?.appointments ?? []);
    const wanted = [...new Set(page.items.map((item) => item.appointmentId).filter((id): id is string => id !== null && !appointments.has(id)))];
    const read = await Promise.all(wanted.map((appointmentId) => this.call((api) => api.staff.appointment.query({ appointmentId })).catch(() => undefined)));
    for (const appointment of read) if (appointment) appointments.set(appointment.id, appointment);
    return { items: page.items, appointments, next: page.next, timeZone: config.business.timeZone };
  }

  /**
   * Reads the queue again without a loading state: new approvals appear, decided ones leave, and those decided on this
   * page stay in place with what happened to them.
   */
  async refresh(): Promise<void> {
    if (!this.queue || this.busy || !this.isConnected) return;
    const view = this.view;
    try {
      const fresh = await this.load(view, undefined);
      if (view !== this.view) return;
      const kept = this.queue.items.filter((item) => this.outcomes.has(item.id) && !fresh.items.some((other) => other.id === item.id));
      const items = [...fresh.items, ...kept].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      this.queue = { ...fresh, items };
      this.selected = new Set([...this.selected].filter((id) => fresh.items.some((item) => item.id === id)));
    } catch {
      // A failed look leaves the queue as it was; the next one tries again.
    }
  }

  private async more(): Promise<void> {
    const queue = this.queue;
    if (!queue?.next || this.busy) return;
    this.busy = true;
    try {
      const page = await this.load(this.view, queue.next);
      this.queue = { ...page, items: [...queue.items, ...page.items.filter((item) => !queue.items.some((other) => other.id === item.id))] };
    } catch (error) {
      this.notice = { kind: "error", text: approvalErrorMessage(error) };
    } finally {
      this.busy = false;
    }
  }

  private show(view: (typeof views)[number]): void {
    if (view === this.view) return;
    this.view = view;
    this.queue = undefined;
    this.selected = new Set();
    this.editing = undefined;
    this.outcomes = new Map();
    this.notice = undefined;
  }

  private settle(approvalId: string, outcome: Outcome): void {
    this.outcomes = new Map(this.outcomes).set(approvalId, outcome);
    const callId = this.queue?.items.find((item) => item.id === approvalId)?.callId ?? null;
    if (!outcome.error) this.dispatchEvent(new CustomEvent("fd-approval-decided", eventInit<ApprovalDecidedDetail>({ approvalId, callId, status: outcome.status })));
  }

  /** One decision; its failure is shown on that approval alone, and the queue is read again. */
  private async decide(approval: Approval, work: () => Promise<Approval>, done: (decided: Approval) => string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.notice = undefined;
    let ok = false;
    try {
      const decided = await work();
      this.settle(approval.id, { status: decided.status });
      this.notice = { kind: "success", text: done(decided) };
      this.editing = undefined;
      ok = true;
    } catch (error) {
      const text = approvalErrorMessage(error);
      if (this.editing?.approvalId === approval.id && (codeOf(error) === "VALIDATION_FAILED" || codeOf(error) === "SLOT_TAKEN")) {
        this.editing = { ...this.editing, error: text };
      } else {
        this.editing = undefined;
        const current = await this.call((api) => api.approvals.get.query({ approvalId: approval.id })).catch(() => undefined);
        this.outcomes = new Map(this.outcomes).set(approval.id, { status: current?.status ?? approval.status, error: text });
      }
    } finally {
      this.busy = false;
    }
    this.focusAfterRender = ok ? "step-heading" : this.editing ? `${this.editing.mode}-${approval.id}-field` : `approval-${approval.id}`;
    await this.refresh();
    return ok;
  }

  private approve(approval: Approval): void {
    const who = this.customerOf(approval);
    void this.decide(
      approval,
      () => this.call((api) => api.approvals.approve.mutate({ approvalId: approval.id })),
      (decided) => (decided.status === "approved" ? msg(str`Approved: ${kindLabel(approval.kind)}, ${isolate(who)}.`) : statusLabel(decided.status)),
    );
  }

  private approveEdited(approval: Approval, event: Event): void {
    event.preventDefault();
    const editing = this.editing;
    if (editing?.mode !== "edit" || !this.queue) return;
    const start = instantOf(editing.date, editing.time, this.queue.timeZone);
    if (!start) {
      this.editing = { ...editing, error: msg("Pick a valid date and time.") };
      this.focusAfterRender = `edit-${approval.id}-field`;
      return;
    }
    const who = this.customerOf(approval);
    void this.decide(
      approval,
      () => this.call((api) => api.approvals.approve.mutate({ approvalId: approval.id, edited: { start } })),
      () => msg(str`Approved at ${this.when(start)}: ${isolate(who)}.`),
    );
  }

  private reject(approval: Approval, event: Event): void {
    event.preventDefault();
    const editing = this.editing;
    if (editing?.mode !== "reject") return;
    const reason = editing.reason.trim();
    if (!reason) {
      this.editing = { ...editing, error: msg("Say why, for the customer.") };
      this.focusAfterRender = `reject-${approval.id}-field`;
      return;
    }
    const who = this.customerOf(approval);
    void this.decide(
      approval,
      () => this.call((api) => api.approvals.reject.mutate({ approvalId: approval.id, reason })),
      () => msg(str`Rejected: ${kindLabel(approval.kind)}, ${isolate(who)}.`),
    );
  }

  /** Approves or rejects the selection in one call; each approval shows its own result. */
  private async bulk(action: "approve" | "reject", event?: Event): Promise<void> {
    event?.preventDefault();
    const approvalIds = [...this.selected];
    if (this.busy || approvalIds.length === 0) return;
    let reason: string | undefined;
    if (action === "reject") {
      const editing = this.editing;
      reason = editing?.mode === "reject" && editing.approvalId === "bulk" ? editing.reason.trim() : "";
      if (!reason) {
        this.editing = { approvalId: "bulk", mode: "reject", reason: "", error: msg("Say why, for the customers.") };
        this.focusAfterRender = "reject-bulk-field";
        return;
      }
    }
    this.busy = true;
    this.notice = undefined;
    try {
      const results = await this.call((api) => api.approvals.bulk.mutate({ approvalIds, action, ...(reason ? { reason } : {}) }));
      for (const result of results) this.settle(result.approvalId, result.error ? { status: result.status, error: bulkErrorMessage(result.error) } : { status: result.status });
      const failed = results.filter((result) => result.error).length;
      const decided = results.length - failed;
      this.notice = failed
        ? { kind: "error", text: msg(str`${decided} decided; ${failed} could not be: see each one below.`) }
        : { kind: "success", text: action === "approve" ? msg(str`${decided} approved.`) : msg(str`${decided} rejected.`) };
      this.selected = new Set();
      this.editing = undefined;
      this.focusAfterRender = "step-heading";
    } catch (error) {
      this.notice = { kind: "error", text: approvalErrorMessage(error) };
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  private toggle(approvalId: string, on: boolean): void {
    const selected = new Set(this.selected);
    if (on) selected.add(approvalId);
    else selected.delete(approvalId);
    this.selected = selected;
  }

  private openEdit(approval: Approval): void {
    const timeZone = this.queue!.timeZone;
    const start = this.proposedStart(approval) ?? new Date().toISOString();
    this.editing = { approvalId: approval.id, mode: "edit", date: dateInZone(start, timeZone), time: timeInZone(start, timeZone) };
    this.focusAfterRender = `edit-${approval.id}-field`;
  }

  private openReject(approval: Approval): void {
    this.editing = { approvalId: approval.id, mode: "reject", reason: "" };
    this.focusAfterRender = `reject-${approval.id}-field`;
  }

  private closeForm(approval: Approval): void {
    this.editing = undefined;
    this.focusAfterRender = `approval-${approval.id}`;
  }

  // ── what an approval says ─────────────────────────────────────────────────────────────────

  private appointmentOf(approval: Approval): StaffAppointment | undefined {
    return approval.appointmentId ? this.queue?.appointments.get(approval.appointmentId) : undefined;
  }

  private customerOf(approval: Approval): string {
    return this.appointmentOf(approval)?.customerName ?? approval.message?.name ?? msg("A caller");
  }

  /** The time the action would set: the edited one, the proposed one, else the appointment's own. */
  private proposedStart(approval: Approval): string | undefined {
    return approval.edited?.start ?? approval.proposal.start ?? this.appointmentOf(approval)?.start;
  }

  private when(instant: string): string {
    const timeZone = this.queue!.timeZone;
    const at = new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "full", timeStyle: "short", timeZone }).format(new Date(instant));
    return `${at} (${zoneName(timeZone, this.resolvedLocale, new Date(instant))})`;
  }

  /** "3 hours ago", in the widget's language. */
  private waited(since: string): string {
    const minutes = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 60_000));
    const format = new Intl.RelativeTimeFormat(this.resolvedLocale, { numeric: "auto" });
    if (minutes < 60) return format.format(-minutes, "minute");
    if (minutes < 48 * 60) return format.format(-Math.round(minutes / 60), "hour");
    return format.format(-Math.round(minutes / 1440), "day");
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.renderFrame({
        header: undefined,
        title: msg("Approvals"),
        announcement: this.notice?.kind === "success" ? html`<p class="state success" part="notice">${this.notice.text}</p>` : nothing,
        content: html`${this.renderTabs()}${this.queue ? this.renderQueue(this.queue) : nothing}`,
        status: this.renderStatus(),
      })}
    </div>`;
  }

  private renderTabs(): TemplateResult {
    return html`<div class="tabs" part="tabs" role="group" aria-label=${msg("Show")}>
      ${views.map(
        (view) => html`<button type="button" class="tab" part="tab" aria-pressed=${view === this.view ? "true" : "false"} @click=${() => this.show(view)}>${viewLabel(view)}</button>`,
      )}
    </div>`;
  }

  private renderStatus(): unknown {
    if (this.notice?.kind === "error") return html`<p class="state error" part="error">${this.notice.text}</p>`;
    if (this.queue) return nothing;
    return this.queueTask.render({
      pending: () => loadingState(msg("Loading the approvals…")),
      error: (error) =>
        codeOf(error) === "ROLE_NOT_ALLOWED" || codeOf(error) === "MISSING_SCOPE"
          ? html`<p class="state refusal" part="notice">${msg("You may not see the approval queue. Ask an owner or admin.")}</p>`
          : errorState(approvalErrorMessage(error), retryable(error) ? () => void this.queueTask.run() : undefined),
    });
  }

  private renderQueue(queue: Queue): TemplateResult {
    const lookOnly = this.view === "pending" && !this.mayDecide ? html`<p class="hint" part="notice">${msg("You can see the queue; an owner or admin decides.")}</p>` : nothing;
    if (queue.items.length === 0) {
      return html`${lookOnly}<p class="empty" part="notice">${this.view === "pending" ? msg("Nothing is waiting for a decision. New requests appear here by themselves.") : msg("None yet.")}</p>`;
    }
    const pending = queue.items.filter((item) => item.status === "pending" && !this.outcomes.has(item.id));
    return html`${lookOnly}${this.view === "pending" && this.mayDecide ? this.renderBulk(pending) : nothing}
      <ul class="list" part="list" aria-label=${viewLabel(this.view)}>
        ${queue.items.map((item) => this.renderApproval(item))}
      </ul>
      ${queue.next ? html`<button type="button" class="button more" part="button" ?disabled=${this.busy} @click=${() => void this.more()}>${msg("Show more")}</button>` : nothing}`;
  }

  private renderBulk(pending: Approval[]): TemplateResult | typeof nothing {
    if (pending.length === 0) return nothing;
    const count = this.selected.size;
    const all = pending.length > 0 && pending.every((item) => this.selected.has(item.id));
    const editing = this.editing?.approvalId === "bulk" && this.editing.mode === "reject" ? this.editing : undefined;
    const selectAll = (on: boolean) => (this.selected = on ? new Set(pending.slice(0, 100).map((item) => item.id)) : new Set());
    return html`<div class="bulk" part="bulk">
      <label class="check">
        <input type="checkbox" part="checkbox" .checked=${all} .indeterminate=${count > 0 && !all} @change=${(event: Event) => selectAll((event.target as HTMLInputElement).checked)} />
        <span>${msg("Select all on this page")}</span>
      </label>
      <span class="count" aria-live="polite">${count ? msg(str`${count} selected`) : ""}</span>
      <div class="actions">
        <button type="button" class="button primary" part="button button-primary" ?disabled=${this.busy || count === 0} @click=${() => void this.bulk("approve")}>${msg("Approve the selected")}</button>
        ${editing
          ? nothing
          : html`<button
              type="button"
              class="button danger"
              part="button button-danger"
              ?disabled=${this.busy || count === 0}
              @click=${() => ((this.editing = { approvalId: "bulk", mode: "reject", reason: "" }), (this.focusAfterRender = "reject-bulk-field"))}
            >
              ${msg("Reject the selected")}
            </button>`}
      </div>
      ${editing ? rejectForm({ key: "bulk", editing, busy: this.busy, change: (next) => (this.editing = next), submit: (event) => void this.bulk("reject", event), close: () => (this.editing = undefined) }) : nothing}
    </div>`;
  }

  private renderApproval(approval: Approval): TemplateResult {
    const appointment = this.appointmentOf(approval);
    const outcome = this.outcomes.get(approval.id);
    const status = outcome?.status ?? approval.status;
    const start = this.proposedStart(approval);
    const open = approval.status === "pending" && !outcome && this.mayDecide;
    const editing = this.editing?.approvalId === approval.id ? this.editing : undefined;
    const customer = this.customerOf(approval);
    const headingId = `approval-${approval.id}-title`;
    return html`<li class="approval" part="approval" id=${`approval-${approval.id}`} tabindex="-1" aria-labelledby=${headingId}>
      <div class="top">
        ${open && this.view === "pending"
          ? html`<input
              type="checkbox"
              part="checkbox"
              aria-label=${selectLabel(customer, kindLabel(approval.kind))}
              .checked=${this.selected.has(approval.id)}
              ?disabled=${this.busy}
              @change=${(event: Event) => this.toggle(approval.id, (event.target as HTMLInputElement).checked)}
            />`
          : nothing}
        <h3 id=${headingId}><span class="kind" part="kind">${kindLabel(approval.kind)}</span> <bdi class="customer">${customer}</bdi></h3>
        <span class="badge ${status}" part="badge">${statusLabel(status)}</span>
      </div>
      <dl class="facts">
        ${appointment ? html`<div><dt>${msg("Service")}</dt><dd><bdi>${appointment.serviceName}</bdi> · <bdi>${appointment.staffName}</bdi></dd></div>` : nothing}
        ${start ? html`<div><dt>${approval.kind === "cancel" ? msg("Appointment") : msg("Proposed time")}</dt><dd>${this.when(start)}</dd></div>` : nothing}
        ${approval.message
          ? html`<div><dt>${msg("Their message")}</dt><dd><bdi>${approval.message.text}</bdi></dd></div>
              ${approval.message.phoneE164 ? html`<div><dt>${msg("Call back on")}</dt><dd><a class="link" href=${`tel:${approval.message.phoneE164}`} dir="ltr">${approval.message.phoneE164}</a></dd></div>` : nothing}`
          : nothing}
        ${approval.proposal.reason ? html`<div><dt>${msg("Reason given")}</dt><dd><bdi>${approval.proposal.reason}</bdi></dd></div>` : nothing}
        ${approval.reason && !open ? html`<div><dt>${msg("Decision note")}</dt><dd><bdi>${approval.reason}</bdi></dd></div>` : nothing}
        <div><dt>${msg("Asked")}</dt><dd>${this.waited(approval.createdAt)}</dd></div>
        <div>
          <dt>${msg("From")}</dt>
          <dd>
            ${approval.callId
              ? html`<button type="button" class="link" part="button" @click=${() => this.dispatchEvent(new CustomEvent("fd-call-open", eventInit<CallOpenDetail>({ callId: approval.callId! })))}>
                  ${msg("A phone call: open it")}
                </button>`
              : approval.kind === "book"
                ? msg("A booking on the website")
                : msg("A phone call")}
          </dd>
        </div>
      </dl>
      ${outcome?.error ? html`<p class="field-error" part="error" role="alert">${outcome.error}</p>` : nothing}
      ${open ? this.renderActions(approval, editing) : nothing}
    </li>`;
  }

  private renderActions(approval: Approval, editing: Editing | undefined): TemplateResult {
    const formOf = { busy: this.busy, change: (next: Editing) => (this.editing = next), close: () => this.closeForm(approval) };
    if (editing?.mode === "reject") return rejectForm({ ...formOf, key: approval.id, editing, submit: (event) => this.reject(approval, event) });
    if (editing?.mode === "edit") return editForm({ ...formOf, key: approval.id, editing, timeZone: this.queue!.timeZone, locale: this.resolvedLocale, submit: (event) => this.approveEdited(approval, event) });
    const movable = approval.kind === "book" || approval.kind === "reschedule";
    const who = this.customerOf(approval);
    return html`<div class="actions">
      <button type="button" class="button primary" part="button button-primary" ?disabled=${this.busy} aria-label=${msg(str`Approve: ${kindLabel(approval.kind)}, ${who}`)} @click=${() => this.approve(approval)}>
        ${msg("Approve")}
      </button>
      ${movable
        ? html`<button type="button" class="button" part="button" ?disabled=${this.busy} aria-label=${msg(str`Change the time for ${who}`)} @click=${() => this.openEdit(approval)}>${msg("Change the time")}</button>`
        : nothing}
      <button type="button" class="button danger" part="button button-danger" ?disabled=${this.busy} aria-label=${msg(str`Reject: ${kindLabel(approval.kind)}, ${who}`)} @click=${() => this.openReject(approval)}>
        ${msg("Reject")}
      </button>
    </div>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    "fd-approvals": FdApprovals;
  }
}
