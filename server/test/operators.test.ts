import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn, person, type Person } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const password = "correct horse battery staple";
const demoKey = "pk_demo_brightsmile";

describe("platform operators", () => {
  let server: RunningServer;
  let db: Db;
  let operator: Person;
  let owner: Person;
  let businessId: string;

  /** Signs a new person up and confirms their address with the mailed link. */
  async function signUp(email: string, name: string): Promise<Person> {
    const someone = person(server.url);
    expect((await someone.auth("sign-up/email", { name, email, password })).status).toBe(200);
    const [mail] = await rowsOf(db, accountMessages, { recipient: email });
    expect((await someone.auth(linkIn(mail!.text).replace(`${server.url}/api/auth/`, ""))).status).toBeLessThan(400);
    return someone;
  }

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, FRONTDESK_ADMIN_EMAILS: "ops@frontdesk.example" });
    db = await openDb(server.databaseUrl);
    operator = await signUp("ops@frontdesk.example", "Olu Ops");
    owner = await signUp("owner@shop.example", "Sam Owner");
    businessId = (await owner.call("accounts.createBusiness", { name: "Sam's Shop", timeZone: "UTC" }, { mutation: true })).data.id;
  });
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  it("lists every business with its usage, in pages, and every person", async () => {
    const first = await operator.call("operators.businesses", { limit: 1 });
    expect(first).toMatchObject({ status: 200, data: { businesses: [expect.objectContaining({ suspendedAt: null })] } });
    const second = await operator.call("operators.businesses", { limit: 1, after: first.data.next });
    const names = [...first.data.businesses, ...second.data.businesses].map((business: { name: string }) => business.name).sort();
    expect(names).toEqual(["BrightSmile Dental (demo)", "Sam's Shop"]);
    const shop = (await operator.call("operators.businesses", { search: "sam's" })).data.businesses;
    expect(shop).toMatchObject([{ id: businessId, usage: { members: 1, appointments: 0 } }]);
    expect((await operator.call("operators.people", { search: "owner@" })).data.people).toMatchObject([{ email: "owner@shop.example", businesses: 1 }]);
    expect((await operator.call("operators.usage")).data).toMatchObject({ businesses: 2, people: 2, suspendedBusinesses: 0 });
  });

  it("is refused to anyone else, and to an operator's address that is not verified", async () => {
    expect(await owner.call("operators.usage")).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    const impostor = person(server.url);
    // Signed up with a second operator address the server lists, but never confirmed: not an operator.
    await impostor.auth("sign-up/email", { name: "Mallory", email: "OPS@frontdesk.example".replace("OPS", "ops2"), password });
    expect(await impostor.call("operators.usage")).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await person(server.url).call("operators.usage")).toMatchObject({ status: 401, code: "NOT_SIGNED_IN" });
  });

  it("suspends a business: its keys and members answer BUSINESS_SUSPENDED until it is reactivated", async () => {
    const demo = (await operator.call("operators.businesses", { search: "BrightSmile" })).data.businesses[0].id;
    expect((await operator.call("operators.suspendBusiness", { businessId: demo }, { mutation: true })).status).toBe(200);
    expect((await operator.call("operators.suspendBusiness", { businessId: businessId }, { mutation: true })).status).toBe(200);
    expect(await owner.call("team.members")).toMatchObject({ status: 403, code: "BUSINESS_SUSPENDED" });
    const catalog = await fetch(`${server.url}/trpc/booking.catalog`, { headers: { "x-frontdesk-key": demoKey, "cache-control": "no-cache" } });
    // The key cache keeps a business for up to 10 s; a fresh lookup or a later call sees the suspension.
    expect([200, 403]).toContain(catalog.status);
    const secret = await fetch(`${server.url}/trpc/config.get`, { headers: { authorization: `Bearer ${server.demoSecretKey}` } });
    expect(secret.status).toBe(403);
    expect(await operator.call("operators.suspendBusiness", { businessId: "ten_nope" }, { mutation: true })).toMatchObject({ status: 404, field: "businessId" });

    await operator.call("operators.reactivateBusiness", { businessId: demo }, { mutation: true });
    await operator.call("operators.reactivateBusiness", { businessId }, { mutation: true });
    expect((await owner.call("team.members")).status).toBe(200);
  });

  it("suspends a person: their sessions end and they cannot sign in until reactivated", async () => {
    const userId = (await owner.call("accounts.me")).data.user.id;
    await operator.call("operators.suspendPerson", { userId }, { mutation: true });
    expect(await owner.call("accounts.me")).toMatchObject({ status: 401, code: "NOT_SIGNED_IN" });
    const again = person(server.url);
    expect((await again.auth("sign-in/email", { email: "owner@shop.example", password })).status).toBeGreaterThanOrEqual(400);
    expect(again.cookies.has("better-auth.session_token")).toBe(false);

    await operator.call("operators.reactivatePerson", { userId }, { mutation: true });
    expect((await again.auth("sign-in/email", { email: "owner@shop.example", password })).status).toBe(200);
    expect((await again.call("accounts.me")).data.user.id).toBe(userId);
  });
});
