import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { msg, updateWhenLocaleChanges } from "@lit/localize";
import { ContextConsumer } from "@lit/context";
import { createFrontdeskClient, type FrontdeskClient } from "@frontdesk/client";
import { chevronLeft } from "./icons";
import { canonicalLocale, directionOf, languageOf, shownLanguage, textLang, useLanguage } from "./localization";
import { ThemeController } from "./theme-controller";
import type { Theme } from "./tokens";
import { apiBaseFor } from "./format";
import { poweredBy } from "./widget-parts";
import { providedSettings, type ProvidedSettings } from "./provider/provider-context";

/**
 * What every customer-facing widget shares: the attributes a host page sets on all of them, the API client,
 * the language, moving focus to a new step's heading, and the frame a step is drawn in. Inside an `<fd-provider>`
 * the client, the language and the theme come from it, unless the widget's own attributes say otherwise.
 */
export abstract class FdWidget extends LitElement {
  static override properties = {
    apiBase: { attribute: "api-base" },
    locale: {},
    theme: { reflect: true },
    hidePoweredBy: { attribute: "hide-powered-by", type: Boolean },
    provided: { state: true },
  };

  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  declare apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  declare locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  declare theme: Theme | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  declare hidePoweredBy: boolean;

  /** The id of the element to focus once the next render is on screen. */
  protected focusAfterRender: string | undefined;
  private cachedClient: { key: string; client: FrontdeskClient } | undefined;
  /** Changes held back while the widget's language loads, so that no step is drawn in another language first. */
  private heldChanges: Map<PropertyKey, unknown> | undefined;
  /** A language whose strings could not be loaded: the widget then speaks the one shown rather than wait for ever. */
  private unavailableLanguage: string | undefined;
  /** What the `<fd-provider>` around the widget gives, if there is one. */
  protected declare provided: ProvidedSettings | undefined;
  /** The `theme` the page gave the widget itself, which wins over the provider's. */
  private ownTheme: Theme | null | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new ThemeController(this);
    new ContextConsumer(this, { context: providedSettings, subscribe: true, callback: (settings) => (this.provided = settings) });
    this.apiBase = undefined;
    this.locale = undefined;
    this.theme = undefined;
    this.hidePoweredBy = false;
    this.provided = undefined;
  }

  /** A usable locale: an invalid `locale` attribute falls back to the browser's. */
  protected get resolvedLocale(): string {
    return canonicalLocale(this.locale || this.provided?.locale);
  }

  /** The `lang` of the widget's root: the language its text is in, which is not necessarily the page's. */
  protected get rootLang(): string {
    return textLang(this.resolvedLocale);
  }

  /** The `dir` of the widget's root: its own language's, not the page's, so English reads left to right on an Arabic page. */
  protected get rootDir(): "ltr" | "rtl" {
    return directionOf(this.rootLang);
  }

  /**
   * A client for this widget's server, made again only when the server or the key changes. The widget's own
   * `api-base` and key win over the provider's; with neither of its own, it shares the provider's client.
   * Without `ownKey` the provider's key is used; undefined when there is none. `""` is a client without a key.
   */
  protected clientWith(ownKey: string | undefined): FrontdeskClient | undefined {
    const provided = this.provided;
    if (ownKey === undefined && !this.apiBase && provided?.client) return provided.client;
    const publishableKey = ownKey ?? provided?.publishableKey;
    if (publishableKey === undefined) return undefined;
    const baseUrl = apiBaseFor(this.apiBase || provided?.apiBase);
    const key = `${baseUrl} ${publishableKey}`;
    if (this.cachedClient?.key !== key) this.cachedClient = { key, client: createFrontdeskClient({ baseUrl, publishableKey }) };
    return this.cachedClient.client;
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (this.heldChanges) {
      for (const [key, old] of changed) if (!this.heldChanges.has(key)) this.heldChanges.set(key, old);
      return false;
    }
    // The first drawing too: without a `locale` of its own or a provider's, the widget speaks the browser's language.
    if (!this.hasUpdated || changed.has("locale") || (changed as PropertyValues).has("provided")) {
      const wanted = languageOf(this.resolvedLocale);
      const loading = useLanguage(this.resolvedLocale);
      if (wanted !== shownLanguage() && wanted !== this.unavailableLanguage) {
        this.heldChanges = new Map(changed);
        void loading.then(
          () => this.replayHeldChanges(),
          () => {
            this.unavailableLanguage = wanted;
            this.replayHeldChanges();
          },
        );
        return false;
      }
    }
    return super.shouldUpdate(changed);
  }

  private replayHeldChanges(): void {
    const held = this.heldChanges ?? new Map();
    this.heldChanges = undefined;
    for (const [key, old] of held) this.requestUpdate(key, old);
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // `provided` is protected, which PropertyValues<this> does not list.
    const providedChanged = (changed as PropertyValues).has("provided");
    // A change of `theme` seen here is the page's: the provider's is set below, after this check, and reflected.
    if (changed.has("theme")) this.ownTheme = this.theme;
    if (changed.has("theme") || providedChanged) {
      const theme = this.ownTheme ?? this.provided?.theme;
      if (theme !== this.theme) this.theme = theme;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(`#${this.focusAfterRender}`)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  /**
   * The frame of one step: header, a Back button when there is one, the heading, the content, and the live status line.
   * With `announcement`, a second polite live region under the heading, there on every step, tells what a change did.
   */
  protected renderFrame(parts: { header: unknown; back?: () => void; title: string; announcement?: unknown; content: unknown; status: unknown }): TemplateResult {
    return html`<div class="frame" part="base">
      ${parts.header ? html`<div class="header" part="header">${parts.header}</div>` : nothing}
      <section class="step" part="step" aria-labelledby="step-heading">
        ${parts.back ? html`<button type="button" class="back" part="button" @click=${parts.back}>${chevronLeft()}${msg("Back")}</button>` : nothing}
        <h2 id="step-heading" tabindex="-1">${parts.title}</h2>
        ${"announcement" in parts ? html`<div class="announcement" role="status" aria-live="polite">${parts.announcement}</div>` : nothing}
        ${parts.content}
        <div class="status" role="status" aria-live="polite">${parts.status}</div>
      </section>
    </div>`;
  }

  protected renderPoweredBy(): unknown {
    return poweredBy(this.hidePoweredBy);
  }
}
