/**
 * Twilio's webhooks, pure: the `X-Twilio-Signature` scheme and the SMS status callback's form. Twilio signs the URL it
 * called, so the URL verified against is always the configured public one (`PUBLIC_URL` + path + query), never one
 * built from the request's Host header. Status callbacks carry no time: replays are caught by the dedupe key
 * (MessageSid, MessageStatus), not here.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { FrontdeskError } from "@frontdesk/core";

export const twilioSignatureHeader = "x-twilio-signature";
export const twilioSignatureSettingsHeader = "x-twilio-webhooks-signature-settings";

export type TwilioSignatureAlgorithm = "HMAC_SHA1" | "HMAC_SHA256";
/** Form parameters as Twilio posts them: a repeated name holds several values. */
export type TwilioParams = Record<string, string | string[]>;

/** The algorithm named in `X-Twilio-Webhooks-Signature-Settings` (`…,algorithm=HMAC_SHA256`); none named: HMAC_SHA1. */
export function twilioSignatureAlgorithm(settingsHeader: string | null | undefined): TwilioSignatureAlgorithm | undefined {
  const named = (settingsHeader ?? "")
    .split(",")
    .map((part) => part.split("="))
    .find(([name]) => name?.trim() === "algorithm")?.[1]
    ?.trim()
    .toUpperCase();
  if (!named || named === "HMAC_SHA1") return "HMAC_SHA1";
  return named === "HMAC_SHA256" ? "HMAC_SHA256" : undefined;
}

/** base64(HMAC(auth token, url + each parameter's name and value, names sorted)), as Twilio signs a form webhook. */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams, algorithm: TwilioSignatureAlgorithm = "HMAC_SHA1"): string {
  const data = Object.keys(params)
    .sort()
    .reduce((signed, name) => {
      const value = params[name]!;
      const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
      return signed + values.map((one) => name + one).join("");
    }, url);
  return createHmac(algorithm === "HMAC_SHA256" ? "sha256" : "sha1", authToken).update(data, "utf8").digest("base64");
}

export type TwilioSignatureCheck = { ok: true } | { ok: false; reason: "missing" | "algorithm" | "mismatch" };

/**
 * Whether `header` signs this request to `url` (the configured public URL, with its query). Twilio may have signed the
 * URL with or without its default port (`:443`, `:80`), so both are tried, as twilio.validateRequest does.
 */
export function verifyTwilioSignature(request: { authToken: string; url: string; params: TwilioParams; header: string | null | undefined; settingsHeader?: string | null }): TwilioSignatureCheck {
  if (!request.header) return { ok: false, reason: "missing" };
  const algorithm = twilioSignatureAlgorithm(request.settingsHeader);
  if (!algorithm) return { ok: false, reason: "algorithm" };
  const received = Buffer.from(request.header.trim());
  const matches = urlsTwilioMaySign(request.url).some((url) => {
    const expected = Buffer.from(signTwilioRequest(request.authToken, url, request.params, algorithm));
    return expected.length === received.length && timingSafeEqual(expected, received);
  });
  return matches ? { ok: true } : { ok: false, reason: "mismatch" };
}

/** The URL as configured, without its default port, and with it. */
function urlsTwilioMaySign(url: string): string[] {
  const match = /^(https?:\/\/)([^/?#:]+)(:\d+)?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme, host, port, rest] = match;
  const defaultPort = scheme!.toLowerCase() === "https://" ? ":443" : ":80";
  if (port && port !== defaultPort) return [url];
  return [`${scheme}${host}${rest}`, `${scheme}${host}${defaultPort}${rest}`];
}

/** The public URL Twilio calls for `path` (with its query): the server's configured base, joined without doubling `/`. */
export function publicWebhookUrl(publicUrl: string, pathAndQuery: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/${pathAndQuery.replace(/^\/+/, "")}`;
}

/** An `application/x-www-form-urlencoded` body as Twilio's parameters (a repeated name keeps every value). */
export function parseTwilioForm(rawBody: string): TwilioParams {
  const params: TwilioParams = {};
  for (const [name, value] of new URLSearchParams(rawBody)) {
    const seen = params[name];
    params[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
}

export const messageDeliveryStatuses = ["accepted", "queued", "sending", "sent", "delivered", "undelivered", "failed", "read", "canceled", "scheduled"] as const;

const single = z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string());
const messageStatusForm = z
  .object({
    MessageSid: single.pipe(z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "Not a message sid.")),
    MessageStatus: single.pipe(z.enum(messageDeliveryStatuses)),
    AccountSid: single.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, "Not an account sid.")),
    To: single.optional(),
    From: single.optional(),
    ErrorCode: single.optional(),
  })
  .loose();

export interface MessageStatus {
  messageSid: string;
  status: (typeof messageDeliveryStatuses)[number];
  accountSid: string;
  to?: string;
  from?: string;
  /** Twilio's error number when it could not deliver, e.g. 30003. */
  errorCode?: number;
  /** What deduplicates a repeated callback: one per message and status. */
  dedupeKey: string;
}

/** An SMS status callback's form; throws VALIDATION_FAILED naming the parameter at fault. */
export function parseMessageStatus(params: TwilioParams): MessageStatus {
  const result = messageStatusForm.safeParse(params);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new FrontdeskError("VALIDATION_FAILED", `Not a Twilio message status we know: ${issue.message}`, { field: issue.path.join(".") || undefined });
  }
  const form = result.data;
  const errorCode = form.ErrorCode ? Number(form.ErrorCode) : undefined;
  return {
    messageSid: form.MessageSid,
    status: form.MessageStatus,
    accountSid: form.AccountSid,
    ...(form.To ? { to: form.To } : {}),
    ...(form.From ? { from: form.From } : {}),
    ...(errorCode !== undefined && Number.isFinite(errorCode) ? { errorCode } : {}),
    dedupeKey: `sms_status:${form.MessageStatus}`,
  };
}
