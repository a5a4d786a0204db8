import { describe, expect, it } from "vitest";
import { instantOf, timeInZone } from "./approvals.time";

describe("another time for an approval, on the business's wall clock", () => {
  it("reads a date and time with the zone's offset on that day, either side of a DST change", () => {
    expect(instantOf("2027-03-13", "09:00", "America/New_York")).toBe("2027-03-13T14:00:00.000Z");
    expect(instantOf("2027-03-15", "09:00", "America/New_York")).toBe("2027-03-15T13:00:00.000Z");
    expect(instantOf("2027-10-30", "09:00", "Europe/Madrid")).toBe("2027-10-30T07:00:00.000Z");
    expect(instantOf("2027-11-01", "09:00", "Europe/Madrid")).toBe("2027-11-01T08:00:00.000Z");
  });

  it("moves a time the spring change skips forward by the gap", () => {
    expect(instantOf("2027-03-14", "02:30", "America/New_York")).toBe("2027-03-14T07:30:00.000Z");
  });

  it("gives the field's time back in the zone, and refuses what is not a date and a time", () => {
    expect(timeInZone("2027-03-15T13:00:00.000Z", "America/New_York")).toBe("09:00");
    expect(instantOf("", "09:00", "America/New_York")).toBeUndefined();
    expect(instantOf("2027-03-15", "25:00", "America/New_York")).toBeUndefined();
  });
});
