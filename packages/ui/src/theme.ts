/** An sRGB colour with alpha, each channel 0–255 (alpha 0–1). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const black: Rgba = { r: 0, g: 0, b: 0, a: 1 };
const white: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** `top` painted over an opaque `bottom`. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const mix = (over: number, under: number) => Math.round(over * top.a + under * (1 - top.a));
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

function luminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG 2 contrast ratio of two opaque colours, 1 to 21. */
export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const cssOf = ({ r, g, b }: Rgba) => `rgb(${r} ${g} ${b})`;

/** Text on `background` needs 4.5:1 (WCAG 1.4.3); the edge of a control or a focus ring 3:1 (WCAG 1.4.11). */
const textContrast = 4.5;
const edgeContrast = 3;

/** The colours a host page's theme resolves to (with defaults where it set none or an unusable one). */
export interface ThemeColours {
  primary: Rgba;
  onPrimary: Rgba;
  text: Rgba;
  muted: Rgba;
  surface: Rgba;
  danger: Rgba;
  success: Rgba;
}

/** The colours to use instead, by private token name without `--_fd-`; empty when the theme is readable as it is. */
export type ColourRepairs = Partial<Record<"text" | "muted" | "danger" | "success" | "on-primary" | "accent" | "edge", string>>;

/**
 * What keeps every control and its text visible whatever colours the host page chose: text that does not
 * stand out from the surface is replaced by the theme's default or by black or white, and where the accent is
 * too close to the surface, its text uses the body text colour and its borders and focus rings do too.
 */
export function repairColours(given: ThemeColours, defaults: ThemeColours): ColourRepairs {
  const surface = composite(given.surface, composite(defaults.surface, white));
  const on = (colour: Rgba, background: Rgba) => composite(colour, background);
  const readable = (colour: Rgba, background: Rgba, ratio = textContrast) => contrast(on(colour, background), background) >= ratio;
  const best = (background: Rgba) => (contrast(black, background) >= contrast(white, background) ? black : white);
  const repairs: ColourRepairs = {};

  /** `colour` if readable on the surface, else the first readable candidate, else black or white. */
  const ensure = (name: keyof ColourRepairs, colour: Rgba, ...candidates: Rgba[]): Rgba => {
    if (readable(colour, surface)) return on(colour, surface);
    const chosen = candidates.find((candidate) => readable(candidate, surface)) ?? best(surface);
    repairs[name] = cssOf(on(chosen, surface));
    return on(chosen, surface);
  };
  const text = ensure("text", given.text, defaults.text);
  ensure("muted", given.muted, defaults.muted, text);
  ensure("danger", given.danger, defaults.danger, text);
  ensure("success", given.success, defaults.success, text);

  const primary = on(given.primary, surface);
  if (!readable(primary, surface)) repairs.accent = cssOf(text);
  if (!readable(primary, surface, edgeContrast)) repairs.edge = cssOf(text);
  if (!readable(given.onPrimary, primary)) repairs["on-primary"] = cssOf(best(primary));
  return repairs;
}
