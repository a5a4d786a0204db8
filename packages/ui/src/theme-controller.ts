import type { ReactiveController, ReactiveElement } from "lit";
import { composite, contrast, repairColours, type Rgba, type ThemeColours } from "./theme";
import { themeTokens, type ThemeToken } from "./tokens";

/** Whether a value the page gave (already var()-substituted by the browser) is usable for a token of this kind. */
function usable(token: ThemeToken, value: string): boolean {
  if (!value) return false;
  switch (token.kind) {
    case "colour":
      return CSS.supports("color", value);
    case "length":
      // calc() takes lengths and percentages, not keywords, bare numbers or several values.
      return CSS.supports("width", `calc(${value})`);
    case "font":
      return CSS.supports("font-family", value);
    case "outline":
      return CSS.supports("outline", value);
  }
}

let canvas: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour as sRGB bytes, by painting it: the browser does the conversion from every colour syntax. */
function rgbaOf(colour: string): Rgba | undefined {
  canvas ??= document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!canvas) return undefined;
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = "#000";
  canvas.fillStyle = colour;
  canvas.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = canvas.getImageData(0, 0, 1, 1).data;
  return { r, g, b, a: a / 255 };
}

/**
 * Keeps a host page's theme from hiding the widget. `var(--fd-color-primary, #2856c7)` falls back only when the
 * property is unset; an empty value (`--fd-color-primary: ;`, which theme builders leave behind) or a
 * misspelt one would blank every background and ring that uses it. So after each render, and when the colour
 * scheme changes, this checks the values the page gave, points the unusable ones back at the defaults, and
 * swaps in readable colours where text, a button's edge or the focus ring would not stand out from the surface.
 * The repairs live in one constructed style sheet of the element's own shadow root.
 */
export class ThemeController implements ReactiveController {
  private readonly sheet = typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype ? new CSSStyleSheet() : undefined;
  /** The page's values last checked, so an unchanged theme costs one style read per render. */
  private checked = "";
  private scheme: MediaQueryList | undefined;
  private readonly recheck = () => this.apply();

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.scheme = matchMedia("(prefers-color-scheme: dark)");
    this.scheme.addEventListener("change", this.recheck);
    // A stylesheet of the page that is still loading may set the theme after the first render.
    if (document.readyState !== "complete") addEventListener("load", this.recheck, { once: true });
  }

  hostDisconnected(): void {
    this.scheme?.removeEventListener("change", this.recheck);
    removeEventListener("load", this.recheck);
  }

  hostUpdated(): void {
    this.apply();
  }

  private apply(): void {
    const root = this.host.renderRoot;
    if (!this.sheet || !(root instanceof ShadowRoot) || !this.host.isConnected) return;
    const style = getComputedStyle(this.host);
    const read = (prefix: string) => Object.fromEntries(themeTokens.map((token) => [token.name, style.getPropertyValue(`${prefix}${token.name}`).trim()]));
    const [given, defaults] = [read("--_fd-given-"), read("--_fd-default-")];
    const key = JSON.stringify([given, defaults]);
    if (key === this.checked) return;
    this.checked = key;
    const rules = this.repairs(root, given, defaults).join(" ");
    // `:host([theme])` matches the dark defaults' specificity; this sheet comes after them.
    this.sheet.replaceSync(rules ? `:host, :host([theme]) { ${rules} }` : "");
    if (!root.adoptedStyleSheets.includes(this.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
  }

  /** The declarations that repair this element's theme; none for a theme that is usable as it is. */
  private repairs(root: ShadowRoot, values: Record<string, string>, defaults: Record<string, string>): string[] {
    const rules: string[] = [];
    const given: Record<string, string> = {};
    for (const token of themeTokens) {
      const value = values[token.name] ?? "";
      given[token.name] = usable(token, value) ? value : defaults[token.name]!;
      if (!usable(token, value)) rules.push(`--_fd-${token.name}: var(--_fd-default-${token.name});`);
    }
    const colours = (from: Record<string, string>): ThemeColours | undefined => {
      const of = (name: string) => rgbaOf(from[name] ?? "");
      const [primary, onPrimary, text, muted, surface, danger, success] = ["primary", "on-primary", "text", "muted", "surface", "danger", "success"].map(of);
      if (!primary || !onPrimary || !text || !muted || !surface || !danger || !success) return undefined;
      return { primary, onPrimary, text, muted, surface, danger, success };
    };
    const [page, fallback] = [colours(given), colours(defaults)];
    const repairs = page && fallback ? repairColours(page, fallback) : {};
    for (const [name, colour] of Object.entries(repairs)) rules.push(`--_fd-${name}: ${colour};`);
    if (given.focus !== defaults.focus && !this.visibleRing(root, given.focus!, given.surface!)) {
      rules.push("--_fd-focus: var(--_fd-default-focus);");
    }
    return rules;
  }

  /** Whether an outline shows: a style that draws, at least 1px wide, in a colour that stands out from the surface. */
  private visibleRing(root: ShadowRoot, outline: string, surface: string): boolean {
    const probe = document.createElement("span");
    probe.style.cssText = `position: absolute; visibility: hidden; outline: ${outline}`;
    root.append(probe);
    const { outlineStyle, outlineWidth, outlineColor } = getComputedStyle(probe);
    probe.remove();
    const [ring, background] = [rgbaOf(outlineColor), rgbaOf(surface)];
    const white: Rgba = { r: 255, g: 255, b: 255, a: 1 };
    const under = background ? composite(background, white) : white;
    const stands = !ring || contrast(composite(ring, under), under) >= 3;
    return outlineStyle !== "none" && outlineStyle !== "hidden" && parseFloat(outlineWidth) >= 1 && stands;
  }
}

