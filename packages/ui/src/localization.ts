import { configureLocalization } from "@lit/localize";
import { localeLoaders } from "./locale-loaders";
import { sourceLocale, targetLocales } from "./locales/locale-codes";

type Language = typeof sourceLocale | (typeof targetLocales)[number];

const shipped = new Set<string>([sourceLocale, ...targetLocales]);


// Languages written right to left, by language subtag.
const rightToLeft = new Set(["ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]);

let localization: ReturnType<typeof configureLocalization> | undefined;

/**
 * The one `configureLocalization` of this bundle. Every widget in a bundle shares one copy of
 * @lit/localize, and configuring it a second time would reset the language already chosen, so it is
 * configured on first use only. (embed.js loads the ES modules, so a page has one copy whichever way it loads them.)
 */
function configured(): ReturnType<typeof configureLocalization> {
  localization ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => localeLoaders[locale as keyof typeof localeLoaders]!(),
  });
  return localization;
}

/** The shipped language for a BCP 47 tag, matched on its language subtag (`es-MX` → `es`); English otherwise. */
export function languageOf(locale: string | undefined): Language {
  const language = (locale ?? "").split(/[-_]/)[0]?.toLowerCase() ?? "";
  return (shipped.has(language) ? language : sourceLocale) as Language;
}

/** The language the widgets' text is in now: the one last asked for, once its strings have loaded. */
export function shownLanguage(): Language {
  return configured().getLocale() as Language;
}

/** The writing direction of a BCP 47 tag's language. */
export function directionOf(locale: string): "ltr" | "rtl" {
  return rightToLeft.has(locale.split(/[-_]/)[0]!.toLowerCase()) ? "rtl" : "ltr";
}

/** The `lang` of a widget's text: the full `locale` (`es-MX`) when the text is in its language, else the language shown. */
export function textLang(locale: string): string {
  const shown = shownLanguage();
  return locale.split(/[-_]/)[0]!.toLowerCase() === shown ? locale : shown;
}

/** The `lang` for dates and numbers that Intl wrote in `locale`, where the text around them is in another language. */
export function intlLang(locale: string): string | undefined {
  return textLang(locale) === locale ? undefined : locale;
}

/**
 * Text from elsewhere (a business's or customer's name) set inside a sentence of the widget's language, between
 * Unicode isolates: a Latin name ending in a full stop then keeps its order in an Arabic sentence, and the reverse.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
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
