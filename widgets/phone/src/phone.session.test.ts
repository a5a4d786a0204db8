import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import { embedSessionScopes } from "@frontdesk/core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let host: WidgetHost;

beforeAll(async () => {
  // A SaaS vendor's page on another origin, with the embed session its server minted for the person in front of it.
  host = await startWidgetHost({
    timezoneId: "Europe/Madrid",
    element: (query) =>
      `<fd-provider api-base="${query.get("server")}" client-secret="${query.get("secret")}"><fd-agents></fd-agents><fd-phone-numbers></fd-phone-numbers></fd-provider>`,
  });
});

afterAll(async () => {
  await host?.stop();
});

const vendor = () => createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey: host.server.demoSecretKey });

async function openAs(role: "admin" | "staff") {
  const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-phone-numbers", "fd-agents"], role, ...(role === "staff" ? { staffId: "stf_patel" } : {}), origins: [host.hostUrl] });
  return { page: await host.open({ server: host.server.url, secret: session.clientSecret }) };
}

describe("<fd-agents> and <fd-phone-numbers> inside <fd-provider> with an embed session, on a vendor's page", () => {
  it("has the scopes the two widgets need, creates and publishes an agent, and buys a number answered by it", async () => {
    const { page } = await openAs("admin");
    expect(embedSessionScopes("admin", ["fd-phone-numbers", "fd-agents"]).sort()).toEqual(["agents:read", "agents:write", "config:read", "numbers:read", "numbers:write"]);
    const agents = page.locator("fd-agents");
    const numbers = page.locator("fd-phone-numbers");
    await agents.getByText("No agents yet.", { exact: false }).waitFor();
    await numbers.getByText("No phone numbers yet.", { exact: false }).waitFor();
    expect({ violations: await seriousViolations(page) }).toEqual({ violations: [] });

    await agents.locator("#new-name").fill("Vendor desk");
    await agents.getByRole("button", { name: "Create the agent" }).click();
    await agents.getByRole("button", { name: "Review and publish Vendor desk" }).click();
    await agents.getByRole("button", { name: "Publish and activate" }).click();
    await agents.getByText("is published and active.", { exact: false }).waitFor();

    await numbers.evaluate((element) => (element as unknown as { refresh(): Promise<void> }).refresh());
    await numbers.getByRole("button", { name: "Search" }).click();
    await numbers.getByRole("radio").first().check();
    await numbers.getByRole("button", { name: /^Buy \+/ }).click();
    const row = numbers.locator("[part~=number]");
    await row.waitFor();
    await row.getByLabel("Agent", { exact: true }).selectOption({ label: "Vendor desk" });
    await row.getByRole("button", { name: /^Activate / }).click();
    await row.locator("[part~=badge]", { hasText: /^Active$/ }).waitFor();
    const [bought] = await vendor().numbers.list.query({});
    expect(bought).toMatchObject({ status: "active", agentId: expect.stringMatching(/./) });
    await page.context().close();
  }, 60_000);

  it("tells a staff session politely that only owners and admins manage numbers and agents", async () => {
    const { page } = await openAs("staff");
    await page.locator("fd-agents").getByText("Only owners and admins manage the phone agents.", { exact: false }).waitFor();
    await page.locator("fd-phone-numbers").getByText("Only owners and admins manage the phone numbers.", { exact: false }).waitFor();
    expect(await page.locator("fd-agents [part~=error], fd-phone-numbers [part~=error]").count()).toBe(0);
    await page.context().close();
  });
});
