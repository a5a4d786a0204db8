/**
 * The fake's Microsoft identity platform (Entra ID) v2.0 endpoints, `/{tenant}/oauth2/v2.0/authorize` and `/token`:
 * the authorization code flow with PKCE, refresh tokens that rotate, `invalid_grant` for a revoked or unknown grant,
 * and access tokens that expire on the fake's clock. Errors are Entra's: `{ error, error_description: "AADSTS…",
 * error_codes, timestamp, trace_id, correlation_id, error_uri }`.
 */
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { newSecret, type FakeAnswer, type FakeApp, type FakeGraphState, type FakeUser } from "./fake-state";

/** The scopes the fake knows how to grant. */
export const knownScopes = ["openid", "profile", "email", "offline_access", "User.Read", "Calendars.Read", "Calendars.ReadWrite", "MailboxSettings.Read", "MailboxSettings.ReadWrite"];

export interface EntraOptions {
  state: FakeGraphState;
  now: () => number;
  accessTokenLifetimeSeconds: number;
  /** Who signs in at the authorize endpoint when the request names no `login_hint`, and what they grant. */
  signedIn: () => { user: FakeUser; grant: string[] | null } | undefined;
}

class EntraFault extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    description: string,
  ) {
    super(description);
  }

  asAnswer(now: number): FakeAnswer {
    const traceId = randomUUID();
    const timestamp = new Date(now).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
    return {
      status: this.status,
      body: {
        error: this.error,
        error_description: `AADSTS${this.aadsts}: ${this.message} Trace ID: ${traceId} Correlation ID: ${traceId} Timestamp: ${timestamp}`,
        error_codes: [this.aadsts],
        timestamp,
        trace_id: traceId,
        correlation_id: traceId,
        error_uri: `https://login.microsoftonline.com/error?code=${this.aadsts}`,
      },
    };
  }
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function entra(options: EntraOptions) {
  const { state, now } = options;

  function appOf(clientId: string | null): FakeApp {
    const app = state.apps.find((candidate) => candidate.clientId === clientId);
    if (!app) throw new EntraFault(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory.`);
    return app;
  }

  /** GET …/authorize: consents at once for the user (login_hint, else the one signed in) and redirects back with a code. */
  function authorize(query: URLSearchParams): FakeAnswer {
    try {
      const app = appOf(query.get("client_id"));
      const redirectUri = query.get("redirect_uri") ?? "";
      // An unknown client or redirect URI shows an error page: Entra redirects only to a registered URI.
      if (!app.redirectUris.includes(redirectUri)) throw new EntraFault(400, "invalid_request", 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application.`);
      const back = new URL(redirectUri);
      const stateParam = query.get("state");
      if (stateParam !== null) back.searchParams.set("state", stateParam);
      const fail = (error: string, description: string) => {
        back.searchParams.set("error", error);
        back.searchParams.set("error_description", description);
        return { status: 302, headers: { location: back.toString() } };
      };
      if (query.get("response_type") !== "code") return fail("unsupported_response_type", "AADSTS700054: response_type 'code' is the one the fake serves.");
      const method = query.get("code_challenge_method");
      const challenge = query.get("code_challenge");
      if (challenge && method && !["S256", "plain"].includes(method)) return fail("invalid_request", "AADSTS501491: Invalid code_challenge_method.");
      const hint = query.get("login_hint")?.toLowerCase();
      const signedIn = options.signedIn();
      const user = hint ? state.users.find((candidate) => [candidate.mail, candidate.userPrincipalName].some((address) => address?.toLowerCase() === hint)) : signedIn?.user;
      if (!user) return fail("interaction_required", "AADSTS50058: No account is signed in to the fake (use signInAs, or a login_hint of a known user).");
      const asked = (query.get("scope") ?? "").split(" ").filter(Boolean);
      const grant = (hint && signedIn?.user.id !== user.id ? null : signedIn?.grant) ?? knownScopes;
      const scopes = asked.filter((scope) => knownScopes.includes(scope) && grant.includes(scope));
      const code = newSecret(state, "code");
      state.codes.push({ code, clientId: app.clientId, userId: user.id, redirectUri, scopes, codeChallenge: challenge, codeChallengeMethod: challenge ? (method ?? "plain") : null, expiresAt: now() + 10 * 60_000, redeemed: false });
      if (state.codes.length > 1000) state.codes.splice(0, state.codes.length - 1000);
      back.searchParams.set("code", code);
      return { status: 302, headers: { location: back.toString() } };
    } catch (error) {
      if (error instanceof EntraFault) return { status: error.status, headers: { "content-type": "text/plain; charset=utf-8" }, body: `Sign in failed. AADSTS${error.aadsts}: ${error.message}` };
      throw error;
    }
  }

  function authenticateClient(form: URLSearchParams, authorization: string | undefined): FakeApp {
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? "")?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent) : [];
    const app = appOf(basicId ?? form.get("client_id"));
    const secret = basicSecret ?? form.get("client_secret");
    if (app.clientSecret !== null && (secret === null || secret === undefined || !sameText(secret, app.clientSecret))) {
      throw new EntraFault(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
    }
    return app;
  }

  function issue(userId: string, clientId: string, scopes: string[]): FakeAnswer {
    const accessToken = newSecret(state, "access");
    state.accessTokens[accessToken] = { userId, scopes, expiresAt: now() + options.accessTokenLifetimeSeconds * 1000 };
    const body: Record<string, unknown> = {
      token_type: "Bearer",
      // Entra answers with the resource scopes granted (and the OpenID ones), never offline_access.
      scope: scopes.filter((scope) => scope !== "offline_access").join(" "),
      expires_in: options.accessTokenLifetimeSeconds,
      ext_expires_in: options.accessTokenLifetimeSeconds,
      access_token: accessToken,
    };
    if (scopes.includes("offline_access")) {
      const refreshToken = newSecret(state, "refresh");
      state.refreshTokens[refreshToken] = { userId, clientId, scopes, revoked: false };
      body.refresh_token = refreshToken;
    }
    return { status: 200, headers: { "cache-control": "no-store", pragma: "no-cache" }, body };
  }

  /** POST …/token: authorization_code (with the PKCE check) and refresh_token grants. */
  function token(form: URLSearchParams, authorization: string | undefined): FakeAnswer {
    try {
      const app = authenticateClient(form, authorization);
      const grantType = form.get("grant_type");
      if (grantType === "authorization_code") {
        const grant = state.codes.find((candidate) => candidate.code === form.get("code"));
        if (!grant || grant.clientId !== app.clientId || grant.expiresAt <= now()) throw new EntraFault(400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity.");
        if (grant.redeemed) throw new EntraFault(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
        if (grant.redirectUri !== form.get("redirect_uri")) throw new EntraFault(400, "invalid_grant", 500112, "The reply address does not match the reply address provided when requesting the authorization code.");
        const verifier = form.get("code_verifier");
        if (grant.codeChallenge) {
          const expected = grant.codeChallengeMethod === "S256" ? s256(verifier ?? "") : (verifier ?? "");
          if (!verifier || !sameText(expected, grant.codeChallenge)) throw new EntraFault(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
        grant.redeemed = true;
        return issue(grant.userId, app.clientId, grant.scopes);
      }
      if (grantType === "refresh_token") {
        const presented = form.get("refresh_token") ?? "";
        const refresh = state.refreshTokens[presented];
        if (!refresh || refresh.clientId !== app.clientId) throw new EntraFault(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        if (refresh.revoked) throw new EntraFault(400, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed.");
        const asked = (form.get("scope") ?? "").split(" ").filter(Boolean);
        const beyond = asked.filter((scope) => !refresh.scopes.includes(scope) && scope !== "offline_access");
        if (beyond.length > 0) throw new EntraFault(400, "invalid_grant", 65001, `The user or administrator has not consented to use the application for ${beyond.join(", ")}.`);
        // Rotation: a new refresh token each time. Entra lets the old one live on; so does the fake.
        return issue(refresh.userId, app.clientId, asked.length > 0 ? refresh.scopes.filter((scope) => asked.includes(scope) || scope === "offline_access") : refresh.scopes);
      }
      throw new EntraFault(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);
    } catch (error) {
      if (error instanceof EntraFault) return error.asAnswer(now());
      throw error;
    }
  }

  return {
    authorize,
    token,
    /** Revokes every refresh token of the user (as revokeSignInSessions, or a password change, does). */
    revokeRefreshTokens(userId: string) {
      for (const refresh of Object.values(state.refreshTokens)) if (refresh.userId === userId) refresh.revoked = true;
    },
  };
}
