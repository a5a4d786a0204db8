import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankStaff } from "./assignment";
import type { AssignmentPolicy, AssignmentStats } from "./types";

const stats = (bookedMinutesThatDay: number, lastAssignedAt: number | null): AssignmentStats => ({
  bookedMinutesThatDay,
  lastAssignedAt,
});

describe("rankStaff", () => {
  describe("least_busy", () => {
    it("puts the person with the fewest minutes booked that day first", () => {
      const ranked = rankStaff(["ana", "ben", "cy"], "least_busy", {
        ana: stats(120, null),
        ben: stats(30, 5_000),
        cy: stats(60, 1_000),
      });
      expect(ranked).toEqual(["ben", "cy", "ana"]);
    });

    it("breaks a tie in minutes by who was assigned longest ago, never assigned first", () => {
      const ranked = rankStaff(["ana", "ben", "cy"], "least_busy", {
        ana: stats(60, 9_000),
        ben: stats(60, 1_000),
        cy: stats(60, null),
      });
      expect(ranked).toEqual(["cy", "ben", "ana"]);
    });

    it("keeps input order on a full tie", () => {
      const ranked = rankStaff(["cy", "ana", "ben"], "least_busy", {
        ana: stats(60, 1_000),
        ben: stats(60, 1_000),
        cy: stats(60, 1_000),
      });
      expect(ranked).toEqual(["cy", "ana", "ben"]);
    });
  });

  describe("round_robin", () => {
    it("puts never-assigned staff first, then the oldest assignment, whatever the load", () => {
      const ranked = rankStaff(["ana", "ben", "cy", "dana"], "round_robin", {
        ana: stats(0, 9_000),
        ben: stats(480, 1_000),
        cy: stats(240, null),
        dana: stats(0, 5_000),
      });
      expect(ranked).toEqual(["cy", "ben", "dana", "ana"]);
    });

    it("keeps input order among staff never assigned", () => {
      const ranked = rankStaff(["ben", "ana"], "round_robin", { ana: stats(0, null), ben: stats(90, null) });
      expect(ranked).toEqual(["ben", "ana"]);
    });
  });

  it("treats a candidate without stats as never assigned and not yet booked", () => {
    const known = { ana: stats(30, 1_000) };
    expect(rankStaff(["ana", "new"], "least_busy", known)).toEqual(["new", "ana"]);
    expect(rankStaff(["ana", "new"], "round_robin", known)).toEqual(["new", "ana"]);
  });

  it("leaves the candidate list as it was", () => {
    const candidates = ["ana", "ben"];
    rankStaff(candidates, "round_robin", { ana: stats(0, 2), ben: stats(0, 1) });
    expect(candidates).toEqual(["ana", "ben"]);
  });

  it("returns nobody for no candidates", () => {
    expect(rankStaff([], "least_busy", {})).toEqual([]);
  });

  describe("properties", () => {
    const drawn = fc
      .record({
        policy: fc.constantFrom<AssignmentPolicy>("least_busy", "round_robin"),
        people: fc.array(
          fc.record({
            minutes: fc.integer({ min: 0, max: 3 }).map((n) => n * 30),
            last: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
          }),
          { maxLength: 8 },
        ),
      })
      .map(({ policy, people }) => ({
        policy,
        candidates: people.map((_, index) => `staff-${index}`),
        stats: Object.fromEntries(people.map((p, index) => [`staff-${index}`, stats(p.minutes, p.last)])),
      }));

    type Ranked = AssignmentStats & { at: number };

    /** Whether `a` may come before `b`: the policy's keys in order, then input position. */
    function mayPrecede(policy: AssignmentPolicy, a: Ranked, b: Ranked) {
      const keys = (s: Ranked) => [
        policy === "least_busy" ? s.bookedMinutesThatDay : 0,
        s.lastAssignedAt ?? -Infinity,
        s.at,
      ];
      const [ka, kb] = [keys(a), keys(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] ?? 0) < (kb[i] ?? 0);
      return true;
    }

    it("returns a permutation of the candidates ordered by the policy's keys", () => {
      fc.assert(
        fc.property(drawn, ({ policy, candidates, stats: all }) => {
          const ranked = rankStaff(candidates, policy, all);
          expect([...ranked].sort()).toEqual([...candidates].sort());
          const withPosition = ranked.map((id) => ({ ...(all[id] ?? stats(0, null)), at: candidates.indexOf(id) }));
          for (let i = 1; i < withPosition.length; i++) {
            const [before, after] = [withPosition[i - 1], withPosition[i]];
            if (before && after) expect(mayPrecede(policy, before, after)).toBe(true);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
