import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn, person } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const password = "correct horse battery staple";

describe("the accounts API's limits and password reset", () => {
  let server: RunningServer;
  let db: Db;

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, RATE_LIMITS: "on", TRUST_PROXY: "1" });
    db = await openDb(server.databaseUrl);
    expect((await person(server.url).auth("sign-up/email", { name: "Lee", email: "lee@shop.example", password })).status).toBe(200);
  });
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  it("allows five wrong passwords for one account, then answers 429 with Retry-After, from any address", async () => {
    const guesses = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      // Each guess from another network (the proxy in front names it): the per-account limit holds whatever the address.
      const network = { "x-forwarded-for": `203.0.113.${attempt + 1}` };
      guesses.push(await person(server.url).auth("sign-in/email", { email: "Lee@shop.example", password: `guess number ${attempt}` }, network));
    }
    expect(guesses.map((guess) => guess.status)).toEqual([401, 401, 401, 401, 401]);
    const refused = await person(server.url).auth("sign-in/email", { email: "lee@shop.example", password }, { "x-forwarded-for": "198.51.100.7" });
    expect(refused).toMatchObject({ status: 429, body: { code: "RATE_LIMITED", field: null } });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("resets a password by the mailed link once: the old password and the used link stop working", async () => {
    const lin = person(server.url);
    expect((await lin.auth("sign-up/email", { name: "Lin", email: "lin@shop.example", password })).status).toBe(200);
    const asked = await lin.auth("request-password-reset", { email: "lin@shop.example", redirectTo: `${server.url}/back-office` });
    expect(asked.status).toBe(200);
    // No account, same answer: the reset form does not tell who has an account.
    expect((await lin.auth("request-password-reset", { email: "nobody@shop.example", redirectTo: `${server.url}/back-office` })).status).toBe(200);
    const [mail] = (await rowsOf(db, accountMessages, { kind: "reset_password" })).filter((row) => row.recipient === "lin@shop.example");
    const link = await fetch(linkIn(mail!.text), { redirect: "manual" });
    const token = new URL(link.headers.get("location")!).searchParams.get("token")!;
    expect(token).toBeTruthy();

    const newPassword = "a brand new passphrase";
    expect((await lin.auth("reset-password", { token, newPassword })).status).toBe(200);
    expect(await lin.auth("reset-password", { token, newPassword: "yet another passphrase" })).toMatchObject({ status: 400, body: { code: "INVALID_TOKEN", field: "token" } });
    expect(await lin.auth("reset-password", { token: "forged", newPassword })).toMatchObject({ status: 400, body: { field: "token" } });
    // The reset ended the session made at sign-up; only the new password signs in.
    expect((await lin.call("accounts.me")).code).toBe("NOT_SIGNED_IN");
    expect((await person(server.url).auth("sign-in/email", { email: "lin@shop.example", password })).status).toBe(401);
    expect((await person(server.url).auth("sign-in/email", { email: "lin@shop.example", password: newPassword })).status).toBe(200);
  });

  it("refuses a short password at sign-up, naming the field", async () => {
    expect(await person(server.url).auth("sign-up/email", { name: "Kit", email: "kit@shop.example", password: "short" })).toMatchObject({
      status: 400,
      body: { code: "PASSWORD_TOO_SHORT", field: "password" },
    });
  });
});
