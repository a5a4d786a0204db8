import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createFrontdeskClient, type FrontdeskClient } from "@frontdesk/client";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";
import { bookAndGetToken } from "@frontdesk/server/testing/manage-link";

let widgets: WidgetHost;
let client: FrontdeskClient;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking-manage ${query.get("attributes") ?? ""}></fd-booking-manage>`,
    timezoneId: "Europe/Berlin",
  });
  client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: "pk_demo_brightsmile" });
});

afterAll(async () => {
  await widgets?.stop();
});

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

const widget = (page: Page) => page.locator("fd-booking-manage");
const loaded = (page: Page) => expect.poll(() => widget(page).locator(".loading").count()).toBe(0);

for (const theme of ["light", "dark"] as const) {
  describe(`<fd-booking-manage> in the ${theme} theme has no serious accessibility violations`, () => {
    it("on the overview, the new date and time, the confirmation and once moved", async () => {
      const { token } = await bookAndGetToken(widgets.server, client, `Axel Mover ${theme}`);
      const page = await widgets.open({ attributes: `token="${token}" theme="${theme}"` });
      await page.getByRole("button", { name: "Reschedule" }).waitFor();
      await expectAccessible(page, "overview");

      await page.getByRole("button", { name: "Reschedule" }).click();
      await widget(page).locator("[part~=day-available]").first().waitFor();
      await expectAccessible(page, "new date");

      await widget(page).locator("[part~=day-available]").first().click();
      await page.getByRole("heading", { name: "Choose a new time" }).waitFor();
      await loaded(page);
      await expectAccessible(page, "new time");

      await widget(page).locator("[part~=time]").first().click();
      await page.getByRole("heading", { name: "Confirm the new time" }).waitFor();
      await expectAccessible(page, "confirm");

      await page.getByRole("button", { name: "Move my appointment" }).click();
      await page.getByRole("heading", { name: "Your appointment has been moved" }).waitFor();
      await expectAccessible(page, "moved");
      await page.context().close();
    });

    it("on the cancellation, once cancelled, and for a link that does not work", async () => {
      const { token } = await bookAndGetToken(widgets.server, client, `Axel Canceller ${theme}`);
      const page = await widgets.open({ attributes: `token="${token}" theme="${theme}"` });
      await page.getByRole("button", { name: "Cancel appointment" }).click();
      await page.getByRole("heading", { name: "Cancel this appointment?" }).waitFor();
      await expectAccessible(page, "cancel");

      await widget(page).getByRole("button", { name: "Cancel appointment" }).click();
      await page.getByRole("heading", { name: "Your appointment is cancelled" }).waitFor();
      await expectAccessible(page, "cancelled");
      await page.context().close();

      const broken = await widgets.open({ attributes: `token="apt_doesnotexist.c2lnbmF0dXJlLXRoYXQtaXMtd3Jvbmc" theme="${theme}"` });
      await widget(broken).locator("[part~=error]").waitFor();
      await expectAccessible(broken, "bad link");
      await broken.context().close();
    });
  });
}
