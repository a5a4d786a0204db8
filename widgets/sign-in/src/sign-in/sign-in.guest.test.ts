import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { person } from "@frontdesk/server/testing/accounts";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { tabTo } from "@frontdesk/server/testing/browser";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

const password = "correct horse battery staple";

describe("<fd-sign-in> on a business's own site (a trusted origin with hostile CSS)", () => {
  let widgets: WidgetHost;

  beforeAll(async () => {
    widgets = await startWidgetHost({
      element: (query) => `<fd-sign-in ${query.get("attributes") ?? ""}></fd-sign-in>`,
      timezoneId: "Europe/Madrid",
      trustHost: true,
      // The real limits, so the page meets a real 429 (every other test here stays well inside them).
      env: { RATE_LIMITS: "on" },
    });
    const signUp = await person(widgets.server.url, widgets.hostUrl).auth("sign-up/email", { name: "Guest Owner", email: "guest@clinic.example", password });
    expect(signUp.status).toBe(200);
  });
  afterAll(async () => {
    await widgets?.stop();
  });

  const widget = (page: Page) => page.locator("fd-sign-in");
  const expectAccessible = async (page: Page, step: string) => expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
  const signedInEvent = (page: Page) =>
    page.evaluate(() => new Promise((resolve) => document.addEventListener("fd-signed-in", (event) => resolve((event as CustomEvent).detail), { once: true })));

  it("signs in with the keyboard alone, and says who is signed in", async () => {
    const page = await widgets.open({});
    await page.getByRole("heading", { name: "Sign in", exact: true }).waitFor();
    await expectAccessible(page, "sign in");
    const event = signedInEvent(page);

    await tabTo(page, (element) => element.tag === "input" && element.label === "E-mail");
    await page.keyboard.type("guest@clinic.example");
    await page.keyboard.press("Tab");
    await page.keyboard.type(password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "You are signed in", exact: true }).waitFor();
    expect(await event).toMatchObject({ name: "Guest Owner", email: "guest@clinic.example" });
    await expectAccessible(page, "signed in");

    // The session cookie works from this page too: a new page opens signed in.
    const again = await page.context().newPage();
    await again.goto(page.url());
    await again.getByRole("heading", { name: "You are signed in", exact: true }).waitFor();
    await page.context().close();
  });

  it("shows a wrong password at its field, accessibly, in the dark theme", async () => {
    const page = await widgets.open({ attributes: `theme="dark"` });
    await page.getByLabel("E-mail", { exact: true }).fill("guest@clinic.example");
    await page.getByLabel("Password", { exact: true }).fill("wrong password here");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await widget(page).locator("#password-error").waitFor();
    expect(await widget(page).locator("#password-error").textContent()).toContain("do not match");
    await expectAccessible(page, "wrong password");
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await expectAccessible(page, "sign up");
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("button", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await expectAccessible(page, "forgot password");
    await page.context().close();
  });

  it("fits 320 px and reads right to left in Arabic", async () => {
    const page = await widgets.open({ attributes: `locale="ar"` }, { width: 320, htmlAttributes: 'dir="rtl" lang="ar"', locale: "ar" });
    await widget(page).locator(".fd-root[dir=rtl]").waitFor();
    await widget(page).locator("form").waitFor();
    await page.getByRole("heading", { name: "تسجيل الدخول", exact: true }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const { width } = (await widget(page).boundingBox())!;
    expect(width).toBeLessThanOrEqual(320);
    await expectAccessible(page, "rtl at 320 px");
    await page.context().close();
  });

  it("says politely how long to wait when the server limits sign-in attempts", async () => {
    // Five wrong attempts for one account use up its sign-ins; the sixth, from the page, is refused with Retry-After.
    for (let attempt = 0; attempt < 5; attempt++) await person(widgets.server.url, widgets.hostUrl).auth("sign-in/email", { email: "limited@clinic.example", password: "wrong password here" });
    const page = await widgets.open({});
    await page.getByLabel("E-mail", { exact: true }).fill("limited@clinic.example");
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await widget(page).locator("[part=error]").waitFor();
    expect(await widget(page).locator("[part=error]").textContent()).toMatch(/Too many attempts\. Please wait (\d+ seconds|a minute|\d+ minutes) and try again\./);
    await page.context().close();
  });
});
