import { html, nothing, type TemplateResult } from "lit";
import { intlLang } from "./localization";

/** The visitor's IANA zone, as the browser reports it. */
export const visitorZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "America/New_York" → "New York (GMT-4)": the city a person recognises, and its offset at `at` (DST changes it). */
export function zoneName(zone: string, locale: string, at: Date = new Date()): string {
  const city = zone.split("/").pop()?.replaceAll("_", " ") ?? zone;
  const offset = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  return offset ? `${city} (${offset})` : city;
}

/** A time as on a time button: "9:30 AM", "9:30". */
export function timeFormat(locale: string, zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: zone });
}

/** Two lines: the full day, then the time range with the zone it is in, each part isolated so neither reorders the other. */
export function whenTemplate(start: string, end: string, locale: string, zone: string): TemplateResult {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: zone }).format(new Date(start));
  const lang = intlLang(locale) ?? nothing;
  return html`<span class="when" lang=${lang}><bdi>${day}</bdi></span>
    <span class="when"><bdi lang=${lang}>${timeFormat(locale, zone).formatRange(new Date(start), new Date(end))}</bdi> · <bdi>${zoneName(zone, locale, new Date(start))}</bdi></span>`;
}

/** Where a widget sends its calls: its `api-base` attribute, else the origin its code came from, else this page's. */
export function apiBaseFor(attribute: string | undefined): string {
  return attribute || (globalThis as { Frontdesk?: { apiBase?: string } }).Frontdesk?.apiBase || location.origin;
}
