import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, openDb, providerEvents, type Db } from "@frontdesk/db";
import { countRows, insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { sandboxTwilioAccount } from "@frontdesk/twilio/testing";
import { signTwilioRequest } from "@frontdesk/twilio/webhook";
import { startServer, type RunningServer } from "../testing/start-server";

// Twilio signs the URL it was given: PUBLIC_URL, not the address the test reaches the server at.
const publicUrl = "https://desk.example.test";
const callbackUrl = `${publicUrl}/webhooks/twilio/sms-status`;
const sid = "SM0123456789abcdef0123456789abcdef";
let server: RunningServer;
let db: Db;

beforeAll(async () => {
  server = await startServer({ PUBLIC_URL: publicUrl });
  db = await openDb(server.databaseUrl);
  const at = server.now();
  await insertRows(db, rowsFor(notifications, {
    tenantId: "ten_demo_brightsmile", id: "ntf_sms", kind: "confirmation", dedupeKey: "sms:test", channel: "sms", recipient: "+14155550142",
    subject: "", text: "Booked.", sendAt: at, status: "sent", nextAttemptAt: at, transport: "twilio", providerMessageId: sid, sentAt: at,
  }));
}, 60_000);

afterAll(async () => {
  db?.close();
  await server?.stop();
});

const form = (status: string) => ({ MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: sandboxTwilioAccount.accountSid, To: "+14155550142", From: "+14155550100", ApiVersion: "2010-04-01" });

function post(params: Record<string, string>, signature: string | undefined) {
  return fetch(`${server.url}/webhooks/twilio/sms-status`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
    body: new URLSearchParams(params).toString(),
  });
}

const deliveryOf = async () => (await rowsOf(db, notifications, { id: "ntf_sms" }))[0]!.deliveryStatus;

describe("Twilio's SMS status callbacks", () => {
  it("refuse a callback unsigned, signed with another token, or signed for the Host rather than PUBLIC_URL", async () => {
    const params = form("delivered");
    expect((await post(params, undefined)).status).toBe(401);
    expect((await post(params, signTwilioRequest("another-token", callbackUrl, params))).status).toBe(401);
    expect((await post(params, signTwilioRequest(sandboxTwilioAccount.authToken, `${server.url}/webhooks/twilio/sms-status`, params))).status).toBe(401);
    expect(await deliveryOf()).toBeNull();
    expect(await countRows(db, providerEvents, { subjectId: sid })).toBe(0);
  });

  it("record the delivery once, and never go back to an earlier status", async () => {
    const delivered = form("delivered");
    expect((await post(delivered, signTwilioRequest(sandboxTwilioAccount.authToken, callbackUrl, delivered))).status).toBe(204);
    expect(await deliveryOf()).toBe("delivered");
    expect((await post(delivered, signTwilioRequest(sandboxTwilioAccount.authToken, callbackUrl, delivered))).status).toBe(204);
    const late = form("sent");
    expect((await post(late, signTwilioRequest(sandboxTwilioAccount.authToken, callbackUrl, late))).status).toBe(204);
    expect(await deliveryOf()).toBe("delivered");
    expect(await rowsOf(db, providerEvents, { subjectId: sid })).toMatchObject([
      { kind: "sms_status", dedupeKey: "sms_status:delivered", duplicates: 1 },
      { kind: "sms_status", dedupeKey: "sms_status:sent", duplicates: 0 },
    ]);
  });

  it("answer 400 for a signed form that is not a status callback", async () => {
    const params = { ...form("delivered"), MessageSid: "not-a-sid" };
    const answer = await post(params, signTwilioRequest(sandboxTwilioAccount.authToken, callbackUrl, params));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "MessageSid" } });
  });
});
