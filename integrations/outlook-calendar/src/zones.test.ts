import { describe, expect, it } from "vitest";
import { graphAcceptsZone, graphWallTime, ianaZoneOf, instantOf, midnightOf, windowsZoneOf } from "./zones";

describe("Windows time-zone names as IANA zones (CLDR windowsZones)", () => {
  it.each([
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["Romance Standard Time", "Europe/Paris"],
    ["GMT Standard Time", "Europe/London"],
    ["Eastern Standard Time", "America/New_York"],
    ["Tokyo Standard Time", "Asia/Tokyo"],
    ["AUS Eastern Standard Time", "Australia/Sydney"],
    ["India Standard Time", "Asia/Kolkata"],
    ["FLE Standard Time", "Europe/Kyiv"],
    ["UTC", "UTC"],
    ["tzone://Microsoft/Utc", "UTC"],
    ["pacific standard time", "America/Los_Angeles"],
  ])("%s is %s", (windows, iana) => {
    expect(ianaZoneOf(windows)).toBe(iana);
  });

  it("keeps an IANA name and gives nothing for a custom or unknown zone", () => {
    expect(ianaZoneOf("Europe/Madrid")).toBe("Europe/Madrid");
    expect(ianaZoneOf("Customized Time Zone")).toBeNull();
    expect(ianaZoneOf("tzone://Microsoft/Custom")).toBeNull();
    expect(ianaZoneOf("Mars/Olympus_Mons")).toBeNull();
    expect(ianaZoneOf("")).toBeNull();
  });

  it("names IANA zones the Windows way, old links and every city of a Windows zone too", () => {
    expect(windowsZoneOf("Europe/Madrid")).toBe("Romance Standard Time");
    expect(windowsZoneOf("America/Toronto")).toBe("Eastern Standard Time");
    expect(windowsZoneOf("Europe/Kyiv")).toBe("FLE Standard Time");
    expect(windowsZoneOf("Europe/Kiev")).toBe("FLE Standard Time");
    expect(windowsZoneOf("Asia/Calcutta")).toBe("India Standard Time");
    expect(windowsZoneOf("UTC")).toBe("UTC");
    expect(windowsZoneOf("Mars/Olympus_Mons")).toBeNull();
  });

  it("knows which names Graph takes: Windows names and each Windows zone's own IANA zone", () => {
    expect(graphAcceptsZone("W. Europe Standard Time")).toBe(true);
    expect(graphAcceptsZone("Europe/Berlin")).toBe(true);
    expect(graphAcceptsZone("Asia/Kolkata")).toBe(true);
    expect(graphAcceptsZone("Europe/Madrid")).toBe(false);
    expect(graphAcceptsZone("Nowhere Standard Time")).toBe(false);
  });
});

describe("Graph's { dateTime, timeZone } as instants", () => {
  it("reads a wall time in a Windows zone on either side of a DST change", () => {
    // Europe/Berlin goes from +01:00 to +02:00 on 2027-03-28.
    expect(instantOf({ dateTime: "2027-03-27T09:00:00.0000000", timeZone: "W. Europe Standard Time" })).toBe(Date.parse("2027-03-27T08:00:00Z"));
    expect(instantOf({ dateTime: "2027-03-29T09:00:00.0000000", timeZone: "W. Europe Standard Time" })).toBe(Date.parse("2027-03-29T07:00:00Z"));
    expect(instantOf({ dateTime: "2027-03-29T09:00:00.5000000", timeZone: "UTC" })).toBe(Date.parse("2027-03-29T09:00:00.500Z"));
    expect(instantOf({ dateTime: "2027-03-29T09:00:00", timeZone: "Nowhere Standard Time" })).toBeNull();
  });

  it("places a date's midnight in a zone, and writes wall times as Graph does", () => {
    expect(midnightOf({ dateTime: "2027-03-28T00:00:00.0000000" }, "Europe/Berlin")).toBe(Date.parse("2027-03-27T23:00:00Z"));
    expect(midnightOf({ dateTime: "2027-03-29T00:00:00.0000000" }, "Europe/Berlin")).toBe(Date.parse("2027-03-28T22:00:00Z"));
    expect(graphWallTime(Date.parse("2027-03-29T07:00:00Z"), "Europe/Berlin")).toBe("2027-03-29T09:00:00.0000000");
    expect(graphWallTime(Date.parse("2027-03-29T07:00:00Z"), "UTC")).toBe("2027-03-29T07:00:00.0000000");
  });
});
