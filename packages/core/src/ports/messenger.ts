/**
 * The messaging port: how the server hands a customer notification to whatever delivers it
 * (an SMTP server today; an SMS provider later through the same interface).
 *
 * A `Messenger` either resolves with the provider's id for the message or throws. It throws
 * `MessageRejected` when the provider answered; `permanent` tells the delivery task whether
 * sending the same message again could ever succeed. Anything else it throws (a bug, a crash in
 * the SDK) is for the caller to treat as transient.
 */

import type { MessageChannel } from "../vocabulary";

export interface MessageAttachment {
  filename: string;
  /** Full MIME type with parameters, e.g. `text/calendar; method=REQUEST; charset=UTF-8`. */
  contentType: string;
  /** The attachment's text (calendar files and the like are text; binary is not needed yet). */
  content: string;
}

export interface OutgoingMessage {
  channel: MessageChannel;
  /** An email address for `email`, an E.164 number for `sms`. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Overrides the transport's default sender. */
  from?: string;
  attachments?: MessageAttachment[];
  /**
   * Stable across retries of the same notification, so the provider (or the recipient's mail
   * client) can tell a retried send from a new message.
   */
  idempotencyKey: string;
}

export interface SentMessage {
  /** The provider's id for the message (for email, the Message-ID it was sent with). */
  providerMessageId: string;
}

export interface Messenger {
  /** A short name for logs and the notifications table, e.g. `smtp`, `sandbox`. */
  readonly transport: string;
  send(message: OutgoingMessage): Promise<SentMessage>;
}

/**
 * The provider refused the message. `permanent` means the same message will be refused again
 * (bad recipient, a 5xx SMTP reply, a channel the transport cannot carry); otherwise the delivery
 * task should retry with backoff.
 */
export class MessageRejected extends Error {
  override readonly name = "MessageRejected";
  readonly permanent: boolean;
  /** The provider's own code when it gave one (an SMTP reply code, an API error code). */
  readonly providerCode: string | number | undefined;

  constructor(message: string, options: { permanent: boolean; providerCode?: string | number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.permanent = options.permanent;
    this.providerCode = options.providerCode;
  }
}

export function isMessageRejected(value: unknown): value is MessageRejected {
  return value instanceof MessageRejected;
}
