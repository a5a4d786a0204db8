/**
 * A fake Google on 127.0.0.1: a node:http server speaking the part of Google's published APIs the adapter uses — OAuth 2
 * with PKCE (consent, token, revoke), the Calendar API v3 (calendar list, freeBusy, events with sync tokens and
 * recurring events, watch, channels.stop) — and sending push notifications as Google does. One origin serves every
 * host: give `rootUrl` to `googleCalendar` and `oauthEndpoints` to `googleCalendarAuth`.
 *
 * A test plays the user in Google through plain methods (`addAccount`, `addEvent`, `changeEvent`, `deleteEvent`,
 * `revokeRefreshToken`, `invalidateSyncTokens`) and plays the network through faults (`inject`, `injectPush`).
 */
import { randomBytes, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { calendarRoutes, resourceUriOf, type CalendarContext, type ListingPage } from "./fake-calendar";
import { cancelEvent, insertEvent, patchEvent } from "./fake-events";
import { authenticate, authorize, revoke, token, type FakeConsent, type FakeOAuthClient, type OAuthContext } from "./fake-oauth";
import { emptyState, GoogleFault, notFound, OAuthFault, opaque, type AccessRole, type FakeAnswer, type FakeCalendar, type FakeChannel, type FakeGoogleState, type FakeUser, type GoogleEvent } from "./fake-state";

export type { FakeConsent, FakeOAuthClient } from "./fake-oauth";
export type { AccessRole, FakeCalendar, FakeChannel, FakeGoogleState, FakeUser, GoogleEvent } from "./fake-state";
export { channelMaxLifetimeMs, freeBusyMaxRangeMs } from "./fake-calendar";
export { maxInstances } from "./fake-recurrence";

export interface FakeCalendarInput {
  /** The calendar's id; `<random>@group.calendar.google.com` unless set (a primary calendar's is the account's email). */
  id?: string;
  summary?: string;
  /** IANA zone; the account's unless set. */
  timeZone?: string;
  accessRole?: AccessRole;
  primary?: boolean;
}

export interface FakeAccountInput {
  email: string;
  name?: string | null;
  /** Google's account id; 21 random digits unless set. */
  sub?: string;
  /** The zone of the account's calendars; UTC unless set. */
  timeZone?: string;
  /** Its calendars; a primary one (id: the email) is added unless one of them is primary. Later ones get the primary's zone. */
  calendars?: FakeCalendarInput[];
}

export interface FakeGoogleCalendarOptions {
  /** The clock tokens, channels and event stamps go by. */
  now?: () => Date;
  /** The OAuth clients it knows; by default one with a fresh id and secret. */
  clients?: FakeOAuthClient[];
  /** The port on 127.0.0.1; a free one unless set. */
  port?: number;
  /** The seed of the random numbers a fault's `fraction` draws on. */
  seed?: number;
  /** The most events or calendars on one page, whatever `maxResults` asks; 2500 unless set. */
  maxPageSize?: number;
  /** Where a push for `address` is really sent (a test's reverse proxy); the address itself unless set. */
  routePush?: (address: string) => string;
  /** What to start with, as `exportState` gave it. */
  state?: FakeGoogleState;
  /** Called after each change of the state. */
  onChange?: () => void;
}

export interface FakeRequest {
  method: string;
  /** The path as Google would have seen it, e.g. `/calendar/v3/freeBusy`. */
  path: string;
  query: URLSearchParams;
  /** The JSON body, or the form of the OAuth endpoints; undefined when empty. */
  body: unknown;
}

export interface DeliveredPush {
  channelId: string;
  address: string;
  /** Where it was sent (`routePush(address)`). */
  deliveredTo: string;
  headers: Record<string, string>;
  /** The receiver's HTTP status, or null when it could not be reached. */
  status: number | null;
  error?: string;
}

export interface FakeFault {
  /** The requests it is for: a method, and a path (substring or pattern). Any but the consent screen's unless set. */
  method?: string;
  path?: string | RegExp;
  /** How many matching requests it takes; 1, or every one it picks with `fraction`, unless set. */
  times?: number;
  /** Takes each matching request with this chance, drawn from the fake's seeded random numbers. */
  fraction?: number;
  /** Answers with this status and Google's error body (429 rateLimitExceeded, 500 and 503 backendError, …). */
  status?: number;
  reason?: string;
  message?: string;
  /** Sent as `Retry-After`: seconds, or a date. */
  retryAfter?: number | Date;
  /** Answers this much later (ms): with the error if `status` is set, else as usual. */
  delayMs?: number;
}

export interface FakePushFault {
  /** Lose the notification (its message number is used all the same, as a lost one's is), or send it twice. */
  kind: "drop" | "duplicate";
  times?: number;
  fraction?: number;
}

export interface FakeGoogleCalendar {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** For `googleCalendar({ rootUrl })`. */
  rootUrl: string;
  /** For `googleCalendarAuth({ endpoints })`. */
  oauthEndpoints: { authorizationUrl: string; tokenUrl: string; revokeUrl: string };
  /** The first OAuth client, for `googleCalendarAuth({ clientId, clientSecret })`. */
  client: FakeOAuthClient;
  state: FakeGoogleState;
  /** The requests, in arrival order (the latest 10,000). */
  requests: FakeRequest[];
  /** The push notifications sent, in order (the latest 10,000). */
  pushes: DeliveredPush[];
  addAccount(input: FakeAccountInput): FakeUser & { calendarIds: string[] };
  addCalendar(email: string, input: FakeCalendarInput): FakeCalendar;
  /** The user adds an event in Google (`id` optional). */
  addEvent(calendarId: string, event: GoogleEvent): GoogleEvent;
  /** The user changes an event, with Google's patch semantics (null clears a field). */
  changeEvent(calendarId: string, eventId: string, patch: GoogleEvent): GoogleEvent;
  /** The user deletes an event: it stays, cancelled, as in Google. */
  deleteEvent(calendarId: string, eventId: string): void;
  /** An event (or master of a series) as stored, cancelled ones included. */
  event(calendarId: string, eventId: string): GoogleEvent | undefined;
  /** Ends the grant of a refresh token, as the user removing the app's access does: the token then gets `invalid_grant`. */
  revokeRefreshToken(refreshToken: string): void;
  /** Every sync token given so far (of one calendar, or of all) answers 410 `fullSyncRequired`. */
  invalidateSyncTokens(calendarId?: string): void;
  /** What the next consents answer: whose account (else `login_hint`, else the first), which scopes, or a refusal. */
  consent(consent: FakeConsent): void;
  /** What a browser does with an authorization URL here: the callback URL (with `code` and `state`) it is sent back to. */
  authorize(authorizationUrl: URL | string): Promise<URL>;
  inject(fault: FakeFault): void;
  injectPush(fault: FakePushFault): void;
  clearFaults(): void;
  /** Resolves once every push due so far has been sent and answered. */
  idle(): Promise<void>;
  exportState(): FakeGoogleState;
  close(): Promise<void>;
}

const faultDefaults: Record<number, { reason: string; message: string; domain: string }> = {
  403: { reason: "rateLimitExceeded", message: "Rate Limit Exceeded", domain: "usageLimits" },
  429: { reason: "rateLimitExceeded", message: "Rate Limit Exceeded", domain: "usageLimits" },
  500: { reason: "backendError", message: "Backend Error", domain: "global" },
  503: { reason: "backendError", message: "Backend Error", domain: "global" },
};

export async function startFakeGoogleCalendar(options: FakeGoogleCalendarOptions = {}): Promise<FakeGoogleCalendar> {
  const now = options.now ?? (() => new Date());
  const clients = options.clients ?? [{ clientId: `${randomInt(1e11, 1e12)}-fake.apps.googleusercontent.com`, clientSecret: `GOCSPX-${randomBytes(18).toString("base64url")}` }];
  const state = options.state ? structuredClone(options.state) : emptyState();
  const random = seededRandom(options.seed ?? 1);
  const maxPageSize = options.maxPageSize ?? 2500;
  const changed = () => options.onChange?.();
  let consent: FakeConsent = {};
  const pages = new Map<string, ListingPage>();
  const requests: FakeRequest[] = [];
  const pushes: DeliveredPush[] = [];
  const faults: (FakeFault & { left: number })[] = [];
  const pushFaults: (FakePushFault & { left: number })[] = [];
  const pending = new Set<Promise<void>>();
  const queues = new Map<string, Promise<void>>();

  function taken<T extends { left: number; fraction?: number }>(list: T[], matches: (fault: T) => boolean): T | undefined {
    const fault = list.find((candidate) => matches(candidate) && (candidate.fraction === undefined || random() < candidate.fraction));
    if (fault && --fault.left <= 0) list.splice(list.indexOf(fault), 1);
    return fault;
  }

  const active = (channel: FakeChannel) => !channel.stopped && channel.expiresAt > now().getTime();

  function notify(channel: FakeChannel, resourceState: "sync" | "exists") {
    channel.messageNumber += 1;
    const fault = taken(pushFaults, () => true);
    const copies = fault?.kind === "drop" ? 0 : fault?.kind === "duplicate" ? 2 : 1;
    const calendar = state.calendars.get(channel.calendarId)!;
    const headers: Record<string, string> = {
      "x-goog-channel-id": channel.id,
      "x-goog-channel-expiration": new Date(channel.expiresAt).toUTCString(),
      "x-goog-resource-id": channel.resourceId,
      "x-goog-resource-uri": resourceUriOf(calendar),
      "x-goog-resource-state": resourceState,
      "x-goog-message-number": String(channel.messageNumber),
      ...(channel.token ? { "x-goog-channel-token": channel.token } : {}),
      "user-agent": "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)",
    };
    for (let copy = 0; copy < copies; copy += 1) {
      // One channel's messages go out in order, each after the one before was answered.
      const delivery = (queues.get(channel.id) ?? Promise.resolve()).then(() => deliver(channel, headers));
      queues.set(channel.id, delivery);
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
    }
  }

  async function deliver(channel: FakeChannel, headers: Record<string, string>) {
    const deliveredTo = options.routePush ? options.routePush(channel.address) : channel.address;
    const record: DeliveredPush = { channelId: channel.id, address: channel.address, deliveredTo, headers, status: null };
    remember(pushes, record);
    try {
      const response = await fetch(deliveredTo, { method: "POST", headers, signal: AbortSignal.timeout(15_000) });
      record.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  }

  function calendarChanged(calendar: FakeCalendar) {
    for (const channel of state.channels.values()) if (channel.calendarId === calendar.id && active(channel)) notify(channel, "exists");
    changed();
  }

  function oauthContext(): OAuthContext {
    return { state, clients, consent, now: now().getTime() };
  }

  async function answer(request: IncomingMessage): Promise<FakeAnswer> {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://fake.invalid");
    const path = url.pathname;
    const raw = await readBody(request);
    const form = /x-www-form-urlencoded/.test(request.headers["content-type"] ?? "") ? new URLSearchParams(raw) : undefined;
    const body = form ? Object.fromEntries(form) : raw ? parseJson(raw) : undefined;
    remember(requests, { method, path, query: url.searchParams, body });

    const fault = taken(faults, (candidate) => (!candidate.method || candidate.method === method) && (candidate.path === undefined ? !path.startsWith("/o/oauth2") : typeof candidate.path === "string" ? path.includes(candidate.path) : candidate.path.test(path)));
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
    if (fault?.status) {
      const known = faultDefaults[fault.status] ?? { reason: "backendError", message: "Backend Error", domain: "global" };
      const retryAfter: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter instanceof Date ? fault.retryAfter.toUTCString() : String(fault.retryAfter) };
      return new GoogleFault(fault.status, fault.reason ?? known.reason, fault.message ?? known.message, known.domain, retryAfter).asAnswer();
    }

    if (method === "GET" && path === "/o/oauth2/v2/auth") return authorize(oauthContext(), url.searchParams);
    if (method === "POST" && path === "/token") return token(oauthContext(), form ?? new URLSearchParams(), request.headers.authorization);
    if (method === "POST" && path === "/revoke") return revoke(oauthContext(), url.searchParams, form ?? new URLSearchParams());
    if (!path.startsWith("/calendar/v3/")) throw notFound();

    const { user, grant } = authenticate(oauthContext(), request.headers.authorization);
    for (const route of calendarRoutes) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (!match) continue;
      if (!route.scopes.some((scope) => grant.scopes.includes(scope))) {
        throw new GoogleFault(403, "insufficientPermissions", "Request had insufficient authentication scopes.");
      }
      const context: CalendarContext = {
        state,
        user,
        grant,
        now: now().getTime(),
        params: match.slice(1).map((part) => decodeURIComponent(part)),
        query: url.searchParams,
        body,
        maxPageSize,
        pages,
        changed: calendarChanged,
        opened: (channel) => notify(channel, "sync"),
      };
      return route.handle(context);
    }
    throw notFound();
  }

  function ownerOf(calendarId: string): { calendar: FakeCalendar; owner: FakeUser } {
    const calendar = state.calendars.get(calendarId);
    if (!calendar) throw new Error(`The fake has no calendar ${calendarId}.`);
    return { calendar, owner: state.users.get(calendar.ownerSub)! };
  }

  function addCalendar(email: string, input: FakeCalendarInput): FakeCalendar {
    const user = [...state.users.values()].find((candidate) => candidate.email === email);
    if (!user) throw new Error(`The fake has no account ${email}.`);
    const calendar: FakeCalendar = {
      id: input.id ?? (input.primary ? email : `${randomBytes(16).toString("hex")}@group.calendar.google.com`),
      ownerSub: user.sub,
      summary: input.summary ?? (input.primary ? email : "Calendar"),
      timeZone: input.timeZone ?? [...state.calendars.values()].find((calendar) => calendar.ownerSub === user.sub && calendar.primary)?.timeZone ?? "UTC",
      accessRole: input.accessRole ?? "owner",
      primary: input.primary ?? false,
      resourceId: opaque("", 20),
      events: new Map(),
      changeNumber: 0,
      syncGeneration: 0,
    };
    if (state.calendars.has(calendar.id)) throw new Error(`The fake has a calendar ${calendar.id} already.`);
    state.calendars.set(calendar.id, calendar);
    changed();
    return calendar;
  }

  const server = createServer((request, response) => {
    answer(request)
      .catch((error: unknown) => (error instanceof GoogleFault || error instanceof OAuthFault ? error.asAnswer() : new GoogleFault(500, "backendError", `The fake failed: ${String(error)}`).asAnswer()))
      .then((result) => {
        if (request.method !== "GET") changed();
        send(response, result);
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    rootUrl: `${origin}/`,
    oauthEndpoints: { authorizationUrl: `${origin}/o/oauth2/v2/auth`, tokenUrl: `${origin}/token`, revokeUrl: `${origin}/revoke` },
    client: clients[0]!,
    state,
    requests,
    pushes,
    addAccount(input) {
      const user: FakeUser = { sub: input.sub ?? `1${String(randomInt(1e10, 1e11))}${String(randomInt(1e9, 1e10))}`, email: input.email, name: input.name ?? null };
      if ([...state.users.values()].some((candidate) => candidate.email === user.email)) throw new Error(`The fake has an account ${user.email} already.`);
      state.users.set(user.sub, user);
      const calendars = input.calendars ?? [];
      const withPrimary = calendars.some((calendar) => calendar.primary) ? calendars : [{ primary: true }, ...calendars];
      const calendarIds = withPrimary.map((calendar) => addCalendar(user.email, { timeZone: input.timeZone, ...calendar }).id);
      return { ...user, calendarIds };
    },
    addCalendar,
    addEvent(calendarId, event) {
      const { calendar, owner } = ownerOf(calendarId);
      const added = insertEvent(calendar, owner, event, now().getTime());
      calendarChanged(calendar);
      return added.resource;
    },
    changeEvent(calendarId, eventId, patch) {
      const { calendar, owner } = ownerOf(calendarId);
      const event = patchEvent(calendar, owner, eventId, patch, now().getTime());
      calendarChanged(calendar);
      return event.resource;
    },
    deleteEvent(calendarId, eventId) {
      const { calendar } = ownerOf(calendarId);
      cancelEvent(calendar, eventId, now().getTime());
      calendarChanged(calendar);
    },
    event: (calendarId, eventId) => state.calendars.get(calendarId)?.events.get(eventId)?.resource,
    revokeRefreshToken(refreshToken) {
      const grant = state.grants.get(refreshToken);
      if (!grant) throw new Error("The fake never gave that refresh token.");
      grant.revoked = true;
      changed();
    },
    invalidateSyncTokens(calendarId) {
      for (const calendar of state.calendars.values()) if (!calendarId || calendar.id === calendarId) calendar.syncGeneration += 1;
      changed();
    },
    consent(next) {
      consent = { ...next };
    },
    async authorize(authorizationUrl) {
      const response = await fetch(authorizationUrl, { redirect: "manual" });
      const location = response.headers.get("location");
      if (response.status !== 302 || !location) throw new Error(`The consent screen answered ${response.status}: ${await response.text()}`);
      return new URL(location);
    },
    inject: (fault) => void faults.push({ ...fault, left: fault.times ?? (fault.fraction === undefined ? 1 : Infinity) }),
    injectPush: (fault) => void pushFaults.push({ ...fault, left: fault.times ?? (fault.fraction === undefined ? 1 : Infinity) }),
    clearFaults() {
      faults.length = 0;
      pushFaults.length = 0;
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    exportState: () => structuredClone(state),
    async close() {
      while (pending.size > 0) await Promise.all([...pending]);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** mulberry32: small, fast and seeded, so that a test's `fraction` picks the same requests on every run. */
function seededRandom(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(value ^ (value >>> 15), 1 | value);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// A sandbox server runs its fake for days: the logs keep the latest entries only.
const logLimit = 10_000;

function remember<T>(log: T[], entry: T) {
  log.push(entry);
  if (log.length > logLimit) log.splice(0, log.length - logLimit);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new GoogleFault(400, "parseError", "Parse Error");
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, result: FakeAnswer) {
  if (result.status === 204 || result.status === 302 || result.body === undefined) {
    response.writeHead(result.status, result.headers).end();
    return;
  }
  response.writeHead(result.status, { "content-type": "application/json; charset=UTF-8", ...result.headers }).end(JSON.stringify(result.body));
}
