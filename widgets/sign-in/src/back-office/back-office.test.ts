import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { fill, heading, press, signIn, startBackOffice, type BackOffice } from "./back-office.test-helpers";

const email = "ana@clinic.example";
const password = "correct horse battery staple";
const newPassword = "a brand new passphrase";

/**
 * A code the server has not seen yet. It takes each only once, and accepts the periods either side of its own: the
 * current code and the next one stay good for 30 s or more, the last period's only until this period ends. That one
 * is used only with 10 s to spare; otherwise this waits for the next period, whose code nobody has used.
 */
const spent = new Set<string>();
const period = 30_000;
const nextCode = async (totp: TOTP): Promise<string> => {
  for (;;) {
    const now = Date.now();
    const left = period - (now % period);
    const offsets = left > 10_000 ? [0, period, -period] : [0, period];
    const code = offsets.map((offset) => totp.generate({ timestamp: now + offset })).find((candidate) => !spent.has(candidate));
    if (code) {
      spent.add(code);
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, left + 50));
  }
};

describe("the back office: an owner signs up, sets up the business, invites staff, turns on two-step verification", () => {
  let office: BackOffice;
  let page: Page;
  let totp: TOTP;
  let backupCodes: string[];

  beforeAll(async () => {
    office = await startBackOffice();
    page = await office.open();
  });
  afterAll(async () => {
    if (process.env.SHOW_SERVER) console.log(office?.server.output());
    await office?.stop();
  });

  const signedIntoBusiness = () => page.getByRole("heading", { name: "Ana's Clinic", exact: true }).waitFor();

  it("signs up, confirms the address through the mailed link, and creates the business", async () => {
    await heading(page, "Sign in");
    await press(page, "Create an account");
    await heading(page, "Create your account");
    await fill(page, "Your name", "Ana Owner");
    await fill(page, "E-mail", email);
    await fill(page, "Password", "too short");
    await press(page, "Create account");
    await expect.poll(() => page.locator("#password-error").textContent()).toContain("Use 10 to 128 characters.");
    await fill(page, "Password", password);
    await press(page, "Create account");
    await heading(page, "Create your business");
    expect(await seriousViolations(page)).toEqual([]);

    const link = await office.linkTo(email, "verify_email");
    await page.goto(link);
    await heading(page, "Create your business");
    await expect.poll(() => page.url()).toBe(`${office.url}/back-office`);

    await fill(page, "Business name", "Ana's Clinic");
    await page.getByLabel("Time zone").selectOption("Europe/Madrid");
    await fill(page, "Address (optional)", "Calle Mayor 1, Madrid");
    await press(page, "Create business");
    await signedIntoBusiness();
    expect((await page.locator("fd-back-office [part=header] .hint").textContent())!.replace(/[\u2068\u2069]/g, "")).toBe("Signed in as Ana Owner · Owner");
    // The address is confirmed: the account no longer says otherwise.
    await page.locator("fd-account").getByText(email).waitFor();
    await expect.poll(() => page.locator("fd-account").getByText("not confirmed yet").count()).toBe(0);
  });

  it("walks the new owner through the business's hours, first service and first staff member", async () => {
    const wizard = page.locator("fd-business-setup");
    const step = (name: string) => wizard.getByRole("heading", { name, level: 2 }).waitFor();
    await step("When are you open?");
    await wizard.getByLabel("Monday opens at").fill("08:30");
    await wizard.getByRole("button", { name: "Save the hours and continue" }).click();
    await step("What can customers book?");
    await wizard.getByLabel("Name").fill("Check-up");
    await wizard.getByLabel("Duration (minutes)").fill("30");
    await wizard.getByRole("button", { name: "Add this service" }).click();
    await wizard.getByRole("button", { name: "Continue" }).click();
    await step("Who takes the appointments?");
    await wizard.getByLabel("Name").fill("Bo Ruiz");
    await wizard.getByRole("checkbox", { name: "Check-up" }).check();
    await wizard.getByRole("button", { name: "Add this person" }).click();
    await wizard.getByRole("button", { name: "Continue" }).click();
    await step("Keys for your website and your server");
    await wizard.getByRole("button", { name: "Finish" }).click();
    await step("Your business is set up");
  });

  it("invites a staff member from the team, who opens the mailed link, signs up and joins as that staff member", async () => {
    const team = page.locator("fd-team");
    await team.getByLabel("E-mail address").fill("bo@clinic.example");
    await team.locator("#invite-role").selectOption("staff");
    // The staff member the set-up just added is there to link to, without reloading the page.
    await expect.poll(() => team.getByLabel("Staff record (optional)").locator("option").allTextContents()).toContain("Bo Ruiz");
    await team.getByLabel("Staff record (optional)").selectOption({ label: "Bo Ruiz" });
    await team.getByRole("button", { name: "Send invitation" }).click();
    await team.locator("[part~=invitation]", { hasText: "bo@clinic.example" }).waitFor();

    const link = new URL(await office.linkTo("bo@clinic.example", "invitation"));
    const invitee = await office.open(link.pathname + link.search);
    await heading(invitee, "Create your account");
    await fill(invitee, "Your name", "Bo Ruiz");
    await fill(invitee, "E-mail", "bo@clinic.example");
    await fill(invitee, "Password", "another long passphrase");
    await press(invitee, "Create account");
    await invitee.getByRole("heading", { name: "Ana's Clinic", exact: true }).waitFor();
    expect((await invitee.locator("fd-back-office [part=header] .hint").textContent())!.replace(/[\u2068\u2069]/g, "")).toBe("Signed in as Bo Ruiz · Staff");
    await invitee.context().close();

    await page.reload();
    await signedIntoBusiness();
    const bo = team.locator("[part~=member]").filter({ has: page.locator(".name").getByText("Bo Ruiz", { exact: true }) });
    expect(await bo.getByRole("combobox", { name: "Role" }).inputValue()).toBe("staff");
    expect(await bo.getByRole("combobox", { name: "Staff record" }).locator("option:checked").textContent()).toBe("Bo Ruiz");
    expect(await team.getByText("No invitations are waiting for an answer.").count()).toBe(1);
  });

  it("turns on two-step verification with the key the account shows, and 10 backup codes", async () => {
    const account = page.locator("fd-account");
    await fill(page, "Your password", password);
    await press(page, "Turn on two-step verification");
    const secret = (await account.locator("[part=secret]").textContent())!.replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await account.locator("[part=qr-code]").waitFor();
    await expect.poll(() => account.locator("[part=backup-codes] li").count()).toBe(10);
    backupCodes = await account.locator("[part=backup-codes] li").allTextContents();
    totp = new TOTP({ secret: Secret.fromBase32(secret) });
    expect(await seriousViolations(page)).toEqual([]);

    await fill(page, "Code from your authenticator app", "000000");
    await press(page, "Confirm and turn on");
    await expect.poll(() => account.locator("#input-tfCode-error").textContent()).toContain("That code is not right");
    await fill(page, "Code from your authenticator app", await nextCode(totp));
    await press(page, "Confirm and turn on");
    await account.getByText("Two-step verification is on.").waitFor();
    await account.getByRole("button", { name: "Turn off two-step verification" }).waitFor();
  });

  it("after signing out, a wrong password is shown at the password field", async () => {
    await press(page, "Sign out");
    await heading(page, "Sign in");
    await signIn(page, email, "not my password at all");
    const password = page.getByLabel("Password", { exact: true });
    await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#password-error").textContent()).toBe("That e-mail address and password do not match. Check both and try again.");
    expect(await password.evaluate((input) => input === (input.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  });

  it("signs in again with the password and then a code from the app", async () => {
    await signIn(page, email, password);
    await heading(page, "Two-step verification");
    await fill(page, "Code from your authenticator app", await nextCode(totp));
    await press(page, "Verify");
    await signedIntoBusiness();
  });

  it("resets a forgotten password through the mailed link: the new one works, the old one does not", async () => {
    await press(page, "Sign out");
    await press(page, "Forgot your password?");
    await heading(page, "Reset your password");
    await fill(page, "E-mail", "nobody@clinic.example");
    await press(page, "Send the link");
    await heading(page, "Check your e-mail");
    // The same answer for an address without an account: nothing tells who has one.
    const sentText = await page.locator("fd-sign-in").getByText("If an account exists for that address").textContent();
    await press(page, "Back to sign in");
    await press(page, "Forgot your password?");
    await fill(page, "E-mail", email);
    await press(page, "Send the link");
    await heading(page, "Check your e-mail");
    expect(await page.locator("fd-sign-in").getByText("If an account exists for that address").textContent()).toBe(sentText);

    await page.goto(await office.linkTo(email, "reset_password"));
    await heading(page, "Choose a new password");
    expect(new URL(page.url()).searchParams.get("token")).toBeTruthy();
    await fill(page, "New password", newPassword);
    await press(page, "Change password");
    await heading(page, "Sign in");
    await page.getByText("Your password has been changed. Sign in with the new one.").waitFor();
    expect(new URL(page.url()).searchParams.has("token")).toBe(false);

    await signIn(page, email, password);
    await expect.poll(() => page.locator("#password-error").textContent()).toContain("do not match");
    await signIn(page, email, newPassword);
    await heading(page, "Two-step verification");
    await press(page, "Use a backup code instead");
    await fill(page, "Backup code", "not-a-code");
    await press(page, "Verify");
    await expect.poll(() => page.locator("#code-error").textContent()).toContain("backup code is not right");
    await fill(page, "Backup code", backupCodes[0]!.trim());
    await press(page, "Verify");
    await signedIntoBusiness();

    // A backup code works once.
    await press(page, "Sign out");
    await signIn(page, email, newPassword);
    await press(page, "Use a backup code instead");
    await fill(page, "Backup code", backupCodes[0]!.trim());
    await press(page, "Verify");
    await expect.poll(() => page.locator("#code-error").textContent()).toContain("backup code is not right");
    await press(page, "Use a code from the app instead");
    await fill(page, "Code from your authenticator app", await nextCode(totp));
    await press(page, "Verify");
    await signedIntoBusiness();
  }, 60_000); // it may wait up to 10 s for a fresh code
});
