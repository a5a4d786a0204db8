import { describe, expect, it } from "vitest";
import { addDays, addMonths, dateInZone, firstWeekday, lastDayOf, weekdayOf } from "./calendar-date";

describe("calendar dates", () => {
  it("steps over month and year ends and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(lastDayOf("2026-02")).toBe("2026-02-28");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
  });

  it("names the weekday of a day whatever zone the code runs in", () => {
    expect(weekdayOf("2026-03-09")).toBe(1);
    expect(weekdayOf("2026-03-08")).toBe(0);
  });

  it("puts an instant on the day it falls on in the given zone", () => {
    const instant = "2026-03-09T23:30:00Z";
    expect(dateInZone(instant, "UTC")).toBe("2026-03-09");
    expect(dateInZone(instant, "Europe/Berlin")).toBe("2026-03-10");
    expect(dateInZone(instant, "America/Los_Angeles")).toBe("2026-03-09");
  });

  it("starts the week on Sunday in the US and on Monday in Germany", () => {
    expect(firstWeekday("en-US")).toBe(0);
    expect(firstWeekday("de-DE")).toBe(1);
  });
});
