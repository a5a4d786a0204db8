/**
 * Connecting a staff member's Microsoft account (work or school, or personal): OAuth 2 authorization code with PKCE
 * against the Microsoft identity platform (Entra ID), with arctic's generic OAuth 2 client, whose methods take the
 * endpoints, so the same code talks to login.microsoftonline.com and to the fake. The account is read from Graph's
 * `GET /me`.
 */
import { ProviderError, type CalendarAccount, type CalendarAuth, type CalendarTokens } from "@frontdesk/core";
import { ArcticFetchError, CodeChallengeMethod, OAuth2Client, OAuth2RequestError, UnexpectedErrorResponseBodyError, UnexpectedResponseError, type OAuth2Tokens } from "arctic";
import { z } from "zod";
import { graphCall, graphClient, type GraphOptions } from "./graph";

/**
 * What a connection asks for, and no more: `offline_access` for a refresh token, `User.Read` for `GET /me` (who
 * connected), `Calendars.ReadWrite` to read the calendars, free/busy and changes, write the appointments' events and
 * subscribe to changes, and `MailboxSettings.Read` for the mailbox's time zone. No `openid`/`email`: the id token
 * would say nothing `GET /me` does not.
 */
export const outlookScopes = ["offline_access", "User.Read", "Calendars.ReadWrite", "MailboxSettings.Read"] as const;

export interface EntraEndpoints {
  authorization: string;
  token: string;
}

export interface OutlookCalendarAuthOptions extends GraphOptions {
  /** `common` (work, school and personal accounts) unless set: `organizations`, `consumers` or a tenant id. */
  tenant?: string;
  clientId: string;
  /** The app's client secret; null for a public client. */
  clientSecret: string | null;
  /** The redirect URI registered for the app, where the callback route listens. */
  redirectUri: string;
  /** Entra's endpoints for `tenant` unless set (the fake's `entraEndpoints()`). */
  endpoints?: EntraEndpoints;
  /** The clock that dates the tokens' expiry (epoch ms). */
  now?: () => number;
}

const graphPrefix = "https://graph.microsoft.com/";

export function entraEndpointsFor(tenant: string, authority = "https://login.microsoftonline.com"): EntraEndpoints {
  const base = `${authority.replace(/\/+$/, "")}/${encodeURIComponent(tenant)}/oauth2/v2.0`;
  return { authorization: `${base}/authorize`, token: `${base}/token` };
}

const meSchema = z.object({ id: z.string(), mail: z.string().nullish(), userPrincipalName: z.string().nullish(), displayName: z.string().nullish() });

export function outlookCalendarAuth(options: OutlookCalendarAuthOptions): CalendarAuth {
  const endpoints = options.endpoints ?? entraEndpointsFor(options.tenant ?? "common");
  const client = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;

  function tokensOf(tokens: OAuth2Tokens): CalendarTokens {
    const data = tokens.data as { expires_in?: unknown; scope?: unknown };
    const expiresIn = Number(data.expires_in);
    return {
      accessToken: tokens.accessToken(),
      // Entra sends a new refresh token with every refresh (the old one may stop working): it is the one to keep.
      refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : null,
      expiresAt: now() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000,
      scopes: typeof data.scope === "string" ? data.scope.split(" ").filter(Boolean).map((scope) => (scope.startsWith(graphPrefix) ? scope.slice(graphPrefix.length) : scope)) : [],
    };
  }

  async function tokenRequest(doing: string, request: () => Promise<OAuth2Tokens>): Promise<CalendarTokens> {
    let timer: NodeJS.Timeout | undefined;
    // arctic's fetch takes no signal: past the timeout the answer is no longer waited for.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProviderError("unavailable", `Microsoft's token endpoint did not answer within ${timeoutMs} ms while ${doing}.`, "microsoft")), timeoutMs);
    });
    try {
      return tokensOf(await Promise.race([request(), timeout]));
    } catch (error) {
      throw tokenError(error, doing);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    authorizationUrl({ state, codeVerifier, loginHint }) {
      const url = client.createAuthorizationURLWithPKCE(endpoints.authorization, state, CodeChallengeMethod.S256, codeVerifier, [...outlookScopes]);
      url.searchParams.set("response_mode", "query");
      // With no hint, let the person pick among the accounts signed in to the browser rather than connect the first.
      if (loginHint) url.searchParams.set("login_hint", loginHint);
      else url.searchParams.set("prompt", "select_account");
      return url;
    },
    async exchangeCode({ code, codeVerifier }) {
      const tokens = await tokenRequest("exchanging the authorization code", () => client.validateAuthorizationCode(endpoints.token, code, codeVerifier));
      const graph = graphClient({ accessToken: async () => tokens.accessToken }, options);
      const me = meSchema.parse(await graphCall("reading the connected account", () => graph.api("/me").select("id,mail,userPrincipalName,displayName").get()));
      const email = me.mail || me.userPrincipalName;
      if (!email) throw new ProviderError("rejected", "Microsoft Graph gave the connected account no address.", "microsoft");
      const account: CalendarAccount = { providerAccountId: me.id, email, name: me.displayName || null };
      return { tokens, account };
    },
    refresh(refreshToken) {
      return tokenRequest("refreshing the access token", () => client.refreshAccessToken(endpoints.token, refreshToken, [...outlookScopes]));
    },
    // Microsoft has no endpoint to revoke one app's grant: revokeSignInSessions would sign the person out of every
    // app. Forgetting the tokens (the server does) is what is left; the person can remove the app from their account.
    async revoke() {},
  };
}

/** The token endpoint's refusals as `ProviderError`s: a dead refresh token or code is `auth` with `invalid_grant`. */
function tokenError(error: unknown, doing: string): unknown {
  if (error instanceof ProviderError) return error;
  if (error instanceof OAuth2RequestError) {
    const kind = error.code === "invalid_grant" || error.code === "invalid_client" || error.code === "unauthorized_client" ? "auth" : error.code === "temporarily_unavailable" ? "unavailable" : "rejected";
    return new ProviderError(kind, `Microsoft refused ${doing} (${error.code}): ${error.description ?? error.message}`, "microsoft", { providerCode: error.code, cause: error });
  }
  if (error instanceof ArcticFetchError) return new ProviderError("unavailable", `Microsoft's token endpoint could not be reached while ${doing}.`, "microsoft", { cause: error });
  if (error instanceof UnexpectedResponseError || error instanceof UnexpectedErrorResponseBodyError) {
    const kind = error.status === 429 || error.status >= 500 ? "unavailable" : "rejected";
    return new ProviderError(kind, `Microsoft's token endpoint answered HTTP ${error.status} while ${doing}.`, "microsoft", { providerCode: error.status, cause: error });
  }
  return error;
}
