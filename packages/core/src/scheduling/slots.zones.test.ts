import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { BusinessHours, MinuteRange, StaffAvailability } from "./types";
import { at, range, iso, startsOf, person, query } from "./slots.fixtures";

describe("availableSlots", () => {
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
});
