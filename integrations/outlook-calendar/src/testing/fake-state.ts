/**
 * What the fake Microsoft Graph holds (plain data, so `exportState` can hand it over whole) and the small pieces of
 * Graph's wire manner its routes share: error bodies, ids, dates and `@odata.nextLink` pages.
 */
import { createHash, randomUUID } from "node:crypto";
import { graphOrigin } from "../graph";

export interface FakeDateTime {
  /** Wall time as given, `2026-03-29T09:00:00`. */
  dateTime: string;
  /** As given: a Windows name or one of the IANA names Graph takes. */
  timeZone: string;
}

export interface FakeRecurrence {
  pattern: { type: "daily" | "weekly"; interval: number; daysOfWeek?: string[]; firstDayOfWeek?: string };
  range: { type: "endDate" | "noEnd" | "numbered"; startDate: string; endDate?: string; numberOfOccurrences?: number; recurrenceTimeZone?: string };
}

export interface FakeAttendee {
  emailAddress: { address: string; name: string };
  type: "required" | "optional" | "resource";
  status: { response: string; time: string };
}

export interface FakeEvent {
  id: string;
  /** `singleInstance` or `seriesMaster` (occurrences are made from a master when read). */
  type: "singleInstance" | "seriesMaster";
  subject: string;
  body: { contentType: string; content: string };
  start: FakeDateTime;
  end: FakeDateTime;
  isAllDay: boolean;
  showAs: string;
  isCancelled: boolean;
  isOrganizer: boolean;
  /** The mailbox owner's own answer: `organizer`, `accepted`, `tentativelyAccepted`, `declined`, `notResponded`, `none`. */
  response: string;
  attendees: FakeAttendee[];
  location: string;
  recurrence: FakeRecurrence | null;
  transactionId: string | null;
  /** Single-value extended properties by id, as set. */
  extendedProperties: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  /** Bumped on every change, as Outlook's changeKey is. */
  version: number;
}

export interface FakeCalendar {
  id: string;
  name: string;
  canEdit: boolean;
  isDefault: boolean;
  events: FakeEvent[];
}

export interface FakeUser {
  id: string;
  displayName: string;
  /** Null for some personal accounts; then `userPrincipalName` is the address. */
  mail: string | null;
  userPrincipalName: string;
  /** A Windows name, as Outlook keeps it. */
  mailboxTimeZone: string;
  /** A personal (outlook.com) account: no getSchedule. */
  personal: boolean;
  calendars: FakeCalendar[];
}

export interface FakeApp {
  clientId: string;
  /** Null for a public client. */
  clientSecret: string | null;
  redirectUris: string[];
}

export interface FakeAuthorizationCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: number;
  redeemed: boolean;
}

export interface FakeAccessToken {
  userId: string;
  scopes: string[];
  expiresAt: number;
}

export interface FakeRefreshToken {
  userId: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

export interface FakeSubscription {
  id: string;
  userId: string;
  calendarId: string;
  resource: string;
  changeTypes: string[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expiresAt: number;
  createdAt: number;
}

/** What a delta token stood for: a calendar's window and each instance's version when the round ended. */
export interface FakeDeltaToken {
  userId: string;
  calendarId: string;
  from: number;
  to: number;
  versions: Record<string, string>;
  valid: boolean;
}

/** A round of delta pages being read: its items are fixed when it starts, and the token it ends with. */
export interface FakeDeltaRound {
  items: unknown[];
  deltaToken: string;
  pageSize: number;
}

export interface FakeGraphState {
  tenantId: string;
  users: FakeUser[];
  apps: FakeApp[];
  codes: FakeAuthorizationCode[];
  accessTokens: Record<string, FakeAccessToken>;
  refreshTokens: Record<string, FakeRefreshToken>;
  subscriptions: FakeSubscription[];
  deltaTokens: Record<string, FakeDeltaToken>;
  deltaRounds: Record<string, FakeDeltaRound>;
  /** Makes ids: one more for each. */
  counter: number;
}

/** An answer of the fake's: Graph JSON, a redirect, or plain text. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A Graph error: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }` with that status. */
export class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  asAnswer(now: Date): FakeAnswer {
    const requestId = randomUUID();
    return {
      status: this.status,
      headers: { ...this.headers, "request-id": requestId },
      body: { error: { code: this.code, message: this.message, innerError: { date: now.toISOString().replace(/\.\d{3}Z$/, ""), "request-id": requestId, "client-request-id": requestId } } },
    };
  }
}

export const itemNotFound = () => new GraphFault(404, "ErrorItemNotFound", "The specified object was not found in the store.");
export const badRequest = (message: string, code = "ErrorInvalidRequest") => new GraphFault(400, code, message);
export const accessDenied = () => new GraphFault(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

/** An opaque id in the manner of Exchange's (base64 of the kind and a number), unique within the fake. */
export function newId(state: FakeGraphState, kind: string): string {
  state.counter += 1;
  return `AAMkAD${Buffer.from(createHash("sha256").update(`${state.tenantId}:${kind}:${state.counter}`).digest().subarray(0, 24)).toString("base64url")}=`;
}

/** A secret (code, token) of the fake's. */
export function newSecret(state: FakeGraphState, kind: string): string {
  state.counter += 1;
  return `${kind}.${createHash("sha256").update(`${state.tenantId}:${kind}:${state.counter}:${randomUUID()}`).digest("base64url")}`;
}

/** Graph's timestamps: ISO 8601 in UTC with seven fractional digits. */
export function graphTimestamp(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 23)}0000Z`;
}

/** The page size a list request asks for: `$top`, else `Prefer: odata.maxpagesize`, else Graph's default of 10. */
export function pageSizeOf(query: URLSearchParams, preferHeader: string | undefined, max = 1000): number {
  const top = query.get("$top");
  if (top !== null) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid $top value: ${top}.`, "BadRequest");
    return Math.min(n, max);
  }
  const preferred = /odata\.maxpagesize=(\d+)/i.exec(preferHeader ?? "")?.[1];
  return preferred ? Math.min(Math.max(Number(preferred), 1), max) : 10;
}

/** One page of a list and its `@odata.nextLink` (on Graph's host, with `$skip`), carrying the request's other options. */
export function listPage(items: unknown[], request: { path: string; query: URLSearchParams; preferHeader: string | undefined }): FakeAnswer {
  const size = pageSizeOf(request.query, request.preferHeader);
  const skip = Math.max(Number(request.query.get("$skip") ?? 0) || 0, 0);
  const page = items.slice(skip, skip + size);
  const body: Record<string, unknown> = { "@odata.context": `${graphOrigin}/v1.0/$metadata#collection`, value: page };
  if (skip + size < items.length) {
    const next = new URLSearchParams(request.query);
    next.set("$top", String(size));
    next.set("$skip", String(skip + size));
    body["@odata.nextLink"] = graphLink(request.path, next);
  }
  return { status: 200, body };
}

/** `$select=a,b`: the fields asked for (and `id`), or all of them. */
export function selected<T extends Record<string, unknown>>(record: T, query: URLSearchParams): Partial<T> {
  const select = query.get("$select");
  if (!select) return record;
  const fields = new Set(["id", "@odata.etag", ...select.split(",").map((field) => field.trim())]);
  return Object.fromEntries(Object.entries(record).filter(([key]) => fields.has(key))) as Partial<T>;
}

/** A link on Graph's host, as Graph writes them: `$` names as they are, values encoded. */
export function graphLink(path: string, query: URLSearchParams): string {
  const search = [...query].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("&");
  return `${graphOrigin}/v1.0${path}${search ? `?${search}` : ""}`;
}
