import { css, unsafeCSS } from "lit";

/** The `theme` attribute every widget takes: `auto` follows the visitor's `prefers-color-scheme`. */
export type Theme = "light" | "dark" | "auto";

/** What a theme value must be for the widget to use it; anything else falls back to the default. */
export type TokenKind = "colour" | "length" | "font" | "outline";

export interface ThemeToken {
  /** The public custom property a host page sets. */
  property: `--fd-${string}`;
  /** The private name inside the widgets: `--_fd-<name>`. */
  name: string;
  kind: TokenKind;
  light: string;
  /** The default under `theme="dark"`, when it differs. */
  dark?: string;
}

export const themeTokens: readonly ThemeToken[] = [
  { property: "--fd-color-primary", name: "primary", kind: "colour", light: "#2856c7", dark: "#8db0ff" },
  { property: "--fd-color-primary-contrast", name: "on-primary", kind: "colour", light: "#ffffff", dark: "#0c1322" },
  { property: "--fd-color-text", name: "text", kind: "colour", light: "#1b2231", dark: "#e8ebf2" },
  { property: "--fd-color-muted", name: "muted", kind: "colour", light: "#596275", dark: "#a6afc1" },
  { property: "--fd-color-surface", name: "surface", kind: "colour", light: "#ffffff", dark: "#171c27" },
  { property: "--fd-color-border", name: "border", kind: "colour", light: "#d6dae3", dark: "#3a4356" },
  { property: "--fd-color-danger", name: "danger", kind: "colour", light: "#b42318", dark: "#ff9185" },
  { property: "--fd-color-success", name: "success", kind: "colour", light: "#067647", dark: "#6fd49a" },
  { property: "--fd-radius", name: "radius", kind: "length", light: "8px" },
  { property: "--fd-font-family", name: "font", kind: "font", light: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  { property: "--fd-font-size", name: "size", kind: "length", light: "16px" },
  { property: "--fd-space", name: "space", kind: "length", light: "8px" },
  // The ring takes the edge colour: the accent, or the text colour where the accent would not show on the surface.
  { property: "--fd-focus-ring", name: "focus", kind: "outline", light: "2px solid var(--_fd-edge)" },
];

const lines = (line: (token: ThemeToken) => string | undefined) => themeTokens.map(line).filter(Boolean).join("\n");

// `given` is what the page set (or the default); the widget reads `--_fd-<name>`, which ThemeController points back
// at the default when the page's value is empty or unusable: `var(--x, default)` falls back only when --x is unset.
const defaults = unsafeCSS(`
  ${lines((token) => `--_fd-default-${token.name}: ${token.light};`)}
  ${lines((token) => `--_fd-given-${token.name}: var(${token.property}, var(--_fd-default-${token.name}));`)}
  ${lines((token) => `--_fd-${token.name}: var(--_fd-given-${token.name});`)}
  --_fd-scheme: light;
`);
const darkDefaults = unsafeCSS(`
  ${lines((token) => (token.dark ? `--_fd-default-${token.name}: ${token.dark};` : undefined))}
  --_fd-scheme: dark;
`);

/**
 * Design tokens. Every element reads the public `--fd-*` properties (set by the host page on the element
 * or any ancestor) into private `--_fd-*` ones with the defaults, so the defaults live in one place.
 * `theme="dark"` (or `auto` in a dark colour scheme) swaps in dark defaults; ThemeController repairs the rest.
 */
export const tokens = css`
  :host {
    ${defaults}
    /* The accent as text and as the edge of controls; ThemeController swaps in the text colour where it would not show. */
    --_fd-accent: var(--_fd-primary);
    --_fd-edge: var(--_fd-primary);
    --_fd-tint: color-mix(in srgb, var(--_fd-accent) 10%, var(--_fd-surface));
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
  /* Important inside a shadow root beats the page's rules, ::part() ones too: nothing may hide the focus. */
  :focus-visible {
    outline: var(--_fd-focus) !important;
    outline-offset: 2px;
  }
  [tabindex="-1"]:focus {
    outline: none !important;
  }
  /* Arrows and chevrons point the way the text runs. */
  .directional:dir(rtl) {
    transform: scaleX(-1);
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
