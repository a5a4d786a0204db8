import { ProviderError, type CalendarAuth } from "@frontdesk/core";
import { generateCodeVerifier } from "arctic";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outlookCalendarAuth, outlookScopes } from "./auth";
import { outlookCalendar } from "./calendar";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph, type FakeUser } from "./testing/fake";

const redirectUri = "https://frontdesk.example/oauth/microsoft/callback";
let clock = Date.parse("2027-03-01T09:00:00Z");
let fake: FakeMicrosoftGraph;
let auth: CalendarAuth;
let user: FakeUser;

beforeEach(async () => {
  clock = Date.parse("2027-03-01T09:00:00Z");
  fake = await startFakeMicrosoftGraph({ now: () => new Date(clock), redirectUris: [redirectUri] });
  user = fake.addUser({ displayName: "Ana Ruiz", mail: "ana@bella-salon.example", mailboxTimeZone: "Romance Standard Time" });
  auth = outlookCalendarAuth({ clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, redirectUri, endpoints: fake.entraEndpoints(), baseUrl: fake.url, now: () => clock });
});
afterEach(() => fake.close());

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("it resolved"), (error: unknown) => error);

/** The browser's part: open the authorization URL, consent at once, and come back with the code. */
async function consent(url: URL): Promise<URLSearchParams> {
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
  return back.searchParams;
}

async function connect(codeVerifier = generateCodeVerifier()) {
  const callback = await consent(auth.authorizationUrl({ state: "state-1", codeVerifier }));
  return auth.exchangeCode({ code: callback.get("code")!, codeVerifier });
}

describe("connecting an Outlook calendar", () => {
  it("sends the staff member to Entra with PKCE (S256), the scopes and an account picker", () => {
    const url = auth.authorizationUrl({ state: "state-1", codeVerifier: generateCodeVerifier() });
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/common/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: fake.app.clientId,
      redirect_uri: redirectUri,
      state: "state-1",
      code_challenge_method: "S256",
      scope: "offline_access User.Read Calendars.ReadWrite MailboxSettings.Read",
      prompt: "select_account",
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hinted = auth.authorizationUrl({ state: "s", codeVerifier: generateCodeVerifier(), loginHint: "ana@bella-salon.example" });
    expect(hinted.searchParams.get("login_hint")).toBe("ana@bella-salon.example");
    expect(hinted.searchParams.has("prompt")).toBe(false);
  });

  it("defaults to the real Entra endpoints of the common tenant", () => {
    const real = outlookCalendarAuth({ clientId: "app", clientSecret: null, redirectUri });
    expect(real.authorizationUrl({ state: "s", codeVerifier: generateCodeVerifier() }).origin + real.authorizationUrl({ state: "s", codeVerifier: generateCodeVerifier() }).pathname).toBe(
      "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    );
  });

  it("trades the code for tokens and reads who connected from Graph", async () => {
    const { tokens, account } = await connect();
    expect(account).toEqual({ providerAccountId: user.id, email: "ana@bella-salon.example", name: "Ana Ruiz" });
    expect(tokens).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresAt: clock + 3599_000, scopes: ["User.Read", "Calendars.ReadWrite", "MailboxSettings.Read"] });
    const token = fake.requests.find((request) => request.area === "entra" && request.path.endsWith("/token"))!;
    expect(token.body).toMatchObject({ grant_type: "authorization_code", code_verifier: expect.any(String), redirect_uri: redirectUri });
  });

  it("uses the account's principal name when it has no mail address", async () => {
    const personal = fake.addUser({ displayName: "Sam", mail: null, userPrincipalName: "sam@outlook.example", personal: true });
    fake.signInAs(personal.id);
    expect((await connect()).account).toEqual({ providerAccountId: personal.id, email: "sam@outlook.example", name: "Sam" });
  });

  it("keeps the scopes the person actually granted", async () => {
    fake.signInAs(user.id, { grant: ["offline_access", "User.Read", "Calendars.ReadWrite"] });
    const { tokens } = await connect();
    expect(tokens.scopes).toEqual(["User.Read", "Calendars.ReadWrite"]);
    // Without MailboxSettings.Read the calendars still list, without a zone.
    const calendars = await outlookCalendar({ baseUrl: fake.url }).calendars({ accessToken: async () => tokens.accessToken });
    expect(calendars).toEqual([expect.objectContaining({ primary: true, timeZone: null })]);
  });

  it("refuses a code with another verifier than the one its challenge was made from", async () => {
    const callback = await consent(auth.authorizationUrl({ state: "s", codeVerifier: generateCodeVerifier() }));
    const error = await failure(auth.exchangeCode({ code: callback.get("code")!, codeVerifier: generateCodeVerifier() }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", provider: "microsoft", providerCode: "invalid_grant" });
    expect((error as Error).message).toContain("AADSTS501481");
  });

  it("refuses a code used twice", async () => {
    const codeVerifier = generateCodeVerifier();
    const callback = await consent(auth.authorizationUrl({ state: "s", codeVerifier }));
    await auth.exchangeCode({ code: callback.get("code")!, codeVerifier });
    expect(await failure(auth.exchangeCode({ code: callback.get("code")!, codeVerifier }))).toMatchObject({ kind: "auth", providerCode: "invalid_grant" });
  });

  it("says so when the client secret is wrong", async () => {
    const wrong = outlookCalendarAuth({ clientId: fake.app.clientId, clientSecret: "not-the-secret", redirectUri, endpoints: fake.entraEndpoints(), baseUrl: fake.url });
    const codeVerifier = generateCodeVerifier();
    const callback = await consent(wrong.authorizationUrl({ state: "s", codeVerifier }));
    expect(await failure(wrong.exchangeCode({ code: callback.get("code")!, codeVerifier }))).toMatchObject({ kind: "auth", providerCode: "invalid_client" });
  });
});

describe("keeping the connection", () => {
  it("refreshes with the rotated refresh token, and the new access token works", async () => {
    const { tokens } = await connect();
    clock += 50 * 60_000;
    const refreshed = await auth.refresh(tokens.refreshToken!);
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.expiresAt).toBe(clock + 3599_000);
    const refreshRequest = fake.requests.filter((request) => request.area === "entra").at(-1)!;
    expect(refreshRequest.body).toMatchObject({ grant_type: "refresh_token", scope: outlookScopes.join(" ") });
    const again = await auth.refresh(refreshed.refreshToken!);
    expect(again.refreshToken).not.toBe(refreshed.refreshToken);
    const calendars = await outlookCalendar({ baseUrl: fake.url }).calendars({ accessToken: async () => again.accessToken });
    expect(calendars.map((calendar) => calendar.timeZone)).toEqual(["Europe/Paris"]);
  });

  it("gets invalid_grant once the grant is revoked", async () => {
    const { tokens } = await connect();
    fake.revokeRefreshTokens(user.id);
    const error = await failure(auth.refresh(tokens.refreshToken!));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", providerCode: "invalid_grant", transient: false });
    expect((error as Error).message).toContain("AADSTS50173");
  });

  it("finds an access token past its expiry refused by Graph", async () => {
    const { tokens } = await connect();
    clock = tokens.expiresAt + 1;
    const error = await failure(outlookCalendar({ baseUrl: fake.url }).calendars({ accessToken: async () => tokens.accessToken }));
    expect(error).toMatchObject({ kind: "auth", providerCode: "InvalidAuthenticationToken" });
  });

  it("reports an unavailable token endpoint as transient", async () => {
    const { tokens } = await connect();
    fake.failNext({ path: "/oauth2/v2.0/token", status: 503, retryAfterSeconds: 5 });
    expect(await failure(auth.refresh(tokens.refreshToken!))).toMatchObject({ kind: "unavailable", transient: true });
  });

  it("revokes by resolving, asking Microsoft nothing: Entra has no revocation of one app's grant", async () => {
    const { tokens } = await connect();
    const asked = fake.requests.length;
    await expect(auth.revoke(tokens.refreshToken!)).resolves.toBeUndefined();
    expect(fake.requests.length).toBe(asked);
  });
});
