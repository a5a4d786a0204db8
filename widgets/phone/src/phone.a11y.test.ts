import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { forTenant } from "@frontdesk/db";
import type { Person } from "@frontdesk/server/testing/accounts";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { focused, tabTo } from "@frontdesk/server/testing/browser";
import { startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";

const demo = "ten_demo_brightsmile";
let office: BackOffice;
let owner: Person;

async function demoRest(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${office.server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${office.server.demoSecretKey}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${await response.text()}`);
  return response.json();
}

beforeAll(async () => {
  office = await startBackOffice();
  owner = await office.signUp("Rami Haddad", "rami@brightsmile.example");
  const me = await owner.call("accounts.me");
  await office.db.write((writer) => forTenant(writer, demo).addMember({ id: "mem_rami", userId: me.data.user.id, role: "owner", createdAt: office.server.now() }));
  // One agent published and one draft, and a number bound and active, so that every kind of row is checked.
  const ava = await demoRest("POST", "/agents", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo" } });
  await demoRest("POST", `/agents/${ava.id}/activate`, {});
  await demoRest("POST", "/agents", { config: { name: "Night desk", type: "after_hours", voiceId: "retell-Cimo" } });
  const number = await demoRest("POST", "/numbers", { phoneNumber: "+14155550100", nickname: "Front desk" });
  await demoRest("PATCH", `/numbers/${number.id}`, { agentId: ava.id, status: "active" });
}, 60_000);

afterAll(() => office?.stop());

const both = (attributes = "") => `<fd-phone-numbers business="${demo}" ${attributes}></fd-phone-numbers><fd-agents business="${demo}" ${attributes}></fd-agents>`;
const numbers = (page: Page) => page.locator("fd-phone-numbers");
const agents = (page: Page) => page.locator("fd-agents");
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function loaded(page: Page): Promise<void> {
  await numbers(page).locator("[part~=number]").first().waitFor();
  await agents(page).locator("[part~=agent]").nth(1).waitFor();
}

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

/** Screenshots to look at (.screenshots/ is not committed). */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(".screenshots", { recursive: true });
  await page.screenshot({ path: `.screenshots/phone-${name}.png`, fullPage: true });
}

for (const theme of ["light", "dark"] as const) {
  it(`has no serious accessibility violations in the ${theme} theme on a hostile page: lists, results, a release to confirm, a review, fields in error`, async () => {
    const page = await office.open(owner, both(`theme="${theme}"`), { width: 1280 });
    await loaded(page);
    await expectAccessible(page, "lists");
    await numbers(page).getByLabel("Area code (optional)").fill("415");
    await numbers(page).getByRole("button", { name: "Search" }).click();
    await numbers(page).getByRole("radio").first().waitFor();
    await numbers(page).getByRole("button", { name: /^Release / }).click();
    await numbers(page).getByRole("alertdialog").waitFor();
    await expectAccessible(page, "results and a release to confirm");
    await agents(page).getByRole("button", { name: "Review and publish Night desk" }).click();
    await agents(page).locator("[part~=review]").waitFor();
    await agents(page).locator("#new-maxCallDurationMin").fill("90");
    await agents(page).getByRole("button", { name: "Create the agent" }).click();
    await agents(page).locator("[id$=-error]").first().waitFor();
    await expectAccessible(page, "a review and fields in error");
    await screenshot(page, `1280-${theme}`);
    await page.context().close();
  });
}

describe("the phone widgets, narrow and right to left", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`fit 320 px right to left (${theme})`, async () => {
      const page = await office.open(owner, both(`locale="ar" theme="${theme}"`), { width: 320, htmlAttributes: 'dir="rtl" lang="ar"' });
      await loaded(page);
      expect(await numbers(page).locator(".fd-root").getAttribute("dir")).toBe("rtl");
      expect(await agents(page).locator(".fd-root").getAttribute("dir")).toBe("rtl");
      await agents(page).locator("[part~=agent] button").nth(1).click();
      await agents(page).locator("[part~=review]").waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(320);
      await expectAccessible(page, "Arabic at 320 px");
      await screenshot(page, `320-rtl-${theme}`);
      await page.context().close();
    });
  }

  it("fit 320 px in English", async () => {
    const page = await office.open(owner, both(), { width: 320 });
    await loaded(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await screenshot(page, "320-light");
    await page.context().close();
  });
});

describe("the phone widgets with the keyboard alone", () => {
  it("creates an agent: its name, then Enter on Create", async () => {
    const page = await office.open(owner, `<fd-agents business="${demo}"></fd-agents>`);
    await agents(page).locator("[part~=agent]").first().waitFor();
    await tabTo(page, (element) => element.tag === "input" && element.label === "Name");
    await page.keyboard.type("Keyboard desk");
    await tabTo(page, (element) => element.label === "Create the agent");
    await page.keyboard.press("Enter");
    await agents(page).locator("[part~=agent]", { hasText: "Keyboard desk" }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: "button", label: "Review and publish Keyboard desk" });
    await page.context().close();
  });

  it("searches numbers with Enter and chooses one with the arrow keys", async () => {
    const page = await office.open(owner, `<fd-phone-numbers business="${demo}"></fd-phone-numbers>`);
    await numbers(page).locator("[part~=number]").first().waitFor();
    await tabTo(page, (element) => element.tag === "input" && element.label === "Area code (optional)");
    await page.keyboard.type("415");
    await page.keyboard.press("Enter");
    await numbers(page).getByRole("radio").first().waitFor();
    await tabTo(page, (element) => element.tag === "input" && /\d{3}/.test(element.label));
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    expect(await numbers(page).getByRole("radio").nth(1).isChecked()).toBe(true);
    expect(await numbers(page).getByRole("button", { name: /^Buy \+1/ }).count()).toBe(1);
    await page.context().close();
  });
});
