/**
 * Connecting a staff member's Google account: OAuth 2 authorization code with PKCE (S256) and offline access, through
 * google-auth-library's OAuth2Client with its retries off and a timeout per request. Who connected is read from the
 * id_token of the code exchange.
 */
import { createHash } from "node:crypto";
import { ProviderError, type CalendarAccount, type CalendarAuth, type CalendarTokens } from "@frontdesk/core";
import { CodeChallengeMethod, OAuth2Client, type Credentials } from "google-auth-library";
import { asProviderError, callGoogle, defaultTimeoutMs, googleAnswerOf } from "./client";

/**
 * The least the adapter needs, each for its calls: who connected (`openid email`), the list of calendars
 * (`calendar.calendarlist.readonly`), busy times (`calendar.freebusy`), and reading, watching and writing events on
 * any calendar the staff member can write to (`calendar.events`, which `calendar.events.owned` would limit to their own).
 */
export const googleCalendarScopes = [
  "openid",
  "email",
  "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
  "https://www.googleapis.com/auth/calendar.freebusy",
  "https://www.googleapis.com/auth/calendar.events",
] as const;

export interface GoogleOAuthEndpoints {
  /** `https://accounts.google.com/o/oauth2/v2/auth` unless set. */
  authorizationUrl?: string;
  /** `https://oauth2.googleapis.com/token` unless set. */
  tokenUrl?: string;
  /** `https://oauth2.googleapis.com/revoke` unless set. */
  revokeUrl?: string;
}

export interface GoogleCalendarAuthOptions {
  /** The OAuth client of the app, from the Google Cloud console (a "Web application" client). */
  clientId: string;
  clientSecret: string;
  /** The server's OAuth callback, exactly as registered with the client. */
  redirectUri: string;
  /** Google's OAuth endpoints, or the fake's (`fake.oauthEndpoints`). */
  endpoints?: GoogleOAuthEndpoints;
  /** Per request; 15 s unless set. */
  timeoutMs?: number;
  /** The clock token expiry and `Retry-After` dates are read by (epoch ms); the system clock unless set. */
  now?: () => number;
}

/** OAuth2Client with the refresh of a given token in reach: its public refresh keeps the old refresh token over a new one. */
class GoogleOAuthClient extends OAuth2Client {
  refreshWith(refreshToken: string) {
    return this.refreshTokenNoCache(refreshToken);
  }
}

export function googleCalendarAuth(options: GoogleCalendarAuthOptions): CalendarAuth {
  const now = options.now ?? Date.now;
  const client = () =>
    new GoogleOAuthClient({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: options.redirectUri,
      endpoints: {
        ...(options.endpoints?.authorizationUrl ? { oauth2AuthBaseUrl: options.endpoints.authorizationUrl } : {}),
        ...(options.endpoints?.tokenUrl ? { oauth2TokenUrl: options.endpoints.tokenUrl } : {}),
        ...(options.endpoints?.revokeUrl ? { oauth2RevokeUrl: options.endpoints.revokeUrl } : {}),
      },
      // The library retries token requests three times by default; the server's jobs retry instead.
      transporterOptions: { timeout: options.timeoutMs ?? defaultTimeoutMs, retryConfig: { retry: 0, noResponseRetries: 0 } },
    });

  function tokensOf(credentials: Credentials): CalendarTokens {
    if (!credentials.access_token) throw new ProviderError("rejected", "Google's token endpoint answered without an access token.", "google");
    // The library dates the expiry by the system clock as it reads the answer; it is re-dated here by ours.
    const expiresInMs = credentials.expiry_date ? Math.round((credentials.expiry_date - Date.now()) / 1000) * 1000 : 0;
    return {
      accessToken: credentials.access_token,
      refreshToken: credentials.refresh_token ?? null,
      expiresAt: now() + expiresInMs,
      scopes: credentials.scope ? credentials.scope.split(" ").filter(Boolean) : [],
    };
  }

  return {
    authorizationUrl({ state, codeVerifier, loginHint }) {
      return new URL(
        client().generateAuthUrl({
          scope: [...googleCalendarScopes],
          access_type: "offline",
          // Google sends a refresh token only when the user consents: asking every time gets one on a reconnection too.
          prompt: "consent",
          include_granted_scopes: true,
          state,
          code_challenge_method: CodeChallengeMethod.S256,
          code_challenge: createHash("sha256").update(codeVerifier).digest("base64url"),
          ...(loginHint ? { login_hint: loginHint } : {}),
        }),
      );
    },

    async exchangeCode({ code, codeVerifier }) {
      const { tokens } = await callGoogle("the code exchange", now, () => client().getToken({ code, codeVerifier }));
      return { tokens: tokensOf(tokens), account: accountOf(tokens.id_token, options.clientId) };
    },

    async refresh(refreshToken) {
      try {
        return tokensOf((await client().refreshWith(refreshToken)).tokens);
      } catch (error) {
        const answer = googleAnswerOf(error);
        // invalid_grant: the grant is gone (revoked, expired, password changed); connecting again is the only way on.
        if (answer?.reason === "invalid_grant") throw new ProviderError("auth", `Google no longer honours this refresh token: ${answer.message}`, "google", { providerCode: "invalid_grant", cause: error });
        throw asProviderError(error, "a token refresh", now);
      }
    },

    async revoke(token) {
      try {
        await client().revokeToken(token);
      } catch (error) {
        // 400 invalid_token: revoked already, or expired, which leaves nothing to revoke.
        if (googleAnswerOf(error)?.reason === "invalid_token") return;
        throw asProviderError(error, "revoking a token", now);
      }
    },
  };
}

/**
 * The account in the id_token of a code exchange. It came straight from Google's token endpoint over TLS, so its
 * signature need not be checked (OpenID Connect Core §3.1.3.7); its audience must still be this app.
 */
function accountOf(idToken: string | null | undefined, clientId: string): CalendarAccount {
  const claims = idToken ? decodeJwtPayload(idToken) : undefined;
  if (!claims) throw new ProviderError("rejected", "Google sent no id_token with the tokens: the openid and email scopes were not granted.", "google");
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(clientId)) throw new ProviderError("rejected", "Google's id_token was issued to another OAuth client.", "google");
  if (typeof claims.sub !== "string" || typeof claims.email !== "string") throw new ProviderError("rejected", "Google's id_token names no account (sub and email).", "google");
  return { providerAccountId: claims.sub, email: claims.email, name: typeof claims.name === "string" ? claims.name : null };
}

function decodeJwtPayload(jwt: string): Record<string, unknown> | undefined {
  const payload = jwt.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
