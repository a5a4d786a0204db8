import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { BusinessHours, MinuteRange, WorkingRange } from "./types";
import { MONDAY, TUESDAY, at, range, iso, startsOf, person, query } from "./slots.fixtures";

describe("availableSlots", () => {
  describe("working hours", () => {
    it("offers nothing over the lunch break", () => {
      const slots = availableSlots(query([person("ana", [range(at(9), at(12)), range(at(13), at(15))])]));
      expect(startsOf(slots)).toEqual([
        "2026-03-09T09:00",
        "2026-03-09T10:00",
        "2026-03-09T11:00",
        "2026-03-09T13:00",
        "2026-03-09T14:00",
      ]);
    });

    it("offers a slot that ends exactly at closing, and none that runs past it", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9), at(10))])], {
          service: { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0 },
          policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 15 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T09:15", "2026-03-09T09:30"]);
    });

    it("counts the grid from the start of each working range", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9, 10), at(10)), range(at(13, 5), at(13, 50))])], {
          service: { durationMin: 20, bufferBeforeMin: 0, bufferAfterMin: 0 },
          policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 20 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:10", "2026-03-09T09:30", "2026-03-09T13:05", "2026-03-09T13:25"]);
    });

    it("ends every slot one service duration after it starts", () => {
      const [slot] = availableSlots(
        query([person("ana", [range(at(9), at(10))])], {
          service: { durationMin: 45, bufferBeforeMin: 10, bufferAfterMin: 10 },
        }),
      );
      expect(slot && iso(slot.end)).toBe("2026-03-09T09:45:00.000Z");
    });

    it("uses a date's override instead of the weekly hours", () => {
      const ana = person("ana", [range(at(9), at(17))], { overrides: { [MONDAY]: [range(at(14), at(16))] } });
      expect(startsOf(availableSlots(query([ana])))).toEqual(["2026-03-09T14:00", "2026-03-09T15:00"]);
    });

    it("treats an empty override as a day off", () => {
      const ana = person("ana", [range(at(9), at(17))], { overrides: { [MONDAY]: [] } });
      expect(availableSlots(query([ana]))).toEqual([]);
    });

    it("keeps the weekly hours on dates without an override", () => {
      const ana = person("ana", [range(at(9), at(10))], { overrides: { [MONDAY]: [] } });
      expect(startsOf(availableSlots(query([ana], { to: TUESDAY })))).toEqual(["2026-03-10T09:00"]);
    });

    it("offers nothing on a weekday without hours", () => {
      const sunday = { from: "2026-03-08", to: "2026-03-08" };
      expect(availableSlots(query([person("ana", [range(at(9), at(17))])], sunday))).toEqual([]);
    });

    it("skips the business's holidays", () => {
      const slots = availableSlots(query([person("ana", [range(at(9), at(10))])], { to: TUESDAY, holidays: [MONDAY] }));
      expect(startsOf(slots)).toEqual(["2026-03-10T09:00"]);
    });

    describe("hours saved separately that overlap", () => {
      const at9to12 = range(at(9), at(12));
      const at1030to13 = range(at(10, 30), at(13));
      const mondays = (...ranges: WorkingRange[]) => person("ana", [], { weekly: { 1: ranges } });
      const hourly = ["2026-03-09T09:00", "2026-03-09T10:00", "2026-03-09T11:00", "2026-03-09T12:00"];

      it("offer one grid over the hours they cover together, skipping no start", () => {
        expect(startsOf(availableSlots(query([mondays(at9to12, at1030to13)])))).toEqual(hourly);
      });

      it("join a location's hours with the untied ones, which count at every location", () => {
        expect(startsOf(availableSlots(query([mondays({ ...at9to12, locationId: "downtown" }, at1030to13)])))).toEqual(hourly);
        expect(startsOf(availableSlots(query([mondays(at9to12, { ...at1030to13, locationId: "downtown" })])))).toEqual(hourly);
      });

      it("keep each location's own grid when they are at two places", () => {
        const slots = availableSlots(query([mondays({ ...at9to12, locationId: "downtown" }, { ...at1030to13, locationId: "harbour" })]));
        expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T10:00", "2026-03-09T10:30", "2026-03-09T11:00", "2026-03-09T11:30"]);
      });

      it("run on without a break where one ends as the next begins", () => {
        const slots = availableSlots(query([mondays(range(at(9), at(10, 30)), range(at(10, 30), at(12)))]));
        expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T10:00", "2026-03-09T11:00"]);
      });
    });

    it("searches every date from `from` to `to` inclusive", () => {
      const fridayToTuesday = { from: "2026-03-06", to: "2026-03-10" };
      const slots = availableSlots(query([person("ana", [range(at(9), at(10))])], fridayToTuesday));
      expect(startsOf(slots)).toEqual(["2026-03-06T09:00", "2026-03-09T09:00", "2026-03-10T09:00"]);
    });
  });

  describe("opening hours", () => {
    const mondayToFriday = (hours: MinuteRange[]): BusinessHours => ({
      weekly: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours },
      special: {},
    });

    it("offers only times inside both the staff member's hours and the business's", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(8), at(17))])], {
          businessHours: mondayToFriday([range(at(9), at(12)), range(at(13), at(15))]),
        }),
      );
      expect(startsOf(slots)).toEqual([
        "2026-03-09T09:00",
        "2026-03-09T10:00",
        "2026-03-09T11:00",
        "2026-03-09T13:00",
        "2026-03-09T14:00",
      ]);
    });

    it("counts one grid over opening hours that touch, as over one range", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9), at(12))])], {
          businessHours: mondayToFriday([range(at(9), at(10, 30)), range(at(10, 30), at(12))]),
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T10:00", "2026-03-09T11:00"]);
    });

    it("counts the grid from opening time when the staff member starts earlier", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(8, 50), at(10, 30))])], {
          businessHours: mondayToFriday([range(at(9), at(17))]),
          service: { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0 },
          policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 30 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T09:30", "2026-03-09T10:00"]);
    });

    it("counts the grid from the staff member's start when they start after opening", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9, 10), at(11))])], {
          businessHours: mondayToFriday([range(at(9), at(17))]),
          service: { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0 },
          policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 30 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:10", "2026-03-09T09:40", "2026-03-09T10:10"]);
    });

    it("uses a date's special hours instead of the weekly ones", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9), at(17))])], {
          businessHours: { ...mondayToFriday([range(at(9), at(17))]), special: { [MONDAY]: [range(at(10), at(12))] } },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T10:00", "2026-03-09T11:00"]);
    });

    it("is closed on a weekday without opening hours even when staff work", () => {
      const businessHours = { weekly: {}, special: {} };
      const slots = availableSlots(query([person("ana", [range(at(9), at(17))])], { businessHours }));
      expect(slots).toEqual([]);
    });

    it("is closed on a date whose special hours are empty", () => {
      const businessHours = { ...mondayToFriday([range(at(9), at(17))]), special: { [MONDAY]: [] } };
      const slots = availableSlots(query([person("ana", [range(at(9), at(10))])], { to: TUESDAY, businessHours }));
      expect(startsOf(slots)).toEqual(["2026-03-10T09:00"]);
    });

    it("stays closed on a holiday that also has special hours", () => {
      const special = { [MONDAY]: [range(at(9), at(12))] };
      const businessHours = { ...mondayToFriday([range(at(9), at(17))]), special };
      const ana = person("ana", [range(at(9), at(10))]);
      const slots = availableSlots(query([ana], { holidays: [MONDAY], businessHours }));
      expect(slots).toEqual([]);
    });

    it("cuts a staff member's override to opening hours too", () => {
      const ana = person("ana", [range(at(9), at(17))], { overrides: { [MONDAY]: [range(at(6), at(10))] } });
      const slots = availableSlots(query([ana], { businessHours: mondayToFriday([range(at(8), at(17))]) }));
      expect(startsOf(slots)).toEqual(["2026-03-09T08:00", "2026-03-09T09:00"]);
    });
  });
});
