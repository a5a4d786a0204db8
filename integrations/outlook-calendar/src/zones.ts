/**
 * Time zones as Graph names them. Graph (Exchange) speaks Windows time-zone names ("Pacific Standard Time") in mailbox
 * settings, `originalStartTimeZone` and `{ dateTime, timeZone }` values, and also accepts a few IANA names; Frontdesk
 * keeps IANA names. The mapping is CLDR's windowsZones (src/windows-zones.data.ts, generated from CLDR 48).
 */
import { dateTimeFormat, isKnownTimeZone, zonedWallTimeToUtc } from "@frontdesk/core";
import { windowsZones } from "./windows-zones.data";

const windowsByIana = new Map<string, string>();
const windowsByLowerName = new Map<string, string>();
for (const [windows, [primary, others]] of Object.entries(windowsZones)) {
  windowsByLowerName.set(windows.toLowerCase(), windows);
  for (const zone of [...primary, ...others]) if (!windowsByIana.has(zone)) windowsByIana.set(zone, windows);
}

/**
 * The IANA zone for a zone name Graph gave: a Windows name maps to its CLDR "001" zone under IANA's current name
 * (`W. Europe Standard Time` → `Europe/Berlin`, `India Standard Time` → `Asia/Kolkata`); an IANA name the runtime
 * knows is kept; anything else (`tzone://Microsoft/Custom`, `Customized Time Zone`) is null.
 */
export function ianaZoneOf(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  const lower = trimmed.toLowerCase();
  if (lower === "utc" || lower === "tzone://microsoft/utc") return "UTC";
  const windows = windowsByLowerName.get(lower);
  if (windows) return windowsZones[windows]![0][0] ?? null;
  return trimmed.includes("/") && isKnownTimeZone(trimmed) ? trimmed : null;
}

/** The Windows name of an IANA zone (any of its names, old links too), or null when CLDR maps it to none. */
export function windowsZoneOf(ianaZone: string): string | null {
  if (ianaZone === "UTC") return "UTC";
  return windowsByIana.get(ianaZone) ?? null;
}

/** Whether Graph takes this name in a `{ dateTime, timeZone }` it is sent: a Windows name, or the IANA name of a Windows zone's "001" zone. */
export function graphAcceptsZone(name: string): boolean {
  const windows = windowsByLowerName.get(name.toLowerCase()) ?? windowsByIana.get(name);
  return windows !== undefined && (windows.toLowerCase() === name.toLowerCase() || windowsZones[windows]![0].includes(name));
}

const wallTime = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;

/**
 * The instant of a Graph `{ dateTime, timeZone }` (`2026-03-29T09:00:00.0000000` in `W. Europe Standard Time`), in
 * epoch ms; null when the zone or the time cannot be read. A wall time the zone skips moves forward by the gap.
 */
export function instantOf(value: { dateTime: string; timeZone?: string | null }, fallbackZone: string | null = null): number | null {
  const match = wallTime.exec(value.dateTime.trim().replace(/Z$/i, ""));
  const zone = ianaZoneOf(value.timeZone) ?? fallbackZone;
  if (!match || !zone) return null;
  const [, date, hours = "0", minutes = "0", seconds = "0", fraction = ""] = match;
  const ms = Number(seconds) * 1000 + Math.floor(Number(`0.${fraction || "0"}`) * 1000);
  return zonedWallTimeToUtc(date!, Number(hours) * 60 + Number(minutes), zone) + ms;
}

/** Midnight at the start of a Graph date-time's calendar date, in `zone`: where an all-day event starts or ends. */
export function midnightOf(value: { dateTime: string }, zone: string): number | null {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(value.dateTime.trim())?.[0];
  return date ? zonedWallTimeToUtc(date, 0, zone) : null;
}

/** The wall-clock time of an instant in `zone` as Graph writes one, `2026-03-29T09:00:00.0000000`. */
export function graphWallTime(instant: number, zone: string): string {
  if (zone === "UTC") return `${new Date(instant).toISOString().slice(0, 19)}.0000000`;
  const format = dateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const part = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.0000000`;
}
