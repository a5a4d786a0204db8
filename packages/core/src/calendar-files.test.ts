import { describe, expect, it } from "vitest";
import { addToCalendarLinks, icsForAppointment, type IcsAppointment } from "./calendar-files";

const start = Date.UTC(2026, 2, 14, 9, 30);
const end = Date.UTC(2026, 2, 14, 10, 0);

function appointment(overrides: Partial<IcsAppointment> = {}): IcsAppointment {
  return {
    uid: "appt_42@frontdesk.test",
    sequence: 0,
    method: "REQUEST",
    start,
    end,
    summary: "Haircut with Sam",
    description: "Your appointment at Bella Salon.",
    organizer: { name: "Bella Salon", email: "desk@bella.test" },
    attendee: { name: "Ana García", email: "ana@example.test" },
    now: Date.UTC(2026, 2, 1, 12, 0, 5),
    ...overrides,
  };
}

interface ParsedProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Just enough of an RFC 5545 reader to check what a calendar would read back. */
function parseIcs(ics: string): ParsedProperty[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => {
      // Semicolons and colons inside a quoted parameter value are part of the value.
      const segments: string[] = [""];
      let inQuotes = false;
      let colon = line.length;
      for (let i = 0; i < line.length; i++) {
        const char = line[i] ?? "";
        if (char === '"') inQuotes = !inQuotes;
        if (!inQuotes && char === ":") {
          colon = i;
          break;
        }
        if (!inQuotes && char === ";") segments.push("");
        else segments[segments.length - 1] += char;
      }
      const [name = "", ...rawParams] = segments;
      const params = Object.fromEntries(
        rawParams.map((p) => {
          const eq = p.indexOf("=");
          return [p.slice(0, eq), p.slice(eq + 1).replace(/^"|"$/g, "")];
        }),
      );
      return { name, params, value: line.slice(colon + 1) };
    });
}

/** The file's lines as the octets a calendar reads, split on CRLF. */
function octetLines(ics: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(ics);
  const lines: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(from, i));
      from = i + 2;
    }
  }
  return lines;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function property(ics: string, name: string): ParsedProperty {
  const found = parseIcs(ics).find((p) => p.name === name);
  if (!found) throw new Error(`No ${name} in\n${ics}`);
  return found;
}

describe("icsForAppointment", () => {
  it("writes a VCALENDAR with CRLF line endings, one VEVENT and UTC times", () => {
    const ics = icsForAppointment(appointment());
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const names = parseIcs(ics).map((p) => p.name);
    expect(names.slice(0, 6)).toEqual(["BEGIN", "PRODID", "VERSION", "CALSCALE", "METHOD", "BEGIN"]);
    expect(property(ics, "PRODID").value).toBe("-//Frontdesk//Booking//EN");
    expect(property(ics, "VERSION").value).toBe("2.0");
    expect(property(ics, "CALSCALE").value).toBe("GREGORIAN");
    expect(property(ics, "METHOD").value).toBe("REQUEST");
    expect(property(ics, "DTSTART").value).toBe("20260314T093000Z");
    expect(property(ics, "DTEND").value).toBe("20260314T100000Z");
    expect(property(ics, "DTSTAMP").value).toBe("20260301T120005Z");
    expect(property(ics, "UID").value).toBe("appt_42@frontdesk.test");
    expect(property(ics, "SEQUENCE").value).toBe("0");
    expect(property(ics, "STATUS").value).toBe("CONFIRMED");
  });

  it("names the organizer and the attendee with mailto addresses", () => {
    const ics = icsForAppointment(appointment());
    expect(property(ics, "ORGANIZER")).toEqual({ name: "ORGANIZER", params: { CN: "Bella Salon" }, value: "mailto:desk@bella.test" });
    const attendee = property(ics, "ATTENDEE");
    expect(attendee.params.CN).toBe("Ana García");
    expect(attendee.params.PARTSTAT).toBe("ACCEPTED");
    expect(attendee.value).toBe("mailto:ana@example.test");
  });

  it("leaves out ORGANIZER when the business has no email", () => {
    const ics = icsForAppointment(appointment({ organizer: { name: "Bella Salon" } }));
    expect(parseIcs(ics).some((p) => p.name === "ORGANIZER")).toBe(false);
  });

  it("marks a cancellation with METHOD:CANCEL and STATUS:CANCELLED under the same UID", () => {
    const ics = icsForAppointment(appointment({ method: "CANCEL", sequence: 2 }));
    expect(property(ics, "METHOD").value).toBe("CANCEL");
    expect(property(ics, "STATUS").value).toBe("CANCELLED");
    expect(property(ics, "SEQUENCE").value).toBe("2");
    expect(property(ics, "UID").value).toBe("appt_42@frontdesk.test");
  });

  it("carries a reschedule's higher SEQUENCE and new times", () => {
    const later = Date.UTC(2026, 2, 15, 14, 0);
    const ics = icsForAppointment(appointment({ sequence: 1, start: later, end: later + 45 * 60_000 }));
    expect(property(ics, "SEQUENCE").value).toBe("1");
    expect(property(ics, "DTSTART").value).toBe("20260315T140000Z");
    expect(property(ics, "DTEND").value).toBe("20260315T144500Z");
  });

  it("escapes backslashes, semicolons, commas and newlines in text, and reads back the same text", () => {
    const description = "Bring: ID, insurance card; arrive 10 min early.\nParking\\garage B\r\nThanks";
    const ics = icsForAppointment(appointment({ description, location: "Calle Mayor 5, 2º; Madrid" }));
    expect(ics).toContain("LOCATION:Calle Mayor 5\\, 2º\\; Madrid");
    expect(unescapeText(property(ics, "DESCRIPTION").value)).toBe(description.replace(/\r\n/g, "\n"));
    expect(unescapeText(property(ics, "LOCATION").value)).toBe("Calle Mayor 5, 2º; Madrid");
  });

  it("keeps quotes and line breaks in names from breaking the parameter", () => {
    const ics = icsForAppointment(appointment({ attendee: { name: 'Ana "La Jefa"\r\nGarcía; CEO', email: "ana@example.test" } }));
    const attendee = property(ics, "ATTENDEE");
    expect(attendee.params.CN).toBe("Ana 'La Jefa' García; CEO");
    expect(attendee.value).toBe("mailto:ana@example.test");
  });

  it("folds long lines at 75 octets without splitting a multi-byte character", () => {
    const summary = "Consulta de fisioterapia — revisión 🦵 ".repeat(8) + "ñandú ".repeat(20);
    const description = "ü".repeat(300) + "😀".repeat(100);
    const ics = icsForAppointment(appointment({ summary, description }));
    const lines = octetLines(ics);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(75);
    // A line that ends inside a UTF-8 sequence does not decode on its own.
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (const line of lines) expect(() => strict.decode(line)).not.toThrow();
    expect(lines.some((line) => line[0] === 0x20)).toBe(true);
    expect(unescapeText(property(ics, "SUMMARY").value)).toBe(summary);
    expect(unescapeText(property(ics, "DESCRIPTION").value)).toBe(description);
  });

  it("refuses an appointment that ends before it starts", () => {
    expect(() => icsForAppointment(appointment({ end: start }))).toThrow(RangeError);
  });
});

describe("addToCalendarLinks", () => {
  const event = {
    start,
    end,
    title: "Haircut & beard trim",
    details: "With Sam at Bella Salon.\nManage: https://bella.test/m?t=a+b&x=1",
    location: "Calle Mayor 5, Madrid",
  };

  it("builds a Google Calendar template link with UTC dates", () => {
    const url = new URL(addToCalendarLinks(event).google);
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(url.searchParams.get("action")).toBe("TEMPLATE");
    expect(url.searchParams.get("dates")).toBe("20260314T093000Z/20260314T100000Z");
    expect(url.searchParams.get("text")).toBe(event.title);
    expect(url.searchParams.get("details")).toBe(event.details);
    expect(url.searchParams.get("location")).toBe(event.location);
  });

  it("builds Outlook.com and Office 365 compose links with ISO times", () => {
    const links = addToCalendarLinks(event);
    for (const [link, origin] of [
      [links.outlook, "https://outlook.live.com"],
      [links.office365, "https://outlook.office.com"],
    ] as const) {
      const url = new URL(link);
      expect(url.origin).toBe(origin);
      expect(url.pathname).toBe("/calendar/0/action/compose");
      expect(url.searchParams.get("subject")).toBe(event.title);
      expect(url.searchParams.get("startdt")).toBe("2026-03-14T09:30:00Z");
      expect(url.searchParams.get("enddt")).toBe("2026-03-14T10:00:00Z");
      expect(url.searchParams.get("body")).toBe(event.details);
      expect(url.searchParams.get("location")).toBe(event.location);
      expect(url.searchParams.get("path")).toBe("/calendar/action/compose");
      expect(url.searchParams.get("rru")).toBe("addevent");
    }
  });

  it("encodes reserved characters so no value leaks into another parameter", () => {
    const { google } = addToCalendarLinks(event);
    expect(google).toContain("text=Haircut%20%26%20beard%20trim");
    expect(google).not.toContain("+");
    expect(new URL(google).searchParams.get("x")).toBeNull();
  });

  it("leaves out the location when there is none", () => {
    const links = addToCalendarLinks({ start, end, title: "Call", details: "" });
    expect(new URL(links.google).searchParams.has("location")).toBe(false);
    expect(new URL(links.outlook).searchParams.has("location")).toBe(false);
  });
});
