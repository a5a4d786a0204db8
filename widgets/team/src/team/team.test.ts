import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { linkIn, type Person } from "@frontdesk/server/testing/accounts";
import { startBackOffice, type BackOffice, type SignedUp } from "@frontdesk/server/testing/back-office";

let office: BackOffice;
let owner: SignedUp;
let staffRecordId: string;

beforeAll(async () => {
  office = await startBackOffice();
  owner = await office.signUp("Ana Owner", "ana@clinic.example", "Ana's Clinic");
  staffRecordId = (await owner.call("config.saveStaff", { name: "Dr. Bo Ruiz" }, { mutation: true })).data.id;
});

afterAll(async () => {
  await office?.stop();
});

/** Records the widget's events on the page, from before it loads. */
const recordEvents = async (page: Page) => {
  await page.addInitScript(() => {
    const seen: { type: string; detail: unknown }[] = ((window as unknown as { seen: unknown[] }).seen = []) as never;
    for (const type of ["fd-team-member-invited", "fd-team-member-updated", "fd-team-member-removed"]) {
      document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    }
  });
};
const eventsOn = (page: Page) => page.evaluate(() => (window as unknown as { seen: { type: string; detail: unknown }[] }).seen);

const team = (page: Page) => page.locator("fd-team");
/** A name or address set between Unicode isolates inside a sentence, as the widgets write them. */
const isolated = (text: string) => `\u2068${text}\u2069`;
const member = (page: Page, name: string) => team(page).locator("[part~=member]").filter({ has: page.locator(".name").getByText(name, { exact: true }) });

async function openTeam(who: Person): Promise<Page> {
  const page = await office.open(who, "<fd-team></fd-team>", { before: recordEvents });
  await team(page).getByRole("heading", { name: "Members" }).waitFor();
  return page;
}

/** Signs someone up and has them accept an invitation the owner sends over HTTP. */
async function joined(name: string, email: string, role: "admin" | "staff"): Promise<Person> {
  await owner.call("team.invite", { email, role }, { mutation: true });
  const token = (await office.linkTo(email)).searchParams.get("invitation")!;
  const someone = await office.signUp(name, email);
  expect((await someone.call("accounts.acceptInvitation", { token }, { mutation: true })).status).toBe(200);
  return someone;
}

describe("<fd-team> for an owner", () => {
  it("invites a staff member by e-mail, who accepts the mailed invitation and then shows as staff", async () => {
    const page = await openTeam(owner);
    expect(await member(page, "Ana Owner").getByRole("combobox", { name: "Role" }).inputValue()).toBe("owner");

    await team(page).getByLabel("E-mail address").fill("Bo@Clinic.example");
    await team(page).locator("#invite-role").selectOption("staff");
    await team(page).getByLabel("Staff record (optional)").selectOption({ label: "Dr. Bo Ruiz" });
    await team(page).getByLabel("Language of the invitation mail").selectOption("es");
    await team(page).getByRole("button", { name: "Send invitation" }).click();
    await team(page).getByText(`An invitation was sent to ${isolated("bo@clinic.example")}.`).waitFor();
    await team(page).locator("[part~=invitation]", { hasText: "bo@clinic.example" }).waitFor();

    const mail = await office.mailTo("bo@clinic.example");
    expect(mail).toMatchObject({ kind: "invitation", tenantId: owner.businessId, subject: "[Sandbox] Ana Owner te invitó a Ana's Clinic en Frontdesk" });
    const [invited] = await eventsOn(page);
    expect(invited).toMatchObject({ type: "fd-team-member-invited", detail: { email: "bo@clinic.example", role: "staff" } });

    const token = new URL(linkIn(mail.text)).searchParams.get("invitation")!;
    const bo = await office.signUp("Bo Ruiz", "bo@clinic.example");
    expect(await bo.call("accounts.acceptInvitation", { token }, { mutation: true })).toMatchObject({ status: 200, data: { role: "staff" } });

    await page.reload();
    const row = member(page, "Bo Ruiz");
    await row.waitFor();
    expect(await row.getByRole("combobox", { name: "Role" }).inputValue()).toBe("staff");
    expect(await row.getByRole("combobox", { name: "Staff record" }).inputValue()).toBe(staffRecordId);
    expect(await team(page).getByText("No invitations are waiting for an answer.").count()).toBe(1);
    await page.context().close();
  });

  it("changes a role and removes a member, and says why the last owner keeps their role", async () => {
    const cy = await joined("Cy Moreno", "cy@clinic.example", "staff");
    const page = await openTeam(owner);

    await member(page, "Cy Moreno").getByRole("combobox", { name: "Role" }).selectOption("admin");
    await team(page).getByText(`${isolated("Cy Moreno")} is now: Admin.`).waitFor();
    const members = async () => (await owner.call("team.members")).data as { name: string; role: string }[];
    expect((await members()).find((someone) => someone.name === "Cy Moreno")?.role).toBe("admin");

    await member(page, "Ana Owner").getByRole("combobox", { name: "Role" }).selectOption("staff");
    await team(page).locator("[part~=error]").getByText("A business needs at least one owner. Make someone else an owner first.").waitFor();
    await expect.poll(() => member(page, "Ana Owner").getByRole("combobox", { name: "Role" }).inputValue()).toBe("owner");
    expect((await members()).find((someone) => someone.name === "Ana Owner")?.role).toBe("owner");

    await team(page).getByRole("button", { name: "Remove Cy Moreno" }).click();
    await member(page, "Cy Moreno").getByRole("button", { name: "Remove", exact: true }).click();
    await team(page).getByText(`${isolated("Cy Moreno")} was removed from the team.`).waitFor();
    expect((await members()).map((someone) => someone.name)).not.toContain("Cy Moreno");
    expect((await cy.call("team.members")).code).toBe("NOT_A_MEMBER");
    const events = (await eventsOn(page)).map((event) => event.type);
    expect(events).toEqual(["fd-team-member-updated", "fd-team-member-removed"]);
    await page.context().close();
  });

  it("shows an admin that only an owner changes an owner, and changes nothing", async () => {
    const dee = await joined("Dee Admin", "dee@clinic.example", "admin");
    const page = await openTeam(dee);
    await member(page, "Ana Owner").getByRole("combobox", { name: "Role" }).selectOption("admin");
    await team(page).locator("[part~=error]").getByText(/Only an owner can make, change or remove an owner/).waitFor();
    expect(((await owner.call("team.members")).data as { name: string; role: string }[]).find((someone) => someone.name === "Ana Owner")?.role).toBe("owner");
    expect(await eventsOn(page)).toEqual([]);
    await page.context().close();
  });

  it("answers a staff member politely that only owners and admins manage the team", async () => {
    const eve = await joined("Eve Staff", "eve@clinic.example", "staff");
    const page = await office.open(eve, "<fd-team></fd-team>");
    await team(page).getByText("Only owners and admins manage the team.", { exact: false }).waitFor();
    expect(await team(page).getByRole("heading", { name: "Members" }).count()).toBe(0);
    expect(await team(page).locator("[part~=error]").count()).toBe(0);
    // The widget knew from the role not to ask: opening it is no attempt to get past the role, and is not audited as one.
    const eveId = (await eve.call("accounts.me")).data.user.id as string;
    const { entries } = (await owner.call("audit.list", { actorId: eveId })).data as { entries: { action: string; outcome: string }[] };
    expect(entries.filter((entry) => entry.outcome === "denied")).toEqual([]);
    await page.context().close();
  });
});
