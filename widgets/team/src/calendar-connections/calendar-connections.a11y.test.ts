import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { startBackOffice, type BackOffice, type SignedUp } from "@frontdesk/server/testing/back-office";
import { breakConnection, clinic, connectOverHttp } from "./calendar-connections.fixture";

let office: BackOffice;
let staff: SignedUp;
let owner: SignedUp;

beforeAll(async () => {
  office = await startBackOffice();
  const shop = await clinic(office, "a11y");
  ({ staff, owner } = shop);
  // Two accounts: one working, one broken, so that every kind of row is checked.
  await connectOverHttp(staff);
  const broken = await connectOverHttp(staff, "microsoft");
  await breakConnection(office, shop.tenantId, broken, "Microsoft refused the grant (invalid_grant).");
}, 60_000);

afterAll(async () => {
  await office?.stop();
});

const widget = (page: Page) => page.locator("fd-calendar-connections");
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Shows the calendar feed's link (made on the first ask), in any language. */
async function showFeed(page: Page): Promise<void> {
  const feed = widget(page).locator("[part~=feed]");
  await feed.locator("[part~=button-primary]").click();
  await feed.locator("[part~=feed-url]").waitFor();
}

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

/** Screenshots to look at (.screenshots/ is not committed). */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(".screenshots", { recursive: true });
  await page.screenshot({ path: `.screenshots/calendar-connections-${name}.png`, fullPage: true });
}

for (const theme of ["light", "dark"] as const) {
  it(`has no serious accessibility violations in the ${theme} theme on a hostile page: connections, a broken one, a disconnection to confirm`, async () => {
    const page = await office.open(staff, `<fd-calendar-connections theme="${theme}"></fd-calendar-connections>`, { width: 1280 });
    await widget(page).locator("[part~=connection]").first().waitFor();
    await widget(page).locator("[part~=reconnect]").waitFor();
    await showFeed(page);
    await expectAccessible(page, "connections, the feed's link");
    await screenshot(page, `staff-1280-${theme}`);
    await widget(page).getByRole("button", { name: /^Disconnect / }).first().click();
    await expectAccessible(page, "a disconnection to confirm");
    await widget(page).getByRole("button", { name: "New link for the calendar feed" }).click();
    await expectAccessible(page, "a new feed link to confirm");
    await page.context().close();
  });

  it(`has no serious accessibility violations for an owner in the ${theme} theme`, async () => {
    const page = await office.open(owner, `<fd-calendar-connections theme="${theme}"></fd-calendar-connections>`, { width: 1280 });
    await widget(page).locator("[part~=connection]").first().waitFor();
    await expectAccessible(page, "owner");
    await screenshot(page, `owner-1280-${theme}`);
    await page.context().close();
  });
}

describe("<fd-calendar-connections> at 320 px", () => {
  it("reads right to left in Arabic and fits", async () => {
    const page = await office.open(staff, '<fd-calendar-connections locale="ar"></fd-calendar-connections>', { width: 320, htmlAttributes: 'dir="rtl" lang="ar"' });
    await widget(page).locator("[part~=connection]").first().waitFor();
    await showFeed(page);
    expect({ lang: await widget(page).locator(".fd-root").getAttribute("lang"), dir: await widget(page).locator(".fd-root").getAttribute("dir") }).toEqual({ lang: "ar", dir: "rtl" });
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "Arabic at 320 px");
    await screenshot(page, "320-rtl");
    await page.context().close();
  });

  it("fits in English, in the dark theme", async () => {
    const page = await office.open(staff, '<fd-calendar-connections theme="dark"></fd-calendar-connections>', { width: 320 });
    await widget(page).locator("[part~=connection]").first().waitFor();
    await showFeed(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "English at 320 px");
    await screenshot(page, "320-dark");
    await page.context().close();
  });
});
