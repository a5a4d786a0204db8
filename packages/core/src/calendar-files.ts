/**
 * Calendar files and "add to calendar" links for an appointment, built by hand so that core stays
 * dependency-free. The .ics follows RFC 5545 with the iTIP methods of RFC 5546: a calendar that
 * already holds the event updates it when UID matches and SEQUENCE is higher.
 */

export interface IcsAppointment {
  /** Globally unique and stable for the appointment's whole life, e.g. `appt_123@frontdesk.example`. */
  uid: string;
  /** Bump on every reschedule and on cancellation, or calendars ignore the update. */
  sequence: number;
  method: "REQUEST" | "CANCEL";
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  summary: string;
  description: string;
  location?: string;
  /** Without an email the ORGANIZER line is left out: it has to be a cal-address. */
  organizer: { name: string; email?: string };
  attendee?: { name: string; email: string };
  url?: string;
  /** Epoch ms of when the file is generated (DTSTAMP). */
  now: number;
}

const CRLF = "\r\n";
const MAX_LINE_OCTETS = 75;
const utf8 = new TextEncoder();

export function icsForAppointment(a: IcsAppointment): string {
  if (!a.uid) throw new RangeError("An appointment's calendar file needs a UID");
  if (!Number.isInteger(a.sequence) || a.sequence < 0) throw new RangeError(`SEQUENCE must be a non-negative integer: ${a.sequence}`);
  if (!(a.end > a.start)) throw new RangeError("An appointment must end after it starts");

  const cancelled = a.method === "CANCEL";
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Frontdesk//Booking//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${a.method}`,
    "BEGIN:VEVENT",
    `UID:${escapeText(a.uid)}`,
    `SEQUENCE:${a.sequence}`,
    `DTSTAMP:${utcDateTime(a.now)}`,
    `DTSTART:${utcDateTime(a.start)}`,
    `DTEND:${utcDateTime(a.end)}`,
    `SUMMARY:${escapeText(a.summary)}`,
    `DESCRIPTION:${escapeText(a.description)}`,
  ];
  if (a.location) lines.push(`LOCATION:${escapeText(a.location)}`);
  if (a.url) lines.push(`URL:${uriValue(a.url)}`);
  if (a.organizer.email) lines.push(`ORGANIZER;CN=${paramValue(a.organizer.name)}:mailto:${uriValue(a.organizer.email)}`);
  if (a.attendee) {
    // The customer booked it themselves, so they have already accepted; no RSVP buttons.
    lines.push(
      `ATTENDEE;CN=${paramValue(a.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${cancelled ? "DECLINED" : "ACCEPTED"};RSVP=FALSE:mailto:${uriValue(a.attendee.email)}`,
    );
  }
  lines.push(`STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`, `TRANSP:${cancelled ? "TRANSPARENT" : "OPAQUE"}`, "END:VEVENT", "END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** One appointment in a subscribed feed: the feed is re-read whole, so each event carries its current state. */
export interface IcsFeedEvent {
  uid: string;
  sequence: number;
  /** Epoch ms. */
  start: number;
  end: number;
  summary: string;
  description: string;
  location?: string;
  url?: string;
  /** TENTATIVE for a booking awaiting approval (it holds the time); CANCELLED for one that no longer happens. */
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  /** Epoch ms of the appointment's last change (LAST-MODIFIED). */
  modified: number;
}

/**
 * A subscribable calendar (RFC 5545, METHOD:PUBLISH) of several events, as Apple Calendar, Fastmail or Thunderbird
 * read a feed URL: `name` is the calendar's shown name and `timeZone` its zone (X-WR-TIMEZONE; times are in UTC).
 */
export function icsFeed(feed: { name: string; timeZone: string; now: number; refreshMinutes?: number; events: readonly IcsFeedEvent[] }): string {
  const refresh = `PT${feed.refreshMinutes ?? 15}M`;
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Frontdesk//Feed//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(feed.name)}`,
    `X-WR-TIMEZONE:${escapeText(feed.timeZone)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
    `X-PUBLISHED-TTL:${refresh}`,
  ];
  for (const event of feed.events) {
    if (!event.uid) throw new RangeError("A feed's event needs a UID");
    if (!(event.end > event.start)) throw new RangeError("An appointment must end after it starts");
    const cancelled = event.status === "CANCELLED";
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utcDateTime(feed.now)}`,
      `LAST-MODIFIED:${utcDateTime(event.modified)}`,
      `DTSTART:${utcDateTime(event.start)}`,
      `DTEND:${utcDateTime(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
    );
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${uriValue(event.url)}`);
    lines.push(`STATUS:${event.status}`, `TRANSP:${cancelled ? "TRANSPARENT" : "OPAQUE"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

export interface CalendarLinkEvent {
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  title: string;
  details: string;
  location?: string;
}

export interface CalendarLinks {
  google: string;
  outlook: string;
  office365: string;
}

export function addToCalendarLinks(event: CalendarLinkEvent): CalendarLinks {
  const google = query([
    ["action", "TEMPLATE"],
    ["text", event.title],
    // Google wants the literal slash between the two instants.
    ["dates", `${utcDateTime(event.start)}/${utcDateTime(event.end)}`, true],
    ["details", event.details],
    ...(event.location ? [["location", event.location] as const] : []),
  ]);
  const outlookQuery = query([
    ["subject", event.title],
    ["startdt", isoSeconds(event.start), true],
    ["enddt", isoSeconds(event.end), true],
    ["body", event.details],
    ...(event.location ? [["location", event.location] as const] : []),
    ["path", "/calendar/action/compose", true],
    ["rru", "addevent"],
  ]);
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/action/compose?${outlookQuery}`,
    office365: `https://outlook.office.com/calendar/0/action/compose?${outlookQuery}`,
  };
}

/** `20260314T093000Z`: the UTC form of DATE-TIME, which needs no VTIMEZONE. */
function utcDateTime(epochMs: number): string {
  return isoSeconds(epochMs).replace(/[-:]/g, "");
}

function isoSeconds(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Not an instant: ${epochMs}`);
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newline are escaped; other controls are not allowed. */
function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, "");
}

/** Always quoted; a quoted param-value can hold neither DQUOTE nor controls (RFC 5545 §3.1). */
function paramValue(value: string): string {
  return `"${value.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001F\u007F]/g, "").replace(/"/g, "'")}"`;
}

/** URI values are not TEXT-escaped, but a line break in one would end the property. */
function uriValue(value: string): string {
  return value.replace(/[\u0000-\u0020\u007F]/g, "");
}

/** Lines over 75 octets continue on the next line after a space (§3.1), never splitting a UTF-8 sequence. */
function foldLine(line: string): string {
  if (utf8.encode(line).length <= MAX_LINE_OCTETS) return line;
  const pieces: string[] = [];
  let current = "";
  let currentOctets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const octets = utf8.encode(char).length;
    if (currentOctets + octets > limit) {
      pieces.push(current);
      current = "";
      currentOctets = 0;
      // Continuation lines start with the folding space, which counts towards their 75 octets.
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    currentOctets += octets;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

function query(params: readonly (readonly [name: string, value: string, raw?: boolean])[]): string {
  return params.map(([name, value, raw]) => `${name}=${raw ? value : encodeURIComponent(value)}`).join("&");
}
