import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import { FrontdeskClientError } from "@frontdesk/client";
import type { WebhookDelivery, WebhookEndpoint } from "@frontdesk/core";
import type { ApiScope } from "@frontdesk/core/vocabulary";
import { base, isolate, tokens, widgetStyles } from "@frontdesk/ui";
import { FdBackOfficeWidget } from "../back-office/back-office-widget";
import { backOfficeStyles } from "../back-office/back-office.styles";
import { keySections, shownOnce, type Problem, type PublishableKey, type SecretKey, type SecretKeyDraft, type ShownOnce } from "./api-keys.keys";
import { apiKeysStyles } from "./api-keys.styles";
import { apiKeysErrorMessage } from "./api-keys.texts";
import { webhooksSection, type DeliveryLog, type EndpointDraft } from "./api-keys.webhooks";

/** `detail` of the `fd-api-key-created` event: never the key's value. */
export interface ApiKeyCreatedDetail {
  kind: "secret" | "publishable";
  /** The secret key's id, or the publishable key itself. */
  id: string;
}

/** `detail` of the `fd-api-key-revoked` event. */
export type ApiKeyRevokedDetail = ApiKeyCreatedDetail;

interface Keys {
  secretKeys: SecretKey[];
  publishableKeys: PublishableKey[];
  endpoints: WebhookEndpoint[];
  /** What the person may do, and so may hand on to a key. */
  scopes: readonly ApiScope[];
}

const eventInit = (detail: ApiKeyCreatedDetail): CustomEventInit<ApiKeyCreatedDetail> => ({ bubbles: true, composed: true, detail });

/** How often, and how many times, an open delivery log looks again while a delivery is on its way. */
const pendingPollMs = 1000;
const pendingPolls = 30;

/**
 * @summary The business's API keys and webhooks for its owners and admins: secret keys with their scopes, publishable keys with their origins, and webhook endpoints with their delivery log.
 *
 * @csspart base - The outer frame.
 * @csspart step - The heading and the sections.
 * @csspart section - Each section: secret keys, publishable keys, webhook endpoints.
 * @csspart secret-key - One secret key.
 * @csspart publishable-key - One publishable key.
 * @csspart endpoint - One webhook endpoint.
 * @csspart delivery-log - An endpoint's delivery log.
 * @csspart delivery - One delivery in the log.
 * @csspart badge - A state: revoked, enabled, disabled, delivered, pending, failed.
 * @csspart shown-once - The panel that shows a new secret its only time.
 * @csspart secret - The secret's value in that panel.
 * @csspart form - Each form: new secret key, new publishable key, new endpoint.
 * @csspart fieldset - The groups of checkboxes (scopes, event types).
 * @csspart input - Every text field.
 * @csspart button - Every secondary button.
 * @csspart button-primary - The buttons that make a key or add an endpoint.
 * @csspart button-danger - The buttons that confirm a revocation or a deletion.
 * @csspart notice - What a change did, and the polite refusal for staff members.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main buttons.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors, failed deliveries and the confirming buttons.
 * @cssprop [--fd-color-success=#067647] - Success messages and delivered deliveries.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<ApiKeyCreatedDetail>} fd-api-key-created - A key was made. `detail: { kind, id }` (`secret` with the key's id, or `publishable` with the key); never a secret's value.
 * @event {CustomEvent<ApiKeyRevokedDetail>} fd-api-key-revoked - A key was revoked. `detail: { kind, id }`.
 */
export class FdApiKeys extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, backOfficeStyles, apiKeysStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    keys: { state: true },
    notice: { state: true },
    shownOnce: { state: true },
    confirming: { state: true },
    busy: { state: true },
    secretDraft: { state: true },
    originsDraft: { state: true },
    endpointDraft: { state: true },
    problems: { state: true },
    logs: { state: true },
  };

  private declare keys: Keys | undefined;
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  private declare shownOnce: ShownOnce | undefined;
  private declare confirming: string | undefined;
  private declare busy: boolean;
  private declare secretDraft: SecretKeyDraft;
  private declare originsDraft: string;
  private declare endpointDraft: EndpointDraft;
  /** Each form's refusal, if the last try was refused. */
  private declare problems: Partial<Record<"secret" | "origins" | "endpoint", Problem>>;
  private declare logs: Map<string, DeliveryLog>;
  private readonly polls = new Map<string, { timer: ReturnType<typeof setTimeout>; left: number }>();

  private readonly keysTask = new Task(this, {
    task: async () => {
      await this.mayCall("keys:read");
      const [listing, endpoints, scopes] = await this.call((api) => Promise.all([api.keys.list.query(), api.webhooks.listEndpoints.query(), this.ownScopes()]));
      return { ...listing, endpoints, scopes };
    },
    args: () => [this.api],
    onComplete: (keys) => (this.keys = keys),
  });

  constructor() {
    super();
    this.keys = undefined;
    this.notice = undefined;
    this.shownOnce = undefined;
    this.confirming = undefined;
    this.busy = false;
    this.secretDraft = { name: "", scopes: [] };
    this.originsDraft = "";
    this.endpointDraft = { url: "", eventTypes: [] };
    this.problems = {};
    this.logs = new Map();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const { timer } of this.polls.values()) clearTimeout(timer);
    this.polls.clear();
  }

  /** Reads the keys and endpoints again, for a page where something else changed them. */
  async refresh(): Promise<void> {
    await this.keysTask.run();
  }

  /** Runs one change, then shows the keys as the server has them now; a refusal is shown and nothing else changes. */
  private async change(work: () => Promise<string>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.notice = undefined;
    this.confirming = undefined;
    let done = false;
    try {
      this.notice = { kind: "success", text: await work() };
      done = true;
    } catch (error) {
      this.notice = { kind: "error", text: apiKeysErrorMessage(error) };
    } finally {
      this.busy = false;
      await this.refresh();
    }
    return done;
  }

  /** A form's change: its refusal is shown next to the field it names, which takes the focus. */
  private async submit(form: "secret" | "origins" | "endpoint", focusFor: Record<string, string>, work: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.problems = { ...this.problems, [form]: undefined };
    try {
      this.notice = { kind: "success", text: await work() };
    } catch (error) {
      const field = error instanceof FrontdeskClientError ? error.field : undefined;
      this.problems = { ...this.problems, [form]: { field, text: apiKeysErrorMessage(error) } };
      const key = Object.keys(focusFor).find((prefix) => field?.startsWith(prefix));
      this.focusAfterRender = key ? focusFor[key] : undefined;
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  private showOnce(title: string, value: string): void {
    this.shownOnce = { title, value };
    this.focusAfterRender = "shown-once-value";
  }

  private createSecret(event: Event): void {
    event.preventDefault();
    const { name, scopes } = this.secretDraft;
    void this.submit("secret", { name: "secret-name", scopes: "secret-scopes" }, async () => {
      const made = await this.call((api) => api.keys.createSecretKey.mutate({ name: name.trim(), scopes }));
      this.secretDraft = { name: "", scopes: [] };
      this.showOnce(msg("Your new secret key"), made.key);
      this.dispatchEvent(new CustomEvent("fd-api-key-created", eventInit({ kind: "secret", id: made.id })));
      return msg(str`The key ${isolate(made.name || made.prefix)} was made.`);
    });
  }

  private createPublishable(event: Event): void {
    event.preventDefault();
    const allowedOrigins = this.originsDraft.split(/[\s,]+/).filter(Boolean);
    void this.submit("origins", { allowedOrigins: "publishable-origins" }, async () => {
      const made = await this.call((api) => api.config.createPublishableKey.mutate({ allowedOrigins }));
      this.originsDraft = "";
      this.dispatchEvent(new CustomEvent("fd-api-key-created", eventInit({ kind: "publishable", id: made.key })));
      return msg(str`The publishable key ${made.key} was made.`);
    });
  }

  private revokeSecret(key: SecretKey): void {
    void this.change(async () => {
      await this.call((api) => api.keys.revokeSecretKey.mutate({ id: key.id }));
      this.dispatchEvent(new CustomEvent("fd-api-key-revoked", eventInit({ kind: "secret", id: key.id })));
      return msg(str`The key ${isolate(key.name || key.prefix)} was revoked.`);
    });
  }

  private revokePublishable(key: PublishableKey): void {
    void this.change(async () => {
      await this.call((api) => api.config.revokePublishableKey.mutate({ key: key.key }));
      this.dispatchEvent(new CustomEvent("fd-api-key-revoked", eventInit({ kind: "publishable", id: key.key })));
      return msg(str`The publishable key ${key.key} was revoked.`);
    });
  }

  private createEndpoint(event: Event): void {
    event.preventDefault();
    const { url, eventTypes } = this.endpointDraft;
    void this.submit("endpoint", { url: "endpoint-url", eventTypes: "endpoint-events" }, async () => {
      const made = await this.call((api) => api.webhooks.createEndpoint.mutate({ url: url.trim(), eventTypes }));
      this.endpointDraft = { url: "", eventTypes: [] };
      this.showOnce(msg(str`The signing secret of ${isolate(made.url)}`), made.secret);
      return msg(str`The endpoint ${isolate(made.url)} was added.`);
    });
  }

  private setEnabled(endpoint: WebhookEndpoint, enabled: boolean): void {
    void this.change(async () => {
      await this.call((api) => api.webhooks.updateEndpoint.mutate({ endpointId: endpoint.id, enabled }));
      return enabled ? msg(str`${isolate(endpoint.url)} is enabled.`) : msg(str`${isolate(endpoint.url)} is disabled: nothing is sent to it until it is enabled again.`);
    });
  }

  private rotate(endpoint: WebhookEndpoint): void {
    void this.change(async () => {
      const { secret } = await this.call((api) => api.webhooks.rotateSecret.mutate({ endpointId: endpoint.id }));
      this.showOnce(msg(str`The new signing secret of ${isolate(endpoint.url)}`), secret);
      return msg(str`${isolate(endpoint.url)} has a new signing secret.`);
    });
  }

  private deleteEndpoint(endpoint: WebhookEndpoint): void {
    void this.change(async () => {
      await this.call((api) => api.webhooks.deleteEndpoint.mutate({ endpointId: endpoint.id }));
      this.logs.delete(endpoint.id);
      return msg(str`The endpoint ${isolate(endpoint.url)} was deleted.`);
    });
  }

  private ping(endpoint: WebhookEndpoint): void {
    void this.change(async () => {
      await this.call((api) => api.webhooks.ping.mutate({ endpointId: endpoint.id }));
      void this.loadLog(endpoint.id);
      return msg(str`A test event is on its way to ${isolate(endpoint.url)}.`);
    });
  }

  private replay(delivery: WebhookDelivery): void {
    void this.change(async () => {
      await this.call((api) => api.webhooks.replay.mutate({ deliveryId: delivery.id }));
      void this.loadLog(delivery.endpointId);
      return msg("The delivery is sent again.");
    });
  }

  private toggleLog(endpoint: WebhookEndpoint): void {
    if (this.logs.has(endpoint.id)) {
      const logs = new Map(this.logs);
      logs.delete(endpoint.id);
      this.logs = logs;
      return;
    }
    void this.loadLog(endpoint.id);
  }

  /** Opens (or reloads) an endpoint's log; while a delivery in it is pending, it looks again every second for a while. */
  private async loadLog(endpointId: string, poll = false): Promise<void> {
    if (!this.logs.has(endpointId)) this.logs = new Map(this.logs).set(endpointId, undefined);
    let log: DeliveryLog;
    try {
      log = { deliveries: await this.call((api) => api.webhooks.deliveries.query({ endpointId })) };
    } catch (error) {
      log = { failure: apiKeysErrorMessage(error) };
    }
    if (!this.logs.has(endpointId)) return;
    this.logs = new Map(this.logs).set(endpointId, log);
    const previous = this.polls.get(endpointId);
    if (previous) clearTimeout(previous.timer);
    const left = poll ? (previous?.left ?? pendingPolls) - 1 : pendingPolls;
    if ("deliveries" in log && log.deliveries.some((delivery) => delivery.status === "pending") && left > 0 && this.isConnected) {
      this.polls.set(endpointId, { left, timer: setTimeout(() => void this.loadLog(endpointId, true), pendingPollMs) });
    } else this.polls.delete(endpointId);
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  private readonly when = (instant: string): string => new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));

  override render() {
    return this.renderDeskPage({
      title: msg("API keys and webhooks"),
      notice: this.notice,
      loaded: this.keys,
      content: (keys) => this.renderKeys(keys),
      task: this.keysTask,
      loading: msg("Loading the keys…"),
      refusal: msg("Only owners and admins manage API keys and webhooks. Ask one of them if you need a key."),
      errorMessage: apiKeysErrorMessage,
      retry: () => void this.refresh(),
    });
  }


  private renderKeys(keys: Keys): TemplateResult {
    const confirm = (what: string | undefined) => (this.confirming = what);
    const dismiss = () => ((this.shownOnce = undefined), (this.focusAfterRender = "step-heading"));
    const copied = (done: boolean) =>
      (this.notice = done ? { kind: "success", text: msg("Copied.") } : { kind: "error", text: msg("This page may not copy. The value is selected: copy it with your keyboard.") });
    return html`${this.shownOnce ? shownOnce(this.shownOnce, { dismiss, copied }) : nothing}
    ${keySections({
      secretKeys: keys.secretKeys,
      publishableKeys: keys.publishableKeys,
      grantable: keys.scopes,
      busy: this.busy,
      confirming: this.confirming,
      when: this.when,
      secretDraft: this.secretDraft,
      secretProblem: this.problems.secret,
      originsDraft: this.originsDraft,
      originsProblem: this.problems.origins,
      editSecret: (draft) => (this.secretDraft = draft),
      editOrigins: (origins) => (this.originsDraft = origins),
      createSecret: (event) => this.createSecret(event),
      createPublishable: (event) => this.createPublishable(event),
      confirm,
      revokeSecret: (key) => this.revokeSecret(key),
      revokePublishable: (key) => this.revokePublishable(key),
    })}
    ${webhooksSection({
      endpoints: keys.endpoints,
      logs: this.logs,
      busy: this.busy,
      confirming: this.confirming,
      when: this.when,
      draft: this.endpointDraft,
      problem: this.problems.endpoint,
      edit: (draft) => (this.endpointDraft = draft),
      create: (event) => this.createEndpoint(event),
      confirm,
      setEnabled: (endpoint, enabled) => this.setEnabled(endpoint, enabled),
      rotate: (endpoint) => this.rotate(endpoint),
      remove: (endpoint) => this.deleteEndpoint(endpoint),
      ping: (endpoint) => this.ping(endpoint),
      toggleLog: (endpoint) => this.toggleLog(endpoint),
      refreshLog: (endpoint) => void this.loadLog(endpoint.id),
      replay: (delivery) => this.replay(delivery),
    })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-api-keys": FdApiKeys;
  }
}
