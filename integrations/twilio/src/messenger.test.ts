import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { MessageRejected, type Messenger, type OutgoingMessage } from "@frontdesk/core";
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { twilioMessenger, twilioTelephony } from "./index";
import { startFakeTwilio, type FakeTwilio } from "./testing/fake";
import { parseMessageStatus, parseTwilioForm, publicWebhookUrl, verifyTwilioSignature } from "./webhook";

const publicUrl = "https://frontdesk.example.com";
const from = "+14155550100";

interface Received {
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let fake: FakeTwilio;
let receiver: { origin: string; received: Received[]; close(): Promise<void> };
let sms: Messenger;

async function startReceiver() {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const statusUrl = (message: OutgoingMessage) => publicWebhookUrl(publicUrl, `/webhooks/twilio/vcn_1/sms-status?ntf=${encodeURIComponent(message.idempotencyKey)}`);

beforeEach(async () => {
  receiver = await startReceiver();
  // Twilio calls the public URL; here a "proxy" in front of the receiver takes it.
  fake = await startFakeTwilio({ routeCallback: (url) => url.replace(publicUrl, receiver.origin) });
  const credentials = { ...fake.accounts[0]!, apiOrigin: fake.url };
  await twilioTelephony(credentials).buyNumber(from, { friendlyName: "Reception" });
  sms = twilioMessenger({ ...credentials, from, statusCallback: statusUrl });
});
afterEach(async () => {
  await fake.close();
  await receiver.close();
});

const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channel: "sms",
  to: "+14155550142",
  subject: "Your booking",
  text: "Bella Salon: your cleaning is booked for Tue 19 Jan at 09:30. Reply C to cancel.",
  idempotencyKey: "ntf_1",
  ...overrides,
});
const rejection = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("it was sent"), (error: unknown) => error);

describe("SMS through Twilio Messages", () => {
  it("sends the text with a status callback URL, as form parameters Twilio reads", async () => {
    const sent = await sms.send(message());
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const request = fake.requests.at(-1)!;
    expect(request).toMatchObject({ method: "POST", path: `/2010-04-01/Accounts/${fake.accounts[0]!.accountSid}/Messages.json` });
    expect(request.form).toEqual({ To: "+14155550142", From: from, Body: message().text, StatusCallback: `${publicUrl}/webhooks/twilio/vcn_1/sms-status?ntf=ntf_1` });
  });

  it("receives sent, then delivered, signed for the public URL: our verifier and twilio.validateRequest agree", async () => {
    const sent = await sms.send(message({ text: "Ça marche — à mardi ✓" }));
    await fake.idle();
    expect(receiver.received.map((callback) => callback.url)).toEqual(["/webhooks/twilio/vcn_1/sms-status?ntf=ntf_1", "/webhooks/twilio/vcn_1/sms-status?ntf=ntf_1"]);
    const statuses = receiver.received.map((callback) => {
      expect(callback.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      const params = parseTwilioForm(callback.body);
      const url = publicWebhookUrl(publicUrl, callback.url);
      const header = callback.headers["x-twilio-signature"] as string;
      expect(verifyTwilioSignature({ authToken: fake.accounts[0]!.authToken, url, params, header })).toEqual({ ok: true });
      expect(twilio.validateRequest(fake.accounts[0]!.authToken, header, url, params as Record<string, string>)).toBe(true);
      // The address the request reached is not what Twilio signed.
      expect(verifyTwilioSignature({ authToken: fake.accounts[0]!.authToken, url: `${receiver.origin}${callback.url}`, params, header })).toEqual({ ok: false, reason: "mismatch" });
      return parseMessageStatus(params);
    });
    expect(statuses.map((status) => [status.messageSid, status.status, status.to, status.from])).toEqual([
      [sent.providerMessageId, "sent", "+14155550142", from],
      [sent.providerMessageId, "delivered", "+14155550142", from],
    ]);
    expect(new Set(statuses.map((status) => status.dedupeKey)).size).toBe(2);
    expect(fake.state.accounts.get(fake.accounts[0]!.accountSid)!.messages[0]).toMatchObject({ status: "delivered", numSegments: 1 });
  });

  it("reports a handset that cannot be reached as undelivered, with Twilio's error code", async () => {
    await sms.send(message({ to: "+14155550199" }));
    await fake.idle();
    const last = parseMessageStatus(parseTwilioForm(receiver.received.at(-1)!.body));
    expect(last).toMatchObject({ status: "undelivered", errorCode: 30003 });
  });

  it("sends no callback when the message has no status URL", async () => {
    const quiet = twilioMessenger({ ...fake.accounts[0]!, apiOrigin: fake.url, from });
    await quiet.send(message());
    await fake.idle();
    expect(fake.requests.at(-1)!.form.StatusCallback).toBeUndefined();
    expect(receiver.received).toEqual([]);
  });
});

describe("what cannot be sent", () => {
  it("refuses email, a recipient that is not E.164, and a body Twilio finds too long, for good", async () => {
    const asked = fake.requests.length;
    expect(await rejection(sms.send(message({ channel: "email", to: "ana@example.com" })))).toMatchObject({ permanent: true });
    expect(await rejection(sms.send(message({ to: "415 555 0142" })))).toMatchObject({ permanent: true });
    expect(fake.requests.length).toBe(asked);
    const tooLong = await rejection(sms.send(message({ text: "x".repeat(1601) })));
    expect(tooLong).toBeInstanceOf(MessageRejected);
    expect(tooLong).toMatchObject({ permanent: true, providerCode: 21617 });
  });

  it("leaves a sender, an account or an outage problem to be retried once fixed", async () => {
    const other = await rejection(sms.send(message({ from: "+14155550101" })));
    expect(other).toMatchObject({ permanent: false, providerCode: 21606 });
    expect(await rejection(twilioMessenger({ ...fake.accounts[0]!, apiOrigin: fake.url }).send(message()))).toMatchObject({ permanent: false });
    const wrongToken = twilioMessenger({ ...fake.accounts[0]!, authToken: "0".repeat(32), apiOrigin: fake.url, from });
    expect(await rejection(wrongToken.send(message()))).toMatchObject({ permanent: false, providerCode: 20003 });
    fake.failNext({ path: "/Messages.json", status: 503, code: 20503, message: "Service Unavailable" });
    expect(await rejection(sms.send(message()))).toMatchObject({ permanent: false, providerCode: 20503 });
    const unreachable = twilioMessenger({ ...fake.accounts[0]!, apiOrigin: "http://127.0.0.1:9", from });
    expect(await rejection(unreachable.send(message()))).toMatchObject({ permanent: false });
  });
});
