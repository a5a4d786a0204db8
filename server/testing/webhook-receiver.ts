import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  body: string;
}

/** How the receiver answers its n-th request (from 1). */
export type Answer = (n: number) => { status: number; headers?: Record<string, string>; body?: string } | "hang";

/**
 * A business's webhook endpoint as a real HTTP server on 127.0.0.1: it keeps every request it gets and answers
 * as the test says (200 by default; "hang" never answers).
 */
export async function startWebhookReceiver(answer: Answer = () => ({ status: 200, body: "ok" })) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const reply = answer(received.length);
      if (reply === "hang") return;
      res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves once `count` requests arrived; fails after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
      for (const deadline = Date.now() + timeoutMs; received.length < count; ) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} webhooks; got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
