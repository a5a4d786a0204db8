import { html, nothing, type TemplateResult } from "lit";
import { intlLang } from "./localization";

/** The visitor's IANA zone, as the browser reports it. */
export const visitorZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function zoneNamed(zone: string, locale: string, at: Date, style: "longGeneric" | "long" | "shortOffset"): string | undefined {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((part) => part.type === "timeZoneName")?.value;
}

const isOffset = (name: string) => /^(GMT|UTC)([+\-−]|$)/.test(name);

/**
 * "Eastern Time (GMT-5)", "hora de Europa central (GMT+1)", "Mitteleuropäische Zeit (GMT+1)": the zone's generic name
 * in the widget's language, as the confirmation emails name it, and its offset at `at` (DST changes it).
 */
export function zoneName(zone: string, locale: string, at: Date = new Date()): string {
  const offset = zoneNamed(zone, locale, at, "shortOffset") ?? zone;
  // Where CLDR has no generic name it gives an offset (UTC, Etc/…) or a place with a bracket ("Vereinigtes Königreich
  // (Ortszeit)"); the long name reads better before "(GMT+0)" then.
  const words = [zoneNamed(zone, locale, at, "longGeneric"), zoneNamed(zone, locale, at, "long")].find((name) => name && !isOffset(name) && !name.includes("("));
  return words ? `${words} (${offset})` : offset;
}

/** The first letter in upper case, for a name that starts a label ("hora de Europa central" → "Hora de Europa central"). */
export function capitalized(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** The time of day as every part of the widgets writes it — time buttons, summaries, confirmation: "9:30 AM", "09:30". */
export function timeFormat(locale: string, zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: zone });
}

/** "9:30 AM – 10:00 AM", "09:30–10:00": both ends written exactly as on the time buttons. */
export function timeRange(start: string, end: string, locale: string, zone: string): string {
  const time = timeFormat(locale, zone);
  const [from, to] = [time.format(new Date(start)), time.format(new Date(end))];
  // Times with a space in them ("9:30 AM") take spaces around the dash, as CLDR writes such ranges.
  return /\s/.test(from + to) ? `${from} – ${to}` : `${from}–${to}`;
}

/** Two lines: the full day, then the time range with the zone it is in, each part isolated so neither reorders the other. */
export function whenTemplate(start: string, end: string, locale: string, zone: string): TemplateResult {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: zone }).format(new Date(start));
  const lang = intlLang(locale) ?? nothing;
  return html`<span class="when" lang=${lang}><bdi>${day}</bdi></span>
    <span class="when"><bdi lang=${lang}>${timeRange(start, end, locale, zone)}</bdi> · <bdi>${zoneName(zone, locale, new Date(start))}</bdi></span>`;
}

/** Where a widget sends its calls: its `api-base` attribute, else the origin its code came from, else this page's. */
export function apiBaseFor(attribute: string | undefined): string {
  return attribute || (globalThis as { Frontdesk?: { apiBase?: string } }).Frontdesk?.apiBase || location.origin;
}
