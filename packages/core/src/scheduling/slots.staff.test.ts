import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import { TUESDAY, at, range, iso, startsOf, person, query } from "./slots.fixtures";

describe("availableSlots", () => {
  describe("several staff", () => {
    const ana = person("ana", [range(at(9), at(11))]);
    const ben = person("ben", [range(at(10), at(12))]);

    it("merges staff free at the same start into one slot", () => {
      const slots = availableSlots(query([ana, ben]));
      expect(slots.map((slot) => [iso(slot.start).slice(11, 16), slot.staffIds])).toEqual([
        ["09:00", ["ana"]],
        ["10:00", ["ana", "ben"]],
        ["11:00", ["ben"]],
      ]);
    });

    it("lists staff in the order the query gives them", () => {
      const slots = availableSlots(query([ben, ana]));
      expect(slots[1]?.staffIds).toEqual(["ben", "ana"]);
    });

    it("returns slots in time order whatever order the ranges and staff come in", () => {
      const cy = person("cy", [range(at(15), at(16)), range(at(8), at(9))]);
      const slots = availableSlots(query([ben, cy, ana], { to: TUESDAY }));
      expect(startsOf(slots)).toEqual([
        "2026-03-09T08:00",
        "2026-03-09T09:00",
        "2026-03-09T10:00",
        "2026-03-09T11:00",
        "2026-03-09T15:00",
        "2026-03-10T08:00",
        "2026-03-10T09:00",
        "2026-03-10T10:00",
        "2026-03-10T11:00",
        "2026-03-10T15:00",
      ]);
    });

    it("names a staff member once even when their ranges overlap", () => {
      const dana = person("dana", [range(at(9), at(11)), range(at(10), at(12))]);
      expect(availableSlots(query([dana])).map((slot) => slot.staffIds)).toEqual([["dana"], ["dana"], ["dana"]]);
    });

    it("offers nothing when nobody performs the service", () => {
      expect(availableSlots(query([]))).toEqual([]);
    });
  });
});
