/**
 * SMS over Twilio Messages for the messaging port. Each message can carry a status callback URL: Twilio then posts
 * `sent`, `delivered` or `undelivered` to it, signed with the account's auth token (`verifyTwilioSignature` in
 * `webhook.ts` checks it against the configured public URL).
 */
import { MessageRejected, type Messenger, type OutgoingMessage } from "@frontdesk/core";
import { createTwilioClient, isLostRequest, twilioStatusOf, type TwilioCredentials } from "./client";

export interface TwilioMessengerOptions extends TwilioCredentials {
  /** The default sender: an SMS-capable number of the account, in E.164. A message's own `from` wins. */
  from?: string;
  /**
   * The status callback URL for a message, e.g. the server's public URL + its SMS-status route + which notification
   * it was. None: Twilio sends no status callbacks for it.
   */
  statusCallback?: (message: OutgoingMessage) => string | undefined;
}

const E164 = /^\+[1-9]\d{6,14}$/;

// Errors about the sender or the account: the operator can fix them, after which the same message can go.
const senderErrors = new Set([21212, 21603, 21606, 21659]);

export function twilioMessenger(options: TwilioMessengerOptions): Messenger {
  const client = createTwilioClient(options);
  return {
    transport: "twilio",
    async send(message) {
      if (message.channel !== "sms") {
        throw new MessageRejected("The Twilio transport only sends SMS; email needs an email transport.", { permanent: true });
      }
      if (!E164.test(message.to)) throw new MessageRejected(`Not a phone number in E.164: ${JSON.stringify(message.to)}`, { permanent: true });
      const from = message.from ?? options.from;
      if (!from) throw new MessageRejected("No sender number: configure the Twilio number SMS go out from, or give the message a from.", { permanent: false });
      const statusCallback = options.statusCallback?.(message);
      try {
        // An SMS has no subject: the text is the message. Twilio takes no idempotency key for Messages, so a send
        // retried after a lost answer can reach the customer twice; the delivery task retries only on failures.
        const sent = await client.messages.create({ to: message.to, from, body: message.text, ...(statusCallback ? { statusCallback } : {}) });
        return { providerMessageId: sent.sid };
      } catch (error) {
        throw asRejection(error);
      }
    },
  };
}

/** Twilio's answer as a `MessageRejected`; anything else (a bug) goes through as it is, for the caller to retry. */
function asRejection(error: unknown): unknown {
  const answered = twilioStatusOf(error);
  if (!answered) {
    if (!isLostRequest(error)) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new MessageRejected(`Twilio could not be reached: ${reason}`, { permanent: false, cause: error });
  }
  const { status, code, message } = answered;
  // A refused recipient, body or region (21211, 21610, 21614, 21617, …) stays refused; auth, rate limits, outages
  // and sender problems do not.
  const permanent = status >= 400 && status < 500 && ![401, 403, 404, 429].includes(status) && !(code !== undefined && senderErrors.has(code));
  return new MessageRejected(`Twilio ${status}${code ? ` (error ${code})` : ""}: ${message}`, { permanent, providerCode: code ?? status, cause: error });
}
