import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { StaffAvailability } from "./types";
import { at, range, utc, startsOf, person, query } from "./slots.fixtures";

describe("availableSlots", () => {
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
});
