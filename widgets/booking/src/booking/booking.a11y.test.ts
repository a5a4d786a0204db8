import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createFrontdeskClient } from "@frontdesk/client";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

const demoKey = "pk_demo_brightsmile";
let widgets: WidgetHost;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking publishable-key="${query.get("key") ?? demoKey}" ${query.get("attributes") ?? ""}></fd-booking>`,
    timezoneId: "Europe/Berlin",
  });
});

afterAll(async () => {
  await widgets?.stop();
});

/** axe-core's serious and critical WCAG 2.1 AA findings on the page as it is now, named by the step, so a failure says where. */
async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

const widget = (page: Page) => page.locator("fd-booking");
const loaded = (page: Page) => expect.poll(() => widget(page).locator(".loading").count()).toBe(0);

async function toTimes(page: Page): Promise<void> {
  await widget(page).locator("[part~=day-available]").first().click();
  await page.getByRole("heading", { name: "Choose a time" }).waitFor();
  await loaded(page);
}

for (const theme of ["light", "dark"] as const) {
  describe(`<fd-booking> in the ${theme} theme has no serious accessibility violations`, () => {
    it("on every step of a booking, with the form's errors and a lapsed hold", async () => {
      const page = await widgets.open({ attributes: `theme="${theme}"` });
      await page.getByRole("button", { name: "Check-up & cleaning" }).waitFor();
      await expectAccessible(page, "service");

      await page.getByRole("button", { name: "Check-up & cleaning" }).click();
      await page.getByRole("button", { name: "Any available" }).waitFor();
      await expectAccessible(page, "staff");

      await page.getByRole("button", { name: "Any available" }).click();
      await widget(page).locator("[part~=day-available]").first().waitFor();
      await expectAccessible(page, "date");

      await toTimes(page);
      await expectAccessible(page, "time");

      await widget(page).locator("[part~=time]").first().click();
      await page.getByRole("heading", { name: "Your details" }).waitFor();
      await expect.poll(() => widget(page).locator("[part~=hold]").textContent()).toMatch(/\d:\d\d/);
      await expectAccessible(page, "details");

      await page.getByRole("button", { name: "Book" }).click();
      await widget(page).locator(".field-error").first().waitFor();
      await expectAccessible(page, "details with errors");

      await page.clock.fastForward("06:00");
      await expect.poll(() => widget(page).locator("[part~=hold]").textContent()).toContain("no longer holding");
      await expectAccessible(page, "hold lapsed");

      await page.getByLabel("Name").fill("Axe Tester");
      await page.getByLabel("Email").fill(`axe.${theme}@example.com`);
      await page.getByRole("button", { name: "Book" }).click();
      await page.getByRole("heading", { name: "You're booked" }).waitFor();
      await expectAccessible(page, "confirmation");
      await page.context().close();
    });

    it("when the chosen time was taken, and when the form cannot load", async () => {
      const page = await widgets.open({ attributes: `theme="${theme}" service="svc_whitening" staff="stf_lee" name="Late" email="late@example.com"` });
      await widget(page).locator("[part~=day-available]").first().waitFor();
      const held = page.waitForResponse("**/trpc/booking.hold**");
      await toTimes(page);
      await widget(page).locator("[part~=time]").first().click();
      const hold = (await (await held).json()).result.data as { holdId: string; start: string };
      const client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: demoKey });
      await client.releaseHold(hold.holdId);
      await client.createBooking({ serviceId: "svc_whitening", staffId: "stf_lee", start: hold.start, customer: { name: "Quick", email: `quick.${theme}@example.com` } });
      await page.getByRole("button", { name: "Book" }).click();
      await page.getByRole("alert").waitFor();
      await loaded(page);
      await expectAccessible(page, "time taken");
      await page.context().close();

      const broken = await widgets.open({ key: "pk_unknown", attributes: `theme="${theme}"` });
      await widget(broken).locator("[part~=error]").waitFor();
      await expectAccessible(broken, "unknown key");
      await broken.context().close();
    });

    for (const mode of ["popup", "floating"] as const) {
      it(`with the ${mode} dialog open`, async () => {
        const page = await widgets.open({ attributes: `theme="${theme}" mode="${mode}"` });
        await page.getByRole("button", { name: "Book an appointment" }).waitFor();
        await expectAccessible(page, `${mode} closed`);
        await page.getByRole("button", { name: "Book an appointment" }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Consultation" }).waitFor();
        await expectAccessible(page, `${mode} open`);
        await page.context().close();
      });
    }
  });
}
