/**
 * What the fake Google holds, and the pieces of Google's wire manner its routes share: the JSON error body of the
 * Calendar API, the OAuth endpoints' `{ error, error_description }`, RFC 3339 times in a zone, opaque tokens.
 */
import { randomBytes } from "node:crypto";
import { tzOffset } from "@date-fns/tz";
import { zonedWallTimeToUtc } from "@frontdesk/core";
import type { calendar_v3 } from "../client";

export type GoogleEvent = calendar_v3.Schema$Event;
export type EventDateTime = calendar_v3.Schema$EventDateTime;
export type AccessRole = "owner" | "writer" | "reader" | "freeBusyReader";

export interface FakeUser {
  /** Google's stable account id (the id_token's `sub`). */
  sub: string;
  email: string;
  name: string | null;
}

export interface FakeCalendar {
  id: string;
  /** The `sub` of the account whose calendar list has it. */
  ownerSub: string;
  summary: string;
  timeZone: string;
  accessRole: AccessRole;
  primary: boolean;
  /** Google's id of the calendar's events collection: the `resourceId` of its channels. */
  resourceId: string;
  events: Map<string, FakeEvent>;
  /** Counts the calendar's changes; each takes the next number, and a sync token names the one it was given at. */
  changeNumber: number;
  /** Sync tokens of an older generation answer 410 (`invalidateSyncTokens`). */
  syncGeneration: number;
}

export interface FakeEvent {
  /** The event as Google answers with it (a recurring event's master, with its `recurrence`). */
  resource: GoogleEvent;
  /** The calendar's change number of its last change. */
  changedAt: number;
  /** Instances that later changes took out of a series (an EXDATE, a shorter rule), for incremental reads. */
  removedInstances: { id: string; originalStartTime: EventDateTime; changedAt: number }[];
}

export interface FakeGrant {
  refreshToken: string;
  sub: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

export interface FakeAccessToken {
  refreshToken: string;
  /** Epoch ms on the fake's clock. */
  expiresAt: number;
}

export interface FakeAuthorizationCode {
  sub: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** The S256 challenge of the authorization request, if it had one. */
  codeChallenge: string | null;
  offline: boolean;
  expiresAt: number;
}

export interface FakeChannel {
  id: string;
  resourceId: string;
  calendarId: string;
  address: string;
  token: string | null;
  expiresAt: number;
  /** The number of the last message sent (1 is the `sync`). */
  messageNumber: number;
  stopped: boolean;
}

export interface FakeGoogleState {
  users: Map<string, FakeUser>;
  calendars: Map<string, FakeCalendar>;
  grants: Map<string, FakeGrant>;
  accessTokens: Map<string, FakeAccessToken>;
  codes: Map<string, FakeAuthorizationCode>;
  channels: Map<string, FakeChannel>;
}

export function emptyState(): FakeGoogleState {
  return { users: new Map(), calendars: new Map(), grants: new Map(), accessTokens: new Map(), codes: new Map(), channels: new Map() };
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const statusNames: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  410: "FAILED_PRECONDITION",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** A Calendar API error: `{ error: { code, message, errors: [{ domain, reason, message }], status } }` with that HTTP status. */
export class GoogleFault extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly domain = "global",
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  asAnswer(): FakeAnswer {
    const error = { domain: this.domain, reason: this.reason, message: this.message };
    return { status: this.status, headers: this.headers, body: { error: { code: this.status, message: this.message, errors: [error], status: statusNames[this.status] ?? "UNKNOWN" } } };
  }
}

/** An error of the OAuth endpoints: `{ error, error_description }`. */
export class OAuthFault extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }

  asAnswer(): FakeAnswer {
    return { status: this.status, body: { error: this.error, error_description: this.message } };
  }
}

export const notFound = () => new GoogleFault(404, "notFound", "Not Found");
export const badRequest = (message: string, reason = "invalid") => new GoogleFault(400, reason, message);

/** An opaque token or id of URL-safe characters, with a prefix that tells what it is. */
export function opaque(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

/** Google's RFC 3339 for answers: to the second, `Z`. */
export function utc(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The instant in the zone's own offset, as Google writes an instance's start: `2027-03-29T09:00:00+02:00`. */
export function zoned(instant: number, timeZone: string): string {
  const offset = Math.round(tzOffset(timeZone, new Date(instant)));
  const wall = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${wall}${sign}${hours}:${minutes}`;
}

/** The wall-clock date and minutes since midnight of an instant in a zone. */
export function wallClock(instant: number, timeZone: string): { date: string; minutes: number } {
  const wall = instant + Math.round(tzOffset(timeZone, new Date(instant))) * 60_000;
  const date = new Date(wall).toISOString().slice(0, 10);
  return { date, minutes: (wall - Date.parse(`${date}T00:00:00Z`)) / 60_000 };
}

const rfc3339 = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * An event time's instant. Google reads a `dateTime` without an offset in the time's `timeZone` (and refuses it
 * with neither); an all-day `date` starts at midnight in `dayZone`, the calendar's zone.
 */
export function instantOf(time: EventDateTime | undefined, dayZone: string, field: string): number {
  if (time?.dateTime) {
    const match = rfc3339.exec(time.dateTime);
    if (!match) throw badRequest(`Invalid ${field} time.`);
    if (match[6]) return Date.parse(time.dateTime);
    if (!time.timeZone) throw badRequest(`Missing time zone definition for ${field} time.`);
    const seconds = Number(match[4] ?? 0) + Number(match[5] ?? 0);
    return zonedWallTimeToUtc(match[1]!, Number(match[2]) * 60 + Number(match[3]), time.timeZone) + seconds * 1000;
  }
  if (time?.date && /^\d{4}-\d{2}-\d{2}$/.test(time.date)) return zonedWallTimeToUtc(time.date, 0, dayZone);
  throw badRequest(`Missing ${field} time.`, "required");
}
