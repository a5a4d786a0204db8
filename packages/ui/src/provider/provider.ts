import { css, html, LitElement, type PropertyValues } from "lit";
import { ContextProvider } from "@lit/context";
import { createFrontdeskClient, type FrontdeskClient } from "@frontdesk/client";
import { apiBaseFor } from "../format";
import type { Theme } from "../tokens";
import { providedSettings, type ProvidedSettings } from "./provider-context";

/**
 * @summary Gives every Frontdesk widget inside it one API client, one language and one theme.
 *
 * The widgets find it through the context protocol (@lit/context), however deep inside it they sit, shadow roots
 * included. A widget's own attribute wins over the provider's; a widget outside any provider works from its own.
 * Embed sessions will add a `client-secret` attribute here (minted by a SaaS vendor's server): the provider then makes
 * its client with that secret, and the widgets inside use the client as they use it now.
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
    locale: {},
    theme: {},
  };

  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  declare apiBase: string | undefined;
  /** The business's publishable key (`pk_…`), for the widgets that need one. */
  declare publishableKey: string | undefined;
  /** BCP 47 locale of the widgets' text, dates and times. Defaults to the browser's. */
  declare locale: string | undefined;
  /** `light`, `dark`, or `auto` to follow the visitor's colour scheme. */
  declare theme: Theme | undefined;

  private readonly settings = new ContextProvider(this, { context: providedSettings, initialValue: this.current() });
  private cachedClient: { key: string; client: FrontdeskClient } | undefined;

  constructor() {
    super();
    this.apiBase = undefined;
    this.publishableKey = undefined;
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
    return { client: this.client(), apiBase: this.apiBase || undefined, publishableKey: this.publishableKey || undefined, locale: this.locale || undefined, theme: this.theme || undefined };
  }

  /** One client for all the widgets inside, made again only when the server or the key changes. */
  private client(): FrontdeskClient | undefined {
    if (!this.publishableKey) return undefined;
    const baseUrl = apiBaseFor(this.apiBase);
    const key = `${baseUrl} ${this.publishableKey}`;
    if (this.cachedClient?.key !== key) this.cachedClient = { key, client: createFrontdeskClient({ baseUrl, publishableKey: this.publishableKey }) };
    return this.cachedClient.client;
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
