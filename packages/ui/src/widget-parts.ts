import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { isKnownTimeZone } from "./calendar-date";
import { chevronDown } from "./icons";
import { capitalized, visitorZone, zoneName } from "./format";
import { isolate } from "./localization";

/** The small footer line every customer-facing widget shows unless the page sets `hide-powered-by`. */
export function poweredBy(hidden: boolean): TemplateResult | typeof nothing {
  if (hidden) return nothing;
  return html`<p class="powered-by" part="powered-by">${msg("Powered by Frontdesk")}</p>`;
}

export function loadingState(text: string): TemplateResult {
  return html`<p class="state loading"><span class="spinner" aria-hidden="true"></span>${text}</p>`;
}

export function errorState(text: string, retry?: () => void): TemplateResult {
  return html`<div class="state error" part="error">
    <p>${text}</p>
    ${retry ? html`<button type="button" class="button" part="button" @click=${retry}>${msg("Try again")}</button>` : nothing}
  </div>`;
}

export interface ZonePickerOptions {
  /** The zone times are shown in now. */
  current: string;
  /** Other zones worth offering, besides the visitor's; unknown ones are left out. */
  zones: readonly (string | null | undefined)[];
  business: { name: string; timeZone: string };
  locale: string;
  onChange: (zone: string) => void;
}

/**
 * The time zone select: the visitor's zone and the business's are named as such. A select cannot wrap its text,
 * so the chosen zone is shown in a box that can, and the real select lies over it, invisible, taking the clicks.
 */
export function zonePicker({ current, zones, business, locale, onChange }: ZonePickerOptions): TemplateResult {
  const visitor = visitorZone();
  const choices = [...new Set([current, visitor, business.timeZone, ...zones].filter((zone): zone is string => !!zone && isKnownTimeZone(zone)))];
  const label = (zone: string) => {
    const place = isolate(capitalized(zoneName(zone, locale), locale));
    if (zone === visitor) return msg(str`${place} — your time`);
    if (zone === business.timeZone) return msg(str`${place} — ${business.name}`);
    return place;
  };
  return html`<div class="zone">
    <label for="zone">${msg("Time zone")}</label>
    <div class="zone-select" part="zone">
      <span class="zone-shown" aria-hidden="true">${label(current)}</span>
      ${chevronDown()}
      <select id="zone" @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value)}>
        ${choices.map((zone) => html`<option value=${zone} ?selected=${zone === current}>${label(zone)}</option>`)}
      </select>
    </div>
  </div>`;
}
