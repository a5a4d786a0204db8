import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { Interval, LocalDate, MinuteRange, Slot, SlotQuery, StaffAvailability, Weekday } from "./types";
import { addDays, weekdayOf, zonedWallTimeToUtc } from "./zone";

const MONDAY = "2026-03-09";
const TUESDAY = "2026-03-10";
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

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

    it("offers nothing past the horizon, and a start exactly on it", () => {
      const slots = availableSlots(
        query([ana], {
          to: TUESDAY,
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
      ]);
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
  });
});

describe("availableSlots properties", () => {
  const zones = [
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Pacific/Chatham",
  ];
  // Days around each zone's 2026 transitions, plus one quiet week.
  const firstDates = [
    "2026-03-06",
    "2026-03-27",
    "2026-04-03",
    "2026-06-15",
    "2026-09-25",
    "2026-10-02",
    "2026-10-23",
    "2026-10-30",
  ];

  const minuteRange = fc
    .record({ start: fc.integer({ min: 0, max: 1435 }), length: fc.integer({ min: 1, max: 600 }) })
    .map(({ start, length }): MinuteRange => ({ start, end: Math.min(start + length, 1440) }));
  const dayHours = fc.array(minuteRange, { maxLength: 3 });

  const slotQuery = fc
    .record({
      timeZone: fc.constantFrom(...zones),
      from: fc.constantFrom(...firstDates),
      dayCount: fc.integer({ min: 1, max: 5 }),
      nowOffsetMin: fc.integer({ min: -2 * 1440, max: 3 * 1440 }),
      service: fc.record({
        durationMin: fc.integer({ min: 5, max: 120 }),
        bufferBeforeMin: fc.integer({ min: 0, max: 30 }),
        bufferAfterMin: fc.integer({ min: 0, max: 30 }),
      }),
      policy: fc.record({
        minNoticeMin: fc.integer({ min: 0, max: 720 }),
        horizonDays: fc.integer({ min: 0, max: 6 }),
        slotIntervalMin: fc.constantFrom(5, 10, 15, 20, 30, 45, 60),
      }),
      holidayPicks: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 2 }),
      staff: fc.array(
        fc.record({
          weekly: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
          overridePicks: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), dayHours), { maxLength: 2 }),
          busy: fc.array(
            fc.record({
              startMin: fc.integer({ min: -1440, max: 7 * 1440 }),
              lengthMin: fc.integer({ min: 1, max: 240 }),
            }),
            { maxLength: 20 },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((drawn): SlotQuery => {
      const origin = zonedWallTimeToUtc(drawn.from, 0, drawn.timeZone);
      return {
        timeZone: drawn.timeZone,
        from: drawn.from,
        to: addDays(drawn.from, drawn.dayCount - 1),
        now: origin + drawn.nowOffsetMin * MINUTE_MS,
        service: drawn.service,
        policy: drawn.policy,
        holidays: drawn.holidayPicks.map((n) => addDays(drawn.from, n)),
        staff: drawn.staff.map((staff, index) => {
          const weekly: StaffAvailability["weekly"] = {};
          staff.weekly.forEach((hours, weekday) => (weekly[weekday as Weekday] = hours));
          return {
            staffId: `staff-${index}`,
            weekly,
            overrides: Object.fromEntries(staff.overridePicks.map(([n, hours]) => [addDays(drawn.from, n), hours])),
            busy: staff.busy.map(({ startMin, lengthMin }) => ({
              start: origin + startMin * MINUTE_MS,
              end: origin + (startMin + lengthMin) * MINUTE_MS,
            })),
          };
        }),
      };
    });

  function openDates(q: SlotQuery): LocalDate[] {
    const dates: LocalDate[] = [];
    for (let date = q.from; date <= q.to; date = addDays(date, 1)) if (!q.holidays.includes(date)) dates.push(date);
    return dates;
  }

  /** Every working range of one person as real-time intervals. */
  function workIntervals(q: SlotQuery, staff: StaffAvailability): Interval[] {
    return openDates(q).flatMap((date) =>
      (staff.overrides[date] ?? staff.weekly[weekdayOf(date)] ?? []).map((hours) => ({
        start: zonedWallTimeToUtc(date, hours.start, q.timeZone),
        end: zonedWallTimeToUtc(date, hours.end, q.timeZone),
      })),
    );
  }

  function isFree(q: SlotQuery, staff: StaffAvailability, start: number): boolean {
    const from = start - q.service.bufferBeforeMin * MINUTE_MS;
    const to = start + (q.service.durationMin + q.service.bufferAfterMin) * MINUTE_MS;
    return staff.busy.every((busy) => busy.end <= from || busy.start >= to);
  }

  function isBookable(q: SlotQuery, start: number): boolean {
    return start >= q.now + q.policy.minNoticeMin * MINUTE_MS && start <= q.now + q.policy.horizonDays * DAY_MS;
  }

  it("offers only on-grid starts inside working hours, clear of busy time, within notice and horizon", () => {
    fc.assert(
      fc.property(slotQuery, (q) => {
        const slots = availableSlots(q);
        const stepMs = q.policy.slotIntervalMin * MINUTE_MS;
        const order = q.staff.map((staff) => staff.staffId);
        for (const slot of slots) {
          expect(slot.end - slot.start).toBe(q.service.durationMin * MINUTE_MS);
          expect(isBookable(q, slot.start)).toBe(true);
          expect(slot.staffIds.length).toBeGreaterThan(0);
          const positions = slot.staffIds.map((id) => order.indexOf(id));
          expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
          for (const id of slot.staffIds) {
            const staff = q.staff.find((candidate) => candidate.staffId === id);
            if (!staff) throw new Error(`Unknown staff ${id}`);
            const onGridInHours = workIntervals(q, staff).some(
              (work) => work.start <= slot.start && slot.end <= work.end && (slot.start - work.start) % stepMs === 0,
            );
            expect(onGridInHours).toBe(true);
            expect(isFree(q, staff, slot.start)).toBe(true);
          }
        }
        const starts = slots.map((slot) => slot.start);
        expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it("offers every free on-grid start to everyone free at it", () => {
    fc.assert(
      fc.property(slotQuery, (q) => {
        const offered = new Set(availableSlots(q).flatMap((slot) => slot.staffIds.map((id) => `${id}@${slot.start}`)));
        const stepMs = q.policy.slotIntervalMin * MINUTE_MS;
        const durationMs = q.service.durationMin * MINUTE_MS;
        for (const staff of q.staff) {
          for (const work of workIntervals(q, staff)) {
            for (let start = work.start; start + durationMs <= work.end; start += stepMs) {
              if (!isBookable(q, start) || !isFree(q, staff, start)) continue;
              expect(offered.has(`${staff.staffId}@${start}`)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
