/**
 * A real SMTP server on 127.0.0.1 for tests: it speaks the protocol (smtp-server), records what
 * arrives, and can refuse recipients or defer deliveries the way a real server does, so the
 * transport's error handling and the delivery task's retries run against actual SMTP replies.
 */
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { readMail, type ParsedMail } from "./read-mail";

export type { ReceivedAttachment } from "./read-mail";

export interface ReceivedMail extends ParsedMail {
  envelope: { from: string | undefined; to: string[] };
  /** The message exactly as received after DATA (CRLF line endings, dot-stuffing removed). */
  raw: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string | undefined;
  /** The user name the client authenticated as, if it did. */
  user: string | undefined;
}

export interface FakeSmtpOptions {
  /** Recipients matching this get `550 5.1.1 Mailbox unavailable` at RCPT TO. */
  rejectRecipients?: RegExp;
  /** The first N messages are answered with `451 4.3.0` after DATA, as a server that is briefly unable to take mail. */
  failNext?: number;
}

export interface FakeSmtpServer {
  /** `smtp://127.0.0.1:<port>`: plain SMTP, no TLS; any user name and password are accepted. */
  url: string;
  port: number;
  /** Every accepted message, in arrival order. */
  messages: ReceivedMail[];
  /** How many messages were deferred with a 451 so far. */
  deferred: () => number;
  /** Resolves with the first message (already received or yet to come) that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startFakeSmtpServer(options: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const messages: ReceivedMail[] = [];
  const arrivals = new EventEmitter();
  let failuresLeft = options.failNext ?? 0;
  // A /g or /y pattern would remember lastIndex between recipients.
  const rejected = options.rejectRecipients && new RegExp(options.rejectRecipients.source, options.rejectRecipients.flags.replace(/[gy]/g, ""));
  let deferred = 0;

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Reverse DNS of 127.0.0.1 would only slow every connection down.
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "anonymous" });
    },
    onRcptTo(address, _session, callback) {
      if (rejected?.test(address.address)) {
        callback(smtpError(550, "5.1.1 Mailbox unavailable"));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => callback(error));
      stream.on("end", () => {
        if (failuresLeft > 0) {
          failuresLeft--;
          deferred++;
          callback(smtpError(451, "4.3.0 Temporarily unable to accept mail, try again later"));
          return;
        }
        const bytes = Buffer.concat(chunks);
        const parsed = readMail(bytes);
        const mailFrom = session.envelope.mailFrom;
        const mail: ReceivedMail = {
          ...parsed,
          envelope: { from: mailFrom ? mailFrom.address : undefined, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) },
          raw: bytes.toString("utf8"),
          messageId: parsed.headers["message-id"],
          user: typeof session.user === "string" ? session.user : undefined,
        };
        messages.push(mail);
        arrivals.emit("mail", mail);
        callback(null, `2.0.0 Ok: queued as ${messages.length}`);
      });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    deferred: () => deferred,
    waitFor(predicate, timeoutMs = 5_000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const onMail = (mail: ReceivedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          arrivals.off("mail", onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrivals.off("mail", onMail);
          const seen = messages.map((m) => `"${m.subject}" to ${m.envelope.to.join(", ")}`).join("; ") || "none";
          reject(new Error(`No matching mail within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        arrivals.on("mail", onMail);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}
