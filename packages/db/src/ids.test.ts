import { describe, expect, it } from "vitest";
import { randomId } from "./ids";

describe("randomId", () => {
  it("makes prefixed ids of the asked length from its alphabet, never the same twice across many pool refills", () => {
    const ids = Array.from({ length: 5_000 }, (_, index) => randomId("apt", index % 2 ? 20 : 13));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [index, id] of ids.entries()) expect(id).toMatch(new RegExp(`^apt_[0-9a-hjkmnp-tv-z]{${index % 2 ? 20 : 13}}$`));
    // Every character of the alphabet turns up about equally often.
    const counts = new Map<string, number>();
    for (const id of ids) for (const char of id.slice(4)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const mean = [...counts.values()].reduce((sum, n) => sum + n, 0) / 32;
    for (const n of counts.values()) expect(Math.abs(n - mean) / mean).toBeLessThan(0.15);
  });
});
