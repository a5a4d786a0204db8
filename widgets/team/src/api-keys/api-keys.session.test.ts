import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, toClientError } from "@frontdesk/client";
import { embedRoleScopes } from "@frontdesk/core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let host: WidgetHost;

beforeAll(async () => {
  // A SaaS vendor's page on another origin, with the embed session its server minted for the person in front of it.
  host = await startWidgetHost({
    timezoneId: "Europe/Madrid",
    element: (query) => `<fd-provider api-base="${query.get("server")}" client-secret="${query.get("secret")}"><fd-api-keys></fd-api-keys></fd-provider>`,
  });
});

afterAll(async () => {
  await host?.stop();
});

const vendor = () => createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey: host.server.demoSecretKey });

async function openAs(role: "admin" | "staff") {
  const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-api-keys"], role, ...(role === "staff" ? { staffId: "stf_patel" } : {}), origins: [host.hostUrl] });
  return host.open({ server: host.server.url, secret: session.clientSecret });
}

describe("<fd-api-keys> inside <fd-provider> with an embed session, on a vendor's page", () => {
  it("offers the session's scopes, and the key it makes works with those it was given", async () => {
    const page = await openAs("admin");
    const widget = page.locator("fd-api-keys");
    await widget.getByRole("heading", { name: "Secret keys" }).waitFor();
    // A session never has sessions:write, so a key made through it cannot have it either.
    expect(await widget.getByRole("checkbox", { name: "sessions:write" }).count()).toBe(0);
    expect(await widget.locator("#secret-scopes").getByRole("checkbox").count()).toBe(embedRoleScopes.admin.length);
    expect({ violations: await seriousViolations(page) }).toEqual({ violations: [] });

    await widget.getByLabel("Name (what the key is for)").fill("Vendor audit export");
    await widget.getByRole("checkbox", { name: "audit:read" }).check();
    await widget.getByRole("checkbox", { name: "customers:read" }).check();
    await widget.getByRole("button", { name: "Make the key" }).click();
    const secret = (await widget.locator("[part~=shown-once] [part~=secret]").textContent())!.trim();
    const made = createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey: secret });
    expect(await made.audit.list.query({})).toMatchObject({ entries: expect.any(Array) });
    expect(toClientError(await made.keys.list.query().catch((caught: unknown) => caught))).toMatchObject({ code: "MISSING_SCOPE", status: 403 });
    await page.context().close();
  });

  it("tells a staff session politely that only owners and admins manage keys", async () => {
    const page = await openAs("staff");
    await page.locator("fd-api-keys").getByText("Only owners and admins manage API keys and webhooks.", { exact: false }).waitFor();
    expect(await page.locator("fd-api-keys [part~=error]").count()).toBe(0);
    await page.context().close();
  });
});
