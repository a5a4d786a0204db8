import { describe, expect, it } from "vitest";
import { addDays, weekStartOf, weekdayOf } from "./dates";
import { localDateOf, zonedWallTimeToUtc } from "./zone";

const iso = (instant: number) => new Date(instant).toISOString();
const at = (hours: number, minutes = 0) => hours * 60 + minutes;

describe("zonedWallTimeToUtc", () => {
  describe("9:00 local on ordinary and transition days", () => {
    const vectors: [zone: string, date: string, utc: string][] = [
      ["UTC", "2026-03-08", "2026-03-08T09:00:00.000Z"],
      ["America/New_York", "2026-03-07", "2026-03-07T14:00:00.000Z"],
      ["America/New_York", "2026-03-08", "2026-03-08T13:00:00.000Z"],
      ["America/New_York", "2026-11-01", "2026-11-01T14:00:00.000Z"],
      ["Europe/Berlin", "2026-03-28", "2026-03-28T08:00:00.000Z"],
      ["Europe/Berlin", "2026-03-29", "2026-03-29T07:00:00.000Z"],
      ["Europe/Berlin", "2026-10-25", "2026-10-25T08:00:00.000Z"],
      ["Asia/Kolkata", "2026-03-08", "2026-03-08T03:30:00.000Z"],
      ["Asia/Kathmandu", "2026-03-08", "2026-03-08T03:15:00.000Z"],
      ["Australia/Adelaide", "2026-10-03", "2026-10-02T23:30:00.000Z"],
      ["Australia/Adelaide", "2026-10-04", "2026-10-03T22:30:00.000Z"],
      ["Pacific/Chatham", "2026-07-01", "2026-06-30T20:15:00.000Z"],
      ["Pacific/Chatham", "2026-09-27", "2026-09-26T19:15:00.000Z"],
    ];
    it.each(vectors)("%s %s", (zone, date, utc) => {
      expect(iso(zonedWallTimeToUtc(date, at(9), zone))).toBe(utc);
    });
  });

  describe("a time skipped by spring-forward moves forward by the gap", () => {
    const vectors: [zone: string, date: string, minutes: number, utc: string][] = [
      ["America/New_York", "2026-03-08", at(2, 30), "2026-03-08T07:30:00.000Z"], // 3:30 EDT
      ["Europe/Berlin", "2026-03-29", at(2, 30), "2026-03-29T01:30:00.000Z"], // 3:30 CEST
      ["Australia/Adelaide", "2026-10-04", at(2, 30), "2026-10-03T17:00:00.000Z"], // 3:30 ACDT
      ["Pacific/Chatham", "2026-09-27", at(3), "2026-09-26T14:15:00.000Z"], // 4:00 CHADT
    ];
    it.each(vectors)("%s %s +%i min", (zone, date, minutes, utc) => {
      expect(iso(zonedWallTimeToUtc(date, minutes, zone))).toBe(utc);
    });
  });

  describe("a time repeated by fall-back resolves to the earlier instant", () => {
    const vectors: [zone: string, date: string, minutes: number, utc: string][] = [
      ["America/New_York", "2026-11-01", at(1, 30), "2026-11-01T05:30:00.000Z"], // 1:30 EDT
      ["Europe/Berlin", "2026-10-25", at(2, 30), "2026-10-25T00:30:00.000Z"], // 2:30 CEST
      ["Pacific/Chatham", "2026-04-05", at(3, 15), "2026-04-04T13:30:00.000Z"], // 3:15 CHADT
    ];
    it.each(vectors)("%s %s +%i min", (zone, date, minutes, utc) => {
      expect(iso(zonedWallTimeToUtc(date, minutes, zone))).toBe(utc);
    });
  });

  it("reads minutes past 24:00 as the next day", () => {
    expect(zonedWallTimeToUtc("2026-03-28", at(24), "Europe/Berlin")).toBe(
      zonedWallTimeToUtc("2026-03-29", 0, "Europe/Berlin"),
    );
  });

  it("rejects an unknown zone", () => {
    expect(() => zonedWallTimeToUtc("2026-03-08", at(9), "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  it("rejects a malformed date", () => {
    expect(() => zonedWallTimeToUtc("2026-3-8", at(9), "UTC")).toThrow(RangeError);
  });
});

describe("localDateOf", () => {
  it("changes date at local midnight, not UTC midnight", () => {
    expect(localDateOf(Date.parse("2026-03-07T18:29:59.999Z"), "Asia/Kolkata")).toBe("2026-03-07");
    expect(localDateOf(Date.parse("2026-03-07T18:30:00.000Z"), "Asia/Kolkata")).toBe("2026-03-08");
  });

  it("is a day behind UTC west of Greenwich in the evening", () => {
    expect(localDateOf(Date.parse("2026-11-02T04:59:00Z"), "America/New_York")).toBe("2026-11-01");
  });

  it("is a day ahead of UTC in Chatham", () => {
    expect(localDateOf(Date.parse("2026-09-26T19:15:00Z"), "Pacific/Chatham")).toBe("2026-09-27");
  });

  it("round-trips with zonedWallTimeToUtc", () => {
    expect(localDateOf(zonedWallTimeToUtc("2026-10-04", at(0, 30), "Australia/Adelaide"), "Australia/Adelaide")).toBe(
      "2026-10-04",
    );
  });
});

describe("weekdayOf", () => {
  it("counts from Sunday = 0", () => {
    expect(weekdayOf("2026-03-08")).toBe(0);
    expect(weekdayOf("2026-03-09")).toBe(1);
    expect(weekdayOf("2026-03-14")).toBe(6);
  });
});

describe("weekStartOf", () => {
  it("is the date itself on a Monday", () => {
    expect(weekStartOf("2026-03-09")).toBe("2026-03-09");
  });

  it("is the Monday before for every other day of the week, Sunday included", () => {
    for (const date of ["2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14", "2026-03-15"]) {
      expect(weekStartOf(date)).toBe("2026-03-09");
    }
  });

  it("reaches back across a month and a year", () => {
    expect(weekStartOf("2026-03-01")).toBe("2026-02-23");
    expect(weekStartOf("2027-01-01")).toBe("2026-12-28");
  });
});

describe("addDays", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("goes backwards for negative n", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
