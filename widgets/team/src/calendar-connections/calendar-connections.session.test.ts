import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let host: WidgetHost;

beforeAll(async () => {
  // A SaaS vendor's page on another origin, with the embed session its server minted for the person in front of it.
  host = await startWidgetHost({
    timezoneId: "America/New_York",
    element: (query) => `<fd-provider api-base="${query.get("server")}" client-secret="${query.get("secret")}"><fd-calendar-connections></fd-calendar-connections></fd-provider>`,
  });
});

afterAll(async () => {
  await host?.stop();
});

const vendor = () => createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey: host.server.demoSecretKey });

describe("<fd-calendar-connections> inside <fd-provider> with an embed session, on a vendor's page", () => {
  it("shows a staff session its own calendars and its feed, with the sandbox's providers to connect", async () => {
    const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-calendar-connections"], role: "staff", staffId: "stf_patel", origins: [host.hostUrl] });
    const page = await host.open({ server: host.server.url, secret: session.clientSecret });
    const widget = page.locator("fd-calendar-connections");
    await widget.getByRole("heading", { name: "Your connected calendars" }).waitFor();
    await widget.getByText("You have not connected a calendar yet.").waitFor();
    await widget.getByRole("button", { name: "Connect Google Calendar" }).waitFor();
    // A staff member picks no one: the session is theirs.
    expect(await widget.getByLabel("Staff member").count()).toBe(0);
    const feed = widget.locator("[part~=feed]");
    await feed.getByText("No feed yet").waitFor();
    await feed.getByRole("button", { name: "Make a feed link" }).click();
    expect(await feed.getByRole("textbox", { name: "Feed link" }).inputValue()).toBe((await vendor().calendarFeeds.get.mutate({ staffId: "stf_patel" })).url);
    await page.context().close();
  });

  it("lets an owner session pick among the staff", async () => {
    const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-calendar-connections"], role: "owner", origins: [host.hostUrl] });
    const page = await host.open({ server: host.server.url, secret: session.clientSecret });
    const widget = page.locator("fd-calendar-connections");
    await widget.getByRole("heading", { name: "Connected calendars of \u2068Dr. Maya Patel\u2069" }).waitFor();
    await widget.getByLabel("Staff member").selectOption("stf_lee");
    await widget.getByRole("heading", { name: /^Connected calendars of / }).filter({ hasNotText: "Maya Patel" }).waitFor();
    await widget.locator("[part~=feed]").getByText("No feed yet").waitFor();
    await page.context().close();
  });
});
