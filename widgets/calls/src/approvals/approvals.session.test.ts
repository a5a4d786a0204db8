import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let host: WidgetHost;

beforeAll(async () => {
  // A SaaS vendor's page on another origin, with the embed session its server minted for the person in front of it.
  host = await startWidgetHost({
    timezoneId: "Asia/Tokyo",
    element: (query) => `<fd-provider api-base="${query.get("server")}" client-secret="${query.get("secret")}"><fd-approvals></fd-approvals></fd-provider>`,
  });
});

afterAll(async () => {
  await host?.stop();
});

const vendor = () => createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey: host.server.demoSecretKey });

/** A web booking that waits for approval: the demo's implant assessment, first free time a week ahead. */
async function pendingBooking(name: string, email: string): Promise<string> {
  const date = new Date(host.server.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await vendor().staff.availability.query({ serviceId: "svc_implant", from: date, to: date });
  const response = await fetch(`${host.server.url}/trpc/booking.create`, {
    method: "POST",
    headers: { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://site.example", "content-type": "application/json" },
    body: JSON.stringify({ serviceId: "svc_implant", start: slots[0]!.start, customer: { name, email } }),
  });
  expect(response.status).toBe(200);
  return (await response.json()).result.data.id;
}

describe("<fd-approvals> inside <fd-provider> with an embed session, on a vendor's page", () => {
  it("shows the queue in the business's zone and approves with the session alone", async () => {
    const appointmentId = await pendingBooking("Kenji Mori", "kenji@example.com");
    const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-approvals"], role: "admin", origins: [host.hostUrl] });
    const page = await host.open({ server: host.server.url, secret: session.clientSecret });
    const queue = page.locator("fd-approvals");
    const item = queue.locator("[part~=approval]", { hasText: "Kenji Mori" });
    await item.waitFor();
    // The visitor is in Tokyo; the business, and so the times, in New York.
    expect(await item.textContent()).toContain("Eastern Time");
    expect({ violations: await seriousViolations(page) }).toEqual({ violations: [] });
    await item.getByRole("button", { name: "Approve: New booking, Kenji Mori" }).click();
    await expect.poll(async () => (await vendor().staff.appointment.query({ appointmentId })).status).toBe("confirmed");
    await page.context().close();
  });

  it("says politely that a staff session may look but not decide", async () => {
    await pendingBooking("Aiko Sato", "aiko@example.com");
    const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-approvals"], role: "staff", staffId: "stf_patel", origins: [host.hostUrl] });
    const page = await host.open({ server: host.server.url, secret: session.clientSecret });
    const queue = page.locator("fd-approvals");
    await queue.getByText("You can see the queue; an owner or admin decides.").waitFor();
    expect(await queue.getByRole("button", { name: /^Approve:/ }).count()).toBe(0);
    expect(await queue.locator(".state.error").allTextContents()).toEqual([]);
    await page.context().close();
  });
});
