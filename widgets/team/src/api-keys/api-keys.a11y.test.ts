import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { focused, tabTo } from "@frontdesk/server/testing/browser";
import { startBackOffice, type BackOffice, type SignedUp } from "@frontdesk/server/testing/back-office";
import { startWebhookReceiver, type WebhookReceiver } from "@frontdesk/server/testing/webhook-receiver";

let office: BackOffice;
let hooks: WebhookReceiver;
let owner: SignedUp;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  office = await startBackOffice({ FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: "1", FRONTDESK_WEBHOOKS_ALLOW_HTTP: "1" });
  owner = await office.signUp("Rami Haddad", "rami@clinic.example", "Rami's Clinic");
  // Something in every list, and a delivery in the log, so that every kind of row is checked.
  await owner.call("keys.createSecretKey", { name: "Booking sync", scopes: ["bookings:read", "bookings:write"] }, { mutation: true });
  await owner.call("config.createPublishableKey", { allowedOrigins: ["https://clinic.example"] }, { mutation: true });
  const endpoint = await owner.call("webhooks.createEndpoint", { url: hooks.url, eventTypes: ["appointment.created"] }, { mutation: true });
  await owner.call("webhooks.ping", { endpointId: endpoint.data.id }, { mutation: true });
  await hooks.waitFor(1);
});

afterAll(async () => {
  await office?.stop();
  await hooks?.close();
});

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

const keys = (page: Page) => page.locator("fd-api-keys");
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Opens the endpoint's log and waits for the ping in it, delivered. */
async function openLog(page: Page): Promise<void> {
  await keys(page).locator("[part~=endpoint]").getByRole("button", { name: /Delivery log|سجل التسليمات/ }).click();
  await keys(page).locator("[part~=delivery] [part~=badge]").first().waitFor({ timeout: 8000 });
}

/** Screenshots to look at (.screenshots/ is not committed). */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(".screenshots", { recursive: true });
  await page.screenshot({ path: `.screenshots/api-keys-${name}.png`, fullPage: true });
  await page.screenshot({ path: `.screenshots/api-keys-${name}-top.png` });
  await keys(page).locator("[part~=endpoint]").first().screenshot({ path: `.screenshots/api-keys-${name}-endpoint.png` });
}

for (const theme of ["light", "dark"] as const) {
  it(`has no serious accessibility violations in the ${theme} theme on a hostile page: lists, a secret shown once, a log, a refusal`, async () => {
    const page = await office.open(owner, `<fd-api-keys theme="${theme}"></fd-api-keys>`, { width: 1280 });
    await keys(page).locator("[part~=secret-key]").first().waitFor({ timeout: 8000 });
    await expectAccessible(page, "lists");
    await openLog(page);
    await keys(page).locator("[part~=delivery] summary").first().click();
    await expectAccessible(page, "delivery log, an attempt open");
    await keys(page).getByRole("button", { name: "Revoke the key Booking sync" }).click();
    await expectAccessible(page, "a revocation to confirm");
    await keys(page).getByRole("button", { name: "Keep" }).click();
    await keys(page).getByLabel("URL of your server's webhook route").fill("http://169.254.169.254/");
    await keys(page).getByRole("checkbox", { name: "appointment.cancelled" }).check();
    await keys(page).getByRole("button", { name: "Add the endpoint" }).click();
    await keys(page).locator("#endpoint-url-error").waitFor({ timeout: 8000 });
    await keys(page).getByRole("button", { name: "Make the key" }).click();
    await keys(page).locator("#secret-scopes-error").waitFor({ timeout: 8000 });
    await expectAccessible(page, "fields in error");
    await keys(page).getByRole("checkbox", { name: "team:read" }).check();
    await keys(page).getByRole("button", { name: "Make the key" }).click();
    await keys(page).locator("[part~=shown-once]").waitFor({ timeout: 8000 });
    await expectAccessible(page, "a secret shown once");
    await screenshot(page, `1280-${theme}`);
    await page.context().close();
  });
}

describe("<fd-api-keys> in Arabic, right to left", () => {
  for (const width of [320, 375]) {
    it(`reads right to left and fits ${width} px`, async () => {
      const page = await office.open(owner, '<fd-api-keys locale="ar"></fd-api-keys>', { width, htmlAttributes: 'dir="rtl" lang="ar"' });
      await keys(page).getByRole("heading", { name: "المفاتيح السرية" }).waitFor({ timeout: 8000 });
      expect({ lang: await keys(page).locator(".fd-root").getAttribute("lang"), dir: await keys(page).locator(".fd-root").getAttribute("dir") }).toEqual({ lang: "ar", dir: "rtl" });
      await openLog(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      await expectAccessible(page, "Arabic");
      await screenshot(page, `${width}-rtl`);
      await page.context().close();
    });
  }

  it("fits 375 px in English", async () => {
    const page = await office.open(owner, "<fd-api-keys></fd-api-keys>", { width: 375 });
    await openLog(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await screenshot(page, "375-light");
    await page.context().close();
  });
});

describe("<fd-api-keys> with the keyboard alone", () => {
  it("makes a key: name, a scope with Space, Enter; the focus lands on the value shown once", async () => {
    const page = await office.open(owner, "<fd-api-keys></fd-api-keys>");
    await keys(page).getByRole("heading", { name: "Make a secret key" }).waitFor({ timeout: 8000 });
    await tabTo(page, (element) => element.tag === "input" && element.label === "Name (what the key is for)");
    await page.keyboard.type("Keyboard key");
    await tabTo(page, (element) => element.tag === "input" && element.label.includes("audit:read"));
    await page.keyboard.press("Space");
    await tabTo(page, (element) => element.label === "Make the key");
    await page.keyboard.press("Enter");
    await keys(page).locator("[part~=shown-once]").waitFor({ timeout: 8000 });
    expect(await focused(page)).toMatchObject({ tag: "code", label: "Your new secret key" });
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", label: "Copy" });
    const made = ((await owner.call("keys.list")).data as { secretKeys: { name: string; scopes: string[] }[] }).secretKeys.find((key) => key.name === "Keyboard key");
    expect(made?.scopes).toEqual(["audit:read"]);
    await page.context().close();
  });

  it("opens a delivery's attempts with Enter", async () => {
    const page = await office.open(owner, "<fd-api-keys></fd-api-keys>");
    await keys(page).locator("[part~=endpoint]").waitFor({ timeout: 8000 });
    await tabTo(page, (element) => element.label === "Delivery log");
    await page.keyboard.press("Enter");
    await keys(page).locator("[part~=delivery]").first().waitFor({ timeout: 8000 });
    await tabTo(page, (element) => element.tag === "summary");
    await page.keyboard.press("Enter");
    expect(await keys(page).locator("[part~=delivery] details").first().getAttribute("open")).not.toBeNull();
    await page.context().close();
  });
});
