import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { focused, tabTo } from "@frontdesk/server/testing/browser";
import type { BackOffice, SignedUp } from "@frontdesk/server/testing/back-office";
import { forTenant } from "@frontdesk/db";
import { bookOnTheWeb, demo, rest, startDemoOffice } from "./approvals.fixtures";

let office: BackOffice;
let owner: SignedUp;

beforeAll(async () => {
  ({ office, owner } = await startDemoOffice());
  await rest(office, "POST", "/calls/simulate", { scenarioId: "book-cleaning-next-tuesday" });
  for (const n of [1, 2, 3]) await bookOnTheWeb(office, `Customer ${n}`, `customer${n}@example.com`, 5 + n);
  // A message the agent took down, with its call-back link.
  await office.db.write(async (writer) => {
    const scope = forTenant(writer, demo);
    await scope.addCallerMessage({ id: "msg_a11y", providerCallId: "call_a11y", name: "Taylor Brooks", phoneE164: "+14155550177", message: "Toothache, please call back in the morning.", reason: "after_hours", createdAt: office.server.now() });
    await scope.addApproval({ id: "apr_a11y_message", kind: "message", messageId: "msg_a11y", providerCallId: "call_a11y", createdAt: office.server.now() });
  });
}, 90_000);

afterAll(async () => {
  await office?.stop();
});

const queueOf = (page: Page) => page.locator("fd-approvals");
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

/** Screenshots to look at (.screenshots/ is not committed). */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(".screenshots", { recursive: true });
  await page.screenshot({ path: `.screenshots/approvals-${name}.png`, fullPage: true });
}

async function opened(attributes: string, options: Parameters<BackOffice["open"]>[2] = {}): Promise<Page> {
  const page = await office.open(owner, `<fd-approvals ${attributes}></fd-approvals>`, options);
  await queueOf(page).locator("[part~=approval]").nth(3).waitFor();
  return page;
}

for (const theme of ["light", "dark"] as const) {
  describe(`<fd-approvals> in the ${theme} theme on a hostile page`, () => {
    it("has no serious accessibility violations: the queue, a selection, a rejection without a reason, another time", async () => {
      const page = await opened(`theme="${theme}"`, { width: 1280 });
      const queue = queueOf(page);
      await expectAccessible(page, "queue");
      await screenshot(page, `1280-${theme}`);
      await queue.getByRole("checkbox", { name: "Select: New booking, Customer 1" }).check();
      await queue.getByRole("button", { name: "Reject the selected" }).click();
      await queue.getByRole("button", { name: "Reject the selected" }).click();
      await queue.locator("#reject-bulk-error").waitFor();
      await expectAccessible(page, "bulk rejection without a reason");
      await queue.getByRole("button", { name: "Change the time for Customer 2" }).click();
      await expectAccessible(page, "another time");
      await screenshot(page, `1280-${theme}-forms`);
      await page.context().close();
    });

    it("fits 320 px", async () => {
      const page = await opened(`theme="${theme}"`, { width: 320 });
      expect(await pageWidth(page)).toBeLessThanOrEqual(320);
      await expectAccessible(page, "320 px");
      await screenshot(page, `320-${theme}`);
      await page.context().close();
    });
  });
}

describe("<fd-approvals> right to left", () => {
  it("reads right to left in Arabic and fits 320 px", async () => {
    const page = await opened('locale="ar"', { width: 320, htmlAttributes: 'dir="rtl" lang="ar"' });
    const root = queueOf(page).locator(".fd-root");
    expect({ lang: await root.getAttribute("lang"), dir: await root.getAttribute("dir") }).toEqual({ lang: "ar", dir: "rtl" });
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "Arabic");
    await screenshot(page, "320-rtl");
    await page.context().close();
  });
});

describe("<fd-approvals> with the keyboard alone", () => {
  it("rejects with a reason: Tab to Reject, Enter, the focus is in the reason, type, Enter", async () => {
    const page = await opened("");
    await tabTo(page, (element) => element.label === "Reject: New booking, Customer 3");
    await page.keyboard.press("Enter");
    expect(await focused(page)).toMatchObject({ tag: "input", label: "Why are you rejecting this? (the customer is told)" });
    await page.keyboard.press("Enter");
    await queueOf(page).locator("[part~=form] [part~=error]").waitFor();
    expect(await focused(page)).toMatchObject({ tag: "input" });
    await page.keyboard.type("No implant slots that week.");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await queueOf(page).locator(".announcement").textContent())?.replace(/[\u2066-\u2069]/g, "").trim()).toBe("Rejected: New booking, Customer 3.");
    expect(await focused(page)).toMatchObject({ tag: "h2", label: "Approvals" });
    await page.context().close();
  });
});
