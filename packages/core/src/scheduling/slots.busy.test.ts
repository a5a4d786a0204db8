import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { Interval } from "./types";
import { at, range, utc, startsOf, person, query } from "./slots.fixtures";

describe("availableSlots", () => {
  describe("busy time", () => {
    const meeting = { start: utc("2026-03-09T10:00:00Z"), end: utc("2026-03-09T11:00:00Z") };

    it("allows slots that touch a busy interval on either side", () => {
      const slots = availableSlots(query([person("ana", [range(at(9), at(12))], { busy: [meeting] })]));
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T11:00"]);
    });

    it("blocks a slot whose buffer after would run into busy time", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9), at(12))], { busy: [meeting] })], {
          service: { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 15 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T11:00"]);
    });

    it("blocks a slot whose buffer before would reach back into busy time", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9), at(12))], { busy: [meeting] })], {
          service: { durationMin: 60, bufferBeforeMin: 15, bufferAfterMin: 0 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00"]);
    });

    it("lets buffers reach outside working hours", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9), at(10))])], {
          service: { durationMin: 60, bufferBeforeMin: 30, bufferAfterMin: 30 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00"]);
    });

    it("handles unsorted, overlapping busy intervals without reordering the caller's list", () => {
      const busy: Interval[] = [
        { start: utc("2026-03-09T13:30:00Z"), end: utc("2026-03-09T14:30:00Z") },
        { start: utc("2026-03-09T09:30:00Z"), end: utc("2026-03-09T10:30:00Z") },
        { start: utc("2026-03-09T09:00:00Z"), end: utc("2026-03-09T09:45:00Z") },
      ];
      const copy = structuredClone(busy);
      const slots = availableSlots(query([person("ana", [range(at(9), at(16))], { busy })]));
      expect(startsOf(slots)).toEqual(["2026-03-09T11:00", "2026-03-09T12:00", "2026-03-09T15:00"]);
      expect(busy).toEqual(copy);
    });

    it("blocks slots that overlap events from a connected calendar", () => {
      const calendarEvents: Interval[] = [
        { start: utc("2026-03-09T09:15:00Z"), end: utc("2026-03-09T09:45:00Z") },
        { start: utc("2026-03-09T12:00:00Z"), end: utc("2026-03-10T00:00:00Z") },
      ];
      const slots = availableSlots(query([person("ana", [range(at(9), at(17))], { busy: calendarEvents })]));
      expect(startsOf(slots)).toEqual(["2026-03-09T10:00", "2026-03-09T11:00"]);
    });

    it("only blocks the staff member who is busy", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(10), at(11))], { busy: [meeting] }), person("ben", [range(at(10), at(11))])]),
      );
      expect(slots.map((slot) => slot.staffIds)).toEqual([["ben"]]);
    });
  });
});
