import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import type { BusinessConfig } from "@frontdesk/core";
import { fieldError } from "../back-office/back-office-widget";
import type { SetupStep } from "./business-setup";

export interface ServiceDraft {
  name: string;
  /** Minutes, as typed. */
  duration: string;
  /** As typed: "45", "45.50"; empty for no price. */
  price: string;
  currency: string;
}

export interface StaffDraft {
  name: string;
  title: string;
  serviceIds: string[];
}

type Problem = { field: string | undefined; text: string } | undefined;

const stepLabels = (): Record<Exclude<SetupStep, "done">, string> => ({
  hours: msg("Opening hours"),
  services: msg("Services"),
  staff: msg("Staff"),
  keys: msg("Keys"),
});

/** The steps as buttons: the current one marked for screen readers, the ones with something saved marked done. */
export function stepNav(current: SetupStep, done: Set<SetupStep>, goTo: (step: SetupStep) => void): TemplateResult {
  const labels = stepLabels();
  return html`<nav class="steps" aria-label=${msg("Set-up steps")}>
    <ol part="steps">
      ${(Object.keys(labels) as (keyof typeof labels)[]).map(
        (step, index) => html`<li>
          <button type="button" class="step-link ${done.has(step) ? "done" : ""}" aria-current=${step === current ? "step" : nothing} @click=${() => goTo(step)}>
            <span class="step-number" aria-hidden="true">${done.has(step) ? "✓" : index + 1}</span>
            <span>${labels[step]}</span>
            ${done.has(step) ? html`<span class="visually-hidden">${msg("(done)")}</span>` : nothing}
          </button>
        </li>`,
      )}
    </ol>
  </nav>`;
}

const value = (event: Event) => (event.target as HTMLInputElement).value;
const problemFor = (problem: Problem, field: string) => (problem?.field === field || problem?.field?.startsWith(`${field}.`) ? problem.text : undefined);

function textField(options: { id: string; label: string; value: string; problem?: string | undefined; type?: string; inputmode?: string; autocomplete?: string; changed: (value: string) => void }): TemplateResult {
  const errorId = `${options.id}-error`;
  return html`<div class="field">
    <label for=${options.id}>${options.label}</label>
    <input
      id=${options.id}
      part="input"
      type=${options.type ?? "text"}
      inputmode=${options.inputmode ?? nothing}
      autocomplete=${options.autocomplete ?? "off"}
      .value=${live(options.value)}
      aria-invalid=${options.problem ? "true" : "false"}
      aria-describedby=${options.problem ? errorId : nothing}
      @input=${(event: Event) => options.changed(value(event))}
    />
    ${fieldError(errorId, options.problem)}
  </div>`;
}

export interface ServicesStepOptions {
  config: BusinessConfig;
  draft: ServiceDraft;
  locale: string;
  problem: Problem;
  busy: boolean;
  changed: (patch: Partial<ServiceDraft>) => void;
  submit: (event: Event) => void;
}

export function servicesStep({ config, draft, locale, problem, busy, changed, submit }: ServicesStepOptions): TemplateResult {
  const services = config.services.filter((service) => service.active);
  const price = (cents: number | null, currency: string) => (cents === null ? msg("no price") : new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100));
  return html`<section class="section" part="section" aria-labelledby="services-heading">
      <h3 id="services-heading">${msg("Your services")}</h3>
      ${services.length
        ? html`<ul class="rows">
            ${services.map(
              (service) => html`<li class="row">
                <div class="who">
                  <span class="name"><bdi>${service.name}</bdi></span>
                  <span class="email">${msg(str`${service.durationMin} min`)} · ${price(service.priceCents, service.currency)}</span>
                </div>
              </li>`,
            )}
          </ul>`
        : html`<p class="empty">${msg("No services yet. Add the first one below.")}</p>`}
    </section>
    <section class="section" part="section" aria-labelledby="service-form-heading">
      <h3 id="service-form-heading">${msg("Add a service")}</h3>
      <form part="form" novalidate @submit=${submit}>
        ${textField({ id: "service-name", label: msg("Name"), value: draft.name, problem: problemFor(problem, "name"), changed: (name) => changed({ name }) })}
        <div class="field-row">
          ${textField({ id: "service-duration", label: msg("Duration (minutes)"), value: draft.duration, inputmode: "numeric", problem: problemFor(problem, "durationMin"), changed: (duration) => changed({ duration }) })}
          ${textField({ id: "service-price", label: msg("Price (optional)"), value: draft.price, inputmode: "decimal", problem: problemFor(problem, "priceCents"), changed: (price) => changed({ price }) })}
          ${textField({ id: "service-currency", label: msg("Currency"), value: draft.currency, problem: problemFor(problem, "currency"), changed: (currency) => changed({ currency }) })}
        </div>
        <button type="submit" class="button" part="button" aria-disabled=${busy ? "true" : nothing}>${msg("Add this service")}</button>
      </form>
    </section>`;
}

export interface StaffStepOptions {
  config: BusinessConfig;
  draft: StaffDraft;
  problem: Problem;
  busy: boolean;
  changed: (patch: Partial<StaffDraft>) => void;
  submit: (event: Event) => void;
}

export function staffStep({ config, draft, problem, busy, changed, submit }: StaffStepOptions): TemplateResult {
  const staff = config.staff.filter((member) => member.active);
  const services = config.services.filter((service) => service.active);
  const serviceName = new Map(services.map((service) => [service.id, service.name]));
  const toggle = (id: string, on: boolean) => changed({ serviceIds: on ? [...draft.serviceIds, id] : draft.serviceIds.filter((chosen) => chosen !== id) });
  return html`<section class="section" part="section" aria-labelledby="staff-heading">
      <h3 id="staff-heading">${msg("Your staff")}</h3>
      ${staff.length
        ? html`<ul class="rows">
            ${staff.map(
              (member) => html`<li class="row">
                <div class="who">
                  <span class="name"><bdi>${member.name}</bdi></span>
                  <span class="email">${member.serviceIds.map((id) => serviceName.get(id)).filter(Boolean).join(", ") || msg("No services yet")}</span>
                </div>
              </li>`,
            )}
          </ul>`
        : html`<p class="empty">${msg("No staff yet. Add the first person below.")}</p>`}
    </section>
    <section class="section" part="section" aria-labelledby="staff-form-heading">
      <h3 id="staff-form-heading">${msg("Add a staff member")}</h3>
      <form part="form" novalidate @submit=${submit}>
        ${textField({ id: "staff-name", label: msg("Name"), value: draft.name, problem: problemFor(problem, "name"), autocomplete: "off", changed: (name) => changed({ name }) })}
        ${textField({ id: "staff-title", label: msg("Title (optional)"), value: draft.title, problem: problemFor(problem, "title"), changed: (title) => changed({ title }) })}
        ${services.length
          ? html`<fieldset class="choices">
              <legend>${msg("Services they offer")}</legend>
              ${services.map(
                (service) => html`<label class="choice">
                  <input type="checkbox" part="input" .checked=${live(draft.serviceIds.includes(service.id))} @change=${(event: Event) => toggle(service.id, (event.target as HTMLInputElement).checked)} />
                  <bdi>${service.name}</bdi>
                </label>`,
              )}
            </fieldset>`
          : nothing}
        <p class="hint">${msg("They work the business's opening hours; their own hours can be changed later.")}</p>
        <button type="submit" class="button" part="button" aria-disabled=${busy ? "true" : nothing}>${msg("Add this person")}</button>
      </form>
    </section>`;
}

export interface KeysStepOptions {
  config: BusinessConfig;
  apiBase: string;
  origins: string;
  publishableKey: string | undefined;
  secretKeyName: string;
  secretKey: string | undefined;
  problem: Problem;
  busy: boolean;
  originsChanged: (origins: string) => void;
  secretKeyNameChanged: (name: string) => void;
  createPublishableKey: (event: Event) => void;
  createSecretKey: (event: Event) => void;
  copy: (text: string, what: string) => void;
}

function copyable(id: string, label: string, text: string, copy: (text: string, what: string) => void): TemplateResult {
  return html`<div class="copyable">
    <span class="visually-hidden" id="${id}-label">${label}</span>
    <code id=${id} part="key" aria-labelledby="${id}-label">${text}</code>
    <button type="button" class="button" part="button" aria-label=${msg(str`Copy ${label}`)} @click=${() => copy(text, label)}>${msg("Copy")}</button>
  </div>`;
}

export function keysStep(options: KeysStepOptions): TemplateResult {
  const { config, problem, busy } = options;
  const keys = config.publishableKeys.filter((key) => !key.revoked);
  const originsProblem = problemFor(problem, "allowedOrigins");
  const snippetKey = options.publishableKey ?? keys[0]?.key;
  return html`<section class="section" part="section" aria-labelledby="publishable-heading">
      <h3 id="publishable-heading">${msg("Publishable key, for your website")}</h3>
      <p class="hint">${msg("The booking form on your website uses it. It is public, and works only on the websites you list.")}</p>
      ${keys.length
        ? html`<ul class="rows">
            ${keys.map(
              (key) => html`<li class="row">
                <div class="who">
                  ${copyable(`pk-${key.key}`, msg("publishable key"), key.key, options.copy)}
                  <span class="email">${msg(str`Works on: ${key.allowedOrigins.join(", ")}`)}</span>
                </div>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${snippetKey
        ? html`<p class="hint">${msg("Put this on a page of your website:")}</p>
            <pre class="snippet" dir="ltr"><code>${`<script src="${options.apiBase}/embed.js" async></script>\n<fd-booking publishable-key="${snippetKey}"></fd-booking>`}</code></pre>`
        : nothing}
      <form part="form" novalidate @submit=${options.createPublishableKey}>
        <div class="field">
          <label for="key-origins">${msg("Your website's address (several: one per line)")}</label>
          <textarea id="key-origins" part="input" rows="2" dir="ltr" placeholder="https://clinic.example" .value=${live(options.origins)} aria-invalid=${originsProblem ? "true" : "false"}
            aria-describedby=${originsProblem ? "key-origins-error" : nothing} @input=${(event: Event) => options.originsChanged(value(event))}></textarea>
          ${fieldError("key-origins-error", originsProblem)}
        </div>
        <button type="submit" class="button" part="button" aria-disabled=${busy ? "true" : nothing}>${msg("Make a publishable key")}</button>
      </form>
    </section>
    <section class="section" part="section" aria-labelledby="secret-heading">
      <h3 id="secret-heading">${msg("Secret key, for your own server")}</h3>
      <p class="hint">${msg("Your own server or a developer uses it to call Frontdesk's API. Never put it in a web page.")}</p>
      ${options.secretKey
        ? html`<div class="state once" role="group" aria-labelledby="secret-once">
            <p id="secret-once"><strong>${msg("Copy this key now: you will not see it again.")}</strong> ${msg("Frontdesk keeps only a fingerprint of it. If you lose it, make a new one.")}</p>
            ${copyable("secret-key", msg("secret key"), options.secretKey, options.copy)}
          </div>`
        : html`<form part="form" novalidate @submit=${options.createSecretKey}>
            ${textField({ id: "secret-name", label: msg("What the key is for (optional)"), value: options.secretKeyName, changed: options.secretKeyNameChanged })}
            <button type="submit" class="button" part="button" aria-disabled=${busy ? "true" : nothing}>${msg("Make a secret key")}</button>
          </form>`}
    </section>`;
}
