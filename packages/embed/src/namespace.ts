/** The one global Frontdesk adds to a host page. */
export interface FrontdeskNamespace {
  version: string;
  /** Where the widgets send their API calls: the origin embed.js was loaded from, or its `data-api-base`. */
  apiBase: string;
}

declare global {
  interface Window {
    Frontdesk?: FrontdeskNamespace;
  }
}

declare const __FRONTDESK_VERSION__: string;

// Runs before any widget is defined, so elements already on the page find the API base when they upgrade.
const script = document.currentScript as HTMLScriptElement | null;
const apiBase = script?.dataset.apiBase ?? (script?.src ? new URL(script.src).origin : location.origin);

window.Frontdesk ??= { version: __FRONTDESK_VERSION__, apiBase };
