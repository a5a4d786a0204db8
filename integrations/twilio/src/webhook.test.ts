import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { parseMessageStatus, parseTwilioForm, publicWebhookUrl, signTwilioRequest, twilioSignatureAlgorithm, verifyTwilioSignature } from "./webhook";

const authToken = "12345678901234567890123456789012";
const publicUrl = "https://frontdesk.example.com";
const url = publicWebhookUrl(`${publicUrl}/`, "/webhooks/twilio/vcn_1/sms-status?ntf=ntf_9");
const sid = (prefix: string, digit: string) => `${prefix}${digit.repeat(32)}`;
const params = {
  MessageSid: sid("SM", "a"),
  MessageStatus: "delivered",
  AccountSid: sid("AC", "b"),
  To: "+14155550142",
  From: "+14155550100",
  SmsStatus: "delivered",
  ApiVersion: "2010-04-01",
  Body: "Ça marche — à mardi ✓",
};

describe("X-Twilio-Signature", () => {
  it("signs as the twilio SDK does, and verifies what the SDK signs", () => {
    const ours = signTwilioRequest(authToken, url, params);
    expect(ours).toBe(twilio.getExpectedTwilioSignature(authToken, url, params));
    expect(twilio.validateRequest(authToken, ours, url, params)).toBe(true);
    expect(verifyTwilioSignature({ authToken, url, params, header: twilio.getExpectedTwilioSignature(authToken, url, params) })).toEqual({ ok: true });
  });

  it("agrees with the SDK on repeated parameters and on HMAC-SHA256", () => {
    const repeated = { ...params, MediaUrl: ["https://b.example/2", "https://a.example/1", "https://a.example/1"] };
    expect(signTwilioRequest(authToken, url, repeated)).toBe(twilio.getExpectedTwilioSignature(authToken, url, repeated));
    const sha256 = twilio.getExpectedTwilioSignature(authToken, url, params, "HMAC_SHA256");
    expect(signTwilioRequest(authToken, url, params, "HMAC_SHA256")).toBe(sha256);
    expect(verifyTwilioSignature({ authToken, url, params, header: sha256, settingsHeader: "key=webhooks_sharedkey_1,algorithm=HMAC_SHA256" })).toEqual({ ok: true });
    expect(verifyTwilioSignature({ authToken, url, params, header: sha256 })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts the public URL signed with or without its default port", () => {
    const withPort = url.replace("frontdesk.example.com", "frontdesk.example.com:443");
    expect(verifyTwilioSignature({ authToken, url, params, header: signTwilioRequest(authToken, withPort, params) })).toEqual({ ok: true });
    expect(twilio.validateRequest(authToken, signTwilioRequest(authToken, withPort, params), url, params)).toBe(true);
  });

  it("refuses a signature for another URL (such as one built from a forged Host header), another body or another token", () => {
    const header = signTwilioRequest(authToken, url, params);
    expect(verifyTwilioSignature({ authToken, url: url.replace("frontdesk.example.com", "attacker.example"), params, header })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyTwilioSignature({ authToken, url: url.replace("ntf_9", "ntf_8"), params, header })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyTwilioSignature({ authToken, url, params: { ...params, MessageStatus: "undelivered" }, header })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyTwilioSignature({ authToken: authToken.replace("1", "9"), url, params, header })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyTwilioSignature({ authToken, url, params, header: undefined })).toEqual({ ok: false, reason: "missing" });
    expect(verifyTwilioSignature({ authToken, url, params, header, settingsHeader: "algorithm=HMAC_MD5" })).toEqual({ ok: false, reason: "algorithm" });
    expect(twilio.validateRequest(authToken, header, url.replace("frontdesk.example.com", "attacker.example"), params)).toBe(false);
  });

  it("reads the algorithm the settings header names", () => {
    expect(twilioSignatureAlgorithm(undefined)).toBe("HMAC_SHA1");
    expect(twilioSignatureAlgorithm("key=k")).toBe("HMAC_SHA1");
    expect(twilioSignatureAlgorithm("key=k, algorithm=hmac_sha256")).toBe("HMAC_SHA256");
    for (const header of [undefined, "", "key=k", "key=k,algorithm=HMAC_SHA256", "algorithm=HMAC_SHA1"]) {
      expect(twilioSignatureAlgorithm(header), String(header)).toBe(twilio.getSignatureAlgorithm(header));
    }
  });

  it("joins the configured public URL and the path without doubling slashes", () => {
    expect(url).toBe("https://frontdesk.example.com/webhooks/twilio/vcn_1/sms-status?ntf=ntf_9");
  });
});

describe("the SMS status callback", () => {
  it("reads the form as posted, verifiable as such", () => {
    const raw = new URLSearchParams(params).toString();
    const form = parseTwilioForm(raw);
    expect(form).toEqual(params);
    expect(verifyTwilioSignature({ authToken, url, params: form, header: twilio.getExpectedTwilioSignature(authToken, url, params) })).toEqual({ ok: true });
    expect(parseMessageStatus(form)).toEqual({
      messageSid: params.MessageSid,
      status: "delivered",
      accountSid: params.AccountSid,
      to: "+14155550142",
      from: "+14155550100",
      dedupeKey: "sms_status:delivered",
    });
    expect(parseTwilioForm("a=1&a=2&b=3")).toEqual({ a: ["1", "2"], b: "3" });
  });

  it("reads a failure's error code", () => {
    expect(parseMessageStatus({ ...params, MessageStatus: "undelivered", ErrorCode: "30003" })).toMatchObject({ status: "undelivered", errorCode: 30003, dedupeKey: "sms_status:undelivered" });
  });

  it("refuses a form that is no status callback, naming the parameter", () => {
    expect(() => parseMessageStatus({ ...params, MessageSid: "SM123" })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "MessageSid" }));
    expect(() => parseMessageStatus({ ...params, MessageStatus: "teleported" })).toThrow(expect.objectContaining({ field: "MessageStatus" }));
    const { AccountSid: _, ...withoutAccount } = params;
    expect(() => parseMessageStatus(withoutAccount)).toThrow(expect.objectContaining({ field: "AccountSid" }));
  });
});
