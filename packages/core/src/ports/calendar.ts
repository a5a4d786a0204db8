/**
 * The calendar port: a staff member's own calendar account (Google Calendar, Microsoft 365 / Outlook). Busy times
 * flow in, read incrementally and kept fresh by push notifications; appointments flow out as one stable event each.
 * An adapter is stateless: the server stores the tokens, the sync cursors and the push channels, and hands the
 * adapter what a call needs. Adapters throw `ProviderError` (with `retryAfterMs` on a 429 or 503 that says when)
 * and `SyncCursorExpired` when an incremental read must start again from nothing.
 */

export type CalendarProviderName = "google" | "microsoft";

/** What the provider's token endpoint gave: the refresh token is kept (sealed) to get new access tokens. */
export interface CalendarTokens {
  accessToken: string;
  /** Null when the provider did not send one (a refresh that keeps the old refresh token). */
  refreshToken: string | null;
  /** Epoch ms, on the clock the adapter was given (its `now` option), not necessarily the system's. */
  expiresAt: number;
  /** The scopes the user granted, which may be fewer than those asked for. */
  scopes: string[];
}

/** The account that was connected, as the provider names it. */
export interface CalendarAccount {
  /** Stable for the account at the provider (Google's `sub`, Graph's user id). */
  providerAccountId: string;
  email: string;
  name: string | null;
}

/** OAuth 2 with PKCE (authorization code, offline access) for one provider, set up with the app's client id and secret. */
export interface CalendarAuth {
  /** Where to send the staff member's browser; `state` and `codeVerifier` are kept by the server until the callback. */
  authorizationUrl(input: { state: string; codeVerifier: string; loginHint?: string }): URL;
  /** Trades the callback's code for tokens and reads who connected. */
  exchangeCode(input: { code: string; codeVerifier: string }): Promise<{ tokens: CalendarTokens; account: CalendarAccount }>;
  /**
   * New tokens from the refresh token. A refresh token the provider no longer honours (`invalid_grant`: revoked,
   * expired, password changed) throws `ProviderError` of kind `auth` with `providerCode: "invalid_grant"`.
   */
  refresh(refreshToken: string): Promise<CalendarTokens>;
  /** Revokes the grant at the provider where it can (Google); a provider without it resolves. */
  revoke(token: string): Promise<void>;
}

/** One connection's access: the server gives a fresh access token (refreshing it ahead of expiry). */
export interface CalendarAccess {
  accessToken(): Promise<string>;
}

export interface ExternalCalendar {
  id: string;
  name: string;
  primary: boolean;
  /** Whether events can be written there (owner or writer access). */
  canWrite: boolean;
  /** IANA zone, mapped from Windows names where the provider uses them; null if the provider gave none. */
  timeZone: string | null;
}

/** One event (one instance of a recurring event) as it keeps time: the availability engine reads these. */
export interface ExternalEvent {
  /** The provider's id of this event or instance, stable across reads. */
  id: string;
  /** Epoch ms, end exclusive. All-day events run from midnight to midnight in the event's own zone, else its calendar's. */
  start: number;
  end: number;
  allDay: boolean;
  /** Whether the time counts as busy: free (transparent) events and declined invitations do not. */
  busy: boolean;
  /** The appointment id when the event is one Frontdesk wrote (so it is not counted twice), from what the adapter wrote with it. */
  appointmentId: string | null;
}

/** What changed in a calendar since a cursor: events to keep (added or changed) and ids that are gone. */
export interface CalendarChanges {
  /** True when this was a full read: every event of the window is in `events`, and anything else stored is gone. */
  full: boolean;
  events: ExternalEvent[];
  removedIds: string[];
  /** Pass it to the next `changes` call (Google's sync token, Graph's delta link). */
  cursor: string;
}

/** The event an appointment is written as. No more personal data than the business chose goes in `description`. */
export interface AppointmentEvent {
  /** Ours, stable for the appointment's whole life: the same appointment always maps to the same event. */
  appointmentId: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** IANA zone the event is shown in. */
  timeZone: string;
  summary: string;
  description: string;
  location: string | null;
  /** A link to the appointment in Frontdesk. */
  url: string | null;
}

/** A push channel (Google `events.watch`, a Graph subscription), for renewal and for telling pushes apart. */
export interface PushChannel {
  /** Ours for Google (the channel id we chose); Graph's subscription id. */
  channelId: string;
  /** Google's resource id (needed to stop the channel); null for Graph. */
  resourceId: string | null;
  /** Epoch ms: renew before then. */
  expiresAt: number;
}

export interface WatchRequest {
  /** Our public HTTPS address the provider posts to. */
  webhookUrl: string;
  /** The id to give the channel, where the provider lets us choose (Google). */
  channelId: string;
  /** A secret the provider sends back with every push (Google's channel token, Graph's clientState): checked on receipt. */
  secret: string;
  /** Epoch ms asked for; the provider may give less. */
  expiresAt: number;
}

export interface CalendarProvider {
  readonly name: CalendarProviderName;
  /** The widest busy-time query the provider answers at once (ms); `busyTimes` splits longer ranges itself. */
  readonly busyWindowMs: number;
  calendars(access: CalendarAccess): Promise<ExternalCalendar[]>;
  /** Busy intervals of several calendars in [from, to), merged per calendar: a quick look that stores nothing. */
  busyTimes(access: CalendarAccess, calendarIds: string[], range: { from: number; to: number }): Promise<Map<string, { start: number; end: number }[]>>;
  /**
   * Events of one calendar: all of them in `window` when `cursor` is null, else what changed since `cursor` (an event
   * changed to outside the window may come as removed; an unchanged one the window slides over does not come at all,
   * so read in full again as the window moves).
   * Recurring events come expanded into their instances. Follows the provider's pages up to `maxEvents`
   * (then throws `ProviderError` of kind `rejected`). Throws `SyncCursorExpired` when the cursor is no longer good.
   */
  changes(access: CalendarAccess, calendarId: string, cursor: string | null, window: { from: number; to: number }, maxEvents?: number): Promise<CalendarChanges>;
  /** Creates the appointment's event, or updates it when it exists: calling it twice leaves one event. */
  upsertEvent(access: CalendarAccess, calendarId: string, event: AppointmentEvent, knownEventId: string | null): Promise<{ eventId: string }>;
  /**
   * The id of the appointment's event in the calendar, or null: for a write whose answer was lost, so that the event
   * it may have made can still be deleted.
   */
  findAppointmentEvent(access: CalendarAccess, calendarId: string, appointmentId: string): Promise<string | null>;
  /** Deleting an event already deleted succeeds. */
  deleteEvent(access: CalendarAccess, calendarId: string, eventId: string): Promise<void>;
  /** Asks the provider to push changes of the calendar until about `expiresAt`. */
  watch(access: CalendarAccess, calendarId: string, request: WatchRequest): Promise<PushChannel>;
  /**
   * Keeps the pushes coming until about `request.expiresAt`, before `channel` expires. Graph extends the subscription
   * in place (its id and secret stay); Google opens a new channel (`request.channelId`, `request.secret`) and stops
   * the old one. Pushes may come through both for a moment: they only say "read the changes". A Graph subscription
   * already gone throws `ProviderError` of kind `not_found`: `watch` again.
   */
  renewWatch(access: CalendarAccess, calendarId: string, channel: PushChannel, request: WatchRequest): Promise<PushChannel>;
  /** A channel that is already gone stops without an error. */
  stopWatch(access: CalendarAccess, channel: PushChannel): Promise<void>;
}

/** An incremental read's cursor is no longer good (Google's 410 Gone, Graph's expired delta token): read everything again. */
export class SyncCursorExpired extends Error {
  override readonly name = "SyncCursorExpired";
  constructor(readonly provider: CalendarProviderName, options: { cause?: unknown } = {}) {
    super(`${provider} no longer knows this sync cursor: a full read is needed.`, options);
  }
}
