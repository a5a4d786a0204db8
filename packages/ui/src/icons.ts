import { html, svg, type TemplateResult } from "lit";

/** A 20 px stroke icon that screen readers skip; a `directional` one is mirrored in right-to-left text. */
export const icon = (path: string, directional = false): TemplateResult =>
  html`<svg class=${directional ? "icon directional" : "icon"} viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${svg`<path d=${path} />`}</svg>`;

/** Forward and back: mirrored in right-to-left text, where forward is to the left. */
export const chevronRight = (): TemplateResult => icon("M7.5 4.5 13 10l-5.5 5.5", true);
export const chevronLeft = (): TemplateResult => icon("M12.5 4.5 7 10l5.5 5.5", true);
export const chevronDown = (): TemplateResult => icon("M5 7.5 10 13l5-5.5");
export const closeIcon = (): TemplateResult => icon("M5 5l10 10M15 5 5 15");
export const calendarIcon = (): TemplateResult => icon("M4 5.5h12v11H4zM4 9h12M7.5 3v3M12.5 3v3");
export const personIcon = (): TemplateResult => icon("M4 16c0-3 2.7-5 6-5s6 2 6 5M10 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z");
