import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createFrontdeskAdminClient, createFrontdeskClient } from "@frontdesk/client";
import { launchChromium, pinClock } from "../testing/browser";
import { codeBlocks } from "../testing/docs";
import { startServer, type RunningServer } from "../testing/start-server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const demoKey = "pk_demo_brightsmile";

describe("every answer", () => {
  it("forbids MIME sniffing and sends no referrer: scripts, API answers, errors, the health check and the manage page", async () => {
    const answers = await Promise.all(
      [
        ["/embed.js", {}],
        ["/widgets/booking.js", {}],
        ["/trpc/booking.catalog", { "x-frontdesk-key": demoKey }],
        ["/trpc/booking.catalog", { "x-frontdesk-key": "pk_unknown" }],
        ["/healthz", {}],
        ["/manage?token=abc", {}],
        ["/no-such-page", {}],
      ].map(([path, headers]) => fetch(`${server.url}${path}`, { headers: headers as Record<string, string> })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 401, 200, 200, 404]);
    for (const answer of answers) {
      expect(answer.headers.get("x-content-type-options"), answer.url).toBe("nosniff");
      expect(answer.headers.get("referrer-policy"), answer.url).toBe("no-referrer");
    }
  });

  it("carries no HSTS over plain HTTP", async () => {
    const answer = await fetch(`${server.url}/healthz`);
    expect(answer.headers.get("strict-transport-security")).toBeNull();
  });

  it("carries HSTS when it reached the server over HTTPS through a proxy", async () => {
    const answer = await fetch(`${server.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(answer.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });
});

describe("a server whose PUBLIC_URL is https", () => {
  let secure: RunningServer;
  beforeAll(async () => {
    secure = await startServer({ PUBLIC_URL: "https://book.example.com" });
  });
  afterAll(() => secure?.stop());

  it("tells browsers to keep to HTTPS on every answer", async () => {
    for (const path of ["/healthz", "/embed.js", "/manage?token=abc"]) {
      const answer = await fetch(`${secure.url}${path}`);
      expect(answer.headers.get("strict-transport-security"), path).toBe("max-age=31536000");
    }
  });
});

describe("the manage page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("cannot be framed by another site", async () => {
    const answer = await fetch(`${server.url}/manage?token=abc`);
    expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
  });

  it("has the policy docs/server.md shows", async () => {
    const documented = codeBlocks("server.md", "text").find((block) => block.startsWith("Content-Security-Policy:"))!;
    const answer = await fetch(`${server.url}/manage?token=abc`);
    expect(`Content-Security-Policy: ${answer.headers.get("content-security-policy")}\n`).toBe(documented);
  });

  it("works under its content security policy: the customer sees and cancels the appointment, nothing is refused", async () => {
    const visitor = createFrontdeskClient({ baseUrl: server.url, publishableKey: demoKey });
    const from = new Date(server.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(server.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const [slot] = (await visitor.availability({ serviceId: "svc_consult", from, to })).slots;
    const email = "policy.reader@example.com";
    await visitor.createBooking({ serviceId: "svc_consult", start: slot!.start, customer: { name: "Polly Policy", email } });
    const business = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
    let link: string | undefined;
    await expect
      .poll(async () => (link = /https?:\/\/\S+token=\S+/.exec((await business.sandbox.outbox.query()).find((m) => m.recipient === email)?.text ?? "")?.[0]))
      .toBeTruthy();
    const token = new URL(link!).searchParams.get("token")!;

    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("console", (message) => /Content Security Policy/i.test(message.text()) && refused.push(message.text()));
    await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (event) => console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`)));
    await pinClock(page, server);
    await page.goto(`${server.url}/manage?token=${encodeURIComponent(token)}`);
    await page.locator("fd-booking-manage").getByText("Consultation").first().waitFor();
    await page.getByRole("button", { name: "Cancel appointment" }).click();
    await page.getByRole("heading", { name: "Cancel this appointment?" }).waitFor();
    await page.locator("fd-booking-manage").getByRole("button", { name: "Cancel appointment" }).click();
    await page.getByRole("heading", { name: "Your appointment is cancelled" }).waitFor();
    expect(refused).toEqual([]);
    await page.close();
  });
});
