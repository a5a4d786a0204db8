import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import { at, range, utc, startsOf, person, query } from "./slots.fixtures";

describe("availableSlots", () => {
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
});
