/**
 * The fake's Google OAuth 2: the consent screen (`/o/oauth2/v2/auth`, which consents at once for the test's account
 * and redirects back), the token endpoint (`/token`: authorization code with PKCE, refresh), revocation (`/revoke`),
 * and the bearer tokens the Calendar API checks. Access tokens last an hour on the fake's clock.
 */
import { createHash, createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { GoogleFault, OAuthFault, opaque, type FakeAnswer, type FakeGoogleState, type FakeGrant, type FakeUser } from "./fake-state";

export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
  /** The redirect URIs registered for the client; any is taken when unset. */
  redirectUris?: string[];
}

/** What the next consents answer, set by `fake.consent(…)`: whose account, which scopes it grants, or a refusal. */
export interface FakeConsent {
  email?: string;
  /** The scopes the user leaves ticked (Google lets them untick some); all asked for when unset. */
  grant?: string[];
  deny?: boolean;
}

export interface OAuthContext {
  state: FakeGoogleState;
  clients: FakeOAuthClient[];
  consent: FakeConsent;
  now: number;
}

const accessTokenSeconds = 3599;
const codeLifetimeMs = 10 * 60_000;
const issuer = "https://accounts.google.com";
// Google answers with the long names of the OpenID scopes.
const longScopes: Record<string, string> = { email: "https://www.googleapis.com/auth/userinfo.email", profile: "https://www.googleapis.com/auth/userinfo.profile" };

const challengeOf = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/** GET /o/oauth2/v2/auth: consents for the account at once and sends the browser back with a code, or with `error=access_denied`. */
export function authorize(context: OAuthContext, query: URLSearchParams): FakeAnswer {
  const page = (error: string, detail: string): FakeAnswer => ({ status: 400, body: { error, error_description: detail } });
  const client = context.clients.find((candidate) => candidate.clientId === query.get("client_id"));
  if (!client) return page("invalid_client", "The OAuth client was not found.");
  const redirectUri = query.get("redirect_uri") ?? "";
  if (!/^https?:\/\//.test(redirectUri) || (client.redirectUris && !client.redirectUris.includes(redirectUri))) return page("redirect_uri_mismatch", `${redirectUri} is not a redirect URI of this client.`);
  const back = (params: Record<string, string>): FakeAnswer => {
    const location = new URL(redirectUri);
    for (const [name, value] of Object.entries({ ...params, ...(query.get("state") !== null ? { state: query.get("state")! } : {}) })) location.searchParams.set(name, value);
    return { status: 302, headers: { location: location.toString() } };
  };
  if (query.get("response_type") !== "code") return back({ error: "unsupported_response_type" });
  const asked = (query.get("scope") ?? "").split(" ").filter(Boolean);
  if (asked.length === 0) return back({ error: "invalid_scope" });
  const challenge = query.get("code_challenge");
  if (challenge && query.get("code_challenge_method") !== "S256") return back({ error: "invalid_request", error_description: "The fake takes code_challenge_method=S256 only." });
  if (context.consent.deny) return back({ error: "access_denied" });

  const email = context.consent.email ?? query.get("login_hint") ?? undefined;
  const users = [...context.state.users.values()];
  const user = email ? users.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase()) : users[0];
  if (!user) return page("invalid_request", `The fake has no account ${email ?? "at all"} to consent with.`);
  let scopes = asked.filter((scope) => !context.consent.grant || context.consent.grant.includes(scope)).map((scope) => longScopes[scope] ?? scope);
  if (query.get("include_granted_scopes") === "true") {
    for (const grant of context.state.grants.values()) {
      if (grant.sub === user.sub && grant.clientId === client.clientId && !grant.revoked) scopes.push(...grant.scopes);
    }
  }
  scopes = [...new Set(scopes)];
  const code = opaque("4/0fake-");
  context.state.codes.set(code, { sub: user.sub, clientId: client.clientId, redirectUri, scopes, codeChallenge: challenge, offline: query.get("access_type") === "offline", expiresAt: context.now + codeLifetimeMs });
  return back({ code, scope: scopes.join(" "), authuser: "0", prompt: "consent" });
}

/** POST /token: `authorization_code` (with the PKCE verifier when the request had a challenge) and `refresh_token`. */
export function token(context: OAuthContext, form: URLSearchParams, authorization: string | undefined): FakeAnswer {
  const client = authenticateClient(context, form, authorization);
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code") {
    const code = context.state.codes.get(form.get("code") ?? "");
    // A code is good once, for ten minutes, for the client and redirect URI it was given to.
    if (!code || code.expiresAt <= context.now || code.clientId !== client.clientId) throw new OAuthFault(400, "invalid_grant", "Malformed auth code.");
    context.state.codes.delete(form.get("code")!);
    if (form.get("redirect_uri") !== code.redirectUri) throw new OAuthFault(400, "redirect_uri_mismatch", "Bad Request");
    if (code.codeChallenge) {
      const verifier = form.get("code_verifier");
      if (!verifier) throw new OAuthFault(400, "invalid_grant", "Missing code verifier.");
      if (challengeOf(verifier) !== code.codeChallenge) throw new OAuthFault(400, "invalid_grant", "Invalid code verifier.");
    }
    const grant: FakeGrant = { refreshToken: opaque("1//fake-"), sub: code.sub, clientId: client.clientId, scopes: code.scopes, revoked: false };
    context.state.grants.set(grant.refreshToken, grant);
    return { status: 200, body: { ...tokenAnswer(context, grant), ...(code.offline ? { refresh_token: grant.refreshToken } : {}) } };
  }
  if (grantType === "refresh_token") {
    const grant = context.state.grants.get(form.get("refresh_token") ?? "");
    if (!grant || grant.revoked) throw new OAuthFault(400, "invalid_grant", "Token has been expired or revoked.");
    if (grant.clientId !== client.clientId) throw new OAuthFault(400, "unauthorized_client", "Unauthorized");
    return { status: 200, body: tokenAnswer(context, grant) };
  }
  throw new OAuthFault(400, "unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
}

/** POST /revoke?token=…: an access or refresh token; either ends the whole grant, as Google's does. */
export function revoke(context: OAuthContext, query: URLSearchParams, form: URLSearchParams): FakeAnswer {
  const given = query.get("token") ?? form.get("token") ?? "";
  const grant = context.state.grants.get(context.state.accessTokens.get(given)?.refreshToken ?? given);
  if (!grant || grant.revoked) throw new OAuthFault(400, "invalid_token", "Token expired or revoked");
  grant.revoked = true;
  return { status: 200, body: {} };
}

/** The account and grant behind a Calendar API request's bearer token; 401 as Google answers it otherwise. */
export function authenticate(context: OAuthContext, authorization: string | undefined): { user: FakeUser; grant: FakeGrant } {
  const unauthenticated = () => new GoogleFault(401, "authError", "Invalid Credentials", "global", { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const access = bearer ? context.state.accessTokens.get(bearer) : undefined;
  const grant = access && context.state.grants.get(access.refreshToken);
  const user = grant && context.state.users.get(grant.sub);
  if (!access || !grant || grant.revoked || !user || access.expiresAt <= context.now) throw unauthenticated();
  return { user, grant };
}

/** Client authentication as Google takes it: `client_secret_post` or HTTP Basic. */
function authenticateClient(context: OAuthContext, form: URLSearchParams, authorization: string | undefined): FakeOAuthClient {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const [id, secret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [form.get("client_id"), form.get("client_secret")];
  const client = context.clients.find((candidate) => candidate.clientId === id);
  if (!client) throw new OAuthFault(401, "invalid_client", "The OAuth client was not found.");
  if (client.clientSecret !== secret) throw new OAuthFault(401, "invalid_client", "Unauthorized");
  return client;
}

function tokenAnswer(context: OAuthContext, grant: FakeGrant) {
  const accessToken = opaque("ya29.fake-");
  context.state.accessTokens.set(accessToken, { refreshToken: grant.refreshToken, expiresAt: context.now + accessTokenSeconds * 1000 });
  const user = context.state.users.get(grant.sub)!;
  return {
    access_token: accessToken,
    expires_in: accessTokenSeconds,
    scope: grant.scopes.join(" "),
    token_type: "Bearer",
    ...(grant.scopes.includes("openid") ? { id_token: idToken(context.now, grant, user) } : {}),
  };
}

let signingKey: { privateKey: KeyObject; kid: string } | undefined;

/** An RS256 id_token like Google's, signed by a key of the fake's own (made once per process). */
function idToken(now: number, grant: FakeGrant, user: FakeUser): string {
  signingKey ??= { privateKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey, kid: opaque("", 20) };
  const seconds = Math.floor(now / 1000);
  const claims = {
    iss: issuer,
    azp: grant.clientId,
    aud: grant.clientId,
    sub: user.sub,
    ...(grant.scopes.includes(longScopes.email!) ? { email: user.email, email_verified: true } : {}),
    ...(grant.scopes.includes(longScopes.profile!) && user.name ? { name: user.name } : {}),
    iat: seconds,
    exp: seconds + 3600,
  };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const signed = `${encode({ alg: "RS256", kid: signingKey.kid, typ: "JWT" })}.${encode(claims)}`;
  return `${signed}.${createSign("RSA-SHA256").update(signed).sign(signingKey.privateKey, "base64url")}`;
}
