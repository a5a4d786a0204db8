import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { freePort } from "@frontdesk/server/testing/ports";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";

// A SaaS vendor's product: its page (on its own origin) holds <fd-provider> with fetchClientSecret, which asks the
// vendor's own server; that server mints embed sessions with the business's secret key, which never reaches the page.
// No staff widget exists yet, so the page reads the provider's session client through the context protocol, as a
// widget inside it does, and calls `staff.appointments` through it.

let dir: string;
let databaseUrl: string;
let port: number;
let frontdesk: RunningServer;
let secretKey: string;
let vendor: Server;
let vendorUrl: string;
let browser: Browser;
/** Every session the vendor's server minted, in order. */
const minted: { id: string; clientSecret: string; expiresAt: string }[] = [];

/** The same database and port, with the Frontdesk server's clock started at `instant`: time passing for every session. */
async function restartFrontdeskAt(instant: number): Promise<void> {
  await frontdesk.stop();
  frontdesk = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port), FRONTDESK_CLOCK: new Date(instant).toISOString() });
}

/** The vendor's page: docs/saas-embedding.md's snippet, with an element inside the provider standing for a staff widget. */
function vendorPage(): string {
  const snippet = codeBlocks("saas-embedding.md", "html").find((block) => block.includes("fetchClientSecret"))!;
  const body = snippet.replaceAll("http://localhost:3000", frontdesk.url).replace("<!-- the Frontdesk widgets go here -->", '<div id="inside"></div>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vendor dashboard</title></head><body><main><h1>Appointments</h1>${body}</main></body></html>`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-embed-e2e-"));
  databaseUrl = `file:${join(dir, "frontdesk.db")}`;
  port = await freePort();
  frontdesk = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port) });
  secretKey = frontdesk.demoSecretKey;

  vendor = createServer(async (request, response) => {
    if (request.url === "/frontdesk-session" && request.method === "POST") {
      const admin = createFrontdeskAdminClient({ baseUrl: frontdesk.url, secretKey });
      const session = await admin.embedSessions.create.mutate({ widgets: ["fd-appointments"], role: "staff", staffId: "stf_patel", origins: [vendorUrl] });
      minted.push(session);
      return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ clientSecret: session.clientSecret }));
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(vendorPage());
  });
  await new Promise<void>((resolve) => vendor.listen(0, "127.0.0.1", resolve));
  vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => vendor?.close(resolve));
  await frontdesk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What a call through the provider's session client answers, seen from inside the provider as a widget sees it. */
function callThroughProvider(page: Page): Promise<{ ok: true; count: number; expiresAt: string } | { ok: false; error: string }> {
  return page.evaluate(async () => {
    const inside = document.querySelector("#inside")!;
    const settings = await new Promise<any>((resolve) => {
      const request = Object.assign(new Event("context-request", { bubbles: true, composed: true }), {
        context: "frontdesk-provider",
        contextTarget: inside,
        callback: resolve,
        subscribe: false,
      });
      inside.dispatchEvent(request);
    });
    try {
      const appointments = await settings.session.api.staff.appointments.query({ from: "2027-01-01T00:00:00Z", to: "2027-03-01T00:00:00Z" });
      const current = await settings.session.current();
      return { ok: true as const, count: appointments.length, expiresAt: current.expiresAt };
    } catch (error) {
      return { ok: false as const, error: String((error as Error).message) };
    }
  });
}

async function expiredOnTheServer(clientSecret: string): Promise<string> {
  const response = await fetch(`${frontdesk.url}/trpc/embedSessions.current`, { headers: { "x-frontdesk-session": clientSecret, origin: vendorUrl } });
  return ((await response.json()) as { error: { data: { frontdesk: { code: string } } } }).error.data.frontdesk.code;
}

describe("<fd-provider> with fetchClientSecret on a SaaS vendor's page", () => {
  it("calls with the session its vendor's server minted, and refreshes it through fetchClientSecret when it lapses", async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 401) refused.push(new URL(response.url()).pathname);
    });
    await pinClock(page, frontdesk);
    await page.goto(vendorUrl);
    await page.waitForFunction(() => (document.querySelector("fd-provider") as any)?.fetchClientSecret);

    const first = await callThroughProvider(page);
    expect(first).toMatchObject({ ok: true, count: expect.any(Number), expiresAt: minted[0]!.expiresAt });
    expect(minted).toHaveLength(1);
    expect(await page.content()).not.toContain(secretKey);

    // The page's and the server's clocks both pass the session's end: the provider mints a new one before calling.
    const afterFirst = Date.parse(minted[0]!.expiresAt) + 60_000;
    await restartFrontdeskAt(afterFirst);
    await page.clock.setSystemTime(afterFirst);
    expect(await expiredOnTheServer(minted[0]!.clientSecret)).toBe("EMBED_SESSION_EXPIRED");
    expect(await callThroughProvider(page)).toMatchObject({ ok: true, expiresAt: minted[1]!.expiresAt });
    expect(minted).toHaveLength(2);
    expect(refused).toEqual([]);

    // Only the server's clock passes the new session's end (the page's runs behind): the call is answered
    // EMBED_SESSION_EXPIRED, and the provider fetches a new secret and sends the call once more.
    await restartFrontdeskAt(Date.parse(minted[1]!.expiresAt) + 60_000);
    expect(await expiredOnTheServer(minted[1]!.clientSecret)).toBe("EMBED_SESSION_EXPIRED");
    expect(await callThroughProvider(page)).toMatchObject({ ok: true, expiresAt: minted[2]!.expiresAt });
    expect(minted).toHaveLength(3);
    expect(refused).toEqual(["/trpc/staff.appointments"]);
    await page.close();
  });
});
