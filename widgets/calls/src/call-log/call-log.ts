import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import type { CallSummary } from "@frontdesk/core";
import { callDirections, callIntents, callOutcomes, type CallDirection, type CallIntent, type CallOutcome } from "@frontdesk/core/vocabulary";
import { base, errorState, isolate, loadingState, tokens, widgetStyles } from "@frontdesk/ui";
import { FdBackOfficeWidget, retryable } from "@frontdesk/widget-team/back-office";
import { agentStatusLabel, callErrorMessage, callStatusLabel, clockDuration, directionLabel, intentLabel, outcomeLabel, spokenDuration } from "../calls.texts";
import type { CallOpenDetail } from "../events";
import { callLogStyles } from "./call-log.styles";
import "../call-detail/define";


/** The call log's filters, as `calls.list` and `calls.export` take them. */
export interface CallFilter {
  from?: string;
  to?: string;
  agentId?: string;
  outcome?: CallOutcome;
  intent?: CallIntent;
  direction?: CallDirection;
  search?: string;
}

interface Live {
  calls: CallSummary[];
  agents: { id: string; name: string; status: "inactive" | "active" | "paused" | "error"; onCall: number }[];
}

/** A search's snippet, its matching words (which the server puts in brackets) marked. */
function marked(snippet: string): unknown[] {
  return snippet.split(/\[([^\]]*)\]/).map((part, index) => (index % 2 === 1 ? html`<mark>${part}</mark>` : part));
}

/** Calls a page shows: one page at a time however many calls there are. */
const pageSize = 25;
/** How often the strip of calls in progress looks again. */
const livePollMs = 5_000;

/**
 * @summary The business's calls, newest first: filters, search over the transcripts, pages, CSV export, the calls in progress and each agent's status. Choosing a call opens it in an `<fd-call-detail>`.
 *
 * @csspart base - The outer frame.
 * @csspart step - The heading and the content.
 * @csspart header - The frame's header, when there is one.
 * @csspart live - The strip of calls in progress and agents' statuses.
 * @csspart agent - One agent in the strip.
 * @csspart filters - The filter form.
 * @csspart input - Every field of the filters.
 * @csspart calls - The list of calls.
 * @csspart call - One call in the list.
 * @csspart snippet - A search's matching words in a call.
 * @csspart badge - The outcome, intent and sandbox marks.
 * @csspart pager - The page buttons.
 * @csspart button - Every secondary button.
 * @csspart button-primary - The search button.
 * @csspart detail - The `<fd-call-detail>` a chosen call opens in.
 * @csspart notice - What a change did.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main buttons and the live marks.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors and calls not handled.
 * @cssprop [--fd-color-success=#067647] - Handled calls.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<CallOpenDetail>} fd-call-open - A call was chosen. `detail: { callId }`. Cancel it (`preventDefault()`) to show the call yourself instead of in the log's own `<fd-call-detail>`.
 */
export class FdCallLog extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, callLogStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    filter: { state: true },
    draft: { state: true },
    cursors: { state: true },
    live: { state: true },
    opened: { state: true },
    exporting: { state: true },
    notice: { state: true },
  };

  /** The filter the list shows, and the one being edited in the form. */
  private declare filter: CallFilter;
  private declare draft: CallFilter;
  /** The cursor of each page shown so far: the last is the page on screen (undefined: the first). */
  private declare cursors: (string | undefined)[];
  private declare live: Live | undefined;
  private declare opened: string | undefined;
  private declare exporting: boolean;
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Agents' names, from the live view and the calls seen: listing agents needs agents:read, which staff lack. */
  private readonly agentNames = new Map<string, string>();

  private readonly zoneTask = new Task(this, {
    task: async () => (await this.call((api) => api.config.get.query())).business.timeZone,
    args: () => [this.api],
  });

  private readonly pageTask = new Task(this, {
    task: async ([filter, cursor]) =>
      this.call((api) => api.calls.list.query({ ...filter, ...(cursor ? { cursor } : {}), limit: pageSize })),
    args: () => [this.filter, this.cursors.at(-1), this.api] as const,
  });

  constructor() {
    super();
    this.filter = {};
    this.draft = {};
    this.cursors = [undefined];
    this.live = undefined;
    this.opened = undefined;
    this.exporting = false;
    this.notice = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.pollLive();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
  }

  /** Reads the page on screen and the calls in progress again. */
  async refresh(): Promise<void> {
    await Promise.all([this.pageTask.run(), this.pollLive()]);
  }

  /** The calls in progress, read every few seconds while the log is on the page. */
  private async pollLive(): Promise<void> {
    clearTimeout(this.liveTimer);
    try {
      const live = await this.call((api) => api.calls.liveNow.query());
      for (const agent of live.agents) this.agentNames.set(agent.id, agent.name);
      this.live = live;
    } catch {
      // The strip is extra: the list says what is wrong, and the next round tries again.
    }
    if (this.isConnected) this.liveTimer = setTimeout(() => void this.pollLive(), livePollMs);
  }

  private applyFilter(event: Event): void {
    event.preventDefault();
    const cleaned = Object.fromEntries(Object.entries(this.draft).filter(([, value]) => typeof value === "string" && value.trim() !== "").map(([key, value]) => [key, (value as string).trim()])) as CallFilter;
    this.filter = cleaned;
    this.cursors = [undefined];
  }

  private clearFilter(): void {
    this.draft = {};
    this.filter = {};
    this.cursors = [undefined];
  }

  private setDraft(key: keyof CallFilter, value: string): void {
    this.draft = { ...this.draft, [key]: value };
  }

  private older(next: string): void {
    this.cursors = [...this.cursors, next];
    this.focusAfterRender = "calls-heading";
  }

  private newer(): void {
    this.cursors = this.cursors.slice(0, -1);
    this.focusAfterRender = "calls-heading";
  }

  private open(callId: string): void {
    const event = new CustomEvent<CallOpenDetail>("fd-call-open", { bubbles: true, composed: true, cancelable: true, detail: { callId } });
    if (!this.dispatchEvent(event)) return;
    this.opened = callId;
    this.focusAfterRender = "detail-back";
  }

  private close(): void {
    const callId = this.opened;
    this.opened = undefined;
    void this.pageTask.run();
    if (callId) this.focusAfterRender = `call-${callId}`;
  }

  /** The current filter's calls as a CSV file, 5,000 calls a request, each continuing where the last stopped. */
  private async exportCsv(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    this.notice = undefined;
    try {
      let content = "";
      let count = 0;
      let cursor: string | undefined;
      do {
        const chunk = await this.call((api) => api.calls.export.query({ ...this.filter, ...(cursor ? { cursor } : {}) }));
        // Each chunk starts with the header line; the file has it once.
        content += cursor ? chunk.content.slice(chunk.content.indexOf("\n") + 1) : chunk.content;
        count += chunk.count;
        cursor = chunk.next ?? undefined;
      } while (cursor);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([content], { type: "text/csv;charset=utf-8" }));
      link.download = `calls-${new Date().toISOString().slice(0, 10)}.csv`;
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      this.notice = { kind: "success", text: count === 1 ? msg("1 call exported.") : msg(str`${count} calls exported.`) };
    } catch (error) {
      this.notice = { kind: "error", text: callErrorMessage(error) };
    } finally {
      this.exporting = false;
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  private agentName(agentId: string | null): string | undefined {
    return agentId ? this.agentNames.get(agentId) : undefined;
  }

  private when(instant: string | null, zone: string): string {
    if (!instant) return msg("Not started");
    return new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(instant));
  }

  override render() {
    if (this.opened) {
      return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
        <button type="button" id="detail-back" class="button back-to-calls" part="button" @click=${() => this.close()}>${msg("Back to the calls")}</button>
        <fd-call-detail
          part="detail"
          call=${this.opened}
          locale=${this.locale ?? nothing}
          business=${this.business ?? nothing}
          api-base=${this.apiBase ?? nothing}
        ></fd-call-detail>
      </div>`;
    }
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.renderFrame({
        header: undefined,
        title: msg("Calls"),
        announcement: this.notice?.kind === "success" ? html`<p class="state success" part="notice">${this.notice.text}</p>` : nothing,
        content: html`${this.renderLive()}${this.renderFilters()}${this.renderPage()}`,
        status: this.notice?.kind === "error" ? errorState(this.notice.text) : nothing,
      })}
    </div>`;
  }

  private renderLive(): TemplateResult | typeof nothing {
    const live = this.live;
    if (!live) return nothing;
    const zone = this.zoneTask.value ?? "UTC";
    return html`<section class="live" part="live" aria-labelledby="live-heading">
      <h3 id="live-heading">${msg("Now")}</h3>
      ${live.calls.length === 0
        ? html`<p class="hint">${msg("No calls in progress.")}</p>`
        : html`<ul class="live-calls">
            ${live.calls.map(
              (call) => html`<li>
                <span class="pulse" aria-hidden="true"></span>
                <button type="button" class="link" @click=${() => this.open(call.id)}>
                  ${msg(str`${directionLabel(call.direction)} call with ${isolate(call.direction === "inbound" ? call.from : call.to)}`)}
                </button>
                <span class="hint">${callStatusLabel(call.status)} · ${this.when(call.startedAt, zone)}</span>
              </li>`,
            )}
          </ul>`}
      ${live.agents.length === 0
        ? nothing
        : html`<ul class="agents" aria-label=${msg("Agents")}>
            ${live.agents.map(
              (agent) => html`<li class="agent" part="agent" data-status=${agent.status}>
                <span class="agent-name">${agent.name}</span>
                <span class="hint"
                  >${agentStatusLabel(agent.status)}${agent.onCall > 0 ? html` · ${agent.onCall === 1 ? msg("on 1 call") : msg(str`on ${agent.onCall} calls`)}` : nothing}</span
                >
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  private renderFilters(): TemplateResult {
    const draft = this.draft;
    const agents = [...this.agentNames.entries()];
    const select = <T extends string>(key: keyof CallFilter, label: string, choices: readonly T[], labelOf: (choice: T) => string) =>
      html`<div class="field">
        <label for="filter-${key}">${label}</label>
        <select id="filter-${key}" part="input" .value=${draft[key] ?? ""} @change=${(event: Event) => this.setDraft(key, (event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!draft[key]}>${msg("Any")}</option>
          ${choices.map((choice) => html`<option value=${choice} ?selected=${draft[key] === choice}>${labelOf(choice)}</option>`)}
        </select>
      </div>`;
    return html`<form class="filters" part="filters" role="search" aria-label=${msg("Find calls")} @submit=${this.applyFilter}>
      <div class="field search">
        <label for="filter-search">${msg("Words said in the call")}</label>
        <input id="filter-search" part="input" type="search" maxlength="200" .value=${draft.search ?? ""} @input=${(event: Event) => this.setDraft("search", (event.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="filter-from">${msg("From")}</label>
        <input id="filter-from" part="input" type="date" .value=${draft.from ?? ""} @change=${(event: Event) => this.setDraft("from", (event.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="filter-to">${msg("To")}</label>
        <input id="filter-to" part="input" type="date" .value=${draft.to ?? ""} @change=${(event: Event) => this.setDraft("to", (event.target as HTMLInputElement).value)} />
      </div>
      ${select(
        "agentId",
        msg("Agent"),
        agents.map(([id]) => id),
        (id) => this.agentNames.get(id) ?? id,
      )}
      ${select("outcome", msg("Outcome"), callOutcomes, outcomeLabel)} ${select("intent", msg("Reason for calling"), callIntents, intentLabel)}
      ${select("direction", msg("Direction"), callDirections, directionLabel)}
      <div class="filter-actions">
        <button type="submit" class="button primary" part="button-primary">${msg("Show calls")}</button>
        <button type="button" class="button" part="button" @click=${() => this.clearFilter()}>${msg("Clear")}</button>
        <button type="button" class="button" part="button" aria-disabled=${this.exporting ? "true" : "false"} @click=${() => void this.exportCsv()}>
          ${this.exporting ? msg("Exporting…") : msg("Export CSV")}
        </button>
      </div>
    </form>`;
  }

  private renderPage(): unknown {
    return html`<section class="list" aria-labelledby="calls-heading">
      <h3 id="calls-heading" tabindex="-1">${this.cursors.length > 1 ? msg(str`Calls, page ${this.cursors.length}`) : msg("Latest calls")}</h3>
      ${this.pageTask.render({
        pending: () => (this.pageTask.value ? this.renderCalls(this.pageTask.value, true) : loadingState(msg("Loading the calls…"))),
        complete: (page) => this.renderCalls(page, false),
        error: (error) => errorState(callErrorMessage(error), retryable(error) ? () => void this.pageTask.run() : undefined),
      })}
    </section>`;
  }

  private renderCalls(page: { items: CallSummary[]; next: string | null }, stale: boolean): TemplateResult {
    const zone = this.zoneTask.value ?? "UTC";
    const filtered = Object.keys(this.filter).length > 0;
    if (page.items.length === 0) {
      return html`<p class="state empty">${filtered ? msg("No calls match these filters.") : msg("No calls yet. Calls the agents answer or make show up here.")}</p>`;
    }
    return html`<ol class="calls" part="calls" aria-busy=${stale ? "true" : "false"}>
        ${page.items.map((call) => this.renderCall(call, zone))}
      </ol>
      <div class="pager" part="pager">
        ${this.cursors.length > 1 ? html`<button type="button" class="button" part="button" @click=${() => this.newer()}>${msg("Newer calls")}</button>` : nothing}
        ${page.next ? html`<button type="button" class="button" part="button" @click=${() => this.older(page.next!)}>${msg("Older calls")}</button>` : nothing}
      </div>`;
  }

  private renderCall(call: CallSummary, zone: string): TemplateResult {
    const party = call.direction === "inbound" ? call.from : call.to;
    const agent = this.agentName(call.agentId);
    return html`<li class="call" part="call" data-outcome=${call.outcome ?? "none"}>
      <div class="call-head">
        <button type="button" class="link call-open" id="call-${call.id}" @click=${() => this.open(call.id)}>
          <bdi>${party}</bdi>
        </button>
        <span class="hint"><time datetime=${call.startedAt ?? ""}>${this.when(call.startedAt, zone)}</time></span>
      </div>
      <dl class="facts">
        <div><dt>${msg("Direction")}</dt><dd>${directionLabel(call.direction)}</dd></div>
        ${agent ? html`<div><dt>${msg("Agent")}</dt><dd>${agent}</dd></div>` : nothing}
        <div><dt>${msg("Number")}</dt><dd><bdi>${call.direction === "inbound" ? call.to : call.from}</bdi></dd></div>
        ${call.durationMs !== null
          ? html`<div><dt>${msg("Length")}</dt><dd><span aria-hidden="true">${clockDuration(call.durationMs)}</span><span class="sr-only">${spokenDuration(call.durationMs)}</span></dd></div>`
          : nothing}
      </dl>
      <p class="badges">
        ${call.outcome ? html`<span class="badge" part="badge" data-kind=${call.outcome}>${outcomeLabel(call.outcome)}</span>` : html`<span class="badge" part="badge">${callStatusLabel(call.status)}</span>`}
        ${call.intent ? html`<span class="badge" part="badge">${intentLabel(call.intent)}</span>` : nothing}
        ${call.simulated ? html`<span class="badge" part="badge" data-kind="sandbox">${msg("Simulated")}</span>` : nothing}
      </p>
      ${call.summary ? html`<p class="summary-line">${call.summary}</p>` : nothing}
      ${call.snippet ? html`<p class="snippet" part="snippet">${marked(call.snippet)}</p>` : nothing}
    </li>`;
  }
}
