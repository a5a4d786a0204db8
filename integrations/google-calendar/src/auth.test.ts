import { createHash } from "node:crypto";
import { ProviderError, type CalendarAuth } from "@frontdesk/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { googleCalendar, googleCalendarAuth, googleCalendarScopes } from "./index";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "./testing/fake";

const redirectUri = "https://frontdesk.example/oauth/google/callback";
const codeVerifier = "verifier-of-forty-three-characters-or-more-0123456789";
let clock: number;
let fake: FakeGoogleCalendar;
let auth: CalendarAuth;

beforeEach(async () => {
  clock = Date.parse("2027-03-20T12:00:00Z");
  fake = await startFakeGoogleCalendar({ now: () => new Date(clock) });
  fake.addAccount({ email: "alice@example.com", name: "Alice Moreau", sub: "104318260000000000001" });
  fake.addAccount({ email: "bruno@example.com", sub: "104318260000000000002" });
  auth = googleCalendarAuth({ ...fake.client, redirectUri, endpoints: fake.oauthEndpoints, now: () => clock });
});
afterEach(() => fake.close());

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("it resolved"), (error: unknown) => error);

async function connect(options: { loginHint?: string; verifier?: string } = {}) {
  const callback = await fake.authorize(auth.authorizationUrl({ state: "state-7f3a", codeVerifier, ...(options.loginHint ? { loginHint: options.loginHint } : {}) }));
  expect(callback.searchParams.get("state")).toBe("state-7f3a");
  return auth.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier: options.verifier ?? codeVerifier });
}

describe("the authorization URL", () => {
  it("asks for offline access with consent, the granted scopes kept, and a PKCE S256 challenge", () => {
    const url = auth.authorizationUrl({ state: "state-7f3a", codeVerifier, loginHint: "bruno@example.com" });
    expect(url.origin + url.pathname).toBe(fake.oauthEndpoints.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: fake.client.clientId,
      redirect_uri: redirectUri,
      scope: googleCalendarScopes.join(" "),
      access_type: "offline",
      prompt: "consent",
      include_granted_scopes: "true",
      state: "state-7f3a",
      code_challenge_method: "S256",
      code_challenge: createHash("sha256").update(codeVerifier).digest("base64url"),
      login_hint: "bruno@example.com",
    });
  });
});

describe("connecting an account", () => {
  it("trades the code and its verifier for tokens, and reads who connected from the id_token", async () => {
    const { tokens, account } = await connect({ loginHint: "bruno@example.com" });
    expect(account).toEqual({ providerAccountId: "104318260000000000002", email: "bruno@example.com", name: null });
    expect(tokens).toEqual({
      accessToken: expect.stringMatching(/^ya29\./),
      refreshToken: expect.stringMatching(/^1\/\//),
      expiresAt: clock + 3599_000,
      scopes: ["openid", "https://www.googleapis.com/auth/userinfo.email", ...googleCalendarScopes.slice(2)],
    });
    const exchange = fake.requests.filter((request) => request.path === "/token");
    expect(exchange).toHaveLength(1);
    expect(exchange[0]!.body).toMatchObject({ grant_type: "authorization_code", code_verifier: codeVerifier, redirect_uri: redirectUri });
  });

  it("reports the scopes the user left ticked, which may be fewer than asked for", async () => {
    fake.consent({ grant: ["openid", "email", "https://www.googleapis.com/auth/calendar.freebusy"] });
    const { tokens } = await connect();
    expect(tokens.scopes).toEqual(["openid", "https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/calendar.freebusy"]);
    const calendars = await failure(googleCalendar({ rootUrl: fake.rootUrl }).calendars({ accessToken: async () => tokens.accessToken }));
    expect(calendars).toMatchObject({ kind: "auth", providerCode: "insufficientPermissions" });
  });

  it("refuses a code with the wrong verifier, and a code used twice", async () => {
    const wrong = await failure(connect({ verifier: `${codeVerifier}-not` }));
    expect(wrong).toBeInstanceOf(ProviderError);
    expect(wrong).toMatchObject({ kind: "rejected", provider: "google", providerCode: "invalid_grant" });

    const callback = await fake.authorize(auth.authorizationUrl({ state: "s", codeVerifier }));
    const code = callback.searchParams.get("code")!;
    await auth.exchangeCode({ code, codeVerifier });
    expect(await failure(auth.exchangeCode({ code, codeVerifier }))).toMatchObject({ kind: "rejected", providerCode: "invalid_grant" });
  });

  it("refuses to connect when the consent screen was not for this app's client", async () => {
    const other = googleCalendarAuth({ clientId: "someone-else.apps.googleusercontent.com", clientSecret: "x", redirectUri, endpoints: fake.oauthEndpoints });
    const callback = await fake.authorize(auth.authorizationUrl({ state: "s", codeVerifier }));
    const error = await failure(other.exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier }));
    expect(error).toMatchObject({ kind: "auth", providerCode: "invalid_client" });
  });
});

describe("refreshing and revoking", () => {
  it("gets a new access token from the refresh token, which stays the same", async () => {
    const { tokens } = await connect();
    clock += 50 * 60_000;
    const refreshed = await auth.refresh(tokens.refreshToken!);
    expect(refreshed).toEqual({ accessToken: expect.stringMatching(/^ya29\./), refreshToken: null, expiresAt: clock + 3599_000, scopes: tokens.scopes });
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
  });

  it("an access token stops working an hour later on Google's clock", async () => {
    const { tokens } = await connect();
    const google = googleCalendar({ rootUrl: fake.rootUrl });
    const access = { accessToken: async () => tokens.accessToken };
    await expect(google.calendars(access)).resolves.toHaveLength(1);
    clock = tokens.expiresAt;
    expect(await failure(google.calendars(access))).toMatchObject({ kind: "auth", providerCode: "authError" });
  });

  it("after the user removes the app's access, the refresh token gets invalid_grant", async () => {
    const { tokens } = await connect();
    fake.revokeRefreshToken(tokens.refreshToken!);
    const error = await failure(auth.refresh(tokens.refreshToken!));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", provider: "google", providerCode: "invalid_grant", transient: false });
  });

  it("revokes the grant at Google, and revoking it again succeeds", async () => {
    const { tokens } = await connect();
    await auth.revoke(tokens.refreshToken!);
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", path: "/revoke" });
    expect(await failure(auth.refresh(tokens.refreshToken!))).toMatchObject({ kind: "auth", providerCode: "invalid_grant" });
    await expect(auth.revoke(tokens.refreshToken!)).resolves.toBeUndefined();
  });

  it("does not retry a token endpoint that fails: the server's jobs do", async () => {
    const { tokens } = await connect();
    fake.inject({ path: "/token", status: 503, retryAfter: 120 });
    const before = fake.requests.length;
    const error = await failure(auth.refresh(tokens.refreshToken!));
    expect(error).toMatchObject({ kind: "unavailable", transient: true, retryAfterMs: 120_000 });
    expect(fake.requests.length - before).toBe(1);
  });
});
