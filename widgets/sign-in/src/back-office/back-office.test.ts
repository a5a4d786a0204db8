import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { createFrontdeskClient } from "@frontdesk/client";
import { person, type Person } from "@frontdesk/server/testing/accounts";
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

describe("the back office opened from a calendar event's link to an appointment (#appointment=<id>)", () => {
  let office: BackOffice;
  let owner: Person;
  let ada: Person;
  const ids = { service: "", ada: "", ben: "", adaVisit: "", benVisit: "", request: "" };
  const ownerEmail = "olga@teeth.example";
  const weekdays = Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday"].map((day) => [day, [{ start: "09:00", end: "17:00" }]]));

  async function must(someone: Person, path: string, input: unknown): Promise<any> {
    const answer = await someone.call(path, input, { mutation: true });
    if (answer.status !== 200) throw new Error(`${path}: ${JSON.stringify(answer)}`);
    return answer.data;
  }
  async function signedUp(name: string, email: string): Promise<Person> {
    const someone = person(office.url);
    const answer = await someone.auth("sign-up/email", { name, email, password });
    if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
    return someone;
  }

  beforeAll(async () => {
    office = await startBackOffice();
    owner = await signedUp("Olga Owner", ownerEmail);
    // The business is in New York and the browser in Madrid: the times shown must be New York's.
    await must(owner, "accounts.createBusiness", { name: "Bright Teeth", timeZone: "America/New_York" });
    ids.service = (await must(owner, "config.saveService", { name: "Whitening", durationMin: 60 })).id;
    ids.ada = (await must(owner, "config.saveStaff", { name: "Ada Lopez", serviceIds: [ids.service] })).id;
    ids.ben = (await must(owner, "config.saveStaff", { name: "Ben Stone", serviceIds: [ids.service] })).id;
    await must(owner, "config.setBusinessHours", { hours: weekdays });
    for (const staffId of [ids.ada, ids.ben]) await must(owner, "config.setStaffHours", { staffId, hours: weekdays });
    const book = (staffId: string, start: string, customer: object, notes?: string) =>
      must(owner, "staff.book", { serviceId: ids.service, staffId, start, customer, ...(notes ? { notes } : {}) }).then((booked) => booked.id as string);
    ids.adaVisit = await book(ids.ada, "2027-01-14T15:00:00Z", { name: "Cleo Díaz", email: "cleo@mail.example", phone: "+1 415 555 0100" }, "Sensitive teeth.\nPrefers mornings.");
    ids.benVisit = await book(ids.ben, "2027-01-14T17:00:00Z", { name: "Dan Roe", email: "dan@mail.example" });
    // A request from the website for a service that needs approval: it waits in the approvals.
    const consultation = (await must(owner, "config.saveService", { name: "Consultation", durationMin: 30, requiresApproval: true })).id;
    await must(owner, "config.saveStaff", { id: ids.ada, name: "Ada Lopez", serviceIds: [ids.service, consultation] });
    const { key } = await must(owner, "config.createPublishableKey", { allowedOrigins: ["*"] });
    const website = createFrontdeskClient({ baseUrl: office.url, publishableKey: key });
    ids.request = (await website.createBooking({ serviceId: consultation, staffId: ids.ada, start: "2027-01-15T14:00:00Z", customer: { name: "Eva Web", email: "eva@mail.example" } })).id;
    await must(owner, "team.invite", { email: "ada@teeth.example", role: "staff", staffId: ids.ada });
    const token = new URL(await office.linkTo("ada@teeth.example", "invitation")).searchParams.get("invitation")!;
    ada = await signedUp("Ada Lopez", "ada@teeth.example");
    await must(ada, "accounts.acceptInvitation", { token });
  }, 120_000);
  afterAll(async () => {
    if (process.env.SHOW_SERVER) console.log(office?.server.output());
    await office?.stop();
  });

  const panelOf = (page: Page): Locator => page.getByRole("region", { name: "Appointment" });
  const text = async (locator: Locator) => (await locator.innerText()).replace(/[\u2068\u2069]/g, "");
  const focusedId = (page: Page) => page.locator("fd-back-office").evaluate((element) => element.shadowRoot!.activeElement?.id);
  const openAt = (who: Person | undefined, hash: string, options: { width?: number; locale?: string; path?: string } = {}) =>
    office.open(`${options.path ?? "/back-office"}#appointment=${hash}`, { ...options, ...(who ? { as: who } : {}) });

  /** Screenshots to look at when SHOTS_DIR is set (they are not committed). */
  async function screenshot(page: Page, name: string): Promise<void> {
    if (!process.env.SHOTS_DIR) return;
    mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    await page.locator("fd-back-office [part=appointment]").screenshot({ path: join(process.env.SHOTS_DIR, `appointment-${name}.png`) });
    await page.screenshot({ path: join(process.env.SHOTS_DIR, `page-${name}.png`) });
  }

  it("shows the service, the staff member, the time in the business's zone, the status and the customer, with the focus on its heading", async () => {
    const page = await openAt(owner, ids.adaVisit);
    const panel = panelOf(page);
    await panel.getByText("Whitening").waitFor();
    const shown = await text(panel);
    expect(shown).toContain("Ada Lopez");
    expect(shown).toContain("Thursday, January 14, 2027");
    expect(shown).toContain("10:00 AM – 11:00 AM");
    expect(shown).toContain("Eastern Time");
    expect(shown).toContain("Confirmed");
    expect(shown).toContain("Cleo Díaz");
    expect(shown).toContain("Sensitive teeth.\nPrefers mornings.");
    expect(await panel.getByRole("link", { name: "cleo@mail.example" }).getAttribute("href")).toBe("mailto:cleo@mail.example");
    expect(await panel.getByRole("link", { name: "+1 415 555 0100" }).getAttribute("href")).toBe("tel:+14155550100");
    await expect.poll(() => focusedId(page)).toBe("appointment-heading");
    // It comes above the business's tools.
    expect(await page.locator("fd-back-office .tools > :first-child").getAttribute("part")).toBe("appointment");
    await page.context().close();
  });

  it("follows the address: another appointment's link opened on the same page shows that one", async () => {
    const page = await openAt(owner, ids.adaVisit);
    await panelOf(page).getByText("Cleo Díaz").waitFor();
    await page.evaluate((id) => (location.hash = `appointment=${id}`), ids.benVisit);
    await panelOf(page).getByText("Dan Roe").waitFor();
    expect(await text(panelOf(page))).toContain("Ben Stone");
    await page.context().close();
  });

  it("says so for an id the business does not have", async () => {
    const page = await openAt(owner, "apt_nothing_like_it");
    await panelOf(page).getByText("This appointment was not found, or it is not one of yours.").waitFor();
    await page.context().close();
  });

  it("shows a staff member their own appointment, and a colleague's as not found", async () => {
    const page = await openAt(ada, ids.benVisit);
    await panelOf(page).getByText("This appointment was not found, or it is not one of yours.").waitFor();
    expect(await text(panelOf(page))).not.toContain("Dan Roe");
    await page.evaluate((id) => (location.hash = `appointment=${id}`), ids.adaVisit);
    await panelOf(page).getByText("Cleo Díaz").waitFor();
    await page.context().close();
  });

  it("Close takes the appointment out of the address, keeps the rest of it, and puts the focus on the business's heading", async () => {
    const page = await openAt(owner, ids.adaVisit, { path: "/back-office?from=calendar" });
    await panelOf(page).getByText("Whitening").waitFor();
    await panelOf(page).getByRole("button", { name: "Close" }).click();
    await expect.poll(() => panelOf(page).count()).toBe(0);
    expect(page.url()).toBe(`${office.url}/back-office?from=calendar`);
    expect(await focusedId(page)).toBe("business-heading");
    await page.context().close();
  });

  it("for a request waiting for approval, points to the approvals on the page instead of deciding it here", async () => {
    const page = await openAt(owner, ids.request);
    const panel = panelOf(page);
    await panel.locator("[part=status]", { hasText: "Waiting for approval" }).waitFor();
    expect(await text(panel)).toContain("it is decided in the approvals on this page");
    expect(await panel.getByRole("button", { name: /approve|decline/i }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "pending-1024");
    await panel.getByRole("button", { name: "Go to the approvals" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.localName)).toBe("fd-approvals");
    await page.context().close();
  });

  it("opened while signed out, shows the appointment once the person signs in", async () => {
    const page = await openAt(undefined, ids.adaVisit);
    await heading(page, "Sign in");
    await signIn(page, ownerEmail, password);
    await panelOf(page).getByText("Cleo Díaz").waitFor();
    expect(new URL(page.url()).hash).toBe(`#appointment=${ids.adaVisit}`);
    await expect.poll(() => focusedId(page)).toBe("appointment-heading");
    await page.context().close();
  });

  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  for (const { width, locale, name } of [
    { width: 1024, locale: "en-US", name: "1024" },
    { width: 375, locale: "en-US", name: "375" },
    { width: 320, locale: "ar", name: "320-rtl" },
  ]) {
    it(`has no serious accessibility violations with the appointment open, and fits, at ${width} px in ${locale}`, async () => {
      const page = await openAt(owner, ids.adaVisit, { width, locale });
      await panelOf(page).or(page.getByRole("region", { name: "الموعد" })).getByText("Whitening").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      if (locale === "ar") expect(await page.locator("fd-back-office").evaluate((element) => element.shadowRoot!.querySelector(".fd-root")!.getAttribute("dir"))).toBe("rtl");
      await screenshot(page, name);
      await page.context().close();
    });
  }

  it("reads the appointment in the business chosen, and says where it looked when it is not there", async () => {
    await must(owner, "accounts.createBusiness", { name: "Second Shop", timeZone: "UTC" });
    const page = await openAt(owner, ids.adaVisit);
    const chooser = page.getByLabel("Business", { exact: true });
    await chooser.selectOption({ label: "Bright Teeth" });
    await panelOf(page).getByText("Cleo Díaz").waitFor();
    await chooser.selectOption({ label: "Second Shop" });
    await panelOf(page).getByText("This appointment was not found, or it is not one of yours.").waitFor();
    expect(await text(panelOf(page))).toContain("You are looking in Second Shop.");
    expect(await text(panelOf(page))).not.toContain("Cleo Díaz");
    await page.context().close();
  });
});
