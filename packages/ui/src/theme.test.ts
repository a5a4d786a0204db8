import { describe, expect, it } from "vitest";
import { contrast, repairColours, type Rgba, type ThemeColours } from "./theme";

const hex = (value: string): Rgba => {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(value.slice(at, at + 2), 16)) as [number, number, number];
  return { r, g, b, a: 1 };
};

const light: ThemeColours = {
  primary: hex("#2856c7"),
  onPrimary: hex("#ffffff"),
  text: hex("#1b2231"),
  muted: hex("#596275"),
  surface: hex("#ffffff"),
  danger: hex("#b42318"),
  success: hex("#067647"),
};

describe("theme colour repairs", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrast(hex("#000000"), hex("#ffffff"))).toBeCloseTo(21, 5);
    expect(contrast(hex("#767676"), hex("#ffffff"))).toBeCloseTo(4.54, 2);
  });

  it("leaves a readable theme alone", () => {
    expect(repairColours(light, light)).toEqual({});
  });

  it("gives an accent equal to the surface a visible edge, readable text and a ring in the text colour", () => {
    expect(repairColours({ ...light, primary: hex("#ffffff") }, light)).toEqual({
      accent: "rgb(27 34 49)",
      edge: "rgb(27 34 49)",
      "on-primary": "rgb(0 0 0)",
    });
  });

  it("keeps a light brand colour for buttons but not for text on the surface", () => {
    const repairs = repairColours({ ...light, primary: hex("#ffcc00") }, light);
    expect(repairs.accent).toBe("rgb(27 34 49)");
    expect(repairs["on-primary"]).toBe("rgb(0 0 0)");
  });

  it("replaces text that would vanish into the surface, with the default or else black or white", () => {
    expect(repairColours({ ...light, text: hex("#ffffff") }, light).text).toBe("rgb(27 34 49)");
    expect(repairColours({ ...light, surface: hex("#000000") }, light)).toMatchObject({ text: "rgb(255 255 255)" });
  });

  it("judges a see-through colour by what shows through it", () => {
    expect(repairColours({ ...light, primary: { ...light.primary, a: 0 } }, light)).toMatchObject({ edge: "rgb(27 34 49)" });
  });
});
