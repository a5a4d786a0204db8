/** The one global Frontdesk adds to a host page. */
export interface FrontdeskNamespace {
  version: string;
  /** Where the widgets send their API calls: the origin the widget code was loaded from, unless told otherwise. */
  apiBase: string;
}

declare global {
  interface Window {
    Frontdesk?: FrontdeskNamespace;
  }
}

declare const __FRONTDESK_VERSION__: string;

/** Sets up `window.Frontdesk` once; must run before any widget is defined, so elements already on the page find the API base. */
export function installNamespace(loadedFrom: string | undefined): void {
  window.Frontdesk ??= { version: __FRONTDESK_VERSION__, apiBase: loadedFrom ? new URL(loadedFrom, location.href).origin : location.origin };
}
