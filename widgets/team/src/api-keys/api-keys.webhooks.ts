import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import type { WebhookDelivery, WebhookEndpoint } from "@frontdesk/core";
import { webhookEventTypes, type WebhookEventType } from "@frontdesk/core/vocabulary";
import { errorState, loadingState } from "@frontdesk/ui";
import { fieldError } from "../back-office/back-office-widget";
import { confirmable, rowsOr, type Problem } from "./api-keys.keys";
import { deliveryStatusLabel, eventTypeLabel } from "./api-keys.texts";

export interface EndpointDraft {
  url: string;
  eventTypes: WebhookEventType[];
}

/** An endpoint's delivery log as loaded: undefined while it loads. */
export type DeliveryLog = { deliveries: WebhookDelivery[] } | { failure: string } | undefined;

/** What the webhooks section draws, and what its buttons do. */
export interface WebhooksView {
  endpoints: WebhookEndpoint[];
  /** The endpoints whose delivery log is open, and the log of each. */
  logs: Map<string, DeliveryLog>;
  busy: boolean;
  confirming: string | undefined;
  when: (instant: string) => string;
  draft: EndpointDraft;
  problem: Problem;
  edit: (draft: EndpointDraft) => void;
  create: (event: Event) => void;
  confirm: (what: string | undefined) => void;
  setEnabled: (endpoint: WebhookEndpoint, enabled: boolean) => void;
  rotate: (endpoint: WebhookEndpoint) => void;
  remove: (endpoint: WebhookEndpoint) => void;
  ping: (endpoint: WebhookEndpoint) => void;
  toggleLog: (endpoint: WebhookEndpoint) => void;
  refreshLog: (endpoint: WebhookEndpoint) => void;
  replay: (delivery: WebhookDelivery) => void;
}

function attempts(view: WebhooksView, delivery: WebhookDelivery): TemplateResult {
  if (!delivery.attemptLog.length) return html`<p class="hint">${msg("Not sent yet.")}</p>`;
  return html`<ol class="attempts">
    ${delivery.attemptLog.map(
      (attempt) => html`<li>
        <span><bdi>${view.when(attempt.at)}</bdi> · <bdi>${attempt.httpStatus === null ? msg("no answer") : msg(str`HTTP ${attempt.httpStatus}`)}</bdi> · <bdi>${msg(str`${attempt.durationMs} ms`)}</bdi></span>
        ${attempt.error ? html`<span class="field-error"><bdi>${attempt.error}</bdi></span>` : nothing}
        ${attempt.responseExcerpt ? html`<pre dir="ltr">${attempt.responseExcerpt}</pre>` : nothing}
      </li>`,
    )}
  </ol>`;
}

function deliveryRow(view: WebhooksView, delivery: WebhookDelivery): TemplateResult {
  const last = delivery.attemptLog.at(-1);
  const lastStatus = last ? (last.httpStatus === null ? msg("no answer") : msg(str`HTTP ${last.httpStatus}`)) : msg("not sent yet");
  return html`<li class="delivery" part="delivery">
    <details>
      <summary>
        <span class="event">${eventTypeLabel(delivery.eventType)} <code dir="ltr">${delivery.eventType}</code></span>
        <span class="badge ${delivery.status}" part="badge">${deliveryStatusLabel(delivery.status)}</span>
        <span class="hint"><bdi>${msg(str`attempts: ${delivery.attempts}`)}</bdi> · <bdi>${lastStatus}</bdi> · <bdi>${view.when(delivery.createdAt)}</bdi></span>
      </summary>
      ${attempts(view, delivery)}
      <p class="hint">${msg("Body as signed and sent:")}</p>
      <pre dir="ltr">${delivery.payload}</pre>
    </details>
    <button type="button" class="button" part="button" aria-label=${msg(str`Replay the ${delivery.eventType} delivery of ${view.when(delivery.createdAt)}`)} ?disabled=${view.busy} @click=${() => view.replay(delivery)}>
      ${msg("Replay")}
    </button>
  </li>`;
}

function deliveryLog(view: WebhooksView, endpoint: WebhookEndpoint, log: DeliveryLog): TemplateResult {
  const body = !log
    ? loadingState(msg("Loading the deliveries…"))
    : "failure" in log
      ? errorState(log.failure, () => view.refreshLog(endpoint))
      : rowsOr(log.deliveries, (delivery) => deliveryRow(view, delivery), msg("Nothing was sent to this endpoint yet."));
  return html`<div class="log" id="log-${endpoint.id}" part="delivery-log">
    <div class="log-head">
      <h4>${msg("Deliveries, newest first")}</h4>
      <button type="button" class="button" part="button" @click=${() => view.refreshLog(endpoint)}>${msg("Refresh")}</button>
    </div>
    ${body}
  </div>`;
}

function endpointRow(view: WebhooksView, endpoint: WebhookEndpoint): TemplateResult {
  const open = view.logs.has(endpoint.id);
  return html`<li class="row" part="endpoint">
    <div class="who">
      <bdi class="name" dir="ltr">${endpoint.url}</bdi>
      <span class="email">${endpoint.eventTypes.map((type, at) => html`${at ? ", " : ""}<code dir="ltr">${type}</code>`)}</span>
      <span class="badge ${endpoint.enabled ? "delivered" : "failed"}" part="badge">${endpoint.enabled ? msg("Enabled") : msg("Disabled")}</span>
      ${endpoint.disabledReason ? html`<span class="email"><bdi>${endpoint.disabledReason}</bdi></span>` : nothing}
    </div>
    <div class="actions">
      <button type="button" class="button" part="button" ?disabled=${view.busy} @click=${() => view.ping(endpoint)}>${msg("Send a test event")}</button>
      <button type="button" class="button" part="button" ?disabled=${view.busy} @click=${() => view.setEnabled(endpoint, !endpoint.enabled)}>${endpoint.enabled ? msg("Disable") : msg("Enable")}</button>
      <button type="button" class="button" part="button" ?disabled=${view.busy} @click=${() => view.rotate(endpoint)}>${msg("New signing secret")}</button>
      <button type="button" class="button" part="button" aria-expanded=${open ? "true" : "false"} aria-controls=${open ? `log-${endpoint.id}` : nothing} @click=${() => view.toggleLog(endpoint)}>
        ${msg("Delivery log")}
      </button>
      ${confirmable(
        view,
        `endpoint:${endpoint.id}`,
        {
          button: msg("Delete"),
          label: msg(str`Delete the endpoint ${endpoint.url}`),
          question: msg("Delete this endpoint? Nothing more is sent to it, and its delivery log goes with it."),
          yes: msg("Delete the endpoint"),
        },
        () => view.remove(endpoint),
      )}
    </div>
    ${open ? deliveryLog(view, endpoint, view.logs.get(endpoint.id)) : nothing}
  </li>`;
}

function endpointForm(view: WebhooksView): TemplateResult {
  const problem = view.problem;
  const urlError = problem?.field === "url" ? problem.text : undefined;
  const typesError = problem?.field?.startsWith("eventTypes") ? problem.text : undefined;
  const draft = view.draft;
  const toggle = (type: WebhookEventType, on: boolean) => view.edit({ ...draft, eventTypes: on ? [...draft.eventTypes, type] : draft.eventTypes.filter((chosen) => chosen !== type) });
  return html`<form part="form" novalidate @submit=${view.create} aria-labelledby="new-endpoint-heading">
    <h4 id="new-endpoint-heading">${msg("Add an endpoint")}</h4>
    <div class="field">
      <label for="endpoint-url">${msg("URL of your server's webhook route")}</label>
      <input id="endpoint-url" part="input" type="url" dir="ltr" autocomplete="off" placeholder="https://example.com/frontdesk/webhooks" .value=${live(draft.url)}
        aria-invalid=${urlError ? "true" : "false"} aria-describedby=${urlError ? "endpoint-url-error" : nothing} @input=${(event: Event) => view.edit({ ...draft, url: (event.target as HTMLInputElement).value })} />
      ${fieldError("endpoint-url-error", urlError)}
    </div>
    <fieldset class="choices" part="fieldset" id="endpoint-events" tabindex="-1" aria-describedby=${typesError ? "endpoint-events-error" : nothing}>
      <legend>${msg("Events to send")}</legend>
      ${webhookEventTypes.map(
        (type) => html`<label class="choice">
          <input type="checkbox" .checked=${live(draft.eventTypes.includes(type))} @change=${(event: Event) => toggle(type, (event.target as HTMLInputElement).checked)} />
          <span>${eventTypeLabel(type)} <code dir="ltr">${type}</code></span>
        </label>`,
      )}
    </fieldset>
    ${fieldError("endpoint-events-error", typesError)}
    ${problem && !urlError && !typesError ? errorState(problem.text) : nothing}
    <button type="submit" class="button primary" part="button button-primary" aria-disabled=${view.busy ? "true" : nothing}>${msg("Add the endpoint")}</button>
  </form>`;
}

/** The webhook endpoints, each with its delivery log when open, and the form that adds one. */
export function webhooksSection(view: WebhooksView): TemplateResult {
  return html`<section class="section" part="section" aria-labelledby="webhooks-heading">
    <h3 id="webhooks-heading">${msg("Webhook endpoints")}</h3>
    <p class="hint">${msg("Frontdesk sends signed events to these URLs on your server, and retries when they fail.")}</p>
    ${rowsOr(view.endpoints, (endpoint) => endpointRow(view, endpoint), msg("No webhook endpoints yet."))}
    ${endpointForm(view)}
  </section>`;
}
