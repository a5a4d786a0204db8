import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FrontdeskError } from "@frontdesk/core";
import { createTenant, forTenant, randomId, type Tenant } from "@frontdesk/db";
import { startFakeRetell, type FakeRetell } from "@frontdesk/retell/testing";
import { sandboxTwilioAccount, startFakeTwilio, type FakeTwilio } from "@frontdesk/twilio/testing";
import { sandboxRetellKeyPrefix } from "../app/phone/connections";
import { startTestApp, type TestApp } from "../testing/app-harness";

let retell: FakeRetell;
let twilio: FakeTwilio;
let sandboxed: TestApp;

beforeAll(async () => {
  retell = await startFakeRetell({ keys: ["key_business_own_0001"], acceptKeys: (key) => key.startsWith(sandboxRetellKeyPrefix) });
  twilio = await startFakeTwilio({ accounts: [sandboxTwilioAccount] });
  sandboxed = await startTestApp({ phone: { sandbox: { retellUrl: retell.url, twilioUrl: twilio.url, twilioAccount: sandboxTwilioAccount } } });
});

afterAll(async () => {
  await sandboxed?.close();
  await retell?.close();
  await twilio?.close();
});

async function anotherBusiness(app: TestApp): Promise<Tenant> {
  const id = randomId("ten");
  await app.db.write((writer) => createTenant(writer, { tenant: { id, name: "Harbour Physio", timeZone: "Europe/Madrid", createdAt: app.clock.now() } }));
  return (await forTenant(app.db, id).tenant())!;
}

describe("the phone line's provider accounts", () => {
  it("give a business without its own accounts the bundled fakes, each business its own Retell workspace", async () => {
    const demo = await sandboxed.tenant();
    const other = await anotherBusiness(sandboxed);
    const [demoVoice, otherVoice] = await Promise.all([sandboxed.app.phone.voiceFor(demo), sandboxed.app.phone.voiceFor(other)]);
    expect(demoVoice).toMatchObject({ connectionId: null, mode: "sandbox" });
    expect(demoVoice.webhookKey).not.toBe(otherVoice.webhookKey);
    // The adapters reach the fake: each key opens a workspace of its own there.
    expect((await demoVoice.agent.listVoices()).length).toBeGreaterThan(0);
    await otherVoice.agent.listVoices();
    expect(retell.requests.filter((request) => request.path === "/list-voices").map((request) => request.key)).toEqual([demoVoice.webhookKey, otherVoice.webhookKey]);

    const carrier = await sandboxed.app.phone.carrierFor(demo);
    expect(carrier).toMatchObject({ connectionId: null, mode: "sandbox", accountSid: sandboxTwilioAccount.accountSid });
    const found = await carrier.telephony.searchNumbers({ country: "US", type: "local", areaCode: "415", limit: 3 });
    expect(found.length).toBeGreaterThan(0);
  });

  it("use a business's own connection, with its key sealed at rest, and its webhook key when it has one", async () => {
    const tenant = await anotherBusiness(sandboxed);
    const { phone } = sandboxed.app;
    const connectionId = randomId("vcn");
    await sandboxed.db.write((writer) =>
      forTenant(writer, tenant.id).saveVoiceConnection({
        id: connectionId,
        provider: "retell",
        mode: "sandbox",
        secretSealed: phone.seal("key_business_own_0001"),
        webhookSecretSealed: phone.seal("key_business_webhook_0001"),
      }),
    );
    const [row] = await forTenant(sandboxed.db, tenant.id).voiceConnections();
    expect(row!.secretSealed).not.toContain("key_business_own_0001");

    const voice = await phone.voiceFor(tenant);
    expect(voice).toMatchObject({ connectionId, mode: "sandbox", webhookKey: "key_business_webhook_0001" });
    await voice.agent.listVoices();
    expect(retell.requests.at(-1)!.key).toBe("key_business_own_0001");
    // Null names the platform's (here the sandbox's) account even when the business has its own.
    expect((await phone.voiceFor(tenant, null)).connectionId).toBeNull();
    expect(await phone.retellWebhookKey(tenant, connectionId)).toBe("key_business_webhook_0001");
    // A connection of another provider, or of another business, is not found.
    await expect(phone.carrierFor(tenant, connectionId)).rejects.toMatchObject({ code: "NOT_FOUND", field: "connectionId" });
    await expect(phone.voiceFor(await sandboxed.tenant(), connectionId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lend the platform's own accounts to businesses, never to sandbox ones, and say when there is none", async () => {
    const platform = { retell: { apiKey: "key_platform_live_01", webhookKey: "key_platform_hook_01" }, twilio: { accountSid: `AC${"1".repeat(32)}`, authToken: "platform-auth-token-0001" } };
    const live = await startTestApp({ phone: { sandbox: { retellUrl: retell.url, twilioUrl: twilio.url, twilioAccount: sandboxTwilioAccount }, platform } });
    const bare = await startTestApp({});
    try {
      const business = await anotherBusiness(live);
      expect(await live.app.phone.voiceFor(business)).toMatchObject({ connectionId: null, mode: "live", webhookKey: "key_platform_hook_01" });
      expect(await live.app.phone.carrierFor(business)).toMatchObject({ mode: "live", accountSid: platform.twilio.accountSid, authToken: platform.twilio.authToken });
      // The demo business stays on the fakes, whatever the server's own accounts are.
      expect(await live.app.phone.voiceFor(await live.tenant())).toMatchObject({ mode: "sandbox" });

      const failure = await bare.app.phone.voiceFor(await bare.tenant()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(FrontdeskError);
      expect(failure).toMatchObject({ code: "PROVIDER_NOT_CONFIGURED" });
      await expect(bare.app.phone.carrierFor(await bare.tenant())).rejects.toMatchObject({ code: "PROVIDER_NOT_CONFIGURED" });
      expect(await bare.app.phone.retellWebhookKey(await bare.tenant(), null)).toBeUndefined();
    } finally {
      await live.close();
      await bare.close();
    }
  });
});
