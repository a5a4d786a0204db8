import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containsPattern } from "./fake-inventory";
import { segmentsOf } from "./fake-v2010";
import { startFakeTwilio, type FakeTwilio } from "./fake";

// The fake on the wire, without the SDK: what a client that is not ours would see.
const accounts = ["a", "b"].map((digit) => ({ accountSid: `AC${digit.repeat(32)}`, authToken: `token-${digit}` }));
let fake: FakeTwilio;

beforeAll(async () => {
  fake = await startFakeTwilio({ accounts, now: () => new Date("2027-01-12T14:00:00Z") });
});
afterAll(() => fake.close());

const basic = (account: { accountSid: string; authToken: string }) => `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`;

async function call(method: string, path: string, options: { as?: (typeof accounts)[number] | null; form?: Record<string, string> } = {}) {
  const as = options.as === undefined ? accounts[0]! : options.as;
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { ...(as ? { authorization: basic(as) } : {}), ...(options.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const api = (account: (typeof accounts)[number], rest: string) => `/api/2010-04-01/Accounts/${account.accountSid}${rest}`;

describe("Basic auth, per account", () => {
  it("answers 401 with Twilio's RestException body to no, or wrong, credentials", async () => {
    const none = await call("GET", api(accounts[0]!, "/IncomingPhoneNumbers.json"), { as: null });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Basic realm="Twilio API"');
    expect(none.body).toEqual({ code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 });
    expect((await call("GET", api(accounts[0]!, "/IncomingPhoneNumbers.json"), { as: { ...accounts[0]!, authToken: accounts[1]!.authToken } })).status).toBe(401);
  });

  it("does not open one account's resources with another's credentials", async () => {
    expect((await call("GET", api(accounts[1]!, "/IncomingPhoneNumbers.json"))).status).toBe(401);
    const bought = await call("POST", api(accounts[1]!, "/IncomingPhoneNumbers.json"), { as: accounts[1]!, form: { PhoneNumber: "+15125550110" } });
    expect(bought.status).toBe(201);
    expect((await call("GET", api(accounts[0]!, `/IncomingPhoneNumbers/${bought.body.sid}.json`))).body).toMatchObject({ status: 404, code: 20404 });
    const trunk = await call("POST", "/trunking/v1/Trunks", { as: accounts[1]!, form: { FriendlyName: "B" } });
    expect((await call("GET", `/trunking/v1/Trunks/${trunk.body.sid}`)).status).toBe(404);
  });
});

describe("answers in Twilio's shapes", () => {
  it("dates the 2010 API in RFC 2822 and the trunking API in ISO 8601", async () => {
    const number = await call("POST", api(accounts[0]!, "/IncomingPhoneNumbers.json"), { form: { PhoneNumber: "+15125550111", FriendlyName: "Desk" } });
    expect(number.body).toMatchObject({ date_created: "Tue, 12 Jan 2027 14:00:00 +0000", friendly_name: "Desk", phone_number: "+15125550111", capabilities: { voice: true, sms: true, mms: true, fax: false }, status: "in-use", trunk_sid: null });
    const trunk = await call("POST", "/trunking/v1/Trunks", { form: { FriendlyName: "A", DomainName: "shapes-a.pstn.twilio.com" } });
    expect(trunk.body).toMatchObject({ date_created: "2027-01-12T14:00:00Z", domain_name: "shapes-a.pstn.twilio.com", url: `https://trunking.twilio.com/v1/Trunks/${trunk.body.sid}` });
  });

  it("pages the 2010 API by a relative next_page_uri and the trunking API by an absolute meta.next_page_url", async () => {
    const numbers = await call("GET", api(accounts[1]!, "/IncomingPhoneNumbers.json?PageSize=1"), { as: accounts[1]! });
    expect(numbers.body).toMatchObject({ page: 0, page_size: 1, next_page_uri: null, incoming_phone_numbers: [expect.objectContaining({ phone_number: "+15125550110" })] });
    await call("POST", "/trunking/v1/Trunks", { form: { FriendlyName: "A2" } });
    const trunks = await call("GET", "/trunking/v1/Trunks?PageSize=1");
    expect(trunks.body.meta).toMatchObject({ key: "trunks", page: 0, page_size: 1, next_page_url: expect.stringMatching(/^https:\/\/trunking\.twilio\.com\/v1\/Trunks\?PageSize=1&Page=1&PageToken=PATK[0-9a-f]{32}$/) });
    const next = new URL(trunks.body.meta.next_page_url);
    const second = await call("GET", `/trunking${next.pathname}${next.search}`);
    expect(second.body.trunks.map((trunk: { friendly_name: string }) => trunk.friendly_name)).toEqual(["A2"]);
    expect(second.body.meta.next_page_url).toBeNull();
  });

  it("refuses bad parameters with Twilio's codes", async () => {
    expect((await call("POST", "/trunking/v1/Trunks", { form: { DomainName: "bella.example.com" } })).body).toMatchObject({ status: 400, code: 21232 });
    expect((await call("POST", "/trunking/v1/Trunks", { as: accounts[1]!, form: { DomainName: "shapes-a.pstn.twilio.com" } })).body).toMatchObject({ status: 409, code: 21248 });
    const trunk = (await call("GET", "/trunking/v1/Trunks?PageSize=1")).body.trunks[0];
    const origination = await call("POST", `/trunking/v1/Trunks/${trunk.sid}/OriginationUrls`, { form: { FriendlyName: "Retell", SipUrl: "sip:sip.retellai.com", Priority: "10", Weight: "10" } });
    expect(origination.body).toEqual({ code: 20001, message: "Missing required parameter Enabled in the post body", more_info: "https://www.twilio.com/docs/errors/20001", status: 400 });
    const list = await call("POST", api(accounts[0]!, "/SIP/CredentialLists.json"), { form: { FriendlyName: "retell" } });
    const weak = await call("POST", api(accounts[0]!, `/SIP/CredentialLists/${list.body.sid}/Credentials.json`), { form: { Username: "frontdesk", Password: "short" } });
    expect(weak.body).toMatchObject({ status: 400, code: 20001 });
    expect((await call("GET", api(accounts[0]!, "/AvailablePhoneNumbers/US/Local.json?Contains=5"))).body).toMatchObject({ status: 400 });
    expect((await call("GET", api(accounts[0]!, "/AvailablePhoneNumbers/XX/Local.json"))).body).toMatchObject({ status: 404, code: 20404 });
    expect((await call("POST", api(accounts[0]!, "/Messages.json"), { form: { To: "+14155550142", From: "+15125550111", Body: "hi", StatusCallback: "not a url" } })).body).toMatchObject({ status: 400, code: 21609 });
    expect((await call("POST", api(accounts[0]!, "/Messages.json"), { form: { To: "4155550142", From: "+15125550111", Body: "hi" } })).body).toMatchObject({ status: 400, code: 21211 });
  });
});

describe("Twilio's rules, as the fake reads them", () => {
  it("reads Contains patterns: keypad letters, * and %, + and $ anchors, wildcards only at the ends", () => {
    expect(containsPattern("555")?.test("4155550100")).toBe(true);
    expect(containsPattern("JKL01")?.test("4155550100")).toBe(true);
    expect(containsPattern("+415")?.test("4155550100")).toBe(true);
    expect(containsPattern("+555")?.test("4155550100")).toBe(false);
    expect(containsPattern("0100$")?.test("4155550100")).toBe(true);
    expect(containsPattern("0101$")?.test("4155550100")).toBe(false);
    expect(containsPattern("41555501**")?.test("4155550100")).toBe(true);
    expect(containsPattern("%0100")?.test("4155550100")).toBe(true);
    for (const bad of ["5", "5*5", "é5", "12345678901234567", "**"]) expect(containsPattern(bad), bad).toBeNull();
  });

  it("counts SMS segments as GSM-7 or UCS-2", () => {
    expect(segmentsOf("x".repeat(160))).toBe(1);
    expect(segmentsOf("x".repeat(161))).toBe(2);
    expect(segmentsOf("€".repeat(80))).toBe(1);
    expect(segmentsOf("€".repeat(81))).toBe(2);
    expect(segmentsOf("✓".repeat(70))).toBe(1);
    expect(segmentsOf("✓".repeat(71))).toBe(2);
  });
});

describe("the control routes under /__fake", () => {
  it("shows the state without tokens, fails the next request on demand, and resets", async () => {
    const own = await startFakeTwilio({ accounts: [accounts[0]!] });
    try {
      const post = (path: string, body?: unknown) => fetch(`${own.url}${path}`, { method: "POST", ...(body ? { body: JSON.stringify(body) } : {}) });
      const buy = () => fetch(`${own.url}${api(accounts[0]!, "/IncomingPhoneNumbers.json")}`, { method: "POST", headers: { authorization: basic(accounts[0]!), "content-type": "application/x-www-form-urlencoded" }, body: "PhoneNumber=%2B14155550100" });
      expect((await post("/__fake/fail-next", { path: "/IncomingPhoneNumbers.json", status: 503, code: 20503 })).status).toBe(204);
      expect(await (await buy()).json()).toMatchObject({ status: 503, code: 20503 });
      expect((await buy()).status).toBe(201);
      const state = await (await fetch(`${own.url}/__fake/state`)).json();
      expect(state.sold).toEqual(["+14155550100"]);
      expect(state.accounts[0]).toMatchObject({ sid: accounts[0]!.accountSid, numbers: [expect.objectContaining({ phoneNumber: "+14155550100" })] });
      expect(JSON.stringify(state)).not.toContain(accounts[0]!.authToken);
      expect((await post("/__fake/reset")).status).toBe(204);
      expect(own.state.accounts.get(accounts[0]!.accountSid)!.numbers).toEqual([]);
      expect(own.requests).toEqual([]);
      expect((await post("/__fake/fail-next", { status: 500 })).status).toBe(400);
    } finally {
      await own.close();
    }
  });
});
