import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../testing/start-server";

const trusted = "https://office.clinic.example";

describe("the back office page and the accounts API's CORS", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ FRONTDESK_TRUSTED_ORIGINS: trusted });
  });
  afterAll(() => server?.stop());

  it("serves /back-office with its own scripts only, never framed, never cached", async () => {
    const answer = await fetch(`${server.url}/back-office`);
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain("<fd-back-office>");
    expect(html).toContain('<script src="/embed.js" async></script>');
    const policy = answer.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("img-src 'self' data: https:");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("lets a trusted origin's page call the accounts API with the cookie, and no other", async () => {
    const preflight = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "OPTIONS",
      headers: { origin: trusted, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(trusted);
    expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");

    const session = await fetch(`${server.url}/api/auth/get-session`, { headers: { origin: trusted } });
    expect(session.headers.get("access-control-allow-origin")).toBe(trusted);

    for (const origin of ["https://evil.example", "null"]) {
      const refused = await fetch(`${server.url}/api/auth/sign-in/email`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
      expect(refused.headers.get("access-control-allow-origin"), origin).toBeNull();
      const answer = await fetch(`${server.url}/api/auth/get-session`, { headers: { origin } });
      expect(answer.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });
});
