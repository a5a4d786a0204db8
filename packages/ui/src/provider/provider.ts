import { css, html, LitElement, type PropertyValues } from "lit";
import { ContextProvider } from "@lit/context";
import { createFrontdeskClient, createFrontdeskSessionClient, type FrontdeskClient, type FrontdeskSessionClient } from "@frontdesk/client";
import { apiBaseFor } from "../format";
import type { Theme } from "../tokens";
import { providedSettings, type ProvidedSettings } from "./provider-context";

/**
 * @summary Gives every Frontdesk widget inside it one API client, one language and one theme.
 *
 * The widgets find it through the context protocol (@lit/context), however deep inside it they sit, shadow roots
 * included. A widget's own attribute wins over the provider's; a widget outside any provider works from its own.
 *
 * In a SaaS vendor's product, an embed session minted on the vendor's server (never its secret key) gives the widgets
 * inside the business's data: set `client-secret` to the session's client secret, or the `fetchClientSecret` property
 * to a function that asks the vendor's server for a new one. The provider sends the secret with every call; with
 * `fetchClientSecret` it fetches a new one before the session lapses, and once more when a call is answered
 * `EMBED_SESSION_EXPIRED`, and sends that call again. See docs/saas-embedding.md.
 *
 * @slot - The widgets, and anything else of the page's.
 */
export class FdProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    apiBase: { attribute: "api-base" },
    publishableKey: { attribute: "publishable-key" },
    clientSecret: { attribute: "client-secret" },
    fetchClientSecret: { attribute: false },
    locale: {},
    theme: {},
  };

  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  declare apiBase: string | undefined;
  /** The business's publishable key (`pk_…`), for the widgets that need one. */
  declare publishableKey: string | undefined;
  /** An embed session's client secret (`es_…`), minted by the vendor's server with `embedSessions.create`. Used first; it is not refreshed on its own. */
  declare clientSecret: string | undefined;
  /**
   * A function that asks the vendor's own server for a new embed session and resolves with its client secret: called
   * when there is no `client-secret`, a minute before the session lapses, and when a call is answered `EMBED_SESSION_EXPIRED`.
   */
  declare fetchClientSecret: (() => Promise<string>) | undefined;
  /** BCP 47 locale of the widgets' text, dates and times. Defaults to the browser's. */
  declare locale: string | undefined;
  /** `light`, `dark`, or `auto` to follow the visitor's colour scheme. */
  declare theme: Theme | undefined;

  private readonly settings = new ContextProvider(this, { context: providedSettings, initialValue: this.current() });
  private cachedClient: { key: string; client: FrontdeskClient } | undefined;
  private cachedSession: { baseUrl: string; clientSecret: string | undefined; fetchClientSecret: (() => Promise<string>) | undefined; session: FrontdeskSessionClient } | undefined;

  constructor() {
    super();
    this.apiBase = undefined;
    this.publishableKey = undefined;
    this.clientSecret = undefined;
    this.fetchClientSecret = undefined;
    this.locale = undefined;
    this.theme = undefined;
  }

  override connectedCallback(): void {
    // The widgets inside ask when they connect, before this element's first update: answer with its attributes already.
    this.settings.setValue(this.current());
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.size) this.settings.setValue(this.current());
  }

  private current(): ProvidedSettings {
    return { client: this.client(), session: this.session(), apiBase: this.apiBase || undefined, publishableKey: this.publishableKey || undefined, locale: this.locale || undefined, theme: this.theme || undefined };
  }

  /** One client for all the widgets inside, made again only when the server or the key changes. */
  private client(): FrontdeskClient | undefined {
    if (!this.publishableKey) return undefined;
    const baseUrl = apiBaseFor(this.apiBase);
    const key = `${baseUrl} ${this.publishableKey}`;
    if (this.cachedClient?.key !== key) this.cachedClient = { key, client: createFrontdeskClient({ baseUrl, publishableKey: this.publishableKey }) };
    return this.cachedClient.client;
  }

  /** One session client for all the widgets inside, made again only when the server or the session's source changes. */
  private session(): FrontdeskSessionClient | undefined {
    const clientSecret = this.clientSecret || undefined;
    const fetchClientSecret = this.fetchClientSecret;
    if (!clientSecret && !fetchClientSecret) return undefined;
    const baseUrl = apiBaseFor(this.apiBase);
    const kept = this.cachedSession;
    if (kept?.baseUrl !== baseUrl || kept.clientSecret !== clientSecret || kept.fetchClientSecret !== fetchClientSecret) {
      const session = createFrontdeskSessionClient({ baseUrl, ...(clientSecret ? { clientSecret } : {}), ...(fetchClientSecret ? { fetchClientSecret } : {}) });
      this.cachedSession = { baseUrl, clientSecret, fetchClientSecret, session };
    }
    return this.cachedSession!.session;
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-provider": FdProvider;
  }
}
