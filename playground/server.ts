import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createFrontdeskAdminClient, toClientError } from "@frontdesk/client";

const siteDir = fileURLToPath(new URL("./site/", import.meta.url));
/** The React and Vue pages, built from apps/ by `pnpm build`. */
const appsDir = fileURLToPath(new URL("./dist/", import.meta.url));
const appPaths = ["/react/", "/vue/", "/assets/"];
const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};

export interface PlaygroundOptions {
  port: number;
  host?: string;
  /** Origin of the Frontdesk server the pages embed from, e.g. http://localhost:3000. */
  frontdeskUrl: string;
  publishableKey: string;
  /** The demo tenant's secret key, for the outbox, once known; it stays on this server, as a real business's would. */
  secretKey?: () => string | undefined;
  /** Extra pages by path, e.g. a snippet from the docs under test. */
  pages?: Record<string, string>;
}

/**
 * Serves the demo business website on its own origin, so the widget always runs cross-origin as on a
 * customer's site. Pages are static HTML; only the server URL and key are filled in. `/outbox.json` is the
 * site's own back end: it reads the sandbox outbox with the secret key, which never reaches a browser, and
 * `/frontdesk-session` mints the embed session of `/vendor.html`, a SaaS vendor's page with the team widget. `/react/` and
 * `/vue/` are the same booking page written as a React and a Vue app, built into dist/ by `pnpm build`.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<{ url: string; close(): Promise<void> }> {
  const fillIn = (html: string) =>
    html.replaceAll("http://localhost:3000", options.frontdeskUrl).replaceAll("pk_demo_brightsmile", options.publishableKey);
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (path === "/outbox.json") return void (await answerOutbox(response));
    if (path === "/frontdesk-session" && request.method === "POST") return void (await mintSession(response, request.headers.host));
    const page = options.pages?.[path];
    if (page !== undefined) return void response.writeHead(200, { "content-type": types[".html"]! }).end(fillIn(page));
    const dir = appPaths.some((prefix) => path.startsWith(prefix)) ? appsDir : siteDir;
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir)) return void response.writeHead(404).end();
    try {
      const body = fillIn(await readFile(file, "utf8"));
      response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    }
  });
  /** The SaaS vendor page's back end: an admin embed session for the team widget, on this site's origin only. */
  async function mintSession(response: ServerResponse, host: string | undefined): Promise<void> {
    const json = { "content-type": "application/json", "cache-control": "no-store" };
    const secretKey = options.secretKey?.();
    if (!secretKey) return void response.writeHead(503, json).end(JSON.stringify({ error: "This demo website does not know the demo's secret key." }));
    const admin = createFrontdeskAdminClient({ baseUrl: options.frontdeskUrl, secretKey });
    try {
      const session = await admin.embedSessions.create.mutate({ widgets: ["fd-team"], role: "admin", ...(host ? { origins: [`http://${host}`] } : {}) });
      response.writeHead(200, json).end(JSON.stringify({ clientSecret: session.clientSecret }));
    } catch (error) {
      response.writeHead(502, json).end(JSON.stringify({ error: toClientError(error).message }));
    }
  }

  async function answerOutbox(response: ServerResponse): Promise<void> {
    const json = { "content-type": "application/json", "cache-control": "no-store" };
    const secretKey = options.secretKey?.();
    if (!secretKey) {
      const error = "This demo website does not know the demo's secret key, which is printed once when the demo is seeded. Delete ./data and run pnpm start again.";
      return void response.writeHead(503, json).end(JSON.stringify({ error }));
    }
    const admin = createFrontdeskAdminClient({ baseUrl: options.frontdeskUrl, secretKey });
    try {
      response.writeHead(200, json).end(JSON.stringify({ messages: await admin.sandbox.outbox.query() }));
    } catch (error) {
      response.writeHead(502, json).end(JSON.stringify({ error: toClientError(error).message }));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === "0.0.0.0" ? "localhost" : (options.host ?? "127.0.0.1")}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
