/**
 * Email over SMTP for the messaging port, with nodemailer. Works with any SMTP relay or provider
 * (Postmark, SES, Mailgun, Gmail, a local Postfix) given a URL like `smtp://user:pass@host:587`.
 */
import { MessageRejected, type Messenger, type OutgoingMessage } from "@frontdesk/core";
import { createTransport } from "nodemailer";

export interface SmtpMessengerOptions {
  /** Default sender, e.g. `"Bella Salon" <bookings@bella.example>`; a message's own `from` wins. */
  from?: string;
}

// A single address, with no display name or list syntax, so a recipient field can never fan out.
const SINGLE_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

export function smtpMessenger(smtpUrl: string, options: SmtpMessengerOptions = {}): Messenger {
  const transporter = createTransport({
    url: smtpUrl,
    // nodemailer waits minutes by default; the delivery task would rather retry later.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });

  return {
    transport: "smtp",
    async send(message: OutgoingMessage) {
      if (message.channel !== "email") {
        throw new MessageRejected("SMS needs an SMS provider; the SMTP transport only sends email.", { permanent: true });
      }
      if (!SINGLE_ADDRESS.test(message.to)) {
        throw new MessageRejected(`Not an email address: ${JSON.stringify(message.to)}`, { permanent: true });
      }
      const from = message.from ?? options.from;
      if (!from) {
        // The operator can fix this (SMTP_FROM), after which a retry goes through.
        throw new MessageRejected("No sender address: set SMTP_FROM or give the message a from.", { permanent: false });
      }
      const messageId = messageIdFor(message.idempotencyKey, from);
      try {
        const info = await transporter.sendMail({
          from,
          to: { name: "", address: message.to },
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          messageId,
          // RFC 3834: out-of-office and other auto-responders should not answer a notification.
          headers: { "Auto-Submitted": "auto-generated" },
          attachments: (message.attachments ?? []).map((attachment) => ({
            filename: attachment.filename,
            contentType: withUtf8Charset(attachment.contentType),
            content: attachment.content,
          })),
        });
        if (info.rejected.length > 0) {
          throw new MessageRejected(`The SMTP server refused ${info.rejected.join(", ")}`, { permanent: true });
        }
        return { providerMessageId: info.messageId || messageId };
      } catch (error) {
        throw asRejection(error);
      }
    },
  };
}

/**
 * `<key@sender-domain>`: the same key always gives the same Message-ID, so a retried send is
 * recognisable (and deduplicated by clients and providers that honour it).
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "frontdesk";
  // Percent-encoding keeps the id-left a dot-atom (RFC 5322 §3.6.4) and distinct keys distinct.
  const left = encodeURIComponent(idempotencyKey).replace(/[().*!'~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `<${left}@${domain}>`;
}

/** Attachment content is a string, which goes out as UTF-8: say so, rather than leave a client to guess. */
function withUtf8Charset(contentType: string): string {
  return /^text\//i.test(contentType) && !/;\s*charset=/i.test(contentType) ? `${contentType}; charset=UTF-8` : contentType;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

function asRejection(error: unknown): MessageRejected {
  if (error instanceof MessageRejected) return error;
  const failure = (typeof error === "object" && error !== null ? error : {}) as SmtpFailure;
  const reply = failure.response ?? failure.message ?? String(error);
  const responseCode = typeof failure.responseCode === "number" ? failure.responseCode : undefined;
  if (responseCode !== undefined) {
    const permanent =
      responseCode >= 500 &&
      // 503 says the session was in the wrong state, not that the message was refused.
      responseCode !== 503 &&
      // A refused login is the operator's to fix; the message is fine and should go once it is.
      failure.code !== "EAUTH";
    return new MessageRejected(`SMTP ${responseCode}: ${reply}`, { permanent, providerCode: responseCode, cause: error });
  }
  // Without a reply code, an envelope error is nodemailer refusing the address before sending.
  const permanent = failure.code === "EENVELOPE";
  return new MessageRejected(`SMTP delivery failed (${failure.code ?? "unknown"}): ${reply}`, {
    permanent,
    ...(failure.code ? { providerCode: failure.code } : {}),
    cause: error,
  });
}
