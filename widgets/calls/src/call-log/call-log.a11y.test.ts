import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Person } from "@frontdesk/server/testing/accounts";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";
import { addBookingCaller, joinDemo, openDemoLine } from "../testing/phone-line";

let office: BackOffice;
let admin: Person;
let bookingCall: string;

beforeAll(async () => {
  office = await startBackOffice();
  await addBookingCaller(office.db);
  const line = await openDemoLine(office.server);
  await line.simulate("escalate-to-human");
  bookingCall = await line.simulate("book-cleaning-next-tuesday");
  admin = await joinDemo(office, "Rami Haddad", "rami@brightsmile.example", "admin");
}, 120_000);

afterAll(async () => {
  await office?.stop();
});

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Screenshots to look at (.screenshots/ is not committed). */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(".screenshots", { recursive: true });
  await page.screenshot({ path: `.screenshots/calls-${name}.png`, fullPage: true });
}

const looks = [
  { name: "light-1280", width: 1280 },
  { name: "dark-320", width: 320, colorScheme: "dark" as const },
  { name: "rtl-ar-320", width: 320, htmlAttributes: 'dir="rtl" lang="ar"', locale: "ar" },
  { name: "es-1280-dark", width: 1280, colorScheme: "dark" as const, locale: "es" },
];

describe("<fd-call-log> and <fd-call-detail> on a hostile host page", () => {
  for (const look of looks) {
    it(`is accessible and fits: ${look.name}`, async () => {
      const { name, ...options } = look;
      const page = await office.open(admin, "<fd-call-log></fd-call-log>", options);
      const log = page.locator("fd-call-log");
      await log.locator("[part~=call]").first().waitFor();
      await log.locator("[part~=live]").waitFor();
      await expectAccessible(page, `${name}: list`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(look.width);
      await screenshot(page, `log-${name}`);

      await log.locator("[part~=call]").first().locator("button").first().click();
      const detail = log.locator("fd-call-detail");
      await detail.locator("[part~=tool-call]").first().waitFor();
      await detail.locator("[part~=tool-call] summary").first().click();
      await expectAccessible(page, `${name}: detail`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(look.width);
      await screenshot(page, `detail-${name}`);
      await page.context().close();
    });
  }

  it("works by keyboard: a call opens with Enter, and Back returns to it", async () => {
    const page = await office.open(admin, "<fd-call-log></fd-call-log>", { width: 720 });
    const log = page.locator("fd-call-log");
    await log.locator(`#call-${bookingCall}`).focus();
    await page.keyboard.press("Enter");
    await log.locator("fd-call-detail [part~=turn]").first().waitFor();
    expect(await log.locator("#detail-back").evaluate((button) => button.matches(":focus"))).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => log.locator(`#call-${bookingCall}`).evaluate((button) => button.matches(":focus"))).toBe(true);
    await page.context().close();
  });
});
