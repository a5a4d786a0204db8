import { configureLocalization, type LocaleModule } from "@lit/localize";
import { sourceLocale, targetLocales } from "./locales/locale-codes";

type Language = typeof sourceLocale | (typeof targetLocales)[number];

const shipped = new Set<string>([sourceLocale, ...targetLocales]);

// Each target language is its own chunk in the module build, fetched only by pages that ask for it.
const loaders: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  es: () => import("./locales/es"),
};

let localization: ReturnType<typeof configureLocalization> | undefined;

/**
 * The one `configureLocalization` of this bundle. Every widget in a bundle shares one copy of
 * @lit/localize, and configuring it a second time would reset the language already chosen, so it is
 * configured on first use only. (embed.js and the ES modules are separate bundles with a copy each.)
 */
function configured(): ReturnType<typeof configureLocalization> {
  localization ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
  });
  return localization;
}

/** The shipped language for a BCP 47 tag, matched on its language subtag (`es-MX` → `es`); English otherwise. */
export function languageOf(locale: string | undefined): Language {
  const language = (locale ?? "").split(/[-_]/)[0]?.toLowerCase() ?? "";
  return (shipped.has(language) ? language : sourceLocale) as Language;
}

/** A usable BCP 47 tag for Intl: an invalid one falls back to the browser's. */
export function canonicalLocale(locale: string | undefined): string {
  try {
    return (locale && Intl.getCanonicalLocales(locale)[0]) || navigator.language;
  } catch {
    return navigator.language;
  }
}

/**
 * Switches the text of every Frontdesk element in this bundle to the language of `locale`. The language
 * is one per page (per bundle): when two widgets ask for different ones, the last to ask wins.
 */
export function useLanguage(locale: string | undefined): Promise<void> {
  // setLocale itself ignores a request for the language already shown or loading.
  return configured().setLocale(languageOf(locale));
}
