import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import type { KeysListing } from "@frontdesk/core";
import type { ApiScope } from "@frontdesk/core/vocabulary";
import { errorState } from "@frontdesk/ui";
import { fieldError } from "../back-office/back-office-widget";
import { scopeArea } from "./api-keys.texts";

export type SecretKey = KeysListing["secretKeys"][number];
export type PublishableKey = KeysListing["publishableKeys"][number];
/** A refusal of a form, by the field it names (undefined: the form as a whole). */
export type Problem = { field: string | undefined; text: string } | undefined;

/** A value shown once: a new secret key, or an endpoint's new signing secret. */
export interface ShownOnce {
  title: string;
  value: string;
}

export interface SecretKeyDraft {
  name: string;
  scopes: ApiScope[];
}

/** What the two key sections draw, and what their buttons do. */
export interface KeysView {
  secretKeys: SecretKey[];
  publishableKeys: PublishableKey[];
  /** The scopes the person may hand on: theirs. */
  grantable: readonly ApiScope[];
  busy: boolean;
  /** `secret:<id>` or `publishable:<key>`: the revocation that waits for a confirmation. */
  confirming: string | undefined;
  when: (instant: string) => string;
  secretDraft: SecretKeyDraft;
  secretProblem: Problem;
  originsDraft: string;
  originsProblem: Problem;
  editSecret: (draft: SecretKeyDraft) => void;
  editOrigins: (origins: string) => void;
  createSecret: (event: Event) => void;
  createPublishable: (event: Event) => void;
  confirm: (what: string | undefined) => void;
  revokeSecret: (key: SecretKey) => void;
  revokePublishable: (key: PublishableKey) => void;
}

/** The list, or the sentence that says it is empty. */
export function rowsOr<T>(items: readonly T[], row: (item: T) => TemplateResult, empty: string): TemplateResult {
  return items.length ? html`<ul class="rows">${items.map(row)}</ul>` : html`<p class="empty">${empty}</p>`;
}

/** The Revoke button, or the question that confirms it. */
export function confirmable(view: { busy: boolean; confirming: string | undefined; confirm: (what: string | undefined) => void }, what: string, texts: { button: string; label: string; question: string; yes: string }, act: () => void): TemplateResult {
  if (view.confirming !== what) {
    return html`<button type="button" class="button" part="button" aria-label=${texts.label} ?disabled=${view.busy} @click=${() => view.confirm(what)}>${texts.button}</button>`;
  }
  const id = `confirm-${what.replace(/[^a-z0-9_-]/gi, "-")}`;
  return html`<div class="confirm" role="group" aria-labelledby=${id}>
    <p id=${id}>${texts.question}</p>
    <div class="actions">
      <button type="button" class="button danger" part="button button-danger" @click=${act}>${texts.yes}</button>
      <button type="button" class="button" part="button" @click=${() => view.confirm(undefined)}>${msg("Keep")}</button>
    </div>
  </div>`;
}

const revoked = (view: KeysView, revokedAt: string | null) => (revokedAt ? html`<span class="badge revoked" part="badge">${msg(str`Revoked ${view.when(revokedAt)}`)}</span>` : nothing);

function secretKeyRow(view: KeysView, key: SecretKey): TemplateResult {
  const name = key.name || msg("Unnamed key");
  return html`<li class="row" part="secret-key">
    <div class="who">
      <span class="name"><bdi>${name}</bdi> <code dir="ltr">${key.prefix}…</code></span>
      <span class="email">${key.scopes ? key.scopes.map((scope, at) => html`${at ? ", " : ""}<code dir="ltr">${scope}</code>`) : msg("Every scope")}</span>
      <span class="email"><bdi>${msg(str`Made ${view.when(key.createdAt)}`)}</bdi> · <bdi>${key.lastUsedAt ? msg(str`last used ${view.when(key.lastUsedAt)}`) : msg("never used")}</bdi></span>
      ${revoked(view, key.revokedAt)}
    </div>
    ${key.revokedAt
      ? nothing
      : confirmable(
          view,
          `secret:${key.id}`,
          {
            button: msg("Revoke"),
            label: msg(str`Revoke the key ${name}`),
            question: msg(str`Revoke ${name}? Calls with it fail at once, and it cannot be used again.`),
            yes: msg("Revoke the key"),
          },
          () => view.revokeSecret(key),
        )}
  </li>`;
}

function scopeChoices(view: KeysView, access: "read" | "write"): TemplateResult | typeof nothing {
  const scopes = view.grantable.filter((scope) => scope.endsWith(`:${access}`));
  if (!scopes.length) return nothing;
  const draft = view.secretDraft;
  const toggle = (scope: ApiScope, on: boolean) => view.editSecret({ ...draft, scopes: on ? [...draft.scopes, scope] : draft.scopes.filter((chosen) => chosen !== scope) });
  return html`<fieldset class="choices" part="fieldset">
    <legend>${access === "read" ? msg("Read") : msg("Change")}</legend>
    ${scopes.map(
      (scope) => html`<label class="choice">
        <input type="checkbox" .checked=${live(draft.scopes.includes(scope))} @change=${(event: Event) => toggle(scope, (event.target as HTMLInputElement).checked)} />
        <span>${scopeArea(scope)} <code dir="ltr">${scope}</code></span>
      </label>`,
    )}
  </fieldset>`;
}

function secretKeyForm(view: KeysView): TemplateResult {
  const problem = view.secretProblem;
  const scopesError = problem?.field?.startsWith("scopes") ? problem.text : undefined;
  const nameError = problem?.field === "name" ? problem.text : undefined;
  return html`<form part="form" novalidate @submit=${view.createSecret} aria-labelledby="new-secret-heading">
    <h4 id="new-secret-heading">${msg("Make a secret key")}</h4>
    <div class="field">
      <label for="secret-name">${msg("Name (what the key is for)")}</label>
      <input id="secret-name" part="input" autocomplete="off" .value=${live(view.secretDraft.name)} aria-invalid=${nameError ? "true" : "false"}
        aria-describedby=${nameError ? "secret-name-error" : nothing} @input=${(event: Event) => view.editSecret({ ...view.secretDraft, name: (event.target as HTMLInputElement).value })} />
      ${fieldError("secret-name-error", nameError)}
    </div>
    <div class="scopes" id="secret-scopes" tabindex="-1" role="group" aria-labelledby="scopes-label" aria-describedby=${scopesError ? "secret-scopes-error" : nothing}>
      <p id="scopes-label" class="label">${msg("What the key may do")}</p>
      ${scopeChoices(view, "read")} ${scopeChoices(view, "write")}
    </div>
    ${fieldError("secret-scopes-error", scopesError)}
    ${problem && !scopesError && !nameError ? errorState(problem.text) : nothing}
    <button type="submit" class="button primary" part="button button-primary" aria-disabled=${view.busy ? "true" : nothing}>${msg("Make the key")}</button>
  </form>`;
}

function publishableKeyRow(view: KeysView, key: PublishableKey): TemplateResult {
  return html`<li class="row" part="publishable-key">
    <div class="who">
      <code class="name" dir="ltr">${key.key}</code>
      <span class="email">${msg("Allowed origins:")} ${key.allowedOrigins.map((origin, at) => html`${at ? ", " : ""}<bdi>${origin}</bdi>`)}</span>
      <span class="email">${msg(str`Made ${view.when(key.createdAt)}`)}</span>
      ${revoked(view, key.revokedAt)}
    </div>
    ${key.revokedAt
      ? nothing
      : confirmable(
          view,
          `publishable:${key.key}`,
          {
            button: msg("Revoke"),
            label: msg(str`Revoke the publishable key ${key.key}`),
            question: msg("Revoke this publishable key? Booking widgets on pages that use it stop working at once."),
            yes: msg("Revoke the key"),
          },
          () => view.revokePublishable(key),
        )}
  </li>`;
}

function publishableKeyForm(view: KeysView): TemplateResult {
  const problem = view.originsProblem;
  const originsError = problem?.field?.startsWith("allowedOrigins") ? problem.text : undefined;
  return html`<form part="form" novalidate @submit=${view.createPublishable} aria-labelledby="new-publishable-heading">
    <h4 id="new-publishable-heading">${msg("Make a publishable key")}</h4>
    <div class="field">
      <label for="publishable-origins">${msg("Websites that may use it (one origin per line, or *)")}</label>
      <textarea id="publishable-origins" part="input" rows="2" dir="ltr" .value=${live(view.originsDraft)} aria-invalid=${originsError ? "true" : "false"}
        aria-describedby=${originsError ? "publishable-origins-error" : nothing} @input=${(event: Event) => view.editOrigins((event.target as HTMLTextAreaElement).value)}></textarea>
      ${fieldError("publishable-origins-error", originsError)}
    </div>
    ${problem && !originsError ? errorState(problem.text) : nothing}
    <button type="submit" class="button primary" part="button button-primary" aria-disabled=${view.busy ? "true" : nothing}>${msg("Make the publishable key")}</button>
  </form>`;
}

/** The secret keys and the publishable keys, each with its form. */
export function keySections(view: KeysView): TemplateResult {
  return html`<section class="section" part="section" aria-labelledby="secret-keys-heading">
      <h3 id="secret-keys-heading">${msg("Secret keys")}</h3>
      <p class="hint">${msg("For your own server: each key may do only what its scopes allow. Keep keys out of web pages.")}</p>
      ${rowsOr(view.secretKeys, (key) => secretKeyRow(view, key), msg("No secret keys yet."))}
      ${secretKeyForm(view)}
    </section>
    <section class="section" part="section" aria-labelledby="publishable-keys-heading">
      <h3 id="publishable-keys-heading">${msg("Publishable keys")}</h3>
      <p class="hint">${msg("For booking widgets on your website: they work only on the origins listed.")}</p>
      ${rowsOr(view.publishableKeys, (key) => publishableKeyRow(view, key), msg("No publishable keys yet."))}
      ${publishableKeyForm(view)}
    </section>`;
}

/** The value shown its only time, the focus on it; Copy puts it on the clipboard, or selects it where the page may not. */
export function shownOnce(shown: ShownOnce, on: { dismiss: () => void; copied: (done: boolean) => void }): TemplateResult {
  const copy = async (event: Event) => {
    try {
      await navigator.clipboard.writeText(shown.value);
      on.copied(true);
    } catch {
      const value = ((event.target as HTMLElement).getRootNode() as ShadowRoot).getElementById("shown-once-value");
      if (value) getSelection()?.selectAllChildren(value);
      on.copied(false);
    }
  };
  return html`<div class="shown-once" part="shown-once" role="group" aria-labelledby="shown-once-title">
    <h3 id="shown-once-title">${shown.title}</h3>
    <p class="warning">${msg("Copy it now and keep it on your server: you won't see it again.")}</p>
    <code id="shown-once-value" class="secret" part="secret" dir="ltr" tabindex="-1" aria-label=${shown.title}>${shown.value}</code>
    <div class="actions">
      <button type="button" class="button primary" part="button button-primary" @click=${(event: Event) => void copy(event)}>${msg("Copy")}</button>
      <button type="button" class="button" part="button" @click=${on.dismiss}>${msg("I have stored it")}</button>
    </div>
  </div>`;
}
