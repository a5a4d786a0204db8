import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { focused, tabTo } from "@frontdesk/server/testing/browser";
import { startBackOffice, type BackOffice, type SignedUp } from "@frontdesk/server/testing/back-office";

let office: BackOffice;
let owner: SignedUp;
let people = 0;

beforeAll(async () => {
  office = await startBackOffice();
  owner = await office.signUp("Rami Haddad", "rami@clinic.example", "Rami's Clinic");
  await owner.call("config.saveStaff", { name: "Dr. Sara Nasser" }, { mutation: true });
  await owner.call("team.invite", { email: "lina@clinic.example", role: "staff" }, { mutation: true });
});

afterAll(async () => {
  await office?.stop();
});

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
}

const rtlArabic = { width: 320, htmlAttributes: 'dir="rtl" lang="ar"' };
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const rootOf = (page: Page, tag: string) => page.locator(`${tag} .fd-root`);
const langAndDir = async (page: Page, tag: string) => ({ lang: await rootOf(page, tag).getAttribute("lang"), dir: await rootOf(page, tag).getAttribute("dir") });

/** An owner of a business of their own, to take through the wizard from its start. */
const newOwner = () => office.signUp(`Owner ${++people}`, `owner${people}@example.com`, `Business ${people}`);

for (const theme of ["light", "dark"] as const) {
  describe(`the back-office widgets in the ${theme} theme on a hostile page have no serious accessibility violations`, () => {
    it("<fd-business-setup> on every step", async () => {
      const page = await office.open(await newOwner(), `<fd-business-setup theme="${theme}"></fd-business-setup>`);
      const wizard = page.locator("fd-business-setup");
      await wizard.getByRole("heading", { name: "When are you open?" }).waitFor();
      await expectAccessible(page, "hours");
      await wizard.getByRole("button", { name: "Save the hours and continue" }).click();
      await wizard.getByRole("heading", { name: "What can customers book?" }).waitFor();
      await wizard.getByRole("button", { name: "Add this service" }).click();
      await wizard.locator("#service-name-error").waitFor();
      await expectAccessible(page, "services, with a field in error");
      await wizard.getByRole("button", { name: "Skip for now" }).click();
      await wizard.getByRole("heading", { name: "Who takes the appointments?" }).waitFor();
      await expectAccessible(page, "staff");
      await wizard.getByRole("button", { name: "Skip for now" }).click();
      await wizard.getByLabel("Your website's address (several: one per line)").fill("https://clinic.example");
      await wizard.getByRole("button", { name: "Make a publishable key" }).click();
      await wizard.locator(".snippet").waitFor();
      await expectAccessible(page, "keys");
      await wizard.getByRole("button", { name: "Finish" }).click();
      await wizard.getByRole("heading", { name: "Your business is set up" }).waitFor();
      await expectAccessible(page, "done");
      await page.context().close();
    });

    it("<fd-team> with members, an invitation, a removal to confirm and a refusal", async () => {
      const page = await office.open(owner, `<fd-team theme="${theme}"></fd-team>`);
      const team = page.locator("fd-team");
      await team.locator("[part~=invitation]").waitFor();
      await expectAccessible(page, "team");
      await team.getByRole("button", { name: "Remove Rami Haddad" }).click();
      await team.getByRole("button", { name: "Remove", exact: true }).click();
      await team.locator("[part~=error]").waitFor();
      await expectAccessible(page, "last owner refused");
      await page.context().close();
    });
  });
}

describe("the back-office widgets in Arabic, right to left, 320 px wide", () => {
  it("<fd-business-setup> reads right to left and fits", async () => {
    const page = await office.open(await newOwner(), '<fd-business-setup locale="ar"></fd-business-setup>', rtlArabic);
    const wizard = page.locator("fd-business-setup");
    await wizard.getByRole("heading", { name: "متى تفتح؟" }).waitFor();
    expect(await langAndDir(page, "fd-business-setup")).toEqual({ lang: "ar", dir: "rtl" });
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "hours, Arabic");
    await wizard.getByRole("button", { name: "المفاتيح" }).click();
    await wizard.getByRole("heading", { name: "مفاتيح لموقعك وخادمك" }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "keys, Arabic");
    await page.context().close();
  });

  it("<fd-team> reads right to left and fits", async () => {
    const page = await office.open(owner, '<fd-team locale="ar"></fd-team>', rtlArabic);
    const team = page.locator("fd-team");
    await team.getByRole("heading", { name: "الأعضاء" }).waitFor();
    expect(await langAndDir(page, "fd-team")).toEqual({ lang: "ar", dir: "rtl" });
    expect(await team.getByLabel("لغة رسالة الدعوة").inputValue()).toBe("en");
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "team, Arabic");
    await page.context().close();
  });
});

describe("the back-office widgets with the keyboard alone", () => {
  it("<fd-business-setup>: opens Saturday, sets its hours and saves, focus on the next step's heading", async () => {
    const someone = await newOwner();
    const page = await office.open(someone, "<fd-business-setup></fd-business-setup>");
    await page.locator("fd-business-setup").getByRole("heading", { name: "When are you open?" }).waitFor();
    await tabTo(page, (element) => element.tag === "input" && element.label === "Saturday");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "input", label: "Saturday opens at" });
    await page.keyboard.type("1000AM");
    await tabTo(page, (element) => element.label === "Save the hours and continue");
    await page.keyboard.press("Enter");
    await page.locator("fd-business-setup").getByRole("heading", { name: "What can customers book?" }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: "h2", label: "What can customers book?" });
    expect((await someone.call("config.get")).data.businessHours.saturday).toEqual([{ start: "10:00", end: "17:00" }]);
    await page.context().close();
  });

  it("<fd-team>: fills and sends the invitation form", async () => {
    const page = await office.open(owner, "<fd-team></fd-team>");
    await page.locator("fd-team").getByRole("heading", { name: "Invite someone" }).waitFor();
    await tabTo(page, (element) => element.tag === "input" && element.label === "E-mail address");
    await page.keyboard.type("omar@clinic.example");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "select", label: "Role" });
    await tabTo(page, (element) => element.label === "Send invitation");
    await page.keyboard.press("Enter");
    await page.locator("fd-team").getByText("omar@clinic.example", { exact: false }).first().waitFor();
    expect(((await owner.call("team.invitations")).data as { email: string }[]).map((invitation) => invitation.email)).toContain("omar@clinic.example");
    await page.context().close();
  });
});
