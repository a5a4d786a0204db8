import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person } from "@frontdesk/server/testing/accounts";
import { fill, heading, press, startBackOffice, type BackOffice } from "./back-office.test-helpers";

const password = "correct horse battery staple";

describe("the back office: joining through an invitation, and passkeys", () => {
  let office: BackOffice;

  beforeAll(async () => {
    office = await startBackOffice();
  });
  afterAll(async () => {
    if (process.env.SHOW_SERVER) console.log(office?.server.output());
    await office?.stop();
  });

  const headerText = async (page: Awaited<ReturnType<BackOffice["open"]>>) =>
    (await page.locator("fd-back-office [part=header] .hint").textContent())!.replace(/[\u2068\u2069]/g, "");

  it("an invited person signs up from the mailed link and joins the business with the role they were given", async () => {
    const owner = person(office.server.url, office.url);
    expect((await owner.auth("sign-up/email", { name: "Olga Owner", email: "olga@salon.example", password })).status).toBe(200);
    expect((await owner.call("accounts.createBusiness", { name: "Olga's Salon", timeZone: "Europe/Madrid" }, { mutation: true })).status).toBe(200);
    expect((await owner.call("team.invite", { email: "sam@salon.example", role: "staff" }, { mutation: true })).status).toBe(200);

    const link = await office.linkTo("sam@salon.example", "invitation");
    expect(link).toContain(`${office.url}/back-office?invitation=`);
    const page = await office.open(new URL(link).pathname + new URL(link).search);
    await heading(page, "Create your account");
    await page.getByText("Sign in, or create an account with the address the invitation was sent to").waitFor();
    await fill(page, "Your name", "Sam Staff");
    await fill(page, "E-mail", "sam@salon.example");
    await fill(page, "Password", password);
    await press(page, "Create account");
    await page.getByRole("heading", { name: "Olga's Salon", exact: true }).waitFor();
    expect(((await page.locator("fd-back-office [part=notice]", { hasText: "joined" }).textContent()) ?? "").replace(/[\u2068\u2069]/g, "").trim()).toBe("You joined Olga's Salon as Staff.");
    expect(await headerText(page)).toBe("Signed in as Sam Staff · Staff");
    expect(new URL(page.url()).searchParams.has("invitation")).toBe(false);
    // The team's tools get the business to act for.
    expect(await page.locator("fd-team").getAttribute("business")).toMatch(/\S/);
    await page.context().close();

    // Someone else who opens an invitation link is told it is not theirs, and joins nothing.
    expect((await owner.call("team.invite", { email: "zoe@salon.example", role: "admin" }, { mutation: true })).status).toBe(200);
    const zoeLink = new URL(await office.linkTo("zoe@salon.example", "invitation"));
    const other = await office.open(zoeLink.pathname + zoeLink.search);
    await fill(other, "Your name", "Mallory");
    await fill(other, "E-mail", "mallory@elsewhere.example");
    await fill(other, "Password", password);
    await press(other, "Create account");
    await other.locator("fd-back-office [part=error]").getByText("This invitation was sent to another e-mail address.", { exact: false }).waitFor();
    await heading(other, "Create your business");
    await other.context().close();
  });

  it("adds a passkey through the browser's authenticator, then signs in with it alone", async () => {
    const page = await office.open();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await press(page, "Create an account");
    await fill(page, "Your name", "Pia Passkey");
    await fill(page, "E-mail", "pia@salon.example");
    await fill(page, "Password", password);
    await press(page, "Create account");
    await fill(page, "Business name", "Pia's Studio");
    await press(page, "Create business");
    await page.getByRole("heading", { name: "Pia's Studio", exact: true }).waitFor();

    const account = page.locator("fd-account");
    await fill(page, "Name for the new passkey (optional)", "Work laptop");
    await press(page, "Add a passkey");
    await account.getByText("Passkey added. You can sign in with it now.").waitFor();
    await account.locator("[part=passkey]", { hasText: "Work laptop" }).waitFor();

    await press(page, "Sign out");
    await heading(page, "Sign in");
    await press(page, "Sign in with a passkey");
    await page.getByRole("heading", { name: "Pia's Studio", exact: true }).waitFor();
    expect(await headerText(page)).toBe("Signed in as Pia Passkey · Owner");

    await account.getByRole("button", { name: "Remove: Work laptop" }).click();
    await account.getByText("Passkey removed.").waitFor();
    await account.getByText("You have no passkeys yet.").waitFor();
    await page.context().close();
  });

  it("lists where the person is signed in, signs out the other devices, and saves the profile", async () => {
    const owner = person(office.server.url, office.url);
    // An address of its own, so that a second run of this test on the same server signs up afresh.
    const email = `theo-${randomUUID().slice(0, 8)}@salon.example`;
    expect((await owner.auth("sign-up/email", { name: "Theo Two", email, password })).status).toBe(200);
    expect((await owner.call("accounts.createBusiness", { name: "Theo's Barber", timeZone: "Europe/Madrid" }, { mutation: true })).status).toBe(200);
    const signedInPage = async () => {
      const page = await office.open();
      await fill(page, "E-mail", email);
      await fill(page, "Password", password);
      await press(page, "Sign in");
      await page.getByRole("heading", { name: "Theo's Barber", exact: true }).waitFor();
      return page;
    };
    const laptop = await signedInPage();
    const phone = await signedInPage();
    const account = phone.locator("fd-account");
    await phone.reload();
    await account.getByRole("heading", { name: "Where you are signed in" }).waitFor();
    // Three sessions: the one made over HTTP and two browsers; this one is marked and has no Sign out of its own.
    await expect.poll(() => account.locator("[part=session]").count()).toBe(3);
    expect(await account.locator("[part=session]", { hasText: "This device" }).count()).toBe(1);
    expect(await account.locator("[part=session]", { hasText: "This device" }).getByRole("button").count()).toBe(0);

    await account.getByRole("button", { name: "Sign out everywhere else" }).click();
    await account.getByText("You are signed out everywhere else.").waitFor();
    expect(await account.locator("[part=session]").count()).toBe(1);
    expect((await owner.call("accounts.me")).code).toBe("NOT_SIGNED_IN");
    await laptop.reload();
    await heading(laptop, "Sign in");

    // The owner's page also has the agents' form, with a name of its own.
    await account.getByLabel("Name", { exact: true }).fill("Theo Barber");
    await phone.locator("fd-account #input-timeZone").selectOption("America/New_York");
    await press(phone, "Save profile");
    await account.getByText("Your profile is saved.").waitFor();
    await phone.reload();
    await phone.getByRole("heading", { name: "Theo's Barber", exact: true }).waitFor();
    expect(await headerText(phone)).toBe("Signed in as Theo Barber · Owner");
    expect(await phone.locator("fd-account #input-timeZone").inputValue()).toBe("America/New_York");
    await laptop.context().close();
    await phone.context().close();
  });
});
