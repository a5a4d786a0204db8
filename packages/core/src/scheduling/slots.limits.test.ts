import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { BookingLimits, LocalDate } from "./types";
import { MONDAY, TUESDAY, at, range, utc, startsOf, person, query } from "./slots.fixtures";

describe("availableSlots", () => {
  describe("booking limits", () => {
    const limits = (more: Partial<BookingLimits>): BookingLimits => ({ bookedByDay: {}, bookedByWeek: {}, ...more });
    const nineToTen = [range(at(9), at(10))];

    it("drops a staff member's day once their daily limit is reached", () => {
      const ana = person("ana", nineToTen, { limits: limits({ perDay: 2, bookedByDay: { [MONDAY]: 2 } }) });
      expect(startsOf(availableSlots(query([ana], { to: TUESDAY })))).toEqual(["2026-03-10T09:00"]);
    });

    it("still offers a day below the limit", () => {
      const ana = person("ana", nineToTen, { limits: limits({ perDay: 2, bookedByDay: { [MONDAY]: 1 } }) });
      expect(startsOf(availableSlots(query([ana])))).toEqual(["2026-03-09T09:00"]);
    });

    it("drops the whole week, Monday to Sunday, once the weekly limit is reached", () => {
      const ana = person("ana", nineToTen, { limits: limits({ perWeek: 5, bookedByWeek: { [MONDAY]: 5 } }) });
      const slots = availableSlots(query([ana], { from: "2026-03-06", to: "2026-03-16" }));
      expect(startsOf(slots)).toEqual(["2026-03-06T09:00", "2026-03-16T09:00"]);
    });

    it("ignores counts when no limit is set", () => {
      const ana = person("ana", nineToTen, {
        limits: limits({ perDay: null, bookedByDay: { [MONDAY]: 40 }, bookedByWeek: { [MONDAY]: 90 } }),
      });
      expect(startsOf(availableSlots(query([ana])))).toEqual(["2026-03-09T09:00"]);
    });

    it("only drops the staff member whose limit is reached", () => {
      const ana = person("ana", nineToTen, { limits: limits({ perDay: 1, bookedByDay: { [MONDAY]: 1 } }) });
      const slots = availableSlots(query([ana, person("ben", nineToTen)]));
      expect(slots.map((slot) => slot.staffIds)).toEqual([["ben"]]);
    });

    it("drops the day for everyone once the service's limit is reached", () => {
      const service = {
        durationMin: 60,
        bufferBeforeMin: 0,
        bufferAfterMin: 0,
        limits: limits({ perDay: 3, bookedByDay: { [MONDAY]: 3 } }),
      };
      const staff = [person("ana", nineToTen), person("ben", nineToTen)];
      const slots = availableSlots(query(staff, { to: TUESDAY, service }));
      expect(startsOf(slots)).toEqual(["2026-03-10T09:00"]);
    });

    it("counts a start past midnight on the date it falls on", () => {
      const tuesdayFull = limits({ perDay: 1, bookedByDay: { [TUESDAY]: 1 } });
      const ana = person("ana", [range(at(22), at(26))], { limits: tuesdayFull });
      expect(startsOf(availableSlots(query([ana])))).toEqual(["2026-03-09T22:00", "2026-03-09T23:00"]);
    });

    it("counts a start on its date even when its range is written days past midnight", () => {
      const ana = person("ana", [], { overrides: { [MONDAY]: [range(at(47), at(50))] } });
      ana.limits = limits({ perDay: 1, bookedByDay: { "2026-03-11": 1 } });
      expect(startsOf(availableSlots(query([ana])))).toEqual(["2026-03-10T23:00"]);
    });

    it("reads a start's date in the business zone, not in UTC", () => {
      // 19:00–22:00 in New York on Monday is 23:00–02:00 UTC, partly on Tuesday there.
      const full = (date: LocalDate) => limits({ perDay: 1, bookedByDay: { [date]: 1 } });
      const newYork = { timeZone: "America/New_York" };
      const evening = [range(at(19), at(22))];
      expect(availableSlots(query([person("ana", evening, { limits: full(TUESDAY) })], newYork))).toHaveLength(3);
      expect(availableSlots(query([person("ana", evening, { limits: full(MONDAY) })], newYork))).toEqual([]);
    });

    it("counts a seat in an existing group session against the limit", () => {
      const ana = person("ana", nineToTen, {
        seats: new Map([[utc("2026-03-09T09:00:00Z"), 1]]),
        limits: limits({ perDay: 4, bookedByDay: { [MONDAY]: 4 } }),
      });
      const service = { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0, capacity: 6 };
      expect(availableSlots(query([ana], { service }))).toEqual([]);
    });
  });
});
