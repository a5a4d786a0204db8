import { createContext } from "@lit/context";
import type { FrontdeskClient, FrontdeskSessionClient } from "@frontdesk/client";
import type { Theme } from "../tokens";

/** What an `<fd-provider>` hands to the Frontdesk widgets inside it; each field is the provider's attribute, unset when it has none. */
export interface ProvidedSettings {
  /** The client for `api-base` and `publishable-key`; unset without a key. */
  client: FrontdeskClient | undefined;
  /** The client for the provider's embed session (`client-secret` / `fetchClientSecret`), for the staff widgets; unset without one. */
  session: FrontdeskSessionClient | undefined;
  apiBase: string | undefined;
  publishableKey: string | undefined;
  locale: string | undefined;
  theme: Theme | undefined;
}

// A string key, not a symbol: embed.js and the ES modules on one page each carry their own copy of this module.
export const providedSettings = createContext<ProvidedSettings>("frontdesk-provider");
