import { randomBytes } from "node:crypto";
import { FrontdeskError, type CalendarProviderName, type CalendarConnectionView, type ExternalCalendar } from "@frontdesk/core";
import { forTenant, randomId, takeCalendarConnectAttempt, type CalendarConnection, type Db, type Tenant } from "@frontdesk/db";
import type { AccountMail } from "../accounts/account-mail";
import type { CalendarAccessor } from "./access";
import { connectLinkLifetimeHours, connectLinks } from "./connect-links";
import type { CalendarProviders, CalendarSide } from "./providers";
import type { TokenSeal } from "./token-seal";

/** How long a connect attempt (the OAuth `state` and PKCE verifier) waits for the provider's callback. */
export const connectAttemptLifetimeMs = 10 * 60_000;
/** Where the browser goes after connecting when the caller named nowhere (and after a connect link). */
export const defaultReturnTo = "/back-office";

const providerNames: Record<CalendarProviderName, string> = { google: "Google Calendar", microsoft: "Outlook calendar" };

/** Why a connection did not happen, as the `reason` of `?calendar=error&reason=…` says it to the page it returns to. */
export type ConnectRefusal =
  | "access_denied"
  | "unknown_state"
  | "provider_error"
  | "not_configured"
  | "invalid_link"
  | "link_expired"
  | "choose_provider";

export interface CalendarConnectDeps {
  db: Db;
  now: () => number;
  /** Signs connect links (the server's secret). */
  secret: string;
  publicUrl: string;
  /** Origins besides `publicUrl`'s a `returnTo` may lead to (`FRONTDESK_TRUSTED_ORIGINS`). */
  trustedOrigins: string[];
  providers: CalendarProviders;
  seal: TokenSeal;
  access: CalendarAccessor;
  mail: AccountMail;
  /** A connection's calendars, or which of them count as busy, changed: the read sync (re)starts their reads and channels. */
  onCalendarsChanged?(tenantId: string, connectionId: string): Promise<void>;
  /**
   * The staff member's destination calendar was chosen (again), or the connection holding it was connected again: the
   * write sync fills it with their upcoming appointments.
   */
  onDestinationChosen?(tenantId: string, staffId: string): Promise<void>;
  /** Before a connection is removed: the read sync stops its push channels while the tokens still work. */
  beforeDisconnect?(connection: CalendarConnection): Promise<void>;
  log?: (line: string, error?: unknown) => void;
}

/** Who starts a connection: the staff record it is for, the signed-in person (null for a connect link) and their address. */
export interface ConnectingPerson {
  staffId: string;
  userId: string | null;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/**
 * Connecting staff members' own calendars: the OAuth start (an attempt with `state` and a sealed PKCE verifier, from a
 * session or from a signed connect link), the provider's callback (tokens sealed, the calendar list read), the choice of
 * calendars, a fresh read of the list, disconnecting, and the mail that asks a staff member to connect again.
 */
export function calendarConnectService(deps: CalendarConnectDeps) {
  const { db, now, seal } = deps;
  const log = deps.log ?? ((line: string, error?: unknown) => console.error(line, error ?? ""));
  const publicOrigin = new URL(deps.publicUrl).origin;
  const trusted = new Set([publicOrigin, ...deps.trustedOrigins.map((origin) => new URL(origin).origin)]);

  function sideOf(provider: CalendarProviderName): CalendarSide {
    const side = deps.providers[provider];
    if (!side) throw new FrontdeskError("PROVIDER_NOT_CONFIGURED", `This server has no ${providerNames[provider]} app set up. Its operator sets one up (docs/calendar-sync.md).`, { field: "provider" });
    return side;
  }

  /**
   * A path on this server, or a page of a trusted origin or of one of `alsoOrigins` (an embed session's own); anything
   * else is refused, so the callback cannot be an open redirect.
   */
  function checkedReturnTo(returnTo: string | undefined, alsoOrigins: readonly string[] = []): string {
    if (returnTo === undefined) return defaultReturnTo;
    const refused = () => new FrontdeskError("VALIDATION_FAILED", "Give a path on this server (such as /back-office) or a page of one of its trusted origins.", { field: "returnTo" });
    if (returnTo.startsWith("/")) {
      if (returnTo.startsWith("//") || returnTo.includes("\\")) throw refused();
      return returnTo;
    }
    let url: URL;
    try {
      url = new URL(returnTo);
    } catch {
      throw refused();
    }
    if (!trusted.has(url.origin) && !alsoOrigins.some((origin) => new URL(origin).origin === url.origin)) throw refused();
    return url.href;
  }

  /** `returnTo` with the outcome added, as an absolute URL for the `Location` header. */
  function outcomeUrl(returnTo: string, outcome: { connected: string } | { refused: ConnectRefusal }): string {
    const url = new URL(returnTo, deps.publicUrl);
    if ("connected" in outcome) {
      url.searchParams.set("calendar", "connected");
      url.searchParams.set("connection", outcome.connected);
    } else {
      url.searchParams.set("calendar", "error");
      url.searchParams.set("reason", outcome.refused);
    }
    return url.href;
  }

  async function staffMember(tenantId: string, staffId: string) {
    const found = (await forTenant(db, tenantId).staff()).find((member) => member.id === staffId);
    if (!found) throw new FrontdeskError("UNKNOWN_STAFF", "This business has no such staff member.", { field: "staffId" });
    return found;
  }

  /** The address a staff member is reached at: the signed-in person's, else the staff record's, else their linked member's. */
  async function addressOf(tenantId: string, staffId: string, userId: string | null): Promise<{ email: string | null; name: string }> {
    const staff = await staffMember(tenantId, staffId);
    const members = await forTenant(db, tenantId).teamMembers();
    const person = userId ? members.find((member) => member.userId === userId) : undefined;
    const linked = members.find((member) => member.staffId === staffId);
    return { email: person?.email ?? staff.email ?? linked?.email ?? null, name: person?.name ?? staff.name };
  }

  /**
   * Keeps an attempt and gives the URL the browser goes to: the provider's consent page or, on the sandbox's own fake,
   * the callback on this server with the fake's answer (the fake consents on the server's side: its port need not be
   * reachable from the browser).
   */
  async function startAttempt(tenantId: string, provider: CalendarProviderName, person: ConnectingPerson, returnTo: string): Promise<URL> {
    const side = sideOf(provider);
    const { email, name } = await addressOf(tenantId, person.staffId, person.userId);
    const state = randomBytes(24).toString("base64url");
    const codeVerifier = randomBytes(48).toString("base64url");
    const added = await db.write((writer) =>
      forTenant(writer, tenantId).addCalendarConnectAttempt({
        state,
        staffId: person.staffId,
        provider,
        codeVerifierSealed: seal.seal(codeVerifier),
        connectedBy: person.userId,
        returnTo,
        expiresAt: now() + connectAttemptLifetimeMs,
      }),
    );
    if (!added) throw new FrontdeskError("UNKNOWN_STAFF", "This business has no such staff member.", { field: "staffId" });
    if (side.sandbox && email) side.sandbox.ensureAccount(email, name);
    const url = side.auth.authorizationUrl({ state, codeVerifier, ...(email ? { loginHint: email } : {}) });
    return side.sandbox ? side.sandbox.consent(url) : url;
  }

  const links = connectLinks({ secret: deps.secret, publicUrl: deps.publicUrl, now });
  const connectLinkUrl = links.url;

  async function connectionOf(tenantId: string, connectionId: string): Promise<CalendarConnection> {
    const connection = await forTenant(db, tenantId).calendarConnection(connectionId);
    if (!connection) throw new FrontdeskError("NOT_FOUND", "This business has no such calendar connection.", { field: "connectionId" });
    return connection;
  }

  async function calendarsChanged(tenantId: string, connectionId: string): Promise<void> {
    try {
      await deps.onCalendarsChanged?.(tenantId, connectionId);
    } catch (error) {
      log(`Calendar connection ${connectionId}: starting its sync failed.`, error);
    }
  }

  async function destinationChosen(tenantId: string, staffId: string): Promise<void> {
    try {
      await deps.onDestinationChosen?.(tenantId, staffId);
    } catch (error) {
      log(`Staff member ${staffId}: queueing their appointments for the destination calendar failed.`, error);
    }
  }

  /** Reads the provider's calendar list into the connection's calendars. */
  async function readCalendarList(connection: Pick<CalendarConnection, "tenantId" | "id" | "provider">): Promise<void> {
    const listed: ExternalCalendar[] = await sideOf(connection.provider).calendar.calendars(deps.access.of(connection));
    await db.write((writer) =>
      forTenant(writer, connection.tenantId).syncCalendarList(
        connection.id,
        listed.map((calendar) => ({ providerCalendarId: calendar.id, name: calendar.name, timeZone: calendar.timeZone, primary: calendar.primary, canWrite: calendar.canWrite })),
        now(),
        () => randomId("ccal"),
      ),
    );
  }

  /** The provider's answer at `/oauth/<provider>/callback`: where the browser goes next, whatever happened (never an error page). */
  async function callback(provider: CalendarProviderName, query: URLSearchParams): Promise<string> {
    const state = query.get("state");
    const attempt = state ? await db.write((writer) => takeCalendarConnectAttempt(writer, state, now())) : undefined;
    if (!attempt || attempt.provider !== provider) return outcomeUrl(defaultReturnTo, { refused: "unknown_state" });
    const back = (refused: ConnectRefusal) => outcomeUrl(attempt.returnTo, { refused });
    const error = query.get("error");
    if (error) return back(error === "access_denied" || error === "consent_required" ? "access_denied" : "provider_error");
    const code = query.get("code");
    const side = deps.providers[provider];
    if (!side) return back("not_configured");
    if (!code) return back("provider_error");

    let connectionId: string | undefined;
    try {
      const { tokens, account } = await side.auth.exchangeCode({ code, codeVerifier: seal.open(attempt.codeVerifierSealed) });
      const at = now();
      connectionId = await db.write((writer) =>
        forTenant(writer, attempt.tenantId).keepCalendarConnection({
          id: randomId("calc"),
          staffId: attempt.staffId,
          provider,
          providerAccountId: account.providerAccountId,
          email: account.email,
          accountName: account.name,
          accessTokenSealed: seal.seal(tokens.accessToken),
          refreshTokenSealed: tokens.refreshToken ? seal.seal(tokens.refreshToken) : null,
          accessExpiresAt: tokens.expiresAt,
          scopes: tokens.scopes.join(" "),
          connectedBy: attempt.connectedBy,
          createdAt: at,
          updatedAt: at,
        }),
      );
    } catch (failure) {
      log(`Connecting a ${provider} calendar failed at the token exchange.`, failure);
      return back("provider_error");
    }
    if (!connectionId) return back("unknown_state");
    try {
      await readCalendarList({ tenantId: attempt.tenantId, id: connectionId, provider });
    } catch (failure) {
      // The connection stands; `calendar.refreshCalendarList` reads the list again.
      log(`Calendar connection ${connectionId}: reading its calendar list failed.`, failure);
    }
    await calendarsChanged(attempt.tenantId, connectionId);
    // A first connection may make its primary calendar the destination; a reconnection resumes writes that waited.
    const destination = await forTenant(db, attempt.tenantId).destinationCalendarOf(attempt.staffId);
    if (destination?.calendar.connectionId === connectionId) await destinationChosen(attempt.tenantId, attempt.staffId);
    return outcomeUrl(attempt.returnTo, { connected: connectionId });
  }

  return {
    checkedReturnTo,
    connectionOf,
    /** For the read sync and the widgets' links: the signed connect link of a staff member. */
    connectLinkUrl,

    /**
     * Starts connecting the person's own calendar: the URL their browser goes to. `returnOrigins`: origins a
     * `returnTo` may also lead to for this caller alone (an embed session's `origins`).
     */
    async connect(
      tenant: Pick<Tenant, "id">,
      person: ConnectingPerson,
      input: { provider: CalendarProviderName; returnTo?: string | undefined },
      options: { returnOrigins?: readonly string[] } = {},
    ): Promise<{ url: string }> {
      const returnTo = checkedReturnTo(input.returnTo, options.returnOrigins);
      return { url: (await startAttempt(tenant.id, input.provider, person, returnTo)).href };
    },

    /** Mails the staff member a signed link that connects their calendar without a session. */
    async sendConnectLink(tenant: Pick<Tenant, "id" | "name">, inviterName: string, input: { staffId: string; provider?: CalendarProviderName | undefined }, locale?: string | null) {
      if (input.provider) sideOf(input.provider);
      else if (Object.keys(deps.providers).length === 0) sideOf("google");
      const { email, name } = await addressOf(tenant.id, input.staffId, null);
      if (!email) throw new FrontdeskError("VALIDATION_FAILED", "This staff member has no e-mail address: add one to their staff record, or link them to a member.", { field: "staffId" });
      const { url, expiresAt } = connectLinkUrl(tenant.id, input.staffId, input.provider ?? null);
      await deps.mail.send({
        kind: "calendar_connect",
        to: email,
        tenantId: tenant.id,
        data: {
          url,
          name,
          businessName: tenant.name,
          inviterName,
          ...(input.provider ? { calendarName: providerNames[input.provider] } : {}),
          expiresInHours: connectLinkLifetimeHours,
          locale: locale ?? null,
        },
      });
      return { sentTo: email, expiresAt: new Date(expiresAt).toISOString() };
    },

    /**
     * GET /calendar/connect?link=…[&provider=…]: where the browser goes. A link that names no provider, on a server with
     * both, needs `provider` (the route shows the choice): `choose_provider`.
     */
    async openConnectLink(token: string, provider: string | null): Promise<{ redirect: string } | { choose: CalendarProviderName[] }> {
      const link = links.verify(token);
      if (!link) return { redirect: outcomeUrl(defaultReturnTo, { refused: "invalid_link" }) };
      if (link.expiresAt <= now()) return { redirect: outcomeUrl(defaultReturnTo, { refused: "link_expired" }) };
      const configured = (Object.keys(deps.providers) as CalendarProviderName[]).filter((name) => deps.providers[name]);
      const chosen = link.provider ?? (provider === "google" || provider === "microsoft" ? provider : configured.length === 1 ? configured[0]! : null);
      if (!chosen) return configured.length === 0 ? { redirect: outcomeUrl(defaultReturnTo, { refused: "not_configured" }) } : { choose: configured };
      if (!deps.providers[chosen]) return { redirect: outcomeUrl(defaultReturnTo, { refused: "not_configured" }) };
      try {
        return { redirect: (await startAttempt(link.tenantId, chosen, { staffId: link.staffId, userId: null }, defaultReturnTo)).href };
      } catch (error) {
        if (error instanceof FrontdeskError && error.code === "UNKNOWN_STAFF") return { redirect: outcomeUrl(defaultReturnTo, { refused: "invalid_link" }) };
        throw error;
      }
    },

    callback,

    /** Connections with their calendars, as the widgets show them: one staff member's, or every one's. */
    async connections(tenantId: string, staffId?: string): Promise<CalendarConnectionView[]> {
      if (staffId !== undefined) await staffMember(tenantId, staffId);
      const scope = forTenant(db, tenantId);
      const connections = await scope.calendarConnections(staffId);
      const calendars = await scope.connectedCalendarsOf(connections.map((connection) => connection.id));
      const counts = await scope.busyBlockCounts(calendars.map((calendar) => calendar.id));
      return connections.map((connection) => ({
        id: connection.id,
        staffId: connection.staffId,
        provider: connection.provider,
        email: connection.email,
        accountName: connection.accountName,
        status: connection.status,
        brokenReason: connection.brokenReason,
        brokenAt: iso(connection.brokenAt),
        createdAt: new Date(connection.createdAt).toISOString(),
        calendars: calendars
          .filter((calendar) => calendar.connectionId === connection.id)
          .map((calendar) => ({
            id: calendar.id,
            name: calendar.name,
            timeZone: calendar.timeZone,
            primary: calendar.primary,
            canWrite: calendar.canWrite,
            countsBusy: calendar.countsBusy,
            isDestination: calendar.isDestination,
            syncedAt: iso(calendar.syncedAt),
            syncError: calendar.syncError,
            busyBlockCount: counts.get(calendar.id) ?? 0,
          })),
      }));
    },

    /** Which of the connection's calendars count as busy, and which receives the appointments. */
    async chooseCalendars(connection: CalendarConnection, input: { busyCalendarIds: string[]; destinationCalendarId?: string | null | undefined }): Promise<void> {
      const calendars = await forTenant(db, connection.tenantId).connectedCalendarsOf([connection.id]);
      if (calendars.length === 0) throw new FrontdeskError("VALIDATION_FAILED", "The connection has no calendars yet: read its list again first.", { field: "connectionId" });
      const unknown = input.busyCalendarIds.find((id) => !calendars.some((calendar) => calendar.id === id));
      if (unknown !== undefined) throw new FrontdeskError("VALIDATION_FAILED", `The connection has no calendar ${unknown}: choose among its own calendars.`, { field: "busyCalendarIds" });
      const destinationId = input.destinationCalendarId;
      if (destinationId) {
        const destination = calendars.find((calendar) => calendar.id === destinationId);
        if (!destination) throw new FrontdeskError("VALIDATION_FAILED", "The connection has no such calendar: choose among its own calendars.", { field: "destinationCalendarId" });
        if (!destination.canWrite) throw new FrontdeskError("VALIDATION_FAILED", `Frontdesk may not write to ${destination.name}: choose a calendar you can edit.`, { field: "destinationCalendarId" });
      }
      await db.write((writer) => forTenant(writer, connection.tenantId).chooseCalendars(connection.id, { busyIds: input.busyCalendarIds, destinationId }, now()));
      await calendarsChanged(connection.tenantId, connection.id);
      if (destinationId) await destinationChosen(connection.tenantId, connection.staffId);
    },

    /** Reads the provider's list of calendars again (new ones are added, gone ones removed). */
    async refreshCalendarList(connection: CalendarConnection): Promise<void> {
      if (connection.status === "broken") throw new FrontdeskError("VALIDATION_FAILED", "This calendar connection is broken: connect it again first.", { field: "connectionId" });
      try {
        await readCalendarList(connection);
      } catch (error) {
        if (error instanceof FrontdeskError) throw error;
        if (error instanceof Error && error.name === "CalendarConnectionBroken") {
          throw new FrontdeskError("VALIDATION_FAILED", "This calendar connection is broken: connect it again first.", { field: "connectionId", cause: error });
        }
        throw new FrontdeskError("PROVIDER_UNAVAILABLE", `${providerNames[connection.provider]} did not give the list of calendars. Try again in a moment.`, { cause: error });
      }
      await calendarsChanged(connection.tenantId, connection.id);
    },

    /** Stops the sync, revokes the grant at the provider where it can (a failure there changes nothing) and removes the connection. */
    async disconnect(connection: CalendarConnection): Promise<void> {
      try {
        await deps.beforeDisconnect?.(connection);
      } catch (error) {
        log(`Calendar connection ${connection.id}: stopping its sync before disconnecting failed.`, error);
      }
      const side = deps.providers[connection.provider];
      if (side) {
        try {
          await side.auth.revoke(seal.open(connection.refreshTokenSealed ?? connection.accessTokenSealed));
        } catch (error) {
          log(`Calendar connection ${connection.id}: the provider did not revoke the grant; removing it here all the same.`, error);
        }
      }
      await db.write((writer) => forTenant(writer, connection.tenantId).removeCalendarConnection(connection.id));
    },

    /** `calendarAccess`'s `onBroken`: mails the staff member, once per break, a link to connect the calendar again. */
    async notifyBroken(connection: CalendarConnection, _reason: string): Promise<void> {
      const tenant = await forTenant(db, connection.tenantId).tenant();
      if (!tenant) return;
      const { email, name } = await addressOf(connection.tenantId, connection.staffId, null).catch(() => ({ email: null, name: "" }));
      // The account's own address is theirs too: better than telling no one.
      const to = email ?? connection.email;
      const { url } = connectLinkUrl(connection.tenantId, connection.staffId, connection.provider);
      await deps.mail.send({
        kind: "calendar_reconnect",
        to,
        tenantId: connection.tenantId,
        data: { url, name: name || null, businessName: tenant.name, calendarName: providerNames[connection.provider], calendarAccount: connection.email, expiresInHours: connectLinkLifetimeHours },
      });
    },
  };
}

export type CalendarConnectService = ReturnType<typeof calendarConnectService>;
