import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import type { AgentRecord } from "@frontdesk/core";

/** What publishing the draft would change (`agents.preview`). */
export interface AgentDiff {
  prompt: { lines: { op: "same" | "added" | "removed"; text: string }[] };
  tools: { added: string[]; removed: string[]; changed: string[] };
  config: string[];
  changed: boolean;
  publishedVersionId: string | null;
}

/** A published version (`agents.versions`). */
export interface AgentVersion {
  id: string;
  number: number;
  toolNames: string[];
  publishedAt: string;
  note: string;
}

export interface ReviewView {
  agent: AgentRecord;
  diff: AgentDiff;
  note: string;
  busy: boolean;
  editNote(note: string): void;
  publish(): void;
  close(): void;
}

/** Unchanged lines further than this from a change fold into one line saying how many there are. */
const context = 2;

function promptLines(lines: AgentDiff["prompt"]["lines"]): TemplateResult {
  const near = (at: number) => lines.slice(Math.max(0, at - context), at + context + 1).some((line) => line.op !== "same");
  const shown: TemplateResult[] = [];
  let folded = 0;
  const fold = () => {
    if (folded) shown.push(html`<li class="fold">${msg(str`${folded} unchanged lines`)}</li>`);
    folded = 0;
  };
  lines.forEach((line, at) => {
    if (line.op === "same" && !near(at)) {
      folded++;
      return;
    }
    fold();
    if (line.op === "added") shown.push(html`<li class="added"><ins><span class="sign" aria-hidden="true">+</span><span class="sr-only">${msg("Added:")} </span>${line.text}</ins></li>`);
    else if (line.op === "removed") shown.push(html`<li class="removed"><del><span class="sign" aria-hidden="true">−</span><span class="sr-only">${msg("Removed:")} </span>${line.text}</del></li>`);
    else shown.push(html`<li class="same"><span class="sign" aria-hidden="true"> </span>${line.text}</li>`);
  });
  fold();
  return html`<ol class="diff" part="diff" dir="auto" tabindex="0" aria-label=${msg("The prompt, line by line")}>${shown}</ol>`;
}

const list = (names: string[]) => html`${names.map((name, at) => html`${at ? ", " : ""}<code dir="ltr">${name}</code>`)}`;

/** The draft against the published version: configuration fields, tools and the prompt; then Publish. */
export function reviewPanel(view: ReviewView): TemplateResult {
  const { diff, agent } = view;
  const first = diff.publishedVersionId === null;
  return html`<div class="panel" part="review" role="region" aria-labelledby="review-heading">
    <h4 id="review-heading" tabindex="-1">${msg(str`Review before publishing ${agent.name}`)}</h4>
    ${first
      ? html`<p class="hint">${msg("Nothing is published yet: this is what callers will hear.")}</p>`
      : !diff.changed
        ? html`<p class="hint">${msg("The draft is the same as the published version.")}</p>`
        : nothing}
    ${diff.config.length ? html`<p>${msg("Settings changed:")} ${list(diff.config)}</p>` : nothing}
    ${diff.tools.added.length ? html`<p>${msg("Tools added:")} ${list(diff.tools.added)}</p>` : nothing}
    ${diff.tools.removed.length ? html`<p>${msg("Tools removed:")} ${list(diff.tools.removed)}</p>` : nothing}
    ${diff.tools.changed.length ? html`<p>${msg("Tools changed:")} ${list(diff.tools.changed)}</p>` : nothing}
    <p class="label">${msg("Prompt")}</p>
    ${promptLines(diff.prompt.lines)}
    <div class="field">
      <label for="publish-note">${msg("Note for the version list (optional)")}</label>
      <input id="publish-note" part="input" autocomplete="off" .value=${live(view.note)} @input=${(event: Event) => view.editNote((event.target as HTMLInputElement).value)} />
    </div>
    <div class="actions">
      <button type="button" class="button primary" part="button button-primary" aria-disabled=${view.busy || (!diff.changed && !first) ? "true" : nothing} ?disabled=${!diff.changed && !first}
        @click=${view.publish}>${agent.status === "active" ? msg("Publish") : msg("Publish and activate")}</button>
      <button type="button" class="button" part="button" @click=${view.close}>${msg("Close")}</button>
    </div>
  </div>`;
}

export interface VersionsView {
  agent: AgentRecord;
  versions: AgentVersion[];
  busy: boolean;
  when(instant: string): string;
  rollback(version: AgentVersion): void;
  close(): void;
}

/** The published versions, newest first; any but the current one can be published again. */
export function versionsPanel(view: VersionsView): TemplateResult {
  return html`<div class="panel" part="versions" role="region" aria-labelledby="versions-heading">
    <h4 id="versions-heading" tabindex="-1">${msg(str`Versions of ${view.agent.name}`)}</h4>
    ${view.versions.length
      ? html`<ul class="rows">
          ${view.versions.map(
            (version) => html`<li class="row" part="version">
              <div class="who">
                <span class="name">${msg(str`Version ${version.number}`)}${version.id === view.agent.publishedVersionId ? html` · ${msg("published")}` : nothing}</span>
                <span class="email">${view.when(version.publishedAt)}${version.note ? html` · <bdi>${version.note}</bdi>` : nothing}</span>
              </div>
              ${version.id === view.agent.publishedVersionId
                ? nothing
                : html`<button type="button" class="button" part="button" ?disabled=${view.busy} @click=${() => view.rollback(version)}>${msg(str`Roll back to version ${version.number}`)}</button>`}
            </li>`,
          )}
        </ul>`
      : html`<p class="empty">${msg("Nothing is published yet.")}</p>`}
    <div class="actions"><button type="button" class="button" part="button" @click=${view.close}>${msg("Close")}</button></div>
  </div>`;
}
