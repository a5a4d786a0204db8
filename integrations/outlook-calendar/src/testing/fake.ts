/**
 * A fake Microsoft Graph and Entra ID on 127.0.0.1: a node:http server speaking the part of Graph v1.0 and of the
 * Microsoft identity platform's v2.0 endpoints that the Outlook calendar adapter uses, for tests and sandbox mode.
 *
 * Graph is served under `/v1.0/…`, as `https://graph.microsoft.com/v1.0/…`; links in answers (`@odata.nextLink`,
 * `@odata.deltaLink`) name Graph's real host, as Graph's do, and the adapter's `baseUrl` sends them here. Entra is
 * served under `/{tenant}/oauth2/v2.0/…`. Everything runs on the injected clock: tokens and subscriptions expire by it.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphLifecycleEvent } from "../webhook";
import { entra, knownScopes } from "./fake-entra";
import { eventFromBody, patchEvent } from "./fake-events";
import { calendarOf, graphRoutes, type ChangeType, type GraphContext, type GraphRoute } from "./fake-graph";
import { GraphFault, newId, newSecret, type FakeAnswer, type FakeAttendee, type FakeCalendar, type FakeEvent, type FakeGraphState, type FakeUser } from "./fake-state";
import { subscriptionService, type DeliveredPost } from "./fake-subscriptions";

export type { FakeCalendar, FakeEvent, FakeGraphState, FakeUser } from "./fake-state";
export type { DeliveredPost } from "./fake-subscriptions";

export interface FakeMicrosoftGraphOptions {
  /** The clock everything is dated and expired by. */
  now?: () => Date;
  /** The port on 127.0.0.1; a free one unless set. */
  port?: number;
  /** The app registrations; by default one with a fresh client id and secret and `redirectUris`. */
  apps?: { clientId: string; clientSecret: string | null; redirectUris: string[] }[];
  /** Redirect URIs of the default app. */
  redirectUris?: string[];
  /** How long an access token lives; Entra's usual hour unless set. */
  accessTokenLifetimeSeconds?: number;
  /** Where a post to a notification URL is really sent (a test's stand-in for a reverse proxy). */
  routeNotification?: (url: string) => string;
  /** What to start with, as `exportState` gave it. */
  state?: FakeGraphState;
}

export interface FakeRequest {
  method: string;
  area: "graph" | "entra";
  /** Graph's path after `/v1.0`, or Entra's after the tenant. */
  path: string;
  query: URLSearchParams;
  prefer: string | undefined;
  /** Graph's JSON body or Entra's form, read; the raw text for a request answered by a fault. */
  body: unknown;
  userId: string | undefined;
}

/** An answer to force on requests: an error (with Retry-After), a delay, or both. */
export interface FakeFault {
  /** The HTTP status to answer with; none to only delay. */
  status?: number;
  /** Graph's `error.code`; by the status unless set. */
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  /** Wait this long (real time) before answering. */
  delayMs?: number;
  method?: string;
  /** Matches the path after `/v1.0` (or the Entra path): a substring or a pattern. All requests unless set. */
  path?: string | RegExp;
  /** Carry the request out, then answer with the error: an answer lost on its way back. */
  afterHandling?: boolean;
}

export interface NewUser {
  id?: string;
  displayName: string;
  mail: string | null;
  userPrincipalName?: string;
  /** A Windows name, as Outlook keeps it; Pacific Standard Time unless set. */
  mailboxTimeZone?: string;
  personal?: boolean;
  /** The calendars besides the default one ("Calendar"). */
  calendars?: { name: string; canEdit?: boolean }[];
}

/** An event as a test (standing for the user in Outlook) makes it: Graph's create body, and what only others set. */
export interface ExternalEventInput extends Record<string, unknown> {
  subject?: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isAllDay?: boolean;
  showAs?: string;
  recurrence?: unknown;
  /** The user's answer to an invitation: `accepted`, `tentativelyAccepted`, `declined`, … (`organizer` unless set). */
  response?: string;
  isCancelled?: boolean;
  attendees?: FakeAttendee[];
}

export interface FakeMicrosoftGraph {
  /** `http://127.0.0.1:<port>`: the adapter's `baseUrl`. */
  url: string;
  state: FakeGraphState;
  /** The default app registration. */
  app: { clientId: string; clientSecret: string | null; redirectUris: string[] };
  /** Entra's endpoints on the fake for a tenant (`common` unless given), for `outlookCalendarAuth({ endpoints })`. */
  entraEndpoints(tenant?: string): { authorization: string; token: string };
  /** Requests to Graph and Entra, in arrival order (the latest 10,000). */
  requests: FakeRequest[];
  /** Posts made to notification URLs: handshakes, change and lifecycle notifications (the latest 10,000). */
  notifications: DeliveredPost[];
  addUser(user: NewUser): FakeUser;
  /** Who signs in at the authorize endpoint when no login_hint is given, granting `grant` (every scope asked unless set). */
  signInAs(userId: string, options?: { grant?: string[] }): void;
  /** An access token for the user, as if the token endpoint had issued it (all the fake's scopes unless given). */
  accessTokenFor(userId: string, scopes?: string[]): string;
  /** An event made in Outlook (the user's own, or an invitation they answered); subscriptions hear of it. */
  addEvent(userId: string, calendarId: string | null, event: ExternalEventInput): FakeEvent;
  updateEvent(userId: string, eventId: string, patch: Partial<ExternalEventInput>): FakeEvent;
  deleteEvent(userId: string, eventId: string): void;
  /** Every refresh token of the user stops working (`invalid_grant`). */
  revokeRefreshTokens(userId: string): void;
  /** Every delta link given so far answers 410 syncStateNotFound. */
  invalidateDeltaLinks(): void;
  /** The next `count` matching requests are answered with the fault. */
  failNext(fault: FakeFault, count?: number): void;
  /** A fraction of the matching requests, drawn from a seeded sequence (the same every run), get the fault. */
  failSome(options: { fraction: number; seed: number; fault: FakeFault }): void;
  clearFaults(): void;
  /** The next `count` change notifications are not sent. */
  dropNotifications(count: number): void;
  /** The next `count` change notifications are sent twice. */
  duplicateNotifications(count: number): void;
  /** Posts a lifecycle notification for the subscription; `subscriptionRemoved` also ends it. */
  lifecycle(subscriptionId: string, event: GraphLifecycleEvent): void;
  /** Resolves once every notification due so far has been answered. */
  idle(): Promise<void>;
  /** A copy of the state, for `state` on a later start. */
  exportState(): FakeGraphState;
  close(): Promise<void>;
}

const logLimit = 10_000;
const graphJson = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const faultCodes: Record<number, [string, string]> = {
  429: ["TooManyRequests", "Application is over its MailboxConcurrency limit."],
  500: ["generalException", "An unspecified error has occurred."],
  502: ["BadGateway", "The gateway received an invalid response."],
  503: ["serviceNotAvailable", "The service is temporarily unavailable. Try the request again after a delay."],
  504: ["GatewayTimeout", "The gateway did not receive a timely response."],
};

/** A seeded sequence in [0, 1) (mulberry32): the same fractions fail on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFakeMicrosoftGraph(options: FakeMicrosoftGraphOptions = {}): Promise<FakeMicrosoftGraph> {
  const clock = options.now ?? (() => new Date());
  const now = () => clock().getTime();
  const state: FakeGraphState = options.state
    ? structuredClone(options.state)
    : { tenantId: randomUUID(), users: [], apps: [], codes: [], accessTokens: {}, refreshTokens: {}, subscriptions: [], deltaTokens: {}, deltaRounds: {}, counter: 0 };
  if (state.apps.length === 0) {
    state.apps.push(...(options.apps ?? [{ clientId: randomUUID(), clientSecret: newSecret(state, "secret"), redirectUris: options.redirectUris ?? ["http://127.0.0.1/oauth/microsoft/callback"] }]));
  }
  const requests: FakeRequest[] = [];
  const notifications: DeliveredPost[] = [];
  const pending = new Set<Promise<void>>();
  const faults: { fault: FakeFault; remaining: number }[] = [];
  const sometimes: { fraction: number; next: () => number; fault: FakeFault }[] = [];
  const notificationFaults = { drop: 0, duplicate: 0 };
  let signedIn: { userId: string; grant: string[] | null } | undefined;

  const identity = entra({
    state,
    now,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3599,
    signedIn: () => {
      const user = signedIn ? state.users.find((candidate) => candidate.id === signedIn!.userId) : state.users[0];
      return user && { user, grant: signedIn?.userId === user.id ? signedIn.grant : null };
    },
  });
  const subscriptions = subscriptionService({
    state,
    now,
    routeNotification: options.routeNotification ?? ((url) => url),
    delivered: notifications,
    faults: notificationFaults,
    track(delivery) {
      const tracked = delivery.finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
  });
  const routes: GraphRoute[] = [...graphRoutes, ...subscriptions.routes];
  const changed = (user: FakeUser, calendar: FakeCalendar, eventId: string, changeType: ChangeType) => subscriptions.changed(user, calendar, eventId, changeType);

  function userOf(userId: string): FakeUser {
    const user = state.users.find((candidate) => candidate.id === userId);
    if (!user) throw new Error(`The fake has no user ${userId}.`);
    return user;
  }

  function eventOf(userId: string, eventId: string): { user: FakeUser; calendar: FakeCalendar; event: FakeEvent } {
    const user = userOf(userId);
    for (const calendar of user.calendars) {
      const event = calendar.events.find((candidate) => candidate.id === eventId);
      if (event) return { user, calendar, event };
    }
    throw new Error(`The fake's user ${userId} has no event ${eventId}.`);
  }

  /** What only someone other than the API's caller sets on an event: the user's answer, a cancellation, the attendees. */
  function applyOutside(event: FakeEvent, input: Partial<ExternalEventInput>) {
    if (input.response !== undefined) Object.assign(event, { response: input.response, isOrganizer: input.response === "organizer" });
    if (input.isCancelled !== undefined) event.isCancelled = input.isCancelled;
    if (input.attendees !== undefined) event.attendees = input.attendees;
  }

  function pickFault(method: string, path: string): FakeFault | undefined {
    const matches = (fault: FakeFault) => (!fault.method || fault.method === method) && (!fault.path || (typeof fault.path === "string" ? path.includes(fault.path) : fault.path.test(path)));
    const index = faults.findIndex(({ fault }) => matches(fault));
    if (index >= 0) {
      const entry = faults[index]!;
      if (--entry.remaining <= 0) faults.splice(index, 1);
      return entry.fault;
    }
    return sometimes.find((entry) => matches(entry.fault) && entry.next() < entry.fraction)?.fault;
  }

  function faultAnswer(fault: FakeFault & { status: number }, area: "graph" | "entra"): FakeAnswer {
    const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
    if (area === "entra") return { status: fault.status, headers, body: { error: "temporarily_unavailable", error_description: `AADSTS90033: ${fault.message ?? "A transient error has occurred. Please try again."}`, error_codes: [90033] } };
    const [code, message] = faultCodes[fault.status] ?? ["generalException", "An error was forced by the fake."];
    return new GraphFault(fault.status, fault.code ?? code, fault.message ?? message, headers).asAnswer(clock());
  }

  async function graph(request: IncomingMessage, path: string, query: URLSearchParams, raw: string): Promise<FakeAnswer> {
    const method = request.method ?? "GET";
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const token = bearer ? state.accessTokens[bearer] : undefined;
    const entry: FakeRequest = { method, area: "graph", path, query, prefer: headerOf(request, "prefer"), body: undefined, userId: token?.userId };
    remember(requests, entry);
    const unauthorized = (message: string) =>
      new GraphFault(401, "InvalidAuthenticationToken", message, { "www-authenticate": 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"' });
    if (!bearer) throw unauthorized("Access token is empty.");
    if (!token) throw unauthorized("IDX14100: JWT is not well formed, there are no dots (.).");
    if (token.expiresAt <= now()) throw unauthorized("Lifetime validation failed, the token is expired.");
    let body: Record<string, unknown> = {};
    if (raw.trim()) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw new GraphFault(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
      }
    }
    entry.body = body;
    for (const candidate of routes) {
      const match = candidate.method === method ? candidate.pattern.exec(path) : null;
      if (!match) continue;
      if (!candidate.scopes.some((scope) => token.scopes.includes(scope))) throw new GraphFault(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      const context: GraphContext = { state, user: userOf(token.userId), token, path, query, body, preferHeader: entry.prefer, now: now(), params: match.slice(1), changed };
      return candidate.handle(context);
    }
    throw new GraphFault(400, "BadRequest", `Resource not found for the segment '${path.split("/").filter(Boolean).at(-1) ?? ""}'.`);
  }

  async function answer(request: IncomingMessage): Promise<FakeAnswer> {
    const url = new URL(request.url ?? "/", "http://fake.invalid");
    const raw = await readBody(request);
    const method = request.method ?? "GET";
    const graphPath = url.pathname.startsWith("/v1.0/") ? url.pathname.slice("/v1.0".length) : null;
    const entraMatch = /^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)$/.exec(url.pathname);
    const area = graphPath !== null ? "graph" : "entra";
    const path = graphPath ?? (entraMatch ? `/oauth2/v2.0/${entraMatch[2]}` : url.pathname);
    const fault = pickFault(method, path);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const forced = fault?.status !== undefined ? faultAnswer(fault as FakeFault & { status: number }, area) : undefined;
    if (forced && !fault!.afterHandling) {
      remember(requests, { method, area, path, query: url.searchParams, prefer: headerOf(request, "prefer"), body: raw || undefined, userId: undefined });
      return forced;
    }
    let answered: FakeAnswer;
    if (graphPath !== null) {
      answered = await graph(request, graphPath, url.searchParams, raw);
    } else if (entraMatch) {
      const form = new URLSearchParams(raw);
      remember(requests, { method, area, path, query: url.searchParams, prefer: undefined, body: Object.fromEntries(form), userId: undefined });
      if (entraMatch[2] === "authorize" && method === "GET") answered = identity.authorize(url.searchParams);
      else if (entraMatch[2] === "token" && method === "POST") answered = identity.token(form, request.headers.authorization);
      else answered = { status: 405, body: { error: "invalid_request", error_description: "AADSTS900561: The endpoint only accepts POST requests." } };
    } else {
      answered = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Not found" };
    }
    return forced ?? answered;
  }

  const server = createServer((request, response) => {
    answer(request)
      .catch((error: unknown) => (error instanceof GraphFault ? error : new GraphFault(500, "generalException", `The fake failed: ${String(error)}`)).asAnswer(clock()))
      .then((result) => send(response, result));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    state,
    app: state.apps[0]!,
    entraEndpoints: (tenant = "common") => ({ authorization: `${url}/${tenant}/oauth2/v2.0/authorize`, token: `${url}/${tenant}/oauth2/v2.0/token` }),
    requests,
    notifications,
    addUser(input) {
      const user: FakeUser = {
        id: input.id ?? randomUUID(),
        displayName: input.displayName,
        mail: input.mail,
        userPrincipalName: input.userPrincipalName ?? input.mail ?? `${input.displayName.replace(/\W+/g, ".").toLowerCase()}@fake.onmicrosoft.com`,
        mailboxTimeZone: input.mailboxTimeZone ?? "Pacific Standard Time",
        personal: input.personal ?? false,
        calendars: [],
      };
      for (const calendar of [{ name: "Calendar", canEdit: true, isDefault: true }, ...(input.calendars ?? []).map((extra) => ({ canEdit: true, ...extra, isDefault: false }))]) {
        user.calendars.push({ id: newId(state, "calendar"), name: calendar.name, canEdit: calendar.canEdit, isDefault: calendar.isDefault, events: [] });
      }
      state.users.push(user);
      return user;
    },
    signInAs(userId, signIn = {}) {
      userOf(userId);
      signedIn = { userId, grant: signIn.grant ?? null };
    },
    accessTokenFor(userId, scopes = knownScopes) {
      userOf(userId);
      const token = newSecret(state, "access");
      state.accessTokens[token] = { userId, scopes, expiresAt: now() + (options.accessTokenLifetimeSeconds ?? 3599) * 1000 };
      return token;
    },
    addEvent(userId, calendarId, input) {
      const user = userOf(userId);
      const calendar = calendarOf(user, calendarId ?? undefined);
      const event = eventFromBody(state, input, now());
      applyOutside(event, input);
      calendar.events.push(event);
      changed(user, calendar, event.id, "created");
      return event;
    },
    updateEvent(userId, eventId, patch) {
      const { user, calendar, event } = eventOf(userId, eventId);
      patchEvent(event, patch, now());
      applyOutside(event, patch);
      changed(user, calendar, event.id, "updated");
      return event;
    },
    deleteEvent(userId, eventId) {
      const { user, calendar, event } = eventOf(userId, eventId);
      calendar.events.splice(calendar.events.indexOf(event), 1);
      changed(user, calendar, event.id, "deleted");
    },
    revokeRefreshTokens: (userId) => identity.revokeRefreshTokens(userId),
    invalidateDeltaLinks() {
      for (const token of Object.values(state.deltaTokens)) token.valid = false;
      state.deltaRounds = {};
    },
    failNext: (fault, count = 1) => void faults.push({ fault, remaining: count }),
    failSome: ({ fraction, seed, fault }) => void sometimes.push({ fraction, next: seeded(seed), fault }),
    clearFaults() {
      faults.length = 0;
      sometimes.length = 0;
    },
    dropNotifications: (count) => void (notificationFaults.drop += count),
    duplicateNotifications: (count) => void (notificationFaults.duplicate += count),
    lifecycle: (subscriptionId, event) => subscriptions.lifecycle(subscriptionId, event),
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

function remember<T>(log: T[], entry: T) {
  log.push(entry);
  if (log.length > logLimit) log.splice(0, log.length - logLimit);
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, result: FakeAnswer) {
  const headers = { ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    response.writeHead(result.status, headers).end();
    return;
  }
  if (typeof result.body === "string") {
    response.writeHead(result.status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(result.body);
    return;
  }
  response.writeHead(result.status, { "content-type": graphJson, ...headers }).end(JSON.stringify(result.body));
}
