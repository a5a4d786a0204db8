import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FrontdeskError, ProviderError, type TelephonyProvider } from "@frontdesk/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTwilioClient, rewriteTwilioUrl, sipPasswordFor, sipUsername, twilioTelephony } from "./index";
import { startFakeTwilio, type FakeTwilio } from "./testing/fake";

const retellSip = "sip:sip.retellai.com";
let fake: FakeTwilio;
let twilio: TelephonyProvider;

beforeEach(async () => {
  fake = await startFakeTwilio({ now: () => new Date("2027-01-12T14:00:00Z") });
  twilio = twilioTelephony({ ...fake.accounts[0]!, apiOrigin: fake.url });
});
afterEach(() => fake.close());

const account = () => fake.state.accounts.get(fake.accounts[0]!.accountSid)!;
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("it resolved"), (error: unknown) => error);

describe("searching numbers", () => {
  it("finds local numbers in an area code, as the SDK asks Twilio for them", async () => {
    const numbers = await twilio.searchNumbers({ country: "US", type: "local", areaCode: "415", sms: true, limit: 5 });
    expect(numbers).toHaveLength(5);
    expect(numbers[0]).toEqual({
      phoneNumber: "+14155550100",
      friendlyName: "(415) 555-0100",
      isoCountry: "US",
      type: "local",
      locality: "San Francisco",
      region: "CA",
      capabilities: { voice: true, sms: true, mms: true },
      addressRequired: "none",
    });
    const request = fake.requests.at(-1)!;
    expect(request).toMatchObject({ method: "GET", product: "api", path: `/2010-04-01/Accounts/${fake.accounts[0]!.accountSid}/AvailablePhoneNumbers/US/Local.json`, username: fake.accounts[0]!.accountSid });
    expect(Object.fromEntries(request.query)).toEqual({ AreaCode: "415", SmsEnabled: "true", VoiceEnabled: "true", PageSize: "5" });
  });

  it("finds toll-free and mobile numbers, and none of a type a country does not have", async () => {
    const tollFree = await twilio.searchNumbers({ country: "US", type: "toll_free", limit: 50 });
    expect(tollFree.map((number) => number.phoneNumber.slice(0, 5))).toEqual([...Array(20).fill("+1800"), ...Array(20).fill("+1888")]);
    const mobile = await twilio.searchNumbers({ country: "gb", type: "mobile", limit: 3 });
    expect(mobile.map((number) => [number.phoneNumber, number.friendlyName, number.type, number.addressRequired])).toEqual([
      ["+447700900100", "07700 900100", "mobile", "any"],
      ["+447700900101", "07700 900101", "mobile", "any"],
      ["+447700900102", "07700 900102", "mobile", "any"],
    ]);
    expect(fake.requests.at(-1)!.path).toMatch(/\/AvailablePhoneNumbers\/GB\/Mobile\.json$/);
    expect(await twilio.searchNumbers({ country: "US", type: "mobile" })).toEqual([]);
    expect(await twilio.searchNumbers({ country: "FR", type: "local" })).toEqual([]);
  });

  it("matches a Contains pattern: digits, keypad letters and a trailing wildcard", async () => {
    const exact = await twilio.searchNumbers({ country: "US", type: "local", contains: "5550107" });
    expect(exact.map((number) => number.phoneNumber)).toEqual(["+14155550107", "+12125550107", "+15125550107"]);
    const wildcard = await twilio.searchNumbers({ country: "US", type: "local", areaCode: "212", contains: "555011*", limit: 50 });
    expect(wildcard.map((number) => number.phoneNumber)).toEqual(Array.from({ length: 10 }, (_, digit) => `+121255501${10 + digit}`));
    // JKL on a keypad is 555.
    const letters = await twilio.searchNumbers({ country: "CA", type: "local", contains: "JKL0119" });
    expect(letters.map((number) => number.phoneNumber)).toEqual(["+16045550119"]);
    expect(Object.fromEntries(fake.requests.at(-1)!.query)).toMatchObject({ Contains: "JKL0119" });
  });

  it("refuses a bad area code or pattern with the field at fault, before asking Twilio", async () => {
    const asked = fake.requests.length;
    for (const [query, field] of [
      [{ country: "US", type: "local", areaCode: "41" }, "areaCode"],
      [{ country: "GB", type: "local", areaCode: "020" }, "areaCode"],
      [{ country: "US", type: "local", contains: "5" }, "contains"],
      [{ country: "USA", type: "local" }, "country"],
    ] as const) {
      const error = await failure(twilio.searchNumbers(query));
      expect(error, JSON.stringify(query)).toBeInstanceOf(FrontdeskError);
      expect(error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    expect(fake.requests.length).toBe(asked);
  });
});

describe("a number's life: buy, update, release", () => {
  it("buys a number, renames it, moves it onto a trunk and off again, and gives it back", async () => {
    const owned = await twilio.buyNumber("+14155550105", { friendlyName: "Front desk" });
    expect(owned).toEqual({ providerNumberId: expect.stringMatching(/^PN[0-9a-f]{32}$/), phoneNumber: "+14155550105", trunkId: null });
    expect(fake.requests.at(-1)!.form).toEqual({ PhoneNumber: "+14155550105", FriendlyName: "Front desk" });
    expect((await twilio.searchNumbers({ country: "US", type: "local", contains: "4155550105" })).map((number) => number.phoneNumber)).toEqual([]);

    const trunk = await twilio.ensureSipTrunk({ friendlyName: "Bella Salon", domainName: "frontdesk-bella.pstn.twilio.com", originationSipUrl: retellSip });
    await twilio.updateNumber(owned.providerNumberId, { friendlyName: "Reception", trunkId: trunk.trunkId });
    expect(fake.requests.at(-1)!.form).toEqual({ FriendlyName: "Reception", TrunkSid: trunk.trunkId });
    expect(account().numbers[0]).toMatchObject({ friendlyName: "Reception", trunkSid: trunk.trunkId });

    await twilio.updateNumber(owned.providerNumberId, { trunkId: null });
    expect(fake.requests.at(-1)!.form).toEqual({ TrunkSid: "" });
    expect(account().numbers[0]!.trunkSid).toBeNull();

    await twilio.releaseNumber(owned.providerNumberId);
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", path: expect.stringContaining(`/IncomingPhoneNumbers/${owned.providerNumberId}.json`) });
    expect(account().numbers).toEqual([]);
    await expect(twilio.releaseNumber(owned.providerNumberId)).resolves.toBeUndefined();
  });

  it("buys straight onto a trunk", async () => {
    const trunk = await twilio.ensureSipTrunk({ friendlyName: "Bella Salon", domainName: "frontdesk-bella.pstn.twilio.com", originationSipUrl: retellSip });
    const owned = await twilio.buyNumber("+18005550103", { friendlyName: "Bookings", trunkId: trunk.trunkId });
    expect(owned.trunkId).toBe(trunk.trunkId);
  });

  it("says why Twilio would not sell a number: taken by someone else, malformed, or an unknown id", async () => {
    const accounts = ["a", "b"].map((digit) => ({ accountSid: `AC${digit.repeat(32)}`, authToken: `${digit.repeat(16)}token` }));
    const shared = await startFakeTwilio({ accounts });
    try {
      await twilioTelephony({ ...accounts[0]!, apiOrigin: shared.url }).buyNumber("+14155550106", { friendlyName: "First" });
      const taken = await failure(twilioTelephony({ ...accounts[1]!, apiOrigin: shared.url }).buyNumber("+14155550106", { friendlyName: "Second" }));
      expect(taken).toBeInstanceOf(ProviderError);
      expect(taken).toMatchObject({ kind: "rejected", provider: "twilio", providerCode: 21422 });
    } finally {
      await shared.close();
    }
    expect(await failure(twilio.buyNumber("+1415", { friendlyName: "Short" }))).toMatchObject({ kind: "rejected", providerCode: 21421 });
    expect(await failure(twilio.updateNumber(`PN${"0".repeat(32)}`, { friendlyName: "Gone" }))).toMatchObject({ kind: "not_found", providerCode: 20404 });
  });

  it("answers the number already bought when a purchase is retried, or its answer was lost", async () => {
    const first = await twilio.buyNumber("+14155550107", { friendlyName: "Desk" });
    expect(await twilio.buyNumber("+14155550107", { friendlyName: "Desk" })).toEqual(first);
    // Bought under another name (another business on a shared account): not this purchase's.
    expect(await failure(twilio.buyNumber("+14155550107", { friendlyName: "Other desk" }))).toMatchObject({ kind: "rejected", providerCode: 21422 });
    fake.failNext({ method: "POST", path: "/IncomingPhoneNumbers.json", status: 502, code: 20500, afterHandling: true });
    const lost = await twilio.buyNumber("+14155550108", { friendlyName: "Desk" });
    expect(lost).toEqual({ providerNumberId: account().numbers[1]!.sid, phoneNumber: "+14155550108", trunkId: null });
    expect(account().numbers).toHaveLength(2);
    fake.failNext({ method: "POST", path: "/IncomingPhoneNumbers.json", status: 502, code: 20500 });
    expect(await failure(twilio.buyNumber("+14155550109", { friendlyName: "Desk" }))).toMatchObject({ kind: "unavailable", providerCode: 20500 });
    expect(account().numbers).toHaveLength(2);
  });

  it("finds a number the account holds, once a port has brought it there, and no other account's", async () => {
    expect(await twilio.ownedNumber("+13125550142")).toBeUndefined();
    fake.portIn(fake.accounts[0]!.accountSid, "+13125550142");
    const ported = await twilio.ownedNumber("+13125550142");
    expect(ported).toEqual({ providerNumberId: account().numbers[0]!.sid, phoneNumber: "+13125550142", trunkId: null });
    expect(() => fake.portIn(fake.accounts[0]!.accountSid, "+13125550142")).toThrow(/already in an account/);
    // Over HTTP too, as a sandbox server asks it; a number is in one account only.
    const portIn = (body: object) => fetch(`${fake.url}/__fake/port-in`, { method: "POST", body: JSON.stringify(body) });
    expect((await portIn({ accountSid: fake.accounts[0]!.accountSid, phoneNumber: "+13125550143" })).status).toBe(204);
    expect((await portIn({ accountSid: fake.accounts[0]!.accountSid, phoneNumber: "+13125550143" })).status).toBe(400);
    expect((await portIn({ phoneNumber: "+13125550144" })).status).toBe(400);
    expect(await twilio.ownedNumber("+13125550143")).toMatchObject({ phoneNumber: "+13125550143" });
  });
});

describe("the SIP trunk to the voice provider", () => {
  const options = { friendlyName: "Bella Salon", domainName: "frontdesk-bella.pstn.twilio.com", originationSipUrl: retellSip };

  it("makes the trunk, its origination URL and its termination credentials, and the same trunk when asked again", async () => {
    const first = await twilio.ensureSipTrunk(options);
    expect(first).toEqual({ trunkId: expect.stringMatching(/^TK[0-9a-f]{32}$/), terminationUri: "frontdesk-bella.pstn.twilio.com", username: sipUsername, password: sipPasswordFor(fake.accounts[0]!.authToken, options.domainName) });
    const [trunk] = account().trunks;
    expect(trunk).toMatchObject({ sid: first.trunkId, friendlyName: "Bella Salon", domainName: options.domainName });
    expect(trunk!.originationUrls).toEqual([expect.objectContaining({ sipUrl: retellSip, priority: 10, weight: 10, enabled: true })]);
    const [list] = account().credentialLists;
    expect(trunk!.credentialListSids).toEqual([list!.sid]);
    expect(list!.credentials).toEqual([expect.objectContaining({ username: sipUsername, password: first.password })]);

    const writes = fake.requests.length;
    const second = await twilio.ensureSipTrunk(options);
    expect(second).toEqual(first);
    expect(account().trunks).toHaveLength(1);
    expect(account().trunks[0]!.originationUrls).toHaveLength(1);
    expect(account().credentialLists).toHaveLength(1);
    expect(account().credentialLists[0]!.credentials).toHaveLength(1);
    // Only reads, and setting the same password again.
    expect(fake.requests.slice(writes).filter((request) => request.method !== "GET").map((request) => request.path)).toEqual([expect.stringMatching(/\/Credentials\/CR[0-9a-f]{32}\.json$/)]);
  });

  it("finishes a set-up that stopped half-way", async () => {
    const sdk = createTwilioClient({ ...fake.accounts[0]!, apiOrigin: fake.url });
    const trunk = await sdk.trunking.v1.trunks.create({ friendlyName: "Bella Salon", domainName: options.domainName });
    const ensured = await twilio.ensureSipTrunk(options);
    expect(ensured.trunkId).toBe(trunk.sid);
    expect(account().trunks[0]!.originationUrls).toHaveLength(1);
    expect(account().trunks[0]!.credentialListSids).toHaveLength(1);
  });

  it("agrees with the trunk's own phone-number list about a number moved onto it", async () => {
    const trunk = await twilio.ensureSipTrunk(options);
    const moved = await twilio.buyNumber("+14155550111", { friendlyName: "Moved by TrunkSid" });
    await twilio.updateNumber(moved.providerNumberId, { trunkId: trunk.trunkId });
    const sdk = createTwilioClient({ ...fake.accounts[0]!, apiOrigin: fake.url });
    const attached = await twilio.buyNumber("+14155550112", { friendlyName: "Attached to the trunk" });
    await sdk.trunking.v1.trunks(trunk.trunkId).phoneNumbers.create({ phoneNumberSid: attached.providerNumberId });
    const onTrunk = await sdk.trunking.v1.trunks(trunk.trunkId).phoneNumbers.list();
    expect(onTrunk.map((number) => [number.sid, number.phoneNumber, number.trunkSid])).toEqual([
      [moved.providerNumberId, "+14155550111", trunk.trunkId],
      [attached.providerNumberId, "+14155550112", trunk.trunkId],
    ]);
    expect((await sdk.incomingPhoneNumbers(attached.providerNumberId).fetch()).trunkSid).toBe(trunk.trunkId);
  });

  it("refuses a domain outside pstn.twilio.com, and one another account holds", async () => {
    expect(await failure(twilio.ensureSipTrunk({ ...options, domainName: "bella.example.com" }))).toMatchObject({ code: "VALIDATION_FAILED", field: "domainName" });
    expect(await failure(twilio.ensureSipTrunk({ ...options, originationSipUrl: "https://sip.retellai.com" }))).toMatchObject({ code: "VALIDATION_FAILED", field: "originationSipUrl" });
    const accounts = ["a", "b"].map((digit) => ({ accountSid: `AC${digit.repeat(32)}`, authToken: `${digit.repeat(16)}token` }));
    const shared = await startFakeTwilio({ accounts });
    try {
      await twilioTelephony({ ...accounts[0]!, apiOrigin: shared.url }).ensureSipTrunk(options);
      const taken = await failure(twilioTelephony({ ...accounts[1]!, apiOrigin: shared.url }).ensureSipTrunk(options));
      expect(taken).toMatchObject({ kind: "rejected", providerCode: 21248 });
      expect(shared.state.accounts.get(accounts[1]!.accountSid)!.trunks).toEqual([]);
    } finally {
      await shared.close();
    }
  });
});

describe("paging", () => {
  it("follows the trunking API's absolute meta.next_page_url across pages", async () => {
    const sdk = createTwilioClient({ ...fake.accounts[0]!, apiOrigin: fake.url });
    for (let index = 0; index < 5; index++) await sdk.trunking.v1.trunks.create({ friendlyName: `Trunk ${index}`, domainName: `frontdesk-${index}.pstn.twilio.com` });
    const before = fake.requests.length;
    const trunks = await sdk.trunking.v1.trunks.list({ pageSize: 2 });
    expect(trunks.map((trunk) => trunk.friendlyName)).toEqual(["Trunk 0", "Trunk 1", "Trunk 2", "Trunk 3", "Trunk 4"]);
    const pages = fake.requests.slice(before);
    expect(pages.map((request) => [request.product, request.path, request.query.get("Page")])).toEqual([
      ["trunking", "/v1/Trunks", null],
      ["trunking", "/v1/Trunks", "1"],
      ["trunking", "/v1/Trunks", "2"],
    ]);
    expect(pages[1]!.query.get("PageToken")).toBe(`PA${account().trunks[1]!.sid}`);
  });

  it("follows the 2010 API's relative next_page_uri, keeping the filter", async () => {
    const sdk = createTwilioClient({ ...fake.accounts[0]!, apiOrigin: fake.url });
    for (const last of ["00", "01", "02", "03", "04"]) await twilio.buyNumber(`+1415555010${last.slice(1)}`, { friendlyName: "Desk" });
    await twilio.buyNumber("+12125550100", { friendlyName: "Desk" });
    const before = fake.requests.length;
    const numbers = await sdk.incomingPhoneNumbers.list({ phoneNumber: "+1415", pageSize: 2 });
    expect(numbers.map((number) => number.phoneNumber)).toEqual(["+14155550100", "+14155550101", "+14155550102", "+14155550103", "+14155550104"]);
    expect(fake.requests.slice(before).map((request) => [request.query.get("Page"), request.query.get("PhoneNumber")])).toEqual([
      [null, "+1415"],
      ["1", "+1415"],
      ["2", "+1415"],
    ]);
  });

  it("finds the trunk and the credential list on a later page", async () => {
    const sdk = createTwilioClient({ ...fake.accounts[0]!, apiOrigin: fake.url });
    const fill = Array.from({ length: 60 }, (_, index) => index);
    await Promise.all(fill.map((index) => sdk.trunking.v1.trunks.create({ friendlyName: `Other ${index}`, domainName: `other-${index}.pstn.twilio.com` })));
    await Promise.all(fill.map((index) => sdk.sip.credentialLists.create({ friendlyName: `other-${index}` })));
    const first = await twilio.ensureSipTrunk({ friendlyName: "Bella", domainName: "frontdesk-bella.pstn.twilio.com", originationSipUrl: retellSip });
    const before = fake.requests.length;
    expect(await twilio.ensureSipTrunk({ friendlyName: "Bella", domainName: "frontdesk-bella.pstn.twilio.com", originationSipUrl: retellSip })).toEqual(first);
    const reads = fake.requests.slice(before).filter((request) => request.method === "GET");
    expect(reads.filter((request) => request.path === "/v1/Trunks").length).toBe(2);
    expect(reads.filter((request) => request.path.endsWith("/SIP/CredentialLists.json")).length).toBe(2);
    expect(account().trunks).toHaveLength(61);
  });
});

describe("errors", () => {
  it("maps a wrong auth token to auth, an outage or rate limit to unavailable", async () => {
    const wrong = twilioTelephony({ ...fake.accounts[0]!, authToken: "0".repeat(32), apiOrigin: fake.url });
    expect(await failure(wrong.searchNumbers({ country: "US", type: "local" }))).toMatchObject({ kind: "auth", providerCode: 20003, transient: false });
    fake.failNext({ path: "/Local.json", status: 500 });
    expect(await failure(twilio.searchNumbers({ country: "US", type: "local" }))).toMatchObject({ kind: "unavailable", providerCode: 20500, transient: true });
    fake.failNext({ method: "POST", path: "/IncomingPhoneNumbers.json", status: 429, code: 20429, message: "Too Many Requests" });
    expect(await failure(twilio.buyNumber("+14155550101", { friendlyName: "Desk" }))).toMatchObject({ kind: "unavailable", providerCode: 20429 });
    expect(account().numbers).toEqual([]);
  });

  it("gives up on a Twilio that does not answer, and on one that is not there", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const slow = twilioTelephony({ ...fake.accounts[0]!, apiOrigin: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 200 });
      expect(await failure(slow.searchNumbers({ country: "US", type: "local" }))).toMatchObject({ kind: "unavailable", provider: "twilio" });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
    const gone = twilioTelephony({ ...fake.accounts[0]!, apiOrigin: "http://127.0.0.1:9" });
    expect(await failure(gone.releaseNumber(`PN${"1".repeat(32)}`))).toMatchObject({ kind: "unavailable" });
  });

  it("refuses an account sid that is not one", () => {
    expect(() => twilioTelephony({ accountSid: "SK123", authToken: "x" })).toThrow(ProviderError);
  });
});

describe("rewriting Twilio's hosts to the fake", () => {
  it("maps every product host, and leaves other URLs alone", () => {
    expect(rewriteTwilioUrl("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", "http://127.0.0.1:5000/")).toBe("http://127.0.0.1:5000/api/2010-04-01/Accounts/AC1/Messages.json");
    expect(rewriteTwilioUrl("https://trunking.twilio.com:443/v1/Trunks?PageSize=2", "http://127.0.0.1:5000")).toBe("http://127.0.0.1:5000/trunking/v1/Trunks?PageSize=2");
    expect(rewriteTwilioUrl("https://example.com/v1/Trunks", "http://127.0.0.1:5000")).toBe("https://example.com/v1/Trunks");
  });
});
