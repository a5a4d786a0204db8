import { FrontdeskError, isProviderError, type CalendarAccess, type CalendarTokens } from "@frontdesk/core";
import { forTenant, type CalendarConnection, type Db } from "@frontdesk/db";
import type { CalendarProviders, CalendarSide } from "./providers";
import type { TokenSeal } from "./token-seal";

/** An access token is refreshed this long before it expires, so that no call goes out with one about to lapse. */
export const refreshAheadMs = 5 * 60_000;

/** The connection can do nothing until its staff member connects again: jobs for it end without retrying. */
export class CalendarConnectionBroken extends Error {
  override readonly name = "CalendarConnectionBroken";
  constructor(readonly connectionId: string, reason: string) {
    super(reason);
  }
}

export interface AccessDeps {
  db: Db;
  now: () => number;
  seal: TokenSeal;
  providers: CalendarProviders;
  /** Told once when a connection breaks (the provider refused its refresh token), after it is marked broken. */
  onBroken?(connection: CalendarConnection, reason: string): Promise<void>;
}

/**
 * Access to connected accounts: each call gets a working access token, refreshed ahead of expiry (once per
 * connection at a time in this process) and stored sealed. A refresh token the provider no longer honours
 * (`invalid_grant`) marks the connection broken.
 */
export function calendarAccess(deps: AccessDeps) {
  const { db, now, seal } = deps;
  const refreshing = new Map<string, Promise<string>>();

  function sideOf(connection: Pick<CalendarConnection, "provider">): CalendarSide {
    const side = deps.providers[connection.provider];
    if (!side) throw new FrontdeskError("PROVIDER_NOT_CONFIGURED", `This server has no ${connection.provider === "google" ? "Google" : "Microsoft"} app set up for calendars.`);
    return side;
  }

  /** Seals fresh tokens into the connection's row; a refresh without a new refresh token keeps the old one. */
  async function keepTokens(connection: CalendarConnection, tokens: CalendarTokens): Promise<void> {
    await db.write((writer) =>
      forTenant(writer, connection.tenantId).updateCalendarConnection(connection.id, {
        accessTokenSealed: seal.seal(tokens.accessToken),
        ...(tokens.refreshToken ? { refreshTokenSealed: seal.seal(tokens.refreshToken) } : {}),
        accessExpiresAt: tokens.expiresAt,
        ...(tokens.scopes.length > 0 ? { scopes: tokens.scopes.join(" ") } : {}),
        updatedAt: now(),
      }),
    );
  }

  async function markBroken(connection: CalendarConnection, reason: string): Promise<void> {
    const changed = await db.write(async (writer) => {
      const current = await forTenant(writer, connection.tenantId).calendarConnection(connection.id);
      if (!current || current.status === "broken") return false;
      return forTenant(writer, connection.tenantId).updateCalendarConnection(connection.id, { status: "broken", brokenReason: reason, brokenAt: now(), updatedAt: now() });
    });
    if (changed) await deps.onBroken?.(connection, reason);
  }

  async function refresh(connection: CalendarConnection): Promise<string> {
    if (!connection.refreshTokenSealed) {
      const reason = "The provider gave no refresh token. Connect the calendar again.";
      await markBroken(connection, reason);
      throw new CalendarConnectionBroken(connection.id, reason);
    }
    try {
      const refreshToken = seal.open(connection.refreshTokenSealed);
      const tokens = await sideOf(connection).auth.refresh(refreshToken);
      // A refresh token sealed under an older key (CALENDAR_TOKEN_KEYS rotated) is sealed again under the current one.
      const resealed = tokens.refreshToken ?? (seal.isCurrent(connection.refreshTokenSealed) ? undefined : refreshToken);
      await keepTokens(connection, { ...tokens, ...(resealed ? { refreshToken: resealed } : {}) });
      return tokens.accessToken;
    } catch (error) {
      if (isProviderError(error) && error.kind === "auth") {
        const reason =
          error.providerCode === "invalid_grant"
            ? "The calendar account no longer lets Frontdesk in (access was removed, or the password changed). Connect it again."
            : `The provider refused Frontdesk's access: ${error.message}`;
        await markBroken(connection, reason);
        throw new CalendarConnectionBroken(connection.id, reason);
      }
      throw error;
    }
  }

  /** The connection's token now: the row is read afresh, since another process may have refreshed it. */
  async function accessToken(tenantId: string, connectionId: string): Promise<string> {
    const connection = await forTenant(db, tenantId).calendarConnection(connectionId);
    if (!connection) throw new CalendarConnectionBroken(connectionId, "The calendar connection was removed.");
    if (connection.status === "broken") throw new CalendarConnectionBroken(connectionId, connection.brokenReason ?? "The calendar connection is broken.");
    if (connection.accessExpiresAt - now() > refreshAheadMs) return seal.open(connection.accessTokenSealed);
    let running = refreshing.get(connectionId);
    if (!running) {
      running = refresh(connection).finally(() => refreshing.delete(connectionId));
      refreshing.set(connectionId, running);
    }
    return running;
  }

  return {
    sideOf,
    keepTokens,
    markBroken,
    /** What an adapter call for the connection is given. */
    of(connection: Pick<CalendarConnection, "tenantId" | "id">): CalendarAccess {
      return { accessToken: () => accessToken(connection.tenantId, connection.id) };
    },
  };
}

export type CalendarAccessor = ReturnType<typeof calendarAccess>;
