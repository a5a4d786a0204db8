import type { LocaleModule } from "@lit/localize";
import type { targetLocales } from "./locales/locale-codes";

/**
 * Each target language is its own chunk in the module build, fetched only by pages that ask for it. embed.js, one
 * classic script, replaces this module with packages/embed/src/remote-locales.ts at build time.
 */
export const localeLoaders: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  ar: () => import("./locales/ar"),
  es: () => import("./locales/es"),
};
