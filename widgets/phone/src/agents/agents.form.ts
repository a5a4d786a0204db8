import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg } from "@lit/localize";
import type { AgentRecord } from "@frontdesk/core";
import { agentTypes, type AgentType } from "@frontdesk/core/vocabulary";
import { errorState } from "@frontdesk/ui";
import { fieldError } from "@frontdesk/widget-team/back-office";
import { agentTypeLabel } from "../phone-texts";

export const personalities = ["friendly", "professional", "calm", "upbeat"] as const;
export type Personality = (typeof personalities)[number];

/** The languages offered; the server takes any `xx-YY`, and `multi` for a caller's own language. */
export const agentLanguages = ["en-US", "en-GB", "es-US", "es-ES", "multi"] as const;

/** The configuration's main settings as the form holds them (text as typed). */
export interface AgentDraft {
  type: AgentType;
  name: string;
  voiceId: string;
  language: string;
  greeting: string;
  personality: Personality;
  customInstructions: string;
  transferNumber: string;
  maxCallDurationMin: string;
  requireApproval: boolean;
}

export interface Voice {
  id: string;
  name: string;
  gender: "male" | "female";
  accent?: string | undefined;
}

/** A refusal, with the field it names (if any), `config.` left off. */
export interface Problem {
  field: string | undefined;
  text: string;
}

export const emptyDraft = (voices: readonly Voice[]): AgentDraft => ({
  type: "receptionist",
  name: "",
  voiceId: voices[0]?.id ?? "",
  language: "en-US",
  greeting: "",
  personality: "friendly",
  customInstructions: "",
  transferNumber: "",
  maxCallDurationMin: "15",
  requireApproval: true,
});

export const draftOf = (agent: AgentRecord): AgentDraft => ({
  type: agent.config.type,
  name: agent.config.name,
  voiceId: agent.config.voiceId,
  language: agent.config.language,
  greeting: agent.config.greeting,
  personality: agent.config.personality,
  customInstructions: agent.config.customInstructions,
  transferNumber: agent.config.transferNumber ?? "",
  maxCallDurationMin: String(agent.config.maxCallDurationMin),
  requireApproval: agent.config.requireApproval,
});

/** What the server is sent: numbers as numbers, an empty transfer number as none. */
export const configOf = (draft: AgentDraft) => ({
  type: draft.type,
  name: draft.name.trim(),
  voiceId: draft.voiceId,
  language: draft.language,
  greeting: draft.greeting.trim(),
  personality: draft.personality,
  customInstructions: draft.customInstructions,
  transferNumber: draft.transferNumber.trim() || null,
  maxCallDurationMin: Number(draft.maxCallDurationMin),
  requireApproval: draft.requireApproval,
});

/** The fields a refusal can name, and the control that takes the focus for it. */
export const fieldIds = (prefix: string): Record<string, string> =>
  Object.fromEntries(["type", "name", "voiceId", "language", "greeting", "personality", "customInstructions", "transferNumber", "maxCallDurationMin"].map((field) => [field, `${prefix}-${field}`]));

export interface AgentFormView {
  /** `new` for the create form, else the agent's id: it prefixes the ids of the controls. */
  prefix: string;
  heading: string;
  submitLabel: string;
  draft: AgentDraft;
  voices: readonly Voice[];
  locale: string;
  busy: boolean;
  problem: Problem | undefined;
  edit(draft: AgentDraft): void;
  submit(event: Event): void;
  cancel?: () => void;
}

function languageName(code: string, locale: string): string {
  if (code === "multi") return msg("The caller's language");
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

type TextKey = "name" | "greeting" | "transferNumber" | "maxCallDurationMin" | "customInstructions";

/** A field's label, control and refusal, wired together for screen readers. */
function field(view: AgentFormView, key: keyof AgentDraft, label: string, control: (id: string, invalid: boolean, describedBy: string | undefined) => TemplateResult, hint?: string): TemplateResult {
  const id = `${view.prefix}-${key}`;
  const error = view.problem?.field === key ? view.problem.text : undefined;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${control(id, Boolean(error), describedBy)} ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing} ${fieldError(`${id}-error`, error)}
  </div>`;
}

function text(view: AgentFormView, key: TextKey, label: string, options: { hint?: string; dir?: "ltr"; inputmode?: string; multiline?: boolean } = {}): TemplateResult {
  const set = (event: Event) => view.edit({ ...view.draft, [key]: (event.target as HTMLInputElement).value });
  return field(
    view,
    key,
    label,
    (id, invalid, describedBy) =>
      options.multiline
        ? html`<textarea id=${id} part="input" rows="3" .value=${live(view.draft[key])} aria-invalid=${invalid ? "true" : "false"} aria-describedby=${describedBy ?? nothing} @input=${set}></textarea>`
        : html`<input id=${id} part="input" autocomplete="off" dir=${options.dir ?? nothing} inputmode=${options.inputmode ?? nothing} .value=${live(view.draft[key])}
            aria-invalid=${invalid ? "true" : "false"} aria-describedby=${describedBy ?? nothing} @input=${set} />`,
    options.hint,
  );
}

function select<K extends "type" | "voiceId" | "language" | "personality">(view: AgentFormView, key: K, label: string, choices: readonly { value: string; label: string }[]): TemplateResult {
  return field(
    view,
    key,
    label,
    (id, invalid, describedBy) => html`<select id=${id} part="input" .value=${live(view.draft[key])} aria-invalid=${invalid ? "true" : "false"} aria-describedby=${describedBy ?? nothing}
      @change=${(event: Event) => view.edit({ ...view.draft, [key]: (event.target as HTMLSelectElement).value })}>
      ${choices.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === view.draft[key]}>${choice.label}</option>`)}
    </select>`,
  );
}

function personalityLabel(personality: Personality): string {
  switch (personality) {
    case "friendly":
      return msg("Friendly");
    case "professional":
      return msg("Professional");
    case "calm":
      return msg("Calm");
    case "upbeat":
      return msg("Upbeat");
  }
}

const voiceLabel = (voice: Voice): string => [voice.name, voice.gender === "female" ? msg("female") : msg("male"), voice.accent].filter(Boolean).join(" · ");

/** The form that creates an agent or changes its draft: the main settings of its configuration. */
export function agentForm(view: AgentFormView): TemplateResult {
  const known = new Set(Object.keys(fieldIds("")));
  const general = view.problem && !known.has(view.problem.field ?? "") ? view.problem.text : undefined;
  const voices = view.voices.some((voice) => voice.id === view.draft.voiceId) || !view.draft.voiceId ? view.voices : [{ id: view.draft.voiceId, name: view.draft.voiceId, gender: "female" as const }, ...view.voices];
  return html`<form part="form" novalidate @submit=${view.submit} aria-labelledby="${view.prefix}-form-heading">
    <h4 id="${view.prefix}-form-heading">${view.heading}</h4>
    <div class="grid">
      ${text(view, "name", msg("Name"))}
      ${select(view, "type", msg("Type"), agentTypes.map((type) => ({ value: type, label: agentTypeLabel(type) })))}
      ${select(view, "voiceId", msg("Voice"), voices.map((voice) => ({ value: voice.id, label: voiceLabel(voice) })))}
      ${select(view, "language", msg("Language"), [...new Set([...agentLanguages, view.draft.language])].map((code) => ({ value: code, label: languageName(code, view.locale) })))}
      ${select(view, "personality", msg("Personality"), personalities.map((personality) => ({ value: personality, label: personalityLabel(personality) })))}
      ${text(view, "maxCallDurationMin", msg("Longest call (minutes)"), { inputmode: "numeric", dir: "ltr" })}
    </div>
    ${text(view, "greeting", msg("Greeting"), { hint: msg("What the agent says first, e.g. Thanks for calling Bright Smile, this is Ava.") })}
    ${text(view, "transferNumber", msg("Transfer calls to (optional)"), { dir: "ltr", inputmode: "tel", hint: msg("A person's number in E.164, e.g. +14155550123. Empty: the agent takes a message.") })}
    ${text(view, "customInstructions", msg("Instructions (optional)"), { multiline: true })}
    <label class="choice">
      <input type="checkbox" .checked=${live(view.draft.requireApproval)} @change=${(event: Event) => view.edit({ ...view.draft, requireApproval: (event.target as HTMLInputElement).checked })} />
      <span>${msg("Bookings and changes the agent makes wait for staff approval")}</span>
    </label>
    ${general ? errorState(general) : nothing}
    <div class="actions">
      <button type="submit" class="button primary" part="button button-primary" aria-disabled=${view.busy ? "true" : nothing}>${view.submitLabel}</button>
      ${view.cancel ? html`<button type="button" class="button" part="button" @click=${view.cancel}>${msg("Cancel")}</button>` : nothing}
    </div>
  </form>`;
}
