import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import { FrontdeskClientError } from "@frontdesk/client";
import type { AgentRecord } from "@frontdesk/core";
import { base, isolate, tokens, widgetStyles } from "@frontdesk/ui";
import { FdBackOfficeWidget } from "@frontdesk/widget-team/back-office";
import { backOfficeStyles } from "@frontdesk/widget-team/back-office.styles";
import { agentStatusLabel, agentTypeLabel, inZone, phoneErrorMessage, statusBadge } from "../phone-texts";
import { phoneStyles } from "../phone.styles";
import { agentForm, configOf, draftOf, emptyDraft, fieldIds, type AgentDraft, type Problem, type Voice } from "./agents.form";
import { reviewPanel, versionsPanel, type AgentDiff, type AgentVersion } from "./agents.review";
import { agentsStyles } from "./agents.styles";

/** `detail` of `fd-agent-created` and `fd-agent-updated`. */
export interface AgentChangedDetail {
  agentId: string;
  name: string;
  status: AgentRecord["status"];
}

/** `detail` of `fd-agent-published`: the version callers now hear. */
export interface AgentPublishedDetail {
  agentId: string;
  versionId: string;
  version: number;
}

interface Desk {
  agents: AgentRecord[];
  voices: Voice[];
  timeZone: string;
}

/** What is open under an agent: its draft's form, the review before publishing, or its versions. */
type Opened = { kind: "edit"; agentId: string; draft: AgentDraft } | { kind: "review"; agentId: string; diff: AgentDiff; note: string } | { kind: "versions"; agentId: string; versions: AgentVersion[] };

/** `fd-agent-created` and `fd-agent-updated` share their detail; made outside the class, whose JSDoc documents them by name. */
const agentEvent = (type: string, agent: AgentRecord) =>
  new CustomEvent<AgentChangedDetail>(type, { bubbles: true, composed: true, detail: { agentId: agent.id, name: agent.name, status: agent.status } });

/**
 * @summary The business's phone agents for its owners and admins: create one, change its draft, review the prompt and tools before publishing, publish and activate it, deactivate it, and roll back to an earlier version.
 *
 * @csspart base - The outer frame.
 * @csspart step - The heading and the sections.
 * @csspart section - Each section: the agents, creating an agent.
 * @csspart agent - One agent.
 * @csspart badge - An agent's status: inactive, active, paused, error; and "unpublished changes".
 * @csspart form - The create form and each edit form.
 * @csspart review - The changes publishing would make.
 * @csspart diff - The prompt, line by line, with added and removed lines marked.
 * @csspart versions - An agent's published versions.
 * @csspart version - One version.
 * @csspart input - Every text field and select.
 * @csspart button - Every secondary button.
 * @csspart button-primary - Create, Save, Publish.
 * @csspart notice - What a change did, and the polite refusal for staff members.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main buttons.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors, agents in error and removed prompt lines.
 * @cssprop [--fd-color-success=#067647] - Success messages, active agents and added prompt lines.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<AgentChangedDetail>} fd-agent-created - An agent was made (inactive, unpublished). `detail: { agentId, name, status }`.
 * @event {CustomEvent<AgentPublishedDetail>} fd-agent-published - A version was published (or an earlier one again). `detail: { agentId, versionId, version }`.
 * @event {CustomEvent<AgentChangedDetail>} fd-agent-updated - An agent's draft or status changed. `detail: { agentId, name, status }`.
 */
export class FdAgents extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, backOfficeStyles, phoneStyles, agentsStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    desk: { state: true },
    notice: { state: true },
    busy: { state: true },
    draft: { state: true },
    problem: { state: true },
    opened: { state: true },
  };

  private declare desk: Desk | undefined;
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  private declare busy: boolean;
  /** The create form's draft; undefined until the voices are known. */
  private declare draft: AgentDraft | undefined;
  /** The open form's refusal: `new` for the create form, else the agent's id. */
  private declare problem: (Problem & { form: string }) | undefined;
  private declare opened: Opened | undefined;
  /** A control of a row the change made, to focus once the list is read again. */
  private focusOnceLoaded: string | undefined;

  private readonly deskTask = new Task(this, {
    task: async () => {
      await this.mayCall("agents:read");
      const [agents, voices, config] = await this.call((api) => Promise.all([api.agents.list.query(), api.agents.voices.query(), api.config.get.query()]));
      return { agents, voices, timeZone: config.business.timeZone };
    },
    args: () => [this.api],
    onComplete: (desk) => {
      this.desk = desk;
      this.draft ??= emptyDraft(desk.voices);
    },
  });

  constructor() {
    super();
    this.desk = undefined;
    this.notice = undefined;
    this.busy = false;
    this.draft = undefined;
    this.problem = undefined;
    this.opened = undefined;
  }

  /** Reads the agents again, for a page where something else changed them. */
  async refresh(): Promise<void> {
    await this.deskTask.run();
  }

  private emit(type: "fd-agent-created" | "fd-agent-updated", agent: AgentRecord): void {
    this.dispatchEvent(agentEvent(type, agent));
  }

  private published(agentId: string, version: AgentVersion): void {
    this.dispatchEvent(new CustomEvent<AgentPublishedDetail>("fd-agent-published", { bubbles: true, composed: true, detail: { agentId, versionId: version.id, version: version.number } }));
  }

  /** Runs one change, then shows the agents as the server has them now; a refusal is shown and nothing else changes. */
  private async change(work: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    try {
      this.notice = { kind: "success", text: await work() };
    } catch (error) {
      this.notice = { kind: "error", text: phoneErrorMessage(error) };
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }

  /** A form's change: its refusal is shown on the field the server names, which takes the focus. */
  private async submitForm(form: string, work: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.problem = undefined;
    try {
      this.notice = { kind: "success", text: await work() };
    } catch (error) {
      const field = error instanceof FrontdeskClientError ? error.field?.replace(/^config\./, "") : undefined;
      this.problem = { form, field, text: phoneErrorMessage(error) };
      this.focusAfterRender = field ? fieldIds(form)[field] : undefined;
    } finally {
      this.busy = false;
    }
    await this.refresh();
    this.focusLoaded();
  }

  private focusLoaded(): void {
    if (!this.focusOnceLoaded) return;
    this.focusAfterRender = this.focusOnceLoaded;
    this.focusOnceLoaded = undefined;
    this.requestUpdate();
  }

  private create(event: Event): void {
    event.preventDefault();
    const draft = this.draft!;
    void this.submitForm("new", async () => {
      const made = await this.call((api) => api.agents.create.mutate({ config: configOf(draft) }));
      this.draft = emptyDraft(this.desk?.voices ?? []);
      this.emit("fd-agent-created", made);
      this.focusOnceLoaded = `review-${made.id}`;
      return msg(str`${isolate(made.name)} was made. Review and publish it to answer calls.`);
    });
  }

  private save(event: Event, agent: AgentRecord, draft: AgentDraft): void {
    event.preventDefault();
    void this.submitForm(agent.id, async () => {
      const saved = await this.call((api) => api.agents.update.mutate({ agentId: agent.id, config: configOf(draft) }));
      this.opened = undefined;
      this.emit("fd-agent-updated", saved);
      this.focusOnceLoaded = `review-${saved.id}`;
      return msg(str`The draft of ${isolate(saved.name)} was saved. Callers hear it once it is published.`);
    });
  }

  private review(agent: AgentRecord): void {
    void this.change(async () => {
      const diff = await this.call((api) => api.agents.preview.query({ agentId: agent.id }));
      this.opened = { kind: "review", agentId: agent.id, diff, note: "" };
      this.focusAfterRender = "review-heading";
      return msg(str`The changes of ${isolate(agent.name)} are shown.`);
    });
  }

  /** Publishes the draft and turns the agent on if it was off: a published agent answers once it is active. */
  private publish(agent: AgentRecord, note: string): void {
    void this.change(async () => {
      const version = await this.call((api) => api.agents.publish.mutate({ agentId: agent.id, ...(note.trim() ? { note: note.trim() } : {}) }));
      this.published(agent.id, version);
      if (agent.status !== "active") this.emit("fd-agent-updated", await this.call((api) => api.agents.activate.mutate({ agentId: agent.id })));
      this.opened = undefined;
      this.focusAfterRender = "step-heading";
      return msg(str`Version ${version.number} of ${isolate(agent.name)} is published and active.`);
    });
  }

  private setActive(agent: AgentRecord, active: boolean): void {
    void this.change(async () => {
      const changed = await this.call((api) => (active ? api.agents.activate : api.agents.deactivate).mutate({ agentId: agent.id }));
      this.emit("fd-agent-updated", changed);
      return active ? msg(str`${isolate(agent.name)} is active.`) : msg(str`${isolate(agent.name)} is inactive: numbers bound to it are not answered.`);
    });
  }

  private showVersions(agent: AgentRecord): void {
    void this.change(async () => {
      const versions = await this.call((api) => api.agents.versions.query({ agentId: agent.id }));
      this.opened = { kind: "versions", agentId: agent.id, versions };
      this.focusAfterRender = "versions-heading";
      return msg(str`The versions of ${isolate(agent.name)} are shown.`);
    });
  }

  private rollback(agent: AgentRecord, version: AgentVersion): void {
    void this.change(async () => {
      const republished = await this.call((api) => api.agents.rollback.mutate({ agentId: agent.id, versionId: version.id }));
      this.published(agent.id, republished);
      this.opened = { kind: "versions", agentId: agent.id, versions: await this.call((api) => api.agents.versions.query({ agentId: agent.id })) };
      return msg(str`Version ${version.number} of ${isolate(agent.name)} is published again, as version ${republished.number}.`);
    });
  }

  private close(agent: AgentRecord): void {
    this.opened = undefined;
    this.focusAfterRender = `edit-${agent.id}`;
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    return this.renderDeskPage({
      title: msg("Phone agents"),
      notice: this.notice,
      loaded: this.desk,
      content: (desk) => this.renderDesk(desk),
      task: this.deskTask,
      loading: msg("Loading the agents…"),
      refusal: msg("Only owners and admins manage the phone agents. Ask one of them if an agent should change."),
      errorMessage: phoneErrorMessage,
      retry: () => void this.refresh(),
    });
  }


  private renderDesk(desk: Desk): TemplateResult {
    return html`<section class="section" part="section" aria-labelledby="agents-heading">
        <h3 id="agents-heading">${msg("Your agents")}</h3>
        ${desk.agents.length
          ? html`<ul class="rows">
              ${desk.agents.map((agent) => this.renderAgent(agent, desk))}
            </ul>`
          : html`<p class="empty">${msg("No agents yet. Create one below, then publish it and bind it to a number.")}</p>`}
      </section>
      <section class="section" part="section" aria-labelledby="new-form-heading">
        ${agentForm({
          prefix: "new",
          heading: msg("Create an agent"),
          submitLabel: msg("Create the agent"),
          draft: this.draft!,
          voices: desk.voices,
          locale: this.resolvedLocale,
          busy: this.busy,
          problem: this.problem?.form === "new" ? this.problem : undefined,
          edit: (draft) => (this.draft = draft),
          submit: (event) => this.create(event),
        })}
      </section>`;
  }

  private renderAgent(agent: AgentRecord, desk: Desk): TemplateResult {
    const opened = this.opened?.agentId === agent.id ? this.opened : undefined;
    return html`<li class="row" part="agent" data-agent=${agent.id}>
      <div class="who">
        <span class="name"><bdi>${agent.name}</bdi></span>
        <span class="meta">
          ${statusBadge(agent.status, agentStatusLabel(agent.status))}
          ${agent.hasUnpublishedChanges ? statusBadge("draft", msg("Unpublished changes")) : nothing}
          <span class="email">${agentTypeLabel(agent.type)} · ${agent.publishedVersion === null ? msg("not published") : msg(str`version ${agent.publishedVersion}`)}${agent.sandbox ? html` · ${msg("Sandbox")}` : nothing}</span>
        </span>
        ${agent.lastError ? html`<span class="email error-text">${agent.lastError}</span>` : nothing}
      </div>
      <div class="actions">
        <button type="button" class="button" part="button" id="edit-${agent.id}" aria-label=${msg(str`Edit ${agent.name}`)} aria-expanded=${opened?.kind === "edit" ? "true" : "false"} ?disabled=${this.busy}
          @click=${() => ((this.opened = { kind: "edit", agentId: agent.id, draft: draftOf(agent) }), (this.problem = undefined), (this.focusAfterRender = `${agent.id}-name`))}>${msg("Edit")}</button>
        <button type="button" class="button" part="button" id="review-${agent.id}" aria-label=${msg(str`Review and publish ${agent.name}`)} ?disabled=${this.busy} @click=${() => this.review(agent)}>${msg("Review and publish")}</button>
        ${agent.status === "active"
          ? html`<button type="button" class="button" part="button" aria-label=${msg(str`Deactivate ${agent.name}`)} ?disabled=${this.busy} @click=${() => this.setActive(agent, false)}>${msg("Deactivate")}</button>`
          : agent.publishedVersionId
            ? html`<button type="button" class="button" part="button" aria-label=${msg(str`Activate ${agent.name}`)} ?disabled=${this.busy} @click=${() => this.setActive(agent, true)}>${msg("Activate")}</button>`
            : nothing}
        <button type="button" class="button" part="button" aria-label=${msg(str`Versions of ${agent.name}`)} ?disabled=${this.busy} @click=${() => this.showVersions(agent)}>${msg("Versions")}</button>
      </div>
      ${opened ? html`<div class="opened">${this.renderOpened(agent, opened, desk)}</div>` : nothing}
    </li>`;
  }

  private renderOpened(agent: AgentRecord, opened: Opened, desk: Desk): TemplateResult {
    switch (opened.kind) {
      case "edit":
        return agentForm({
          prefix: agent.id,
          heading: msg(str`Edit ${agent.name}`),
          submitLabel: msg("Save the draft"),
          draft: opened.draft,
          voices: desk.voices,
          locale: this.resolvedLocale,
          busy: this.busy,
          problem: this.problem?.form === agent.id ? this.problem : undefined,
          edit: (draft) => (this.opened = { ...opened, draft }),
          submit: (event) => this.save(event, agent, opened.draft),
          cancel: () => this.close(agent),
        });
      case "review":
        return reviewPanel({
          agent,
          diff: opened.diff,
          note: opened.note,
          busy: this.busy,
          editNote: (note) => (this.opened = { ...opened, note }),
          publish: () => this.publish(agent, opened.note),
          close: () => this.close(agent),
        });
      case "versions":
        return versionsPanel({
          agent,
          versions: opened.versions,
          busy: this.busy,
          when: (instant) => inZone(instant, this.resolvedLocale, desk.timeZone),
          rollback: (version) => this.rollback(agent, version),
          close: () => this.close(agent),
        });
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-agents": FdAgents;
  }
}
