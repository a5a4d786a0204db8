import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoInstant } from "./instants";

describe("isoInstant", () => {
  it("writes exactly what Date#toISOString writes", () => {
    const years = { min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) };
    fc.assert(fc.property(fc.integer(years), (instant) => isoInstant(instant) === new Date(instant).toISOString()));
    fc.assert(fc.property(fc.integer({ min: years.min / 60_000, max: years.max / 60_000 }), (minute) => {
      const instant = minute * 60_000;
      return isoInstant(instant) === new Date(instant).toISOString();
    }));
  });

  it("formats a slot start", () => {
    expect(isoInstant(Date.UTC(2026, 2, 8, 7, 5))).toBe("2026-03-08T07:05:00.000Z");
  });
});
