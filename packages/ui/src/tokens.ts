import { css, unsafeCSS } from "lit";

/** The `theme` attribute every widget takes: `auto` follows the visitor's `prefers-color-scheme`. */
export type Theme = "light" | "dark" | "auto";

// The dark defaults; a host page's `--fd-*` values still win over them, exactly as over the light ones.
const darkDefaults = unsafeCSS(`
    --_fd-primary: var(--fd-color-primary, #8db0ff);
    --_fd-on-primary: var(--fd-color-primary-contrast, #0c1322);
    --_fd-text: var(--fd-color-text, #e8ebf2);
    --_fd-muted: var(--fd-color-muted, #a6afc1);
    --_fd-surface: var(--fd-color-surface, #171c27);
    --_fd-border: var(--fd-color-border, #3a4356);
    --_fd-danger: var(--fd-color-danger, #ff9185);
    --_fd-success: var(--fd-color-success, #6fd49a);
    --_fd-scheme: dark;
`);

/**
 * Design tokens. Every element reads the public `--fd-*` properties (set by the host page on the element
 * or any ancestor) into private `--_fd-*` ones with the defaults, so the defaults live in one place.
 * `theme="dark"` (or `auto` in a dark colour scheme) swaps in dark defaults.
 */
export const tokens = css`
  :host {
    --_fd-primary: var(--fd-color-primary, #2856c7);
    --_fd-on-primary: var(--fd-color-primary-contrast, #ffffff);
    --_fd-text: var(--fd-color-text, #1b2231);
    --_fd-muted: var(--fd-color-muted, #596275);
    --_fd-surface: var(--fd-color-surface, #ffffff);
    --_fd-border: var(--fd-color-border, #d6dae3);
    --_fd-danger: var(--fd-color-danger, #b42318);
    --_fd-success: var(--fd-color-success, #067647);
    --_fd-scheme: light;
    --_fd-radius: var(--fd-radius, 8px);
    --_fd-font: var(--fd-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
    --_fd-size: var(--fd-font-size, 16px);
    --_fd-space: var(--fd-space, 8px);
    --_fd-focus: var(--fd-focus-ring, 2px solid var(--_fd-primary));
    --_fd-tint: color-mix(in srgb, var(--_fd-primary) 10%, var(--_fd-surface));
    --_fd-hover: color-mix(in srgb, var(--_fd-text) 5%, var(--_fd-surface));
  }
  :host([theme="dark"]) {
    ${darkDefaults}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme="auto"]) {
      ${darkDefaults}
    }
  }
`;

/**
 * The root wrapper of a widget: inherited text properties leak from the host page into shadow DOM,
 * so they are all reset here, and the form controls inside take them from this wrapper.
 */
export const base = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .fd-root {
    all: initial;
    display: block;
    box-sizing: border-box;
    font-family: var(--_fd-font);
    font-size: var(--_fd-size);
    font-weight: 400;
    line-height: 1.5;
    color: var(--_fd-text);
    color-scheme: var(--_fd-scheme);
    text-align: start;
    -webkit-font-smoothing: antialiased;
    -webkit-text-size-adjust: 100%;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3,
  p,
  ul,
  ol,
  dl,
  dd,
  fieldset {
    margin: 0;
    padding: 0;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    text-transform: inherit;
    margin: 0;
  }
  button {
    cursor: pointer;
    background: none;
    border: 0;
    padding: 0;
    text-align: inherit;
  }
  :focus-visible {
    outline: var(--_fd-focus);
    outline-offset: 2px;
  }
  [tabindex="-1"]:focus {
    outline: none;
  }
  .fd-sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
