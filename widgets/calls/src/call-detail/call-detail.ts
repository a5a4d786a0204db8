import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import type { Approval, CallDetail, TranscriptTurn } from "@frontdesk/core";
import { apiBaseFor, base, errorState, isolate, loadingState, tokens, widgetStyles } from "@frontdesk/ui";
import { FdBackOfficeWidget, retryable } from "@frontdesk/widget-team/back-office";
import {
  approvalKindLabel,
  approvalStatusLabel,
  callErrorMessage,
  callStatusLabel,
  clockDuration,
  directionLabel,
  intentLabel,
  outcomeLabel,
  spokenDuration,
  toolStatusLabel,
} from "../calls.texts";
import type { ApprovalDecidedDetail } from "../events";
import { callDetailStyles } from "./call-detail.styles";


type ToolInvocation = CallDetail["toolInvocations"][number];

/** One moment of the call: something said, or a tool the agent used. */
type Moment = { turn: TranscriptTurn } | { tool: ToolInvocation };

/**
 * The transcript with each tool call in place: after the turns the provider's transcript puts before it, or, before the
 * call has ended, after the turns that had started by the second it was called (as the agent asks while speaking).
 */
export function timeline(call: CallDetail): Moment[] {
  const start = call.startedAt ? Date.parse(call.startedAt) : Number.NaN;
  const turnsBefore = (tool: ToolInvocation): number => {
    if (tool.afterTurns !== null) return Math.min(tool.afterTurns, call.turns.length);
    const at = (Date.parse(tool.startedAt) - start) / 1000;
    const next = Number.isNaN(at) ? -1 : call.turns.findIndex((turn) => turn.startSec > at);
    return next === -1 ? call.turns.length : next;
  };
  const tools = call.toolInvocations.map((tool) => ({ tool, place: turnsBefore(tool) }));
  const moments: Moment[] = [];
  for (let index = 0; index <= call.turns.length; index++) {
    for (const { tool, place } of tools) if (place === index) moments.push({ tool });
    const turn = call.turns[index];
    if (turn) moments.push({ turn });
  }
  return moments;
}

type Recording = { state: "loading" } | { state: "ready"; url: string } | { state: "error"; text: string };

/**
 * @summary One call from start to end: the transcript with the agent's tool calls in place, what the call was about and how it ended, its cost and talk time, its recording, and the approvals it created, to approve or reject.
 *
 * @csspart base - The outer frame.
 * @csspart step - The heading and the content.
 * @csspart header - The frame's header, when there is one.
 * @csspart facts - The call's summary, intent, outcome, sentiment, talk time, cost and disconnection reason.
 * @csspart recording - The recording player.
 * @csspart transcript - The timeline of turns and tool calls.
 * @csspart turn - One thing said, by the agent or the caller.
 * @csspart tool-call - One tool call: its arguments, answer and latency.
 * @csspart approvals - The approvals the call created.
 * @csspart approval - One approval.
 * @csspart badge - Outcome, status and sandbox marks.
 * @csspart input - The rejection reason field.
 * @csspart button - Every secondary button.
 * @csspart button-primary - The Approve buttons.
 * @csspart button-danger - The buttons that confirm a rejection.
 * @csspart notice - What a decision did.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main buttons and the agent's turns.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors, failed tool calls and the Reject confirmation.
 * @cssprop [--fd-color-success=#067647] - Approved actions and handled calls.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<ApprovalDecidedDetail>} fd-approval-decided - An approval of the call was approved or rejected. `detail: { approvalId, callId, status }`.
 */
export class FdCallDetail extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, callDetailStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    callId: { attribute: "call" },
    rejecting: { state: true },
    reason: { state: true },
    busy: { state: true },
    notice: { state: true },
    recording: { state: true },
  };

  /** The call to show (`cal_…`): the `call` attribute. */
  declare callId: string | undefined;
  /** The approval whose rejection reason is being written. */
  private declare rejecting: string | undefined;
  private declare reason: string;
  private declare busy: boolean;
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  private declare recording: Recording | undefined;

  private readonly callTask = new Task(this, {
    task: async ([callId]) => {
      if (!callId) return undefined;
      const [call, config, scopes] = await this.call((api) => Promise.all([api.calls.get.query({ callId }), api.config.get.query(), this.ownScopes()]));
      return { call, zone: config.business.timeZone, mayDecide: scopes.includes("approvals:write") };
    },
    args: () => [this.callId, this.api] as const,
  });

  constructor() {
    super();
    this.callId = undefined;
    this.rejecting = undefined;
    this.reason = "";
    this.busy = false;
    this.notice = undefined;
    this.recording = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("callId")) this.dropRecording();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dropRecording();
  }

  /** Reads the call again. */
  async refresh(): Promise<void> {
    await this.callTask.run();
  }

  private dropRecording(): void {
    if (this.recording?.state === "ready") URL.revokeObjectURL(this.recording.url);
    this.recording = undefined;
  }

  /** The recording, fetched with this widget's own credentials (session cookie or embed session) into a blob the player plays. */
  private async loadRecording(call: CallDetail): Promise<void> {
    if (!call.recordingUrl || this.recording?.state === "loading") return;
    this.recording = { state: "loading" };
    try {
      const session = this.provided?.session && !this.apiBase ? this.provided.session : undefined;
      const url = new URL(call.recordingUrl, apiBaseFor(this.apiBase || this.provided?.apiBase)).href;
      const headers: Record<string, string> = session ? await session.headers() : this.business ? { "x-frontdesk-business": this.business } : {};
      const response = await fetch(url, { headers, credentials: session ? "omit" : "include", referrerPolicy: "origin" });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
        throw Object.assign(new Error(body.message ?? response.statusText), { code: body.code });
      }
      const blob = await response.blob();
      if (this.callId !== call.id) return;
      this.recording = { state: "ready", url: URL.createObjectURL(blob) };
      this.focusAfterRender = "recording-player";
    } catch (error) {
      const code = (error as { code?: string }).code;
      this.recording = {
        state: "error",
        text: code === "ROLE_NOT_ALLOWED" || code === "MISSING_SCOPE" ? msg("You may not listen to this call's recording.") : code === "NOT_FOUND" ? msg("This call's recording is no longer stored.") : msg("Could not load the recording. Try again."),
      };
    }
  }

  private async decide(approval: Approval, action: "approve" | "reject"): Promise<void> {
    if (this.busy || !this.callId) return;
    const reason = this.reason.trim();
    if (action === "reject" && !reason) {
      this.notice = { kind: "error", text: msg("Say why, for the caller.") };
      this.focusAfterRender = `reason-${approval.id}`;
      return;
    }
    this.busy = true;
    this.notice = undefined;
    try {
      const decided = await this.call((api) =>
        action === "approve" ? api.approvals.approve.mutate({ approvalId: approval.id }) : api.approvals.reject.mutate({ approvalId: approval.id, reason }),
      );
      this.rejecting = undefined;
      this.reason = "";
      this.notice = { kind: "success", text: decided.status === "approved" ? msg("Approved. The caller is told.") : decided.status === "rejected" ? msg("Rejected. The caller is told why.") : approvalStatusLabel(decided.status) };
      const detail: ApprovalDecidedDetail = { approvalId: approval.id, callId: this.callId, status: decided.status };
      this.dispatchEvent(new CustomEvent("fd-approval-decided", { bubbles: true, composed: true, detail }));
    } catch (error) {
      this.notice = { kind: "error", text: callErrorMessage(error) };
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  private when(instant: string | null, zone: string): string {
    if (!instant) return "";
    return new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(instant));
  }

  private money(cents: number): string {
    return new Intl.NumberFormat(this.resolvedLocale, { style: "currency", currency: "USD" }).format(cents / 100);
  }

  override render() {
    const loaded = this.callTask.value;
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.renderFrame({
        header: undefined,
        title: loaded ? msg(str`Call with ${isolate(loaded.call.direction === "inbound" ? loaded.call.from : loaded.call.to)}`) : msg("Call"),
        announcement: this.notice?.kind === "success" ? html`<p class="state success" part="notice">${this.notice.text}</p>` : nothing,
        content: loaded ? this.renderCall(loaded.call, loaded.zone, loaded.mayDecide) : nothing,
        status: this.renderStatus(),
      })}
    </div>`;
  }

  private renderStatus(): unknown {
    if (this.notice?.kind === "error") return errorState(this.notice.text);
    if (!this.callId) return html`<p class="state empty">${msg("Choose a call to see it here.")}</p>`;
    if (this.callTask.value) return nothing;
    return this.callTask.render({
      pending: () => loadingState(msg("Loading the call…")),
      error: (error) => errorState(callErrorMessage(error), retryable(error) ? () => void this.refresh() : undefined),
    });
  }

  private renderCall(call: CallDetail, zone: string, mayDecide: boolean): TemplateResult {
    const fact = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    const duration = (ms: number) => html`<span aria-hidden="true">${clockDuration(ms)}</span><span class="sr-only">${spokenDuration(ms)}</span>`;
    return html`<p class="lead">
        <time datetime=${call.startedAt ?? ""}>${this.when(call.startedAt, zone)}</time> · ${directionLabel(call.direction)} · ${callStatusLabel(call.status)}
        ${call.simulated ? html`<span class="badge" part="badge" data-kind="sandbox">${msg("Simulated")}</span>` : nothing}
      </p>
      ${call.summary ? html`<p class="call-summary">${call.summary}</p>` : nothing}
      <dl class="facts call-facts" part="facts">
        ${call.outcome ? fact(msg("Outcome"), html`<span class="badge" part="badge" data-kind=${call.outcome}>${outcomeLabel(call.outcome)}</span>`) : nothing}
        ${call.intent
          ? fact(msg("Reason for calling"), call.intentConfidence !== null ? msg(str`${intentLabel(call.intent)} (${Math.round(call.intentConfidence * 100)}% sure)`) : intentLabel(call.intent))
          : nothing}
        ${call.escalated ? fact(msg("Passed to a person"), call.escalationReason ?? msg("Yes")) : nothing}
        ${call.sentiment ? fact(msg("Caller's mood"), call.sentiment) : nothing}
        ${call.durationMs !== null ? fact(msg("Length"), duration(call.durationMs)) : nothing}
        ${call.talkAgentMs !== null ? fact(msg("Agent talked"), duration(call.talkAgentMs)) : nothing}
        ${call.talkCallerMs !== null ? fact(msg("Caller talked"), duration(call.talkCallerMs)) : nothing}
        ${call.costCents !== null ? fact(msg("Cost"), this.money(call.costCents)) : nothing}
        ${call.disconnectionReason ? fact(msg("How it ended"), html`<code>${call.disconnectionReason}</code>`) : nothing}
        ${fact(msg("From"), html`<bdi>${call.from}</bdi>`)} ${fact(msg("To"), html`<bdi>${call.to}</bdi>`)}
      </dl>
      ${this.renderRecording(call)} ${this.renderApprovals(call, zone, mayDecide)}
      <section class="timeline-section" aria-labelledby="transcript-heading">
        <h3 id="transcript-heading">${msg("Transcript")}</h3>
        ${call.turns.length === 0 && call.toolInvocations.length === 0
          ? html`<p class="hint">${msg("No transcript for this call.")}</p>`
          : html`<ol class="timeline" part="transcript">
              ${timeline(call).map((moment) => ("turn" in moment ? this.renderTurn(moment.turn) : this.renderTool(moment.tool)))}
            </ol>`}
      </section>`;
  }

  private renderTurn(turn: TranscriptTurn): TemplateResult {
    const who = turn.role === "agent" ? msg("Agent") : turn.role === "user" ? msg("Caller") : msg("Transferred to");
    return html`<li class="turn" part="turn" data-role=${turn.role}>
      <span class="turn-head"><span class="who">${who}</span> <span class="hint">${clockDuration(turn.startSec * 1000)}</span></span>
      <p>${turn.text}</p>
    </li>`;
  }

  private renderTool(tool: ToolInvocation): TemplateResult {
    return html`<li class="tool" part="tool-call" data-status=${tool.status}>
      <details>
        <summary>
          <span class="tool-name">${msg(str`Tool: ${tool.tool}`)}</span>
          <span class="badge" part="badge" data-kind=${tool.status === "failed" ? "failed" : "done"}>${toolStatusLabel(tool.status)}</span>
          ${tool.latencyMs !== null ? html`<span class="hint">${msg(str`${tool.latencyMs} ms`)}</span>` : nothing}
        </summary>
        <div class="tool-body">
          <h4>${msg("Arguments")}</h4>
          <pre>${JSON.stringify(tool.args, null, 2)}</pre>
          <h4>${msg("Answer to the agent")}</h4>
          <pre>${tool.answer ?? "—"}</pre>
          ${tool.outcomeCode ? html`<p class="hint">${msg(str`Result: ${tool.outcomeCode}`)}</p>` : nothing}
        </div>
      </details>
    </li>`;
  }

  private renderRecording(call: CallDetail): TemplateResult | typeof nothing {
    if (!call.recordingUrl) return nothing;
    const recording = this.recording;
    return html`<section class="recording" part="recording" aria-labelledby="recording-heading">
      <h3 id="recording-heading">${msg("Recording")}</h3>
      ${recording?.state === "ready"
        ? html`<audio id="recording-player" controls src=${recording.url} aria-labelledby="recording-heading"></audio>`
        : html`<button type="button" class="button" part="button" aria-disabled=${recording?.state === "loading" ? "true" : "false"} @click=${() => void this.loadRecording(call)}>
            ${recording?.state === "loading" ? msg("Loading the recording…") : msg("Listen to the recording")}
          </button>`}
      ${recording?.state === "error" ? html`<p class="field-error" part="error">${recording.text}</p>` : nothing}
    </section>`;
  }

  private renderApprovals(call: CallDetail, zone: string, mayDecide: boolean): TemplateResult | typeof nothing {
    if (call.approvals.length === 0) return nothing;
    return html`<section class="approvals" part="approvals" aria-labelledby="approvals-heading">
      <h3 id="approvals-heading">${msg("Actions waiting for staff")}</h3>
      <ul class="approval-list">
        ${call.approvals.map((approval) => this.renderApproval(approval, zone, mayDecide))}
      </ul>
    </section>`;
  }

  private renderApproval(approval: Approval, zone: string, mayDecide: boolean): TemplateResult {
    const proposal = approval.edited ?? approval.proposal;
    const headingId = `approval-${approval.id}`;
    return html`<li class="approval" part="approval" aria-labelledby=${headingId}>
      <div class="approval-head">
        <h4 id=${headingId}>${approvalKindLabel(approval.kind)}</h4>
        <span class="badge" part="badge" data-kind=${approval.status}>${approvalStatusLabel(approval.status)}</span>
      </div>
      ${proposal.start ? html`<p>${this.when(proposal.start, zone)}</p>` : nothing} ${proposal.reason ? html`<p>${proposal.reason}</p>` : nothing}
      ${approval.reason ? html`<p class="hint">${msg(str`Reason: ${approval.reason}`)}</p>` : nothing}
      ${approval.status === "pending" ? (mayDecide ? this.renderDecision(approval) : html`<p class="hint">${msg("An owner or admin decides on this.")}</p>`) : nothing}
    </li>`;
  }

  private renderDecision(approval: Approval): TemplateResult {
    const disabled = this.busy ? "true" : "false";
    if (this.rejecting === approval.id) {
      return html`<form class="reject" @submit=${(event: Event) => (event.preventDefault(), void this.decide(approval, "reject"))}>
        <div class="field">
          <label for="reason-${approval.id}">${msg("Why not? The caller is told.")}</label>
          <input id="reason-${approval.id}" part="input" maxlength="500" .value=${this.reason} @input=${(event: Event) => (this.reason = (event.target as HTMLInputElement).value)} />
        </div>
        <div class="actions">
          <button type="submit" class="button danger" part="button-danger" aria-disabled=${disabled}>${msg("Reject")}</button>
          <button type="button" class="button" part="button" @click=${() => (this.rejecting = undefined)}>${msg("Keep it")}</button>
        </div>
      </form>`;
    }
    return html`<div class="actions">
      <button type="button" class="button primary" part="button-primary" aria-disabled=${disabled} aria-describedby="approval-${approval.id}" @click=${() => void this.decide(approval, "approve")}>
        ${msg("Approve")}
      </button>
      <button
        type="button"
        class="button"
        part="button"
        aria-describedby="approval-${approval.id}"
        @click=${() => {
          this.rejecting = approval.id;
          this.reason = "";
          this.focusAfterRender = `reason-${approval.id}`;
        }}
      >
        ${msg("Reject…")}
      </button>
    </div>`;
  }
}
