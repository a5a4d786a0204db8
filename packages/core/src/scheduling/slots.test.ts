import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { BookingLimits, BusinessHours, Interval, LocalDate, MinuteRange, Slot, SlotQuery, StaffAvailability, WorkingRange } from "./types";

const MONDAY = "2026-03-09";
const TUESDAY = "2026-03-10";

const at = (hours: number, minutes = 0) => hours * 60 + minutes;
const range = (from: number, to: number): MinuteRange => ({ start: from, end: to });
const utc = (text: string) => Date.parse(text);
const iso = (instant: number) => new Date(instant).toISOString();
const startsOf = (slots: Slot[]) => slots.map((slot) => iso(slot.start).slice(0, 16));

function person(staffId: string, hours: MinuteRange[], more: Partial<StaffAvailability> = {}): StaffAvailability {
  const weekly: StaffAvailability["weekly"] = {};
  for (const weekday of [1, 2, 3, 4, 5] as const) weekly[weekday] = hours;
  return { staffId, weekly, overrides: {}, busy: [], ...more };
}

/** Monday only, UTC, an hour-long service on an hourly grid, no notice, a long horizon: unless a test says otherwise. */
function query(staff: StaffAvailability[], more: Partial<SlotQuery> = {}): SlotQuery {
  return {
    timeZone: "UTC",
    from: MONDAY,
    to: MONDAY,
    now: utc("2026-03-01T00:00:00Z"),
    service: { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0 },
    policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 60 },
    holidays: [],
    staff,
    ...more,
  };
}

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

  describe("booking policy", () => {
    const ana = person("ana", [range(at(9), at(17))]);
    const quarterHourly = { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0 };

    it("offers the first start at or after now plus the minimum notice", () => {
      const slots = availableSlots(
        query([ana], {
          now: utc("2026-03-09T09:10:00Z"),
          service: quarterHourly,
          policy: { minNoticeMin: 60, horizonDays: 365, slotIntervalMin: 15 },
        }),
      );
      expect(startsOf(slots)[0]).toBe("2026-03-09T10:15");
    });

    it("offers a start exactly at now plus the minimum notice", () => {
      const slots = availableSlots(
        query([ana], {
          now: utc("2026-03-09T09:00:00Z"),
          policy: { minNoticeMin: 60, horizonDays: 365, slotIntervalMin: 60 },
        }),
      );
      expect(startsOf(slots)[0]).toBe("2026-03-09T10:00");
    });

    it("offers every start up to the end of the horizon's last local day, whatever the hour now", () => {
      const slots = availableSlots(
        query([ana], {
          to: "2026-03-11",
          now: utc("2026-03-09T15:00:00Z"),
          policy: { minNoticeMin: 0, horizonDays: 1, slotIntervalMin: 60 },
        }),
      );
      expect(startsOf(slots)).toEqual([
        "2026-03-09T15:00",
        "2026-03-09T16:00",
        "2026-03-10T09:00",
        "2026-03-10T10:00",
        "2026-03-10T11:00",
        "2026-03-10T12:00",
        "2026-03-10T13:00",
        "2026-03-10T14:00",
        "2026-03-10T15:00",
        "2026-03-10T16:00",
      ]);
    });

    describe("a 2-day horizon in the business's zone", () => {
      // Berlin is UTC+1 in March: Monday 9 March 07:00 and 23:59 local.
      /** The last start offered, in Berlin wall-clock time, when a visitor looks at `now`. */
      const lastStartSeenAt = (now: string) => {
        const slots = availableSlots(
          query([ana], { timeZone: "Europe/Berlin", to: "2026-03-13", now: utc(now), policy: { minNoticeMin: 0, horizonDays: 2, slotIntervalMin: 60 } }),
        );
        return new Date(slots[slots.length - 1]!.start + 3_600_000).toISOString().slice(0, 16);
      };

      it("closes at the end of Wednesday whether it is 07:00 or 23:59 on Monday", () => {
        expect(lastStartSeenAt("2026-03-09T06:00:00Z")).toBe("2026-03-11T16:00");
        expect(lastStartSeenAt("2026-03-09T22:59:00Z")).toBe("2026-03-11T16:00");
      });

      it("opens Thursday at local midnight, not 48 hours after the visit", () => {
        expect(lastStartSeenAt("2026-03-09T23:00:00Z")).toBe("2026-03-12T16:00");
      });
    });

    it("rejects a grid interval that is not positive", () => {
      const policy = { minNoticeMin: 0, horizonDays: 1, slotIntervalMin: 0 };
      expect(() => availableSlots(query([ana], { policy }))).toThrow(RangeError);
    });
  });

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

  describe("time zones", () => {
    const newYork = { timeZone: "America/New_York" };

    it("reads working hours in the business zone", () => {
      const slots = availableSlots(query([person("ana", [range(at(9), at(10))])], { timeZone: "Asia/Kathmandu" }));
      expect(iso(slots[0]?.start ?? NaN)).toBe("2026-03-09T03:15:00.000Z");
    });

    it("keeps a 9:00–17:00 day eight real hours long on the spring-forward date", () => {
      const ana: StaffAvailability = { staffId: "ana", weekly: { 0: [range(at(9), at(17))] }, overrides: {}, busy: [] };
      const slots = availableSlots(query([ana], { ...newYork, from: "2026-03-08", to: "2026-03-08" }));
      expect(startsOf(slots)).toEqual([13, 14, 15, 16, 17, 18, 19, 20].map((hour) => `2026-03-08T${hour}:00`));
    });

    it("offers each real hour once across the spring-forward gap", () => {
      const ana: StaffAvailability = { staffId: "ana", weekly: { 0: [range(0, at(6))] }, overrides: {}, busy: [] };
      const slots = availableSlots(query([ana], { ...newYork, from: "2026-03-08", to: "2026-03-08" }));
      // 0:00, 1:00 EST, then 3:00, 4:00, 5:00 EDT.
      expect(startsOf(slots)).toEqual(["05", "06", "07", "08", "09"].map((hour) => `2026-03-08T${hour}:00`));
    });

    it("offers both 1:00s on the fall-back date", () => {
      const ana: StaffAvailability = { staffId: "ana", weekly: { 0: [range(0, at(4))] }, overrides: {}, busy: [] };
      const slots = availableSlots(query([ana], { ...newYork, from: "2026-11-01", to: "2026-11-01" }));
      // 0:00 EDT, 1:00 EDT, 1:00 EST, 2:00 EST, 3:00 EST.
      expect(startsOf(slots)).toEqual(["04", "05", "06", "07", "08"].map((hour) => `2026-11-01T${hour}:00`));
    });

    describe("opening hours on DST days", () => {
      const sunday = (hours: MinuteRange[]): StaffAvailability => ({
        staffId: "ana",
        weekly: { 0: hours },
        overrides: {},
        busy: [],
      });
      const openSunday = (hours: MinuteRange[]): BusinessHours => ({ weekly: { 0: hours }, special: {} });

      it("opens at 9:00 local on the spring-forward date in New York", () => {
        const slots = availableSlots(
          query([sunday([range(at(8, 50), at(17))])], {
            ...newYork,
            from: "2026-03-08",
            to: "2026-03-08",
            businessHours: openSunday([range(at(9), at(10, 30))]),
            service: { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0 },
            policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 30 },
          }),
        );
        // 9:00, 9:30 and 10:00 EDT.
        expect(startsOf(slots)).toEqual(["2026-03-08T13:00", "2026-03-08T13:30", "2026-03-08T14:00"]);
      });

      it("keeps opening hours across the spring-forward gap three real hours long", () => {
        const slots = availableSlots(
          query([sunday([range(0, at(6))])], {
            ...newYork,
            from: "2026-03-08",
            to: "2026-03-08",
            businessHours: openSunday([range(at(1), at(5))]),
          }),
        );
        // 1:00 EST, then 3:00 and 4:00 EDT; 5:00 EDT closes.
        expect(startsOf(slots)).toEqual(["2026-03-08T06:00", "2026-03-08T07:00", "2026-03-08T08:00"]);
      });

      it("offers the repeated hour once on each side of the fall-back in Berlin", () => {
        const slots = availableSlots(
          query([sunday([range(0, at(6))])], {
            timeZone: "Europe/Berlin",
            from: "2026-10-25",
            to: "2026-10-25",
            businessHours: openSunday([range(at(1), at(4))]),
          }),
        );
        // 1:00 CEST, 2:00 CEST, 2:00 CET, 3:00 CET; 4:00 CET closes.
        expect(startsOf(slots)).toEqual([
          "2026-10-24T23:00",
          "2026-10-25T00:00",
          "2026-10-25T01:00",
          "2026-10-25T02:00",
        ]);
      });

      it("reads special hours on the fall-back date in Berlin in winter time", () => {
        const slots = availableSlots(
          query([sunday([range(at(8), at(18))])], {
            timeZone: "Europe/Berlin",
            from: "2026-10-25",
            to: "2026-10-25",
            businessHours: { weekly: {}, special: { "2026-10-25": [range(at(10), at(12))] } },
          }),
        );
        expect(startsOf(slots)).toEqual(["2026-10-25T09:00", "2026-10-25T10:00"]);
      });
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

  describe("start offset", () => {
    it("starts the grid the offset after the start of each working range", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(9), at(12)), range(at(13), at(15))])], {
          policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 60, startOffsetMin: 15 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:15", "2026-03-09T10:15", "2026-03-09T13:15"]);
    });

    it("counts the offset from opening time when opening hours cut the range", () => {
      const slots = availableSlots(
        query([person("ana", [range(at(8), at(11))])], {
          businessHours: { weekly: { 1: [range(at(9), at(17))] }, special: {} },
          service: { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0 },
          policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 30, startOffsetMin: 10 },
        }),
      );
      expect(startsOf(slots)).toEqual(["2026-03-09T09:10", "2026-03-09T09:40", "2026-03-09T10:10"]);
    });

    it("rejects a negative offset", () => {
      const policy = { minNoticeMin: 0, horizonDays: 1, slotIntervalMin: 60, startOffsetMin: -5 };
      expect(() => availableSlots(query([person("ana", [range(at(9), at(17))])], { policy }))).toThrow(RangeError);
    });
  });

  describe("group sessions", () => {
    const TEN = utc("2026-03-09T10:00:00Z");
    const yoga = { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0, capacity: 4 };
    const ana = (seats: [number, number][], more: Partial<StaffAvailability> = {}) =>
      person("ana", [range(at(9), at(13))], { seats: new Map(seats), ...more });

    it("offers a session that has seats left, with how many", () => {
      const slots = availableSlots(query([ana([[TEN, 3]])], { service: yoga }));
      expect(slots.find((slot) => slot.start === TEN)?.seatsLeft).toBe(1);
    });

    it("does not offer a full session", () => {
      const slots = availableSlots(query([ana([[TEN, 4]])], { service: yoga }));
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T11:00", "2026-03-09T12:00"]);
    });

    it("offers every seat of a start without a session", () => {
      const slots = availableSlots(query([ana([])], { service: yoga }));
      expect(slots.map((slot) => slot.seatsLeft)).toEqual([4, 4, 4, 4]);
    });

    it("does not start a second session that overlaps one the staff member already runs", () => {
      const slots = availableSlots(
        query([ana([[TEN, 1]])], { service: yoga, policy: { minNoticeMin: 0, horizonDays: 365, slotIntervalMin: 30 } }),
      );
      expect(startsOf(slots)).toEqual([
        "2026-03-09T09:00",
        "2026-03-09T10:00",
        "2026-03-09T11:00",
        "2026-03-09T11:30",
        "2026-03-09T12:00",
      ]);
    });

    it("keeps the buffers of both sessions apart", () => {
      const slots = availableSlots(query([ana([[TEN, 1]])], { service: { ...yoga, bufferAfterMin: 15 } }));
      expect(startsOf(slots)).toEqual(["2026-03-09T10:00", "2026-03-09T12:00"]);
    });

    it("does not offer a seat in a session the staff member is now busy for", () => {
      const busy = [{ start: utc("2026-03-09T10:30:00Z"), end: utc("2026-03-09T11:00:00Z") }];
      const slots = availableSlots(query([ana([[TEN, 1]], { busy })], { service: yoga }));
      expect(startsOf(slots)).toEqual(["2026-03-09T09:00", "2026-03-09T11:00", "2026-03-09T12:00"]);
    });

    it("reports the most seats left with any staff member listed", () => {
      const ben = person("ben", [range(at(9), at(13))], { seats: new Map([[TEN, 3]]) });
      const slots = availableSlots(query([ana([[TEN, 2]]), ben], { service: yoga }));
      const slot = slots.find((each) => each.start === TEN);
      expect([slot?.staffIds, slot?.seatsLeft]).toEqual([["ana", "ben"], 2]);
    });

    it("leaves seatsLeft out for one-to-one services", () => {
      const [slot] = availableSlots(query([person("ana", [range(at(9), at(10))])]));
      expect(slot).not.toHaveProperty("seatsLeft");
    });

    it("rejects a capacity below one", () => {
      expect(() => availableSlots(query([ana([])], { service: { ...yoga, capacity: 0 } }))).toThrow(RangeError);
    });
  });

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
