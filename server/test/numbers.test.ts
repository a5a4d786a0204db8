import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentConfigSchema, type AgentRelease } from "@frontdesk/core";
import { forTenant } from "@frontdesk/db";
import { retellVoiceAgent } from "@frontdesk/retell";
import { sandboxTwilioAccount } from "@frontdesk/twilio/testing";
import { demoTenantId } from "../app/demo/seed";
import { startPhoneHarness, type PhoneHarness } from "../testing/phone-harness";

const release = (name: string): AgentRelease => ({
  name,
  voiceId: "retell-Cimo",
  language: "en-US",
  prompt: "You are the receptionist.",
  greeting: "Hello.",
  dynamicDefaults: {},
  tools: [],
  transfer: null,
  eventsUrl: "https://frontdesk.example/webhooks/retell/agents/x/events",
  maxCallDurationMs: 600_000,
  analysis: [],
  versionTitle: "v1",
});

describe("phone numbers", () => {
  let h: PhoneHarness;
  const account = () => h.twilio.state.accounts.get(sandboxTwilioAccount.accountSid)!;
  /** The demo business's Retell workspace: the one the server imported or bought its numbers in. */
  const workspace = () => {
    const key = h.retell.requests.find((request) => /phone-number/.test(request.path))!.key!;
    return h.retell.workspace(key);
  };
  const search = async (input: Record<string, unknown>) => {
    const answer = await h.demo("numbers.search", input);
    expect(answer.status, JSON.stringify(answer)).toBe(200);
    return answer.data as { phoneNumber: string; type: string }[];
  };
  const buy = (input: Record<string, unknown>) => h.demo("numbers.buy", input, true);

  beforeAll(async () => {
    h = await startPhoneHarness();
  }, 60_000);
  afterAll(() => h?.stop());

  it("searches the numbers for sale by country, type, area code and pattern", async () => {
    const austin = await search({ country: "us", type: "local", areaCode: "512" });
    expect(austin.length).toBeGreaterThan(0);
    expect(austin.every((n) => n.phoneNumber.startsWith("+1512") && n.type === "local")).toBe(true);
    const pattern = await search({ country: "US", areaCode: "415", contains: "0105" });
    expect(pattern.map((n) => n.phoneNumber)).toEqual(["+14155550105"]);
    const tollFree = await search({ country: "US", type: "toll_free", limit: 2 });
    expect(tollFree).toHaveLength(2);
    expect(tollFree.every((n) => /^\+18(00|88)/.test(n.phoneNumber))).toBe(true);
    const byRest = await h.rest("GET", "/numbers/available?country=US&areaCode=212&limit=3");
    expect(byRest.status, JSON.stringify(byRest.body)).toBe(200);
    expect(byRest.body.length).toBe(3);
    expect(byRest.body.every((n: { phoneNumber: string }) => n.phoneNumber.startsWith("+1212"))).toBe(true);
    expect(await h.demo("numbers.search", { country: "US", areaCode: "4x5" })).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "areaCode" });
  });

  it("buys a number through Twilio and wires it to Retell over the SIP trunk, with our inbound webhook", async () => {
    const bought = await buy({ phoneNumber: "+14155550101", carrier: "twilio", nickname: "Front desk" });
    expect(bought, JSON.stringify(bought)).toMatchObject({ status: 200, data: { e164: "+14155550101", display: "(415) 555-0101", carrier: "twilio", status: "inactive", setup: "wired", sandbox: true, nickname: "Front desk" } });
    const id = bought.data.id as string;

    const atTwilio = account().numbers.filter((n) => n.phoneNumber === "+14155550101");
    expect(atTwilio).toHaveLength(1);
    const trunk = account().trunks.find((t) => t.sid === atTwilio[0]!.trunkSid)!;
    expect(trunk.domainName).toMatch(/^frontdesk-[0-9a-f]{16}\.pstn\.twilio\.com$/);
    expect(trunk.originationUrls.map((u) => u.sipUrl)).toEqual(["sip:sip.retellai.com"]);

    const atRetell = workspace().numbers.get("+14155550101")!;
    expect(atRetell).toMatchObject({ inbound_webhook_url: `${h.publicUrl}/webhooks/retell/numbers/${id}/inbound`, termination_uri: trunk.domainName, nickname: "Front desk" });
    const history = (await h.demo("numbers.history", { numberId: id })).data as { note: string }[];
    expect(history.map((e) => e.note)).toEqual([expect.stringMatching(/^Purchase started/), expect.stringMatching(/^Bought at Twilio/), "Imported into Retell over the SIP trunk."]);

    // A second number goes on the same trunk: one per account.
    expect((await buy({ phoneNumber: "+14155550102" })).status).toBe(200);
    expect(account().trunks).toHaveLength(1);
    expect(account().numbers.find((n) => n.phoneNumber === "+14155550102")!.trunkSid).toBe(trunk.sid);
  });

  it("buys a number through Retell", async () => {
    const bought = await buy({ phoneNumber: "+12125550133", carrier: "retell", nickname: "Retell line" });
    expect(bought, JSON.stringify(bought)).toMatchObject({ status: 200, data: { carrier: "retell", setup: "wired", status: "inactive" } });
    expect(workspace().numbers.get("+12125550133")).toMatchObject({ phone_number_type: "retell-twilio", inbound_webhook_url: `${h.publicUrl}/webhooks/retell/numbers/${bought.data.id}/inbound` });
    expect(account().numbers.some((n) => n.phoneNumber === "+12125550133")).toBe(false);
    expect(await buy({ phoneNumber: "+442079460123", carrier: "retell" })).toMatchObject({ status: 400, field: "carrier" });
  });

  it("buys once when a purchase is retried after an answer was lost and the wiring failed", async () => {
    const posts = () => h.twilio.requests.filter((r) => r.method === "POST" && r.path.endsWith("/IncomingPhoneNumbers.json") && r.form.PhoneNumber === "+15125550107").length;
    h.twilio.failNext({ method: "POST", path: "/IncomingPhoneNumbers.json", status: 500, afterHandling: true });
    h.retell.failNext({ method: "POST", path: "/import-phone-number", status: 503 });
    const first = await buy({ phoneNumber: "+15125550107" });
    expect(first).toMatchObject({ status: 503, code: "PROVIDER_UNAVAILABLE" });
    const halfWay = ((await h.demo("numbers.list", {})).data as { id: string; e164: string; setup: string; status: string }[]).find((n) => n.e164 === "+15125550107")!;
    expect(halfWay).toMatchObject({ setup: "bought", status: "inactive" });
    expect(((await h.demo("numbers.history", { numberId: halfWay.id })).data as { note: string }[]).at(-1)!.note).toMatch(/^Stopped while wiring it to Retell: Retell could not be reached/);

    const retried = await buy({ phoneNumber: "+15125550107" });
    expect(retried).toMatchObject({ status: 200, data: { id: halfWay.id, setup: "wired" } });
    expect(posts()).toBe(1);
    expect(account().numbers.filter((n) => n.phoneNumber === "+15125550107")).toHaveLength(1);
    expect(workspace().numbers.has("+15125550107")).toBe(true);
    // Done already: buying again answers the number as it is.
    expect(await buy({ phoneNumber: "+15125550107" })).toMatchObject({ status: 200, data: { id: halfWay.id } });
    expect(posts()).toBe(1);
  });

  it("holds nothing when the carrier refuses before anything was bought", async () => {
    // Twilio's 21422: no longer for sale.
    expect(await buy({ phoneNumber: "+14155550150" })).toMatchObject({ status: 409, code: "NUMBER_TAKEN", field: "phoneNumber" });
    const all = (await h.demo("numbers.list", { released: true })).data as { id: string; e164: string; status: string; setup: string }[];
    const refused = all.find((n) => n.e164 === "+14155550150")!;
    expect(refused).toMatchObject({ status: "released", setup: "pending" });
    expect(((await h.demo("numbers.history", { numberId: refused.id })).data as { note: string }[]).at(-1)!.note).toBe("Not bought: That number is no longer for sale. Search again and pick another one.");
    expect(((await h.demo("numbers.list", {})).data as { e164: string }[]).map((n) => n.e164)).not.toContain("+14155550150");
  });

  it("binds and unbinds an agent and the after-hours agent, pinning their published versions at Retell", async () => {
    const numberId = ((await h.demo("numbers.list", {})).data as { id: string; e164: string }[]).find((n) => n.e164 === "+14155550101")!.id;
    const retell = retellVoiceAgent({ apiKey: workspace().key, baseURL: h.retell.url, readRetries: 0 });
    const main = await retell.publish(release("Main"));
    const night = await retell.publish(release("Night"));
    const config = agentConfigSchema.parse({ name: "Main", type: "receptionist", voiceId: "retell-Cimo" });
    const at = h.server.now();
    await h.db.write(async (writer) => {
      const scope = forTenant(writer, demoTenantId);
      for (const [id, published] of [["agt_test_main", main], ["agt_test_night", night], ["agt_test_draft", null]] as const) {
        await scope.addAgent({ id, name: id, type: "receptionist", status: "active", draftConfig: config, providerAgentId: published?.providerAgentId ?? null, createdAt: at, updatedAt: at });
        if (!published) continue;
        await scope.addAgentVersion({ id: `agv_${id}`, agentId: id, number: 1, config, prompt: "You are the receptionist.", tools: [], promptHash: "h", providerLlmId: published.providerLlmId, providerVersion: published.version, publishedAt: at });
        await scope.updateAgent(id, { publishedVersionId: `agv_${id}` });
      }
    });

    expect(await h.demo("numbers.update", { numberId, agentId: "agt_test_draft" }, true)).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "agentId" });
    expect(await h.demo("numbers.update", { numberId, status: "active" }, true)).toMatchObject({ status: 400, field: "status" });
    const bound = await h.demo("numbers.update", { numberId, agentId: "agt_test_main", afterHoursAgentId: "agt_test_night", status: "active" }, true);
    expect(bound, JSON.stringify(bound)).toMatchObject({ status: 200, data: { status: "active", agentId: "agt_test_main", afterHoursAgentId: "agt_test_night", pinnedVersionId: "agv_agt_test_main" } });
    expect(workspace().numbers.get("+14155550101")!.inbound_agents).toEqual([{ agent_id: main.providerAgentId, agent_version: main.version, weight: 1 }]);

    const renamed = await h.rest("PATCH", `/numbers/${numberId}`, { nickname: "Main line" });
    expect(renamed).toMatchObject({ status: 200, body: { nickname: "Main line", agentId: "agt_test_main" } });
    expect(workspace().numbers.get("+14155550101")).toMatchObject({ nickname: "Main line", inbound_agents: [{ agent_id: main.providerAgentId }] });

    const unbound = await h.demo("numbers.update", { numberId, agentId: null, afterHoursAgentId: null }, true);
    expect(unbound).toMatchObject({ status: 200, data: { status: "inactive", agentId: null, afterHoursAgentId: null, pinnedVersionId: null } });
    expect(workspace().numbers.get("+14155550101")!.inbound_agents).toEqual([]);
    const statuses = ((await h.demo("numbers.history", { numberId })).data as { status: string }[]).map((e) => e.status);
    expect(statuses.slice(-3)).toEqual(["inactive", "active", "inactive"]);
  });

  it("releases a number only when confirmed, at Retell and at Twilio", async () => {
    const numberId = ((await h.demo("numbers.list", {})).data as { id: string; e164: string }[]).find((n) => n.e164 === "+14155550102")!.id;
    expect(await h.demo("numbers.release", { numberId, confirmation: "yes" }, true)).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "confirmation" });
    expect(workspace().numbers.has("+14155550102")).toBe(true);
    const token = await h.demo("numbers.releaseToken", { numberId }, true);
    expect(token).toMatchObject({ status: 200, data: { phoneNumber: "+14155550102", confirmation: expect.stringMatching(/^\d+\./) } });
    const forged = `${token.data.confirmation.split(".")[0]}.${"A".repeat(43)}`;
    expect(await h.demo("numbers.release", { numberId, confirmation: forged }, true)).toMatchObject({ status: 400, field: "confirmation" });

    const released = await h.demo("numbers.release", { numberId, confirmation: token.data.confirmation }, true);
    expect(released).toMatchObject({ status: 200, data: { status: "released" } });
    expect(workspace().numbers.has("+14155550102")).toBe(false);
    expect(account().numbers.some((n) => n.phoneNumber === "+14155550102")).toBe(false);

    // Repeating the number confirms too, written as a person would.
    const retellLine = ((await h.demo("numbers.list", {})).data as { id: string; e164: string }[]).find((n) => n.e164 === "+12125550133")!.id;
    expect(await h.rest("POST", `/numbers/${retellLine}/release`, { confirmation: "+1 (212) 555-0133" })).toMatchObject({ status: 200, body: { status: "released" } });
    expect(workspace().numbers.has("+12125550133")).toBe(false);
    const listed = (await h.demo("numbers.list", {})).data as { e164: string }[];
    expect(listed.map((n) => n.e164)).not.toContain("+14155550102");
    expect(((await h.rest("GET", "/numbers?released=true")).body as { e164: string; status: string }[]).filter((n) => n.status === "released").map((n) => n.e164).sort()).toEqual(["+12125550133", "+14155550102", "+14155550150"]);
  });

  it("counts a number's calls, minutes and cost in the business's days", async () => {
    const numberId = ((await h.demo("numbers.list", {})).data as { id: string; e164: string }[]).find((n) => n.e164 === "+15125550107")!.id;
    const day = Date.parse("2027-01-11T17:00:00Z");
    await h.db.write(async (writer) => {
      const scope = forTenant(writer, demoTenantId);
      const call = (id: string, startedAt: number, durationMs: number, costCents: number) =>
        scope.saveCall({ id, providerCallId: `call_${id}`, phoneNumberId: numberId, direction: "inbound", fromE164: "+15125550199", toE164: "+15125550107", status: "ended", startedAt, durationMs, costCents, createdAt: startedAt, updatedAt: startedAt });
      await call("cal_usage_1", day, 90_000, 11);
      await call("cal_usage_2", day + 3_600_000, 150_000, 18);
      await call("cal_usage_old", Date.parse("2026-11-01T17:00:00Z"), 60_000, 7);
    });
    expect(await h.demo("numbers.usage", { numberId })).toMatchObject({ status: 200, data: { calls: 2, minutes: 4, costCents: 29 } });
    expect(await h.rest("GET", `/numbers/${numberId}/usage?from=2026-10-01&to=2026-12-31`)).toMatchObject({ status: 200, body: { calls: 1, minutes: 1, costCents: 7 } });
  });

  it("refuses staff members, and another business neither sees nor touches the demo's numbers", async () => {
    const numberId = ((await h.demo("numbers.list", {})).data as { id: string; e164: string }[]).find((n) => n.e164 === "+15125550107")!.id;
    const owner = await h.signUp("owner@other.example", "Other owner");
    expect((await owner.call("accounts.createBusiness", { name: "Other shop", timeZone: "UTC" }, { mutation: true })).status).toBe(200);
    const staff = await h.join(owner, "staff@other.example", "staff");
    expect(await staff.call("numbers.buy", { phoneNumber: "+15125550108" }, { mutation: true })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await staff.call("numbers.list", {})).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });

    for (const [path, input] of [
      ["numbers.get", { numberId }],
      ["numbers.history", { numberId }],
      ["numbers.usage", { numberId }],
    ] as const) {
      expect(await owner.call(path, input)).toMatchObject({ status: 404, code: "NOT_FOUND", field: "numberId" });
    }
    expect(await owner.call("numbers.update", { numberId, nickname: "Mine" }, { mutation: true })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await owner.call("numbers.releaseToken", { numberId }, { mutation: true })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await owner.call("numbers.release", { numberId, confirmation: "+15125550107" }, { mutation: true })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await owner.call("numbers.buy", { phoneNumber: "+15125550107" }, { mutation: true })).toMatchObject({ status: 409, code: "NUMBER_TAKEN" });
    expect(((await owner.call("numbers.list", {})).data as unknown[]).length).toBe(0);
    expect(workspace().numbers.has("+15125550107")).toBe(true);
  });
});
