import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { freePort } from "@frontdesk/server/testing/ports";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { startPlayground } from "../server";

// The playground's SaaS vendor page: its own server route mints an admin embed session with the demo's secret key,
// and <fd-team> inside <fd-provider> manages the clinic's team through it.

let dir: string;
let databaseUrl: string;
let port: number;
let frontdesk: RunningServer;
let secretKey: string;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;

/** The same database and port, the server's clock started at `instant`: the sessions minted so far lapse. */
async function restartFrontdeskAt(instant: number): Promise<void> {
  await frontdesk.stop();
  frontdesk = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port), FRONTDESK_CLOCK: new Date(instant).toISOString() });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-vendor-e2e-"));
  databaseUrl = `file:${join(dir, "frontdesk.db")}`;
  port = await freePort();
  frontdesk = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port) });
  secretKey = frontdesk.demoSecretKey;
  playground = await startPlayground({ port: 0, frontdeskUrl: frontdesk.url, publishableKey: "pk_demo_brightsmile", secretKey: () => secretKey });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await frontdesk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the playground's SaaS vendor page", () => {
  it("mints an embed session on its own server, manages the team with it, and mints a new one once it lapses", async () => {
    const page = await browser.newPage();
    const mints: number[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/frontdesk-session") mints.push(Date.now());
    });
    await pinClock(page, frontdesk);
    await page.goto(`${playground.url}/vendor.html`);
    const team = page.locator("fd-team");
    const email = team.getByLabel("E-mail address");
    await email.waitFor();
    expect(mints).toHaveLength(1);

    const admin = createFrontdeskAdminClient({ baseUrl: frontdesk.url, secretKey });
    await email.fill("new.hygienist@brightsmile.example");
    await team.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(async () => (await admin.team.invitations.query()).map((invitation) => invitation.email)).toContain("new.hygienist@brightsmile.example");
    expect(await page.content()).not.toContain(secretKey);

    // The session lapses on the server; the next change the widget makes goes through a session minted anew.
    await restartFrontdeskAt(frontdesk.now() + 2 * 3_600_000);
    await page.clock.setSystemTime(frontdesk.now());
    await email.fill("new.receptionist@brightsmile.example");
    await team.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(async () => (await admin.team.invitations.query()).map((invitation) => invitation.email)).toContain("new.receptionist@brightsmile.example");
    expect(mints.length).toBeGreaterThanOrEqual(2);
    await page.close();
  }, 120_000);
});
