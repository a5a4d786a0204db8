import type { LocaleModule } from "@lit/localize";
import type { targetLocales } from "./locales/locale-codes";

/** Each target language is its own chunk in the module build (which embed.js loads too), fetched only by pages that ask for it. */
export const localeLoaders: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  ar: () => import("./locales/ar"),
  es: () => import("./locales/es"),
};
