import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createFrontdeskClient } from "@frontdesk/client";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { bookAndGetToken } from "@frontdesk/server/testing/manage-link";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { startPlayground } from "../server";

const publishableKey = "pk_demo_brightsmile";
let server: RunningServer;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  playground = await startPlayground({ port: 0, frontdeskUrl: server.url, publishableKey });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await server?.stop();
});

/** A page of the demo site with its widget in `theme`. */
async function openSite(path: string, tag: string, theme: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  await pinClock(page, server);
  await page.goto(playground.url + path);
  await page.locator(tag).evaluate((element, theme) => element.setAttribute("theme", theme), theme);
  return page;
}

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

for (const theme of ["light", "dark"]) {
  describe(`the demo site in the ${theme} theme has no serious accessibility violations`, () => {
    it("on every step of a booking", async () => {
      const page = await openSite("/", "fd-booking", theme);
      const widget = page.locator("fd-booking");
      await page.getByRole("button", { name: /Consultation/ }).waitFor();
      await expectAccessible(page, "service");
      await page.getByRole("button", { name: /Consultation/ }).click();
      await page.getByRole("button", { name: /Any available/ }).waitFor();
      await expectAccessible(page, "staff");
      await page.getByRole("button", { name: /Any available/ }).click();
      await widget.locator("[part~=day-available]").first().waitFor();
      await expectAccessible(page, "date");
      await widget.locator("[part~=day-available]").first().click();
      await widget.locator("[part~=time]").first().waitFor();
      await expectAccessible(page, "time");
      await widget.locator("[part~=time]").first().click();
      await page.getByLabel("Name").fill("Site Visitor");
      await page.getByLabel("Email").fill(`site.${theme}@example.com`);
      await expectAccessible(page, "details");
      await page.getByRole("button", { name: "Book" }).click();
      await page.getByRole("heading", { name: "You're booked" }).waitFor();
      await expectAccessible(page, "confirmation");
      await page.close();
    });

    it("on the manage page", async () => {
      const client = createFrontdeskClient({ baseUrl: server.url, publishableKey });
      const { token } = await bookAndGetToken(server, client, `Site Manager ${theme}`);
      const page = await openSite(`/manage.html?token=${encodeURIComponent(token)}`, "fd-booking-manage", theme);
      await page.getByRole("button", { name: "Reschedule" }).waitFor();
      await expectAccessible(page, "overview");
      await page.getByRole("button", { name: "Cancel appointment" }).click();
      await page.locator("fd-booking-manage").getByRole("button", { name: "Cancel appointment" }).click();
      await page.getByRole("heading", { name: "Your appointment is cancelled" }).waitFor();
      await expectAccessible(page, "cancelled");
      await page.close();
    });
  });
}
