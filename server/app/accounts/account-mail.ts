import { MessageRejected, renderAccountMessage, type AccountMessageData, type AccountMessageKind, type Messenger } from "@frontdesk/core";
import { addAccountMessage, findAccountMessage, randomId, updateAccountMessage, type Db, type Writer } from "@frontdesk/db";
import type { JobRunner } from "../jobs/jobs";

const deliveryKind = "account_message.deliver";

export interface AccountMailDeps {
  db: Db;
  /** Null in sandbox mode: the messages stay in `account_messages`, and their links are printed for the operator. */
  messenger: Messenger | null;
  now: () => number;
  jobs: JobRunner;
  from?: string;
  /** Where sandbox mail is shown; the server's log by default. */
  log?: (line: string) => void;
}

export interface AccountMailOrder {
  kind: AccountMessageKind;
  to: string;
  data: AccountMessageData;
  /** The business it is about (an invitation). */
  tenantId?: string;
}

/**
 * Mail about people's accounts, durable first like customer messages: `send` writes the message and its delivery job
 * (in the caller's write when it is given one), and the job sends it through the messaging port with retries.
 */
export function accountMail(deps: AccountMailDeps) {
  const { db, messenger, now, jobs } = deps;
  const log = deps.log ?? ((line: string) => console.log(line));

  async function deliver({ messageId }: { messageId: string }): Promise<void> {
    const message = await findAccountMessage(db, messageId);
    if (!message || message.status !== "queued") return;
    if (!messenger) {
      log(`Sandbox mail to ${message.recipient}: ${message.subject}\n${message.text}`);
      await db.write((writer) => updateAccountMessage(writer, message.id, { status: "sent", transport: "outbox", sentAt: now() }));
      return;
    }
    await messenger.send({
      channel: "email",
      to: message.recipient,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(deps.from ? { from: deps.from } : {}),
      idempotencyKey: message.id,
    });
    await db.write((writer) => updateAccountMessage(writer, message.id, { status: "sent", transport: messenger.transport, sentAt: now(), lastError: null }));
  }

  const deliveries = jobs.define<{ messageId: string }>({
    kind: deliveryKind,
    permanent: (error) => error instanceof MessageRejected && error.permanent,
    run: deliver,
    async failed(tx, { messageId }, { error, retryAt }) {
      if (retryAt === undefined) await updateAccountMessage(tx, messageId, { status: "failed", lastError: error.message.slice(0, 500) });
    },
  });

  return {
    /** Queues one message (in `writer`'s write, or its own) and starts sending it; resolves with the message's id. */
    async send(order: AccountMailOrder, writer?: Writer): Promise<string> {
      const id = randomId("amsg");
      const rendered = renderAccountMessage(order.kind, { ...order.data, sandbox: messenger === null });
      const work = async (into: Writer) => {
        await addAccountMessage(into, { id, kind: order.kind, recipient: order.to, tenantId: order.tenantId ?? null, ...rendered, createdAt: now() });
        await deliveries.enqueue(into, [{ key: id, payload: { messageId: id }, runAt: now(), ...(order.tenantId ? { tenantId: order.tenantId } : {}) }]);
      };
      await (writer ? work(writer) : db.write(work));
      if (!writer) jobs.runSoon();
      return id;
    },
  };
}

export type AccountMail = ReturnType<typeof accountMail>;
