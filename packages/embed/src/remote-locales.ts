import type { LocaleModule } from "@lit/localize";

declare const __FRONTDESK_LOCALE_FILES__: Record<string, string>;

// A classic script knows its own URL only while it first runs; the language files sit beside it.
const loadedFrom = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

/**
 * embed.js's stand-in for packages/ui's locale loaders: each language's strings are fetched from the server that served
 * embed.js, by pages that show that language only, instead of riding in every page's copy of the script.
 */
export const localeLoaders: Record<string, () => Promise<LocaleModule>> = Object.fromEntries(
  Object.entries(__FRONTDESK_LOCALE_FILES__).map(([language, file]) => [
    language,
    () => import(/* @vite-ignore */ new URL(`widgets/${file}`, loadedFrom).href) as Promise<LocaleModule>,
  ]),
);
