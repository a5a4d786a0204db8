import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { dateOverrideConfig, holidayConfig, timeOffConfig, weeklyHours } from "./schemas";
import { availabilityInput, createBookingInput, manageAvailabilityInput } from "./schemas";

/** The first problem a person would be told about, with the field it points at. */
function problem(schema: z.ZodType, input: unknown): { field: string; message: string } | undefined {
  const result = schema.safeParse(input);
  const issue = result.error?.issues[0];
  return issue && { field: issue.path.join("."), message: issue.message };
}

describe("calendar dates", () => {
  const search = (from: string, to: string) => ({ serviceId: "svc_consult", from, to });

  it("refuses 31 November instead of reading it as 1 December", () => {
    expect(problem(availabilityInput, search("2026-11-31", "2026-12-02"))).toEqual({
      field: "from",
      message: "There is no 2026-11-31: November 2026 has 30 days.",
    });
  });

  it("refuses 32 December as a date, not as a range that is too long", () => {
    expect(problem(availabilityInput, search("2026-12-01", "2026-12-32"))).toEqual({
      field: "to",
      message: "There is no 2026-12-32: December 2026 has 31 days.",
    });
  });

  it("knows leap years: 29 February 2028 exists, 2026's and 2100's do not", () => {
    expect(problem(availabilityInput, search("2028-02-29", "2028-03-01"))).toBeUndefined();
    expect(problem(availabilityInput, search("2026-02-29", "2026-03-01"))?.message).toBe("There is no 2026-02-29: February 2026 has 28 days.");
    expect(problem(availabilityInput, search("2100-02-29", "2100-03-01"))?.field).toBe("from");
  });

  it("refuses month 13, day 0 and other shapes with an example of the right one", () => {
    expect(problem(availabilityInput, search("2026-13-01", "2026-13-02"))?.message).toBe("There is no month 13: use a date like 2026-03-14.");
    expect(problem(availabilityInput, search("2026-03-00", "2026-03-02"))?.field).toBe("from");
    expect(problem(availabilityInput, search("14/03/2026", "2026-03-15"))?.message).toBe("Use a date like 2026-03-14.");
  });

  it("applies to the manage page, date overrides and holidays alike", () => {
    expect(problem(manageAvailabilityInput, { token: "t".repeat(30), from: "2026-04-31", to: "2026-05-02" })?.field).toBe("from");
    expect(problem(dateOverrideConfig, { staffId: "stf_patel", date: "2026-06-31", ranges: [] })?.field).toBe("date");
    expect(problem(holidayConfig, { date: "2026-02-30", name: "Founders' day" })?.field).toBe("date");
  });

  it("refuses instants on days that do not exist", () => {
    const booking = { serviceId: "svc_consult", start: "2026-02-30T09:00:00Z", customer: { name: "Ada", email: "ada@example.com" } };
    expect(problem(createBookingInput, booking)?.field).toBe("start");
    expect(problem(timeOffConfig, { staffId: "stf_patel", start: "2026-04-31T00:00:00Z", end: "2026-05-02T00:00:00Z" })?.field).toBe("start");
  });
});

describe("wall-clock times", () => {
  it("take 00:00 to 24:00 and nothing else", () => {
    expect(problem(weeklyHours, { monday: [{ start: "00:00", end: "24:00" }] })).toBeUndefined();
    for (const time of ["24:01", "25:00", "12:60", "9:00", "09:00:00", "9am"]) {
      expect(problem(weeklyHours, { monday: [{ start: time, end: "24:00" }] })).toEqual({ field: "monday.0.start", message: "Use a time like 09:00 or 17:30." });
    }
  });
});
