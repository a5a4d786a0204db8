import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { businessPolicies, holidayConfig, locationConfig, serviceConfig, staffConfig, timeOffConfig } from "./schemas";
import { createBookingInput, manageCancelInput } from "./schemas";

function problem(schema: z.ZodType, input: unknown): { field: string; message: string } | undefined {
  const issue = schema.safeParse(input).error?.issues[0];
  return issue && { field: issue.path.join("."), message: issue.message };
}

const booking = (customer: { name: string }, more: Record<string, unknown> = {}) => ({
  serviceId: "svc_consult",
  start: "2026-03-14T09:30:00Z",
  customer: { email: "ada@example.com", ...customer },
  ...more,
});

describe("one-line text", () => {
  it("refuses a customer name with a line break, which would forge a line in a plain-text message", () => {
    expect(problem(createBookingInput, booking({ name: "Ada\r\nBcc: everyone@example.com" }))).toEqual({
      field: "customer.name",
      message: "Keep this to one line: remove the line break.",
    });
  });

  it("names the invisible character it refuses", () => {
    expect(problem(createBookingInput, booking({ name: "Ada\u0007" }))?.message).toBe("Remove the invisible control character (U+0007) from this text.");
    expect(problem(createBookingInput, booking({ name: "Ada\u0000Lovelace" }))?.message).toContain("U+0000");
    expect(problem(createBookingInput, booking({ name: "Ada\u009bLovelace" }))?.message).toContain("U+009B");
    expect(problem(createBookingInput, booking({ name: "Ada\u2028Lovelace" }))?.message).toBe("Keep this to one line: remove the line break.");
  });

  it("refuses the bidi overrides that would make a name read as something else", () => {
    expect(problem(createBookingInput, booking({ name: "Ada \u202egnp.exe" }))?.message).toBe("Remove the invisible control character (U+202E) from this text.");
    expect(problem(createBookingInput, booking({ name: "Ada \u2066x\u2069" }))?.message).toContain("U+2066");
  });

  it("keeps names in any script, with accents, emoji, joiners and direction marks", () => {
    const names = ["Zoë Ðurić", "李小龍", "José 👩‍⚕️", "O'Brien-Smith", "سارة\u200f 2"];
    for (const name of names) expect(createBookingInput.parse(booking({ name })).customer.name).toBe(name);
  });

  it("asks for a space instead of a tab", () => {
    expect(problem(staffConfig, { name: "Dr. Lee", title: "Dentist\tPhD" })).toEqual({ field: "title", message: "Replace the tab with a space." });
  });

  it("trims spaces and line breaks at either end instead of refusing them", () => {
    expect(createBookingInput.parse(booking({ name: "  Ada Lovelace\r\n" })).customer.name).toBe("Ada Lovelace");
  });

  it("applies to every name, title and reason", () => {
    const cases: [z.ZodType, Record<string, unknown>, string][] = [
      [serviceConfig, { name: "Cleaning\nFree!", durationMin: 30 }, "name"],
      [staffConfig, { name: "Dr.\rLee" }, "name"],
      [staffConfig, { name: "Dr. Lee", title: "Dentist\nPhD" }, "title"],
      [locationConfig, { name: "Down\ntown" }, "name"],
      [holidayConfig, { date: "2026-12-24", name: "Christmas\nEve" }, "name"],
      [businessPolicies, { name: "BrightSmile\n" + "Dental" }, "name"],
      [timeOffConfig, { staffId: "stf_lee", start: "2026-03-14T09:00:00Z", end: "2026-03-15T09:00:00Z", reason: "Conference\nin Rome" }, "reason"],
      [manageCancelInput, { token: "t".repeat(30), reason: "Ill\nsorry" }, "reason"],
    ];
    for (const [schema, input, field] of cases) expect(problem(schema, input)).toEqual({ field, message: "Keep this to one line: remove the line break." });
  });
});

describe("multi-line text", () => {
  it("keeps the customer's line breaks and tabs in notes, with CR LF made LF", () => {
    const notes = "Allergic to latex.\r\nPrefers mornings:\n\t- Mondays\n\t- Tuesdays";
    expect(createBookingInput.parse(booking({ name: "Ada" }, { notes })).notes).toBe("Allergic to latex.\nPrefers mornings:\n\t- Mondays\n\t- Tuesdays");
  });

  it("still refuses other control characters in notes, descriptions and addresses", () => {
    expect(problem(createBookingInput, booking({ name: "Ada" }, { notes: "Ring twice\u001b[2J" }))).toEqual({
      field: "notes",
      message: "Remove the invisible control character (U+001B) from this text.",
    });
    expect(problem(serviceConfig, { name: "Cleaning", durationMin: 30, description: "Scale\u0000polish" })?.field).toBe("description");
    expect(problem(locationConfig, { name: "Harbour", address: "1 Quay St\u007f" })?.field).toBe("address");
  });

  it("keeps an address over several lines", () => {
    expect(locationConfig.parse({ name: "Harbour", address: "1 Quay St\nPortsmouth" }).address).toBe("1 Quay St\nPortsmouth");
  });
});
