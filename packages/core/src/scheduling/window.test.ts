import { describe, expect, it } from "vitest";
import { bookingWindow } from "./window";

const utc = (text: string) => Date.parse(text);
const iso = (instant: number) => new Date(instant).toISOString();

describe("bookingWindow", () => {
  const policy = { minNoticeMin: 90, horizonDays: 2 };

  it("starts after the minimum notice", () => {
    expect(iso(bookingWindow(policy, utc("2026-03-09T10:00:00Z"), "UTC").earliest)).toBe("2026-03-09T11:30:00.000Z");
  });

  it("ends at local midnight after the horizon's last day, early or late in today", () => {
    // New York is UTC-4 on 1 April 2026; Friday 3 April ends at 04:00Z on the 4th.
    expect(iso(bookingWindow(policy, utc("2026-04-01T11:00:00Z"), "America/New_York").end)).toBe("2026-04-04T04:00:00.000Z");
    expect(iso(bookingWindow(policy, utc("2026-04-02T03:59:00Z"), "America/New_York").end)).toBe("2026-04-04T04:00:00.000Z");
  });

  it("counts today in the business's zone, not in UTC", () => {
    // 23:30 on 1 April in New York is already 2 April in UTC.
    expect(iso(bookingWindow(policy, utc("2026-04-02T03:30:00Z"), "America/New_York").end)).toBe("2026-04-04T04:00:00.000Z");
    expect(iso(bookingWindow(policy, utc("2026-04-02T03:30:00Z"), "UTC").end)).toBe("2026-04-05T00:00:00.000Z");
  });

  it("with a horizon of 0 ends tonight", () => {
    expect(iso(bookingWindow({ minNoticeMin: 0, horizonDays: 0 }, utc("2026-03-09T10:00:00Z"), "Asia/Kolkata").end)).toBe("2026-03-09T18:30:00.000Z");
  });

  it("ends where the next day begins when that day skips midnight", () => {
    // Santiago moves from 00:00 to 01:00 on 6 September 2026: that day starts at 01:00 -03, 04:00Z.
    expect(iso(bookingWindow({ minNoticeMin: 0, horizonDays: 1 }, utc("2026-09-04T16:00:00Z"), "America/Santiago").end)).toBe("2026-09-06T04:00:00.000Z");
  });
});
