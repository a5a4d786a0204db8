import { afterEach, describe, expect, it } from "vitest";
import { forTenant, notifications, tenants } from "@frontdesk/db";
import { rowsOf, updateRows } from "@frontdesk/db/testing";
import { sandboxTwilioAccount, startFakeTwilio, type FakeTwilio } from "@frontdesk/twilio/testing";
import { startTestApp, type TestApp } from "../testing/app-harness";

const start = Date.parse("2026-12-01T14:00:00Z");
const caller = "+14155550161";
const line = "+14155550100";
let twilio: FakeTwilio;
let t: TestApp;

async function setUp({ live }: { live: boolean }) {
  twilio = await startFakeTwilio({ accounts: [sandboxTwilioAccount] });
  t = await startTestApp({ start, phone: { sandbox: { retellUrl: "http://127.0.0.1:9", twilioUrl: twilio.url, twilioAccount: sandboxTwilioAccount } } });
  if (live) await updateRows(t.db, tenants, { sandbox: false });
}

afterEach(async () => {
  await t?.close();
  await twilio?.close();
});

/** A number of the business's Twilio account, as buying one leaves it: Twilio sends SMS only from the account's own numbers. */
async function addLine(sms = true) {
  const { accountSid, authToken } = sandboxTwilioAccount;
  const response = await fetch(`${twilio.url}/api/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ PhoneNumber: line }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  await t.db.write((writer) =>
    forTenant(writer, t.tenantId).addPhoneNumber({ id: "num_line", e164: line, country: "US", type: "local", carrier: "twilio", status: "active", capabilities: { voice: true, sms, mms: false } }),
  );
}

/** A booking on the phone line by a caller the business knows by number alone. */
async function bookByPhone() {
  const tenant = await t.tenant();
  const day = new Date(start + 3 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await t.app.booking.availability(tenant, { serviceId: "svc_consult", staffId: "stf_patel", from: day, to: day });
  return t.app.booking.create(tenant, { serviceId: "svc_consult", staffId: "stf_patel", start: slots[0]!.start, customer: { name: "Sam Ortiz", phone: "(415) 555-0161", phoneE164: caller } }, "phone", { requireApproval: false });
}

const confirmation = async () => (await rowsOf(t.db, notifications, { kind: "confirmation" }))[0]!;

describe("SMS to customers the phone line knows by number alone", () => {
  it("puts a short confirmation with the manage link in a sandbox business's outbox", async () => {
    await setUp({ live: false });
    await bookByPhone();
    await t.app.notifications.settled();
    const row = await confirmation();
    expect(row).toMatchObject({ channel: "sms", recipient: caller, status: "sent", transport: "outbox", html: null, ics: null });
    expect(row.text).toMatch(/^BrightSmile Dental \(demo\): \[Sandbox\] Confirmed: .+\. Manage or cancel your appointment: http:\/\/frontdesk\.test\/manage\?token=apt_\S+$/);
    expect(row.text.length).toBeLessThanOrEqual(306);
    expect(twilio.state.accounts.get(sandboxTwilioAccount.accountSid)!.messages).toEqual([]);
  });

  it("sends a live business's confirmation through its Twilio, from its active number, with a status callback", async () => {
    await setUp({ live: true });
    await addLine();
    await bookByPhone();
    await t.app.notifications.settled();
    const [sent] = twilio.state.accounts.get(sandboxTwilioAccount.accountSid)!.messages;
    expect(sent).toMatchObject({ to: caller, from: line, statusCallback: expect.stringMatching(/\/webhooks\/twilio\/sms-status$/) });
    expect(sent!.body).toMatch(/^BrightSmile Dental \(demo\): Confirmed: /);
    expect(await confirmation()).toMatchObject({ status: "sent", transport: "twilio", providerMessageId: sent!.sid, attempts: 1 });
  });

  it("marks the message failed, not retried, for a live business with no number that takes SMS", async () => {
    await setUp({ live: true });
    await addLine(false);
    await bookByPhone();
    await t.app.notifications.settled();
    expect(await confirmation()).toMatchObject({ channel: "sms", status: "failed", attempts: 1, lastError: expect.stringMatching(/no active Twilio number that takes SMS/) });
  });
});
