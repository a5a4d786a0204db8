import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import type { PhoneNumberRecord } from "@frontdesk/core";
import { numberStatusLabel, numberTypeLabel, statusBadge } from "../phone-texts";

/** An agent a number may answer with. */
export interface AgentChoice {
  id: string;
  name: string;
  published: boolean;
}

/** A release waiting for its confirmation: the token the server gave. */
export interface PendingRelease {
  numberId: string;
  confirmation: string;
}

export interface NumbersView {
  numbers: PhoneNumberRecord[];
  agents: AgentChoice[];
  busy: boolean;
  releasing: PendingRelease | undefined;
  names: Map<string, string>;
  when(instant: string): string;
  editName(number: PhoneNumberRecord, nickname: string): void;
  saveName(number: PhoneNumberRecord, event: Event): void;
  bind(number: PhoneNumberRecord, which: "agentId" | "afterHoursAgentId", agentId: string | null): void;
  setActive(number: PhoneNumberRecord, active: boolean): void;
  startRelease(number: PhoneNumberRecord): void;
  release(number: PhoneNumberRecord, confirmation: string): void;
  keep(): void;
}

const title = (number: PhoneNumberRecord) => number.nickname || number.display;

function agentSelect(view: NumbersView, number: PhoneNumberRecord, which: "agentId" | "afterHoursAgentId"): TemplateResult {
  const id = `${which === "agentId" ? "agent" : "after-hours"}-${number.id}`;
  const chosen = number[which] ?? "";
  const locked = view.busy || number.status === "porting" || number.status === "suspended";
  return html`<div class="field">
    <label for=${id}>${which === "agentId" ? msg("Agent") : msg("After-hours agent")}</label>
    <select id=${id} part="input" .value=${live(chosen)} ?disabled=${locked}
      @change=${(event: Event) => view.bind(number, which, (event.target as HTMLSelectElement).value || null)}>
      <option value="" ?selected=${chosen === ""}>${which === "agentId" ? msg("None") : msg("The same agent at all hours")}</option>
      ${view.agents.map(
        (agent) => html`<option value=${agent.id} ?selected=${agent.id === chosen} ?disabled=${!agent.published && agent.id !== chosen}>
          ${agent.published ? agent.name : msg(str`${agent.name} (not published)`)}
        </option>`,
      )}
    </select>
  </div>`;
}

function releaseControls(view: NumbersView, number: PhoneNumberRecord): TemplateResult {
  if (view.releasing?.numberId === number.id) {
    const { confirmation } = view.releasing;
    return html`<div class="confirm" role="alertdialog" aria-labelledby="release-${number.id}" aria-describedby="release-${number.id}-detail">
      <p id="release-${number.id}"><strong>${msg(str`Release ${number.display}?`)}</strong></p>
      <p id="release-${number.id}-detail">${msg("Calls to it stop at once and the number goes back to the carrier for good. Its call history stays.")}</p>
      <div class="actions">
        <button type="button" class="button danger" part="button button-danger" id="release-confirm" @click=${() => view.release(number, confirmation)}>${msg("Release for good")}</button>
        <button type="button" class="button" part="button" @click=${view.keep}>${msg("Keep the number")}</button>
      </div>
    </div>`;
  }
  return html`<button type="button" class="button" part="button" aria-label=${msg(str`Release ${number.display}`)} ?disabled=${view.busy || number.status === "porting"}
    @click=${() => view.startRelease(number)}>${msg("Release…")}</button>`;
}

function numberRow(view: NumbersView, number: PhoneNumberRecord): TemplateResult {
  const nameId = `name-${number.id}`;
  const changeable = number.status === "active" || number.status === "inactive";
  return html`<li class="row" part="number" data-number=${number.e164}>
    <div class="who">
      <span class="name">${number.nickname ? html`<bdi>${number.nickname}</bdi> · ` : nothing}<span class="number">${number.display}</span></span>
      <span class="meta">
        ${statusBadge(number.status, numberStatusLabel(number.status))}
        <span class="email">${numberTypeLabel(number.type)} · ${number.country}${number.sandbox ? html` · ${msg("Sandbox")}` : nothing}</span>
        <span class="email">${msg(str`Added ${view.when(number.createdAt)}`)}</span>
      </span>
    </div>
    <div class="controls">
      <form class="inline" part="form" novalidate @submit=${(event: Event) => view.saveName(number, event)} aria-label=${msg(str`Name of ${number.display}`)}>
        <div class="field">
          <label for=${nameId}>${msg("Name")}</label>
          <input id=${nameId} part="input" autocomplete="off" .value=${live(view.names.get(number.id) ?? number.nickname)}
            @input=${(event: Event) => view.editName(number, (event.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button" part="button" aria-disabled=${view.busy ? "true" : nothing}>${msg("Save name")}</button>
      </form>
      ${agentSelect(view, number, "agentId")} ${agentSelect(view, number, "afterHoursAgentId")}
    </div>
    <div class="actions">
      ${changeable
        ? number.status === "active"
          ? html`<button type="button" class="button" part="button" aria-label=${msg(str`Deactivate ${title(number)}`)} ?disabled=${view.busy} @click=${() => view.setActive(number, false)}>${msg("Deactivate")}</button>`
          : html`<button type="button" class="button primary" part="button button-primary" aria-label=${msg(str`Activate ${title(number)}`)} ?disabled=${view.busy} @click=${() => view.setActive(number, true)}>${msg("Activate")}</button>`
        : nothing}
      ${releaseControls(view, number)}
    </div>
  </li>`;
}

/** The business's numbers, each with its name, agents, status and release. */
export function numbersSection(view: NumbersView): TemplateResult {
  return html`<section class="section" part="section" aria-labelledby="numbers-heading">
    <h3 id="numbers-heading">${msg("Your numbers")}</h3>
    ${view.numbers.length
      ? html`<ul class="rows">
          ${view.numbers.map((number) => numberRow(view, number))}
        </ul>`
      : html`<p class="empty">${msg("No phone numbers yet. Add one below: callers reach your agent on it.")}</p>`}
  </section>`;
}
