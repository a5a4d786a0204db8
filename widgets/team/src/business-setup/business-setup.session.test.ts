import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, toClientError } from "@frontdesk/client";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let host: WidgetHost;

beforeAll(async () => {
  // A SaaS vendor's page on another origin, with the embed session its server minted for the set-up alone.
  host = await startWidgetHost({
    timezoneId: "Europe/Madrid",
    element: (query) => `<fd-provider api-base="${query.get("server")}" client-secret="${query.get("secret")}"><fd-business-setup></fd-business-setup></fd-provider>`,
  });
});

afterAll(async () => {
  await host?.stop();
});

describe("<fd-business-setup> inside <fd-provider> with an embed session for it, on a vendor's page", () => {
  it("makes a secret key with the session's scopes, which works for them and for nothing else", async () => {
    const vendor = createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey: host.server.demoSecretKey });
    const session = await vendor.embedSessions.create.mutate({ widgets: ["fd-business-setup"], role: "admin", origins: [host.hostUrl] });
    const page = await host.open({ server: host.server.url, secret: session.clientSecret });
    const wizard = page.locator("fd-business-setup");

    // The demo business is set up already: the wizard says so, and its steps can be opened again.
    await wizard.getByRole("heading", { name: "Your business is set up", level: 2 }).waitFor();
    await wizard.getByRole("navigation", { name: "Set-up steps" }).getByRole("button", { name: /Keys/ }).click();
    await wizard.getByLabel("What the key is for (optional)").fill("Vendor sync");
    await wizard.getByRole("button", { name: "Make a secret key" }).click();
    const secretKey = (await wizard.locator("#secret-key").textContent())!.trim();
    expect(secretKey).toMatch(/^sk_/);

    const made = createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey });
    expect((await made.config.get.query()).business.name).toBe("BrightSmile Dental (demo)");
    expect((await made.keys.list.query()).secretKeys.find((key) => key.name === "Vendor sync")?.scopes).toEqual(["config:read", "config:write", "keys:write", "keys:read"]);
    const refused = toClientError(await made.staff.appointments.query({ from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" }).catch((error: unknown) => error));
    expect(refused).toMatchObject({ code: "MISSING_SCOPE", status: 403 });
    await page.context().close();
  });
});
