import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { availableSlots } from "./slots";
import type { BookingLimits, Interval, LocalDate, MinuteRange, SlotQuery, StaffAvailability, Weekday, WorkingRange } from "./types";
import { addDays, weekStartOf, weekdayOf } from "./dates";
import { localDateOf, zonedWallTimeToUtc } from "./zone";

const MINUTE_MS = 60_000;

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
  // Weekly hours saved separately may overlap: some tied to a location, some valid at all of them.
  const workingRange = fc
    .record({ range: minuteRange, locationId: fc.constantFrom(undefined, undefined, "north", "south") })
    .map(({ range, locationId }): WorkingRange => (locationId ? { ...range, locationId } : range));
  const weeklyDayHours = fc.array(workingRange, { maxLength: 3 });
  // Opening hours are longer than shifts, so they cut some ranges and leave others whole.
  const openingRange = fc
    .record({ start: fc.integer({ min: 0, max: 1200 }), length: fc.integer({ min: 60, max: 1440 }) })
    .map(({ start, length }): MinuteRange => ({ start, end: Math.min(start + length, 1440) }));
  const openingHours = fc.array(openingRange, { maxLength: 2 });

  /** Counts for the days around the search (from the day before): some full days, few full weeks. */
  const bookingLimits = fc.option(
    fc.record({
      perDay: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      perWeek: fc.option(fc.integer({ min: 4, max: 12 }), { nil: undefined }),
      dayCounts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 7, maxLength: 7 }),
      weekCounts: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }),
    }),
    { nil: undefined, freq: 2 },
  );

  const slotQuery = fc
    .record({
      timeZone: fc.constantFrom(...zones),
      from: fc.constantFrom(...firstDates),
      dayCount: fc.integer({ min: 1, max: 5 }),
      nowOffsetMin: fc.integer({ min: -2 * 1440, max: 2 * 1440 }),
      service: fc.record({
        durationMin: fc.integer({ min: 5, max: 120 }),
        bufferBeforeMin: fc.integer({ min: 0, max: 30 }),
        bufferAfterMin: fc.integer({ min: 0, max: 30 }),
        capacity: fc.constantFrom(1, 2, 4, 4),
      }),
      serviceLimits: bookingLimits,
      policy: fc.record({
        minNoticeMin: fc.integer({ min: 0, max: 720 }),
        horizonDays: fc.integer({ min: 0, max: 8 }),
        slotIntervalMin: fc.constantFrom(5, 10, 15, 20, 30, 45, 60),
        startOffsetMin: fc.constantFrom(0, 0, 5, 15, 40),
      }),
      holidayPicks: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 2 }),
      business: fc.option(
        fc.record({
          weekly: fc.array(openingHours, { minLength: 7, maxLength: 7 }),
          specialPicks: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), openingHours), { maxLength: 2 }),
        }),
        { nil: undefined },
      ),
      staff: fc.array(
        fc.record({
          weekly: fc.array(weeklyDayHours, { minLength: 7, maxLength: 7 }),
          overridePicks: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), dayHours), { maxLength: 2 }),
          busy: fc.array(
            fc.record({
              startMin: fc.integer({ min: -1440, max: 7 * 1440 }),
              lengthMin: fc.integer({ min: 1, max: 240 }),
            }),
            { maxLength: 20 },
          ),
          // Sessions on bookable grid starts, where they can be joined, or anywhere, where they only block.
          sessions: fc.array(
            fc.record({
              onGrid: fc.boolean(),
              pick: fc.nat(),
              offGridMin: fc.integer({ min: 0, max: 6 * 1440 }),
              taken: fc.integer({ min: 0, max: 4 }),
            }),
            { maxLength: 4 },
          ),
          limits: bookingLimits,
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((drawn): SlotQuery => {
      const origin = zonedWallTimeToUtc(drawn.from, 0, drawn.timeZone);
      const to = addDays(drawn.from, drawn.dayCount - 1);
      const limitsFrom = (picked: (typeof drawn)["serviceLimits"]): BookingLimits | undefined => {
        if (!picked) return undefined;
        const dates = picked.dayCounts.map((_, n) => addDays(drawn.from, n - 1));
        const weeks = [...new Set(dates.map(weekStartOf))];
        return {
          perDay: picked.perDay,
          perWeek: picked.perWeek,
          bookedByDay: Object.fromEntries(dates.map((date, n) => [date, picked.dayCounts[n] ?? 0])),
          bookedByWeek: Object.fromEntries(weeks.map((week, n) => [week, picked.weekCounts[n] ?? 0])),
        };
      };
      const weeklyFrom = (hours: WorkingRange[][]) => {
        const weekly: StaffAvailability["weekly"] = {};
        hours.forEach((ranges, weekday) => (weekly[weekday as Weekday] = ranges));
        return weekly;
      };
      const q: SlotQuery = {
        timeZone: drawn.timeZone,
        from: drawn.from,
        to,
        now: origin + drawn.nowOffsetMin * MINUTE_MS,
        service: { ...drawn.service, limits: limitsFrom(drawn.serviceLimits) },
        policy: drawn.policy,
        holidays: drawn.holidayPicks.map((n) => addDays(drawn.from, n)),
        businessHours: drawn.business && {
          weekly: weeklyFrom(drawn.business.weekly),
          special: Object.fromEntries(drawn.business.specialPicks.map(([n, hours]) => [addDays(drawn.from, n), hours])),
        },
        staff: drawn.staff.map((staff, index) => ({
          staffId: `staff-${index}`,
          weekly: weeklyFrom(staff.weekly),
          overrides: Object.fromEntries(staff.overridePicks.map(([n, hours]) => [addDays(drawn.from, n), hours])),
          busy: staff.busy.map(({ startMin, lengthMin }) => ({
            start: origin + startMin * MINUTE_MS,
            end: origin + (startMin + lengthMin) * MINUTE_MS,
          })),
          limits: limitsFrom(staff.limits),
        })),
      };
      drawn.staff.forEach((drawnStaff, index) => {
        const staff = q.staff[index];
        if (!staff || drawnStaff.sessions.length === 0) return;
        const grid = gridStarts(q, staff).filter((start) => isBookable(q, start));
        staff.seats = new Map(
          drawnStaff.sessions.map(({ onGrid, pick, offGridMin, taken }) => [
            onGrid && grid.length > 0 ? (grid[pick % grid.length] ?? 0) : origin + offGridMin * MINUTE_MS,
            taken,
          ]),
        );
      });
      return q;
    });

  function openDates(q: SlotQuery): LocalDate[] {
    const dates: LocalDate[] = [];
    for (let date = q.from; date <= q.to; date = addDays(date, 1)) if (!q.holidays.includes(date)) dates.push(date);
    return dates;
  }

  const instantsOf = (q: SlotQuery, date: LocalDate, hours: MinuteRange[]): Interval[] =>
    hours.map((each) => ({
      start: zonedWallTimeToUtc(date, each.start, q.timeZone),
      end: zonedWallTimeToUtc(date, each.end, q.timeZone),
    }));

  /** Opening hours on `date` as real time; null when the query sets none. */
  function businessIntervals(q: SlotQuery, date: LocalDate): Interval[] | null {
    const hours = q.businessHours;
    if (!hours) return null;
    return instantsOf(q, date, unionByMinute(hours.special[date] ?? hours.weekly[weekdayOf(date)] ?? []));
  }

  /** The minutes any range covers, read back as runs: the union, counted minute by minute. */
  function unionByMinute(ranges: readonly MinuteRange[]): MinuteRange[] {
    const covered = new Uint8Array(1441);
    for (const range of ranges) covered.fill(1, range.start, Math.max(range.start, range.end));
    const runs: MinuteRange[] = [];
    for (let minute = 0, start = -1; minute <= 1440; minute++) {
      if (covered[minute] && start < 0) start = minute;
      if (!covered[minute] && start >= 0) {
        runs.push({ start, end: minute });
        start = -1;
      }
    }
    return runs;
  }

  /** Stretches of work on one grid each: per location, its own ranges with the untied ones. */
  function stretches(ranges: readonly WorkingRange[]): MinuteRange[] {
    const untied = ranges.filter((range) => !range.locationId);
    const locations = [...new Set(ranges.flatMap((range) => (range.locationId ? [range.locationId] : [])))];
    if (locations.length === 0) return unionByMinute(untied);
    return locations.flatMap((location) => unionByMinute([...ranges.filter((range) => range.locationId === location), ...untied]));
  }

  function staffIntervals(q: SlotQuery, staff: StaffAvailability, date: LocalDate): Interval[] {
    const override = staff.overrides[date];
    return instantsOf(q, date, override ? unionByMinute(override) : stretches(staff.weekly[weekdayOf(date)] ?? []));
  }

  /** Each working range of one person cut to opening hours, as real-time intervals the grid is counted in. */
  function bookableIntervals(q: SlotQuery, staff: StaffAvailability): Interval[] {
    return openDates(q).flatMap((date) => {
      const open = businessIntervals(q, date);
      return staffIntervals(q, staff, date).flatMap((work) =>
        open === null
          ? [work]
          : open.map((hours) => ({ start: Math.max(work.start, hours.start), end: Math.min(work.end, hours.end) })),
      );
    });
  }

  /** Every on-grid start that fits inside those intervals, before any other rule. */
  function gridStarts(q: SlotQuery, staff: StaffAvailability): number[] {
    const stepMs = q.policy.slotIntervalMin * MINUTE_MS;
    const durationMs = q.service.durationMin * MINUTE_MS;
    const offsetMs = (q.policy.startOffsetMin ?? 0) * MINUTE_MS;
    return bookableIntervals(q, staff).flatMap((interval) => {
      const starts: number[] = [];
      for (let start = interval.start + offsetMs; start + durationMs <= interval.end; start += stepMs) {
        starts.push(start);
      }
      return starts;
    });
  }

  const bookingWindow = (q: SlotQuery, start: number): Interval => ({
    start: start - q.service.bufferBeforeMin * MINUTE_MS,
    end: start + (q.service.durationMin + q.service.bufferAfterMin) * MINUTE_MS,
  });
  const overlap = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

  function isFree(q: SlotQuery, staff: StaffAvailability, start: number): boolean {
    const window = bookingWindow(q, start);
    return staff.busy.every((busy) => busy.end <= busy.start || !overlap(busy, window));
  }

  const takenAt = (staff: StaffAvailability, start: number) => Math.max(0, staff.seats?.get(start) ?? 0);

  /** A seat left in the session at `start` (or no session yet), and no other session of theirs in the way. */
  function hasSeat(q: SlotQuery, staff: StaffAvailability, start: number): boolean {
    if (takenAt(staff, start) >= (q.service.capacity ?? 1)) return false;
    return [...(staff.seats ?? [])].every(
      ([session, taken]) =>
        taken <= 0 || session === start || !overlap(bookingWindow(q, session), bookingWindow(q, start)),
    );
  }

  function isFull(limits: BookingLimits | undefined, date: LocalDate): boolean {
    if (!limits) return false;
    const dayFull = limits.perDay != null && (limits.bookedByDay[date] ?? 0) >= limits.perDay;
    const weekFull = limits.perWeek != null && (limits.bookedByWeek[weekStartOf(date)] ?? 0) >= limits.perWeek;
    return dayFull || weekFull;
  }

  function withinLimits(q: SlotQuery, staff: StaffAvailability, start: number): boolean {
    const date = localDateOf(start, q.timeZone);
    return !isFull(q.service.limits, date) && !isFull(staff.limits, date);
  }

  /** From the minimum notice to the end of local day today + horizonDays. */
  function isBookable(q: SlotQuery, start: number): boolean {
    const lastDay = addDays(localDateOf(q.now, q.timeZone), q.policy.horizonDays);
    return start >= q.now + q.policy.minNoticeMin * MINUTE_MS && localDateOf(start, q.timeZone) <= lastDay;
  }

  const staffOf = (q: SlotQuery, id: string) => {
    const staff = q.staff.find((candidate) => candidate.staffId === id);
    if (!staff) throw new Error(`Unknown staff ${id}`);
    return staff;
  };

  it("offers only on-grid starts inside staff and opening hours, clear of busy time, within notice and horizon", () => {
    fc.assert(
      fc.property(slotQuery, (q) => {
        const slots = availableSlots(q);
        const stepMs = q.policy.slotIntervalMin * MINUTE_MS;
        const offsetMs = (q.policy.startOffsetMin ?? 0) * MINUTE_MS;
        const order = q.staff.map((staff) => staff.staffId);
        for (const slot of slots) {
          expect(slot.end - slot.start).toBe(q.service.durationMin * MINUTE_MS);
          expect(isBookable(q, slot.start)).toBe(true);
          expect(slot.staffIds.length).toBeGreaterThan(0);
          const positions = slot.staffIds.map((id) => order.indexOf(id));
          expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
          for (const id of slot.staffIds) {
            const staff = staffOf(q, id);
            const inside = (interval: Interval) => interval.start <= slot.start && slot.end <= interval.end;
            const insideHours = openDates(q).some((date) => {
              const open = businessIntervals(q, date);
              return staffIntervals(q, staff, date).some(inside) && (open === null || open.some(inside));
            });
            expect(insideHours).toBe(true);
            const onGrid = bookableIntervals(q, staff).some(
              (interval) =>
                interval.start + offsetMs <= slot.start &&
                slot.end <= interval.end &&
                (slot.start - interval.start - offsetMs) % stepMs === 0,
            );
            expect(onGrid).toBe(true);
            expect(isFree(q, staff, slot.start)).toBe(true);
          }
        }
        const starts = slots.map((slot) => slot.start);
        expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it("offers the same slots when hours are saved as overlapping or touching pieces, tied to a location or not", () => {
    const cuts = fc.array(fc.record({ end: fc.nat(), start: fc.nat(), tied: fc.boolean() }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(slotQuery, cuts, (drawn, cutList) => {
        const whole: SlotQuery = { ...drawn, staff: drawn.staff.map((staff) => ({ ...staff, weekly: untiedWeekly(staff.weekly) })) };
        let next = 0;
        // [start, end) as two pieces, [start, p) and [q, end) with q <= p: they overlap or touch.
        const pieces = (range: MinuteRange): WorkingRange[] => {
          const cut = cutList[next++ % cutList.length]!;
          const length = range.end - range.start;
          if (length < 2) return [range];
          const p = range.start + 1 + (cut.end % length);
          const q = range.start + (cut.start % (p - range.start));
          return [{ start: q, end: range.end, ...(cut.tied ? { locationId: "north" } : {}) }, { start: range.start, end: p }];
        };
        const split: SlotQuery = {
          ...whole,
          staff: whole.staff.map((staff) => ({
            ...staff,
            weekly: Object.fromEntries(Object.entries(staff.weekly).map(([day, ranges]) => [day, ranges.flatMap(pieces)])),
          })),
        };
        expect(availableSlots(split)).toEqual(availableSlots(whole));
      }),
      { numRuns: 200 },
    );
  });

  function untiedWeekly(weekly: StaffAvailability["weekly"]): StaffAvailability["weekly"] {
    return Object.fromEntries(Object.entries(weekly).map(([day, ranges]) => [day, ranges.map(({ start, end }) => ({ start, end }))]));
  }

  it("respects capacity and limits, and reports the most seats left", () => {
    fc.assert(
      fc.property(slotQuery, (q) => {
        const capacity = q.service.capacity ?? 1;
        for (const slot of availableSlots(q)) {
          for (const id of slot.staffIds) {
            const staff = staffOf(q, id);
            expect(hasSeat(q, staff, slot.start)).toBe(true);
            expect(withinLimits(q, staff, slot.start)).toBe(true);
          }
          const seatsLeft = Math.max(...slot.staffIds.map((id) => capacity - takenAt(staffOf(q, id), slot.start)));
          expect(slot.seatsLeft).toBe(capacity > 1 ? seatsLeft : undefined);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("offers every free on-grid start to everyone free at it", () => {
    fc.assert(
      fc.property(slotQuery, (q) => {
        const offered = new Set(availableSlots(q).flatMap((slot) => slot.staffIds.map((id) => `${id}@${slot.start}`)));
        for (const staff of q.staff) {
          for (const start of gridStarts(q, staff)) {
            if (!isBookable(q, start) || !isFree(q, staff, start)) continue;
            if (!hasSeat(q, staff, start) || !withinLimits(q, staff, start)) continue;
            expect(offered.has(`${staff.staffId}@${start}`)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
