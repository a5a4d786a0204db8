import { describe, expect, it } from "vitest";
import { z } from "zod";
import { businessPolicies, serviceConfig, staffConfig } from "./schemas";
import { createBookingInput } from "./schemas";
import { validationMessage } from "./validation-messages";

/** Every problem a person is told about, as `field: message`. */
function problems(schema: z.ZodType, input: unknown): string[] {
  return (schema.safeParse(input, { error: validationMessage }).error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("validation messages", () => {
  it("say what to put in a field instead of which type zod expected", () => {
    expect(problems(createBookingInput, { serviceId: "svc", start: "2026-03-14T09:30:00Z", customer: { name: null, email: "ada@example.com" } })).toEqual([
      "customer.name: Use text here, not null.",
    ]);
    expect(problems(serviceConfig, { name: "Cleaning", durationMin: "30" })).toEqual(["durationMin: Use a number here."]);
    expect(problems(staffConfig, { name: "Lee", serviceIds: "svc" })).toEqual(["serviceIds: Use a list here."]);
  });

  it("say what is missing, too small, too big or not a choice, in plain words", () => {
    expect(problems(createBookingInput, { start: "2026-03-14T09:30:00Z", customer: { name: "Ada", email: "ada@example.com" } })).toEqual([
      "serviceId: This is required.",
    ]);
    expect(problems(businessPolicies, { slotIntervalMin: 1, holdMinutes: 61, minNoticeMin: 1.5, assignmentPolicy: "fastest" })).toEqual([
      "minNoticeMin: Use whole minutes.",
      "slotIntervalMin: Use 5 or more.",
      "assignmentPolicy: Use one of \"least_busy\", \"round_robin\".",
      "holdMinutes: Use 60 or less.",
    ]);
    expect(problems(serviceConfig, { name: "x".repeat(121), durationMin: 30 })).toEqual(["name: Use at most 120 characters."]);
  });

  it("leave a schema's own message alone", () => {
    expect(problems(serviceConfig, { name: "Cleaning", durationMin: 2 })).toEqual(["durationMin: At least 5 minutes."]);
    expect(problems(z.string().min(3, "Three letters, please."), "ab")).toEqual([": Three letters, please."]);
  });
});
