import { TOTP, URI } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages, accounts, auditEntries, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn, person, type Person } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const password = "correct horse battery staple";

describe("accounts: sign-up, a business, its team and two-factor sign-in", () => {
  let server: RunningServer;
  let db: Db;
  let owner: Person;
  let tenantId: string;

  const mailTo = async (email: string) => {
    const mails = await rowsOf(db, accountMessages, { recipient: email });
    return mails.sort((a, b) => a.createdAt - b.createdAt).at(-1)!;
  };

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    db = await openDb(server.databaseUrl);
    owner = person(server.url);
  });
  afterAll(async () => {
    if (process.env.SHOW_SERVER) console.log(server.output());
    db?.close();
    await server?.stop();
  });

  it("signs up an owner, stores the password as argon2id, and mails a verification link", async () => {
    const signUp = await owner.auth("sign-up/email", { name: "Ana Owner", email: "ana@clinic.example", password });
    expect(signUp.status).toBe(200);
    const [credential] = await rowsOf(db, accounts, { providerId: "credential" });
    expect(credential!.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const mail = await mailTo("ana@clinic.example");
    expect(mail).toMatchObject({ kind: "verify_email", subject: "[Sandbox] Confirm your e-mail address" });
    const verified = await person(server.url).auth(linkIn(mail.text).replace(`${server.url}/api/auth/`, ""));
    expect(verified.status).toBeLessThan(400);
    expect((await owner.call("accounts.me")).data).toMatchObject({ user: { email: "ana@clinic.example", emailVerified: true }, businesses: [] });
  });

  it("creates the business with the owner as its first member", async () => {
    const created = await owner.call("accounts.createBusiness", { name: "Ana's Clinic", timeZone: "Europe/Madrid", address: "Calle Mayor 1" }, { mutation: true });
    expect(created).toMatchObject({ status: 200, data: { name: "Ana's Clinic", timeZone: "Europe/Madrid" } });
    tenantId = created.data.id;
    expect((await owner.call("team.members")).data).toMatchObject([{ email: "ana@clinic.example", role: "owner" }]);
    // The owner configures it with the same calls a secret key makes.
    expect((await owner.call("config.get")).data).toMatchObject({ business: { name: "Ana's Clinic" }, locations: [{ address: "Calle Mayor 1" }] });
  });

  it("invites a staff member who signs up and accepts through the mailed link, and acts only as staff", async () => {
    const invited = await owner.call("team.invite", { email: "Bo@Clinic.example", role: "staff", locale: "es" }, { mutation: true });
    expect(invited).toMatchObject({ status: 200, data: { email: "bo@clinic.example", role: "staff" } });
    const mail = await mailTo("bo@clinic.example");
    expect(mail).toMatchObject({ kind: "invitation", tenantId, subject: "[Sandbox] Ana Owner te invitó a Ana's Clinic en Frontdesk" });
    const token = new URL(linkIn(mail.text)).searchParams.get("invitation")!;

    const bo = person(server.url);
    expect((await bo.auth("sign-up/email", { name: "Bo Staff", email: "bo@clinic.example", password })).status).toBe(200);
    expect(await bo.call("accounts.acceptInvitation", { token }, { mutation: true })).toMatchObject({ status: 200, data: { business: { id: tenantId }, role: "staff" } });
    expect((await bo.call("accounts.acceptInvitation", { token }, { mutation: true })).code).toBe("INVALID_INVITATION");
    expect((await bo.call("accounts.me")).data).toMatchObject({ user: { emailVerified: true }, businesses: [{ id: tenantId, role: "staff" }] });

    expect((await bo.call("config.get")).status).toBe(200);
    expect(await bo.call("config.updatePolicies", { holdMinutes: 9 }, { mutation: true })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED", field: "role" });
    expect(await bo.call("team.invite", { email: "eve@clinic.example", role: "owner" }, { mutation: true })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect((await owner.call("team.members")).data).toHaveLength(2);
  });

  it("refuses an invitation for another address, and a call from another site's page", async () => {
    await owner.call("team.invite", { email: "cy@clinic.example", role: "admin" }, { mutation: true });
    const token = new URL(linkIn((await mailTo("cy@clinic.example")).text)).searchParams.get("invitation")!;
    const mallory = person(server.url);
    await mallory.auth("sign-up/email", { name: "Mallory", email: "mallory@evil.example", password });
    expect(await mallory.call("accounts.acceptInvitation", { token }, { mutation: true })).toMatchObject({ status: 403, code: "INVITATION_FOR_ANOTHER_EMAIL" });
    expect(await mallory.call("team.members")).toMatchObject({ status: 403, code: "NOT_A_MEMBER" });

    const forged = await owner.call("team.members", undefined, { headers: { origin: "https://evil.example" } });
    expect(forged).toMatchObject({ status: 403, code: "CROSS_SITE_REQUEST", field: "origin" });
  });

  it("answers a wrong password with 401 naming the field, and no session", async () => {
    const stranger = person(server.url);
    const answer = await stranger.auth("sign-in/email", { email: "ana@clinic.example", password: "wrong password!" });
    expect(answer).toMatchObject({ status: 401, body: { code: "INVALID_EMAIL_OR_PASSWORD", field: "password" } });
    expect(stranger.cookies.size).toBe(0);
    // The operators' log keeps the attempt: no business, no person it could be pinned on, the hashed address.
    const refused = await rowsOf(db, auditEntries, { action: "auth.signed_in_refused" });
    expect(refused).toMatchObject([{ tenantId: null, outcome: "failed", errorCode: "INVALID_EMAIL_OR_PASSWORD", ipHash: expect.any(String) }]);
  });

  it("enables TOTP two-factor, then asks for a code at the next sign-in", async () => {
    const enabled = await owner.auth("two-factor/enable", { password });
    expect(enabled.status).toBe(200);
    expect(enabled.body.backupCodes).toHaveLength(10);
    const totp = URI.parse(enabled.body.totpURI) as TOTP;
    expect((await owner.auth("two-factor/verify-totp", { code: totp.generate() })).status).toBe(200);

    const again = person(server.url);
    const first = await again.auth("sign-in/email", { email: "ana@clinic.example", password });
    expect(first).toMatchObject({ status: 200, body: { twoFactorRedirect: true } });
    expect((await again.call("accounts.me")).code).toBe("NOT_SIGNED_IN");
    expect(await again.auth("two-factor/verify-totp", { code: "000000" })).toMatchObject({ status: 401, body: { field: "code" } });
    // The code of the next 30 s (accepted a period early): the current one was spent confirming two-factor above.
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    expect((await again.auth("two-factor/verify-totp", { code })).status).toBe(200);
    // The same code, seen over someone's shoulder, does not sign in a second time.
    const replay = person(server.url);
    expect((await replay.auth("sign-in/email", { email: "ana@clinic.example", password })).body).toMatchObject({ twoFactorRedirect: true });
    expect(await replay.auth("two-factor/verify-totp", { code })).toMatchObject({ status: 401, body: { code: "CODE_ALREADY_USED", field: "code" } });
    expect((await replay.call("accounts.me")).code).toBe("NOT_SIGNED_IN");
    expect((await again.call("accounts.me")).data).toMatchObject({ user: { twoFactorEnabled: true }, businesses: [{ id: tenantId, role: "owner" }] });
  });
});
