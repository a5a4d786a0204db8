import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { accountMessages } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";
import { breakConnection, clinic, comeBackThroughTheCallback, connectOverHttp } from "./calendar-connections.fixture";

let office: BackOffice;

beforeAll(async () => {
  office = await startBackOffice();
}, 60_000);

afterAll(async () => {
  await office?.stop();
});

const widget = (page: Page) => page.locator("fd-calendar-connections");

describe("<fd-calendar-connections> for a staff member", () => {
  it("connects Google through the sandbox, changes the calendars (kept after a reload) and disconnects", async () => {
    const { staff, staffEmail } = await clinic(office, "connect");
    const page = await office.open(staff, "<fd-calendar-connections></fd-calendar-connections>", { before: comeBackThroughTheCallback });
    await widget(page).getByText("You have not connected a calendar yet.").waitFor();
    await widget(page).getByRole("button", { name: "Connect Google Calendar" }).click();

    await widget(page).getByText("Your calendar is connected.", { exact: false }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).search).toBe("");
    const row = widget(page).locator("[part~=connection]");
    await row.getByRole("heading", { name: `Google Calendar · ${staffEmail}` }).waitFor();
    const busy = row.getByRole("group", { name: "Count as busy" }).getByRole("checkbox", { name: staffEmail });
    const destination = row.getByRole("group", { name: "Write appointments to" }).getByRole("radio", { name: staffEmail });
    expect({ busy: await busy.isChecked(), destination: await destination.isChecked() }).toEqual({ busy: true, destination: true });
    // Connecting starts the first read at once: the widget shows it pending or done, whichever it found.
    await expect.poll(() => row.locator("[part~=freshness]").first().textContent()).toMatch(/Busy times not read yet|Updated/);

    await busy.uncheck();
    await row.getByRole("radio", { name: "No calendar" }).check();
    await row.getByRole("button", { name: "Save the calendars" }).click();
    await widget(page).getByText(`The calendars of \u2068${staffEmail}\u2069 were saved.`).waitFor();
    const [saved] = (await staff.call("calendar.connections")).data;
    expect(saved.calendars.map((calendar: any) => [calendar.countsBusy, calendar.isDestination])).toEqual([[false, false]]);

    await page.reload();
    const again = widget(page).locator("[part~=connection]");
    await again.waitFor();
    expect({ busy: await again.getByRole("checkbox", { name: staffEmail }).isChecked(), none: await again.getByRole("radio", { name: "No calendar" }).isChecked() }).toEqual({ busy: false, none: true });

    await again.getByRole("button", { name: "Read the calendar list again" }).click();
    await widget(page).getByText("were read again.", { exact: false }).waitFor();

    await again.getByRole("button", { name: `Disconnect ${staffEmail}` }).click();
    await again.getByRole("button", { name: "Disconnect the calendar" }).click();
    await widget(page).getByText("is disconnected", { exact: false }).waitFor();
    expect(await widget(page).locator("[part~=connection]").count()).toBe(0);
    expect((await staff.call("calendar.connections")).data).toEqual([]);
    await page.context().close();
  });

  it("shows the provider's refusal when the person comes back with ?calendar=error, and cleans the address", async () => {
    const { staff } = await clinic(office, "refused");
    const page = await office.open(staff, "<fd-calendar-connections></fd-calendar-connections>");
    await page.goto(`${office.server.url}/back-office-test-page?calendar=error&reason=access_denied`);
    await widget(page).getByText("access was not allowed", { exact: false }).waitFor();
    expect(new URL(page.url()).search).toBe("");
    await page.context().close();
  });

  it("shows a broken connection with its reason and a Reconnect button", async () => {
    const { staff, tenantId } = await clinic(office, "broken");
    const connectionId = await connectOverHttp(staff);
    await breakConnection(office, tenantId, connectionId, "Google revoked the grant (invalid_grant).");
    const page = await office.open(staff, "<fd-calendar-connections></fd-calendar-connections>");
    const prompt = widget(page).locator("[part~=reconnect]");
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain("Google Calendar stopped accepting Frontdesk's access");
    expect(await prompt.textContent()).toContain("Google revoked the grant (invalid_grant).");
    await prompt.getByRole("button", { name: "Reconnect Google Calendar" }).waitFor();
    await page.context().close();
  });
});

describe("<fd-calendar-connections>'s calendar feed", () => {
  const answerOf = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, type: response.headers.get("content-type")?.split(";")[0] ?? null };
  };

  it("shows the feed link, copies it, makes a new one (the old one stops working) and stops the feed", async () => {
    const { staff } = await clinic(office, "feed");
    const page = await office.open(staff, "<fd-calendar-connections></fd-calendar-connections>");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: office.server.url });
    const feed = widget(page).locator("[part~=feed]");
    await feed.getByText("No feed yet").waitFor();
    expect(await feed.textContent()).toContain("Anyone with the link sees the appointments");

    await feed.getByRole("button", { name: "Make a feed link" }).click();
    const field = feed.getByRole("textbox", { name: "Feed link" });
    await field.waitFor();
    const first = await field.inputValue();
    expect(first).toMatch(/\/calendar\/feeds\/[^/]+\.ics$/);
    await feed.getByText("Feed active").waitFor();
    await expect.poll(() => field.evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input)).toBe(true);
    expect(await answerOf(first)).toEqual({ status: 200, type: "text/calendar" });

    await feed.getByRole("button", { name: "Copy" }).click();
    await widget(page).getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);

    await feed.getByRole("button", { name: "New link for the calendar feed" }).click();
    await feed.getByRole("button", { name: "Make a new link" }).click();
    await widget(page).getByText("Here is a new feed link.", { exact: false }).waitFor();
    const second = await field.inputValue();
    expect(second).not.toBe(first);
    expect({ old: await answerOf(first), now: await answerOf(second) }).toEqual({ old: { status: 404, type: expect.anything() }, now: { status: 200, type: "text/calendar" } });

    // After a reload the feed is still there; Show gives the same link again.
    await page.reload();
    await widget(page).locator("[part~=feed]").getByRole("button", { name: "Show the feed link" }).click();
    expect(await widget(page).locator("[part~=feed]").getByRole("textbox", { name: "Feed link" }).inputValue()).toBe(second);

    await widget(page).getByRole("button", { name: "Stop the feed" }).click();
    await widget(page).getByRole("group", { name: "Stop the feed?", exact: false }).getByRole("button", { name: "Stop the feed" }).click();
    await widget(page).getByText("The feed is stopped: its link no longer works.").waitFor();
    await widget(page).locator("[part~=feed]").getByText("No feed yet").waitFor();
    expect(await widget(page).getByRole("textbox", { name: "Feed link" }).count()).toBe(0);
    expect((await answerOf(second)).status).toBe(404);
    expect((await staff.call("calendarFeeds.status", {})).data).toEqual({ exists: false });
    await page.context().close();
  });
});

describe("<fd-calendar-connections> for an owner", () => {
  it("shows a staff member's connections and e-mails them a connect link", async () => {
    const { owner, staff, staffId, staffEmail } = await clinic(office, "owner");
    await connectOverHttp(staff);
    const page = await office.open(owner, "<fd-calendar-connections></fd-calendar-connections>");
    await widget(page).getByLabel("Staff member").waitFor();
    expect(await widget(page).getByLabel("Staff member").inputValue()).toBe(staffId);
    await widget(page).locator("[part~=connection]").getByRole("heading", { name: `Google Calendar · ${staffEmail}` }).waitFor();
    // The owner cannot consent for someone else: no connect buttons, a link instead.
    expect(await widget(page).getByRole("button", { name: "Connect Google Calendar" }).count()).toBe(0);
    await widget(page).getByRole("button", { name: "E-mail \u2068Sam Staff\u2069 a connect link" }).click();
    await widget(page).getByText(`was sent to \u2068Sam Staff\u2069 at \u2068${staffEmail}\u2069`, { exact: false }).waitFor();
    const mails = await rowsOf(office.db, accountMessages, { recipient: staffEmail, kind: "calendar_connect" });
    expect(mails).toHaveLength(1);
    // The staff member's feed, which the owner may make for them.
    const feed = widget(page).locator("[part~=feed]");
    await feed.getByRole("button", { name: "Make a feed link" }).click();
    expect(await feed.getByRole("textbox", { name: "Feed link" }).inputValue()).toBe((await staff.call("calendarFeeds.get", {}, { mutation: true })).data.url);
    await page.context().close();
  });

  it("opens on the staff member its staff-id attribute names", async () => {
    const { owner, staffId } = await clinic(office, "attribute");
    const other = (await owner.call("config.saveStaff", { name: "Ola Other" }, { mutation: true })).data.id as string;
    const page = await office.open(owner, `<fd-calendar-connections staff-id="${other}"></fd-calendar-connections>`);
    await widget(page).getByRole("heading", { name: "Connected calendars of \u2068Ola Other\u2069" }).waitFor();
    await widget(page).getByLabel("Staff member").selectOption(staffId);
    await widget(page).getByRole("heading", { name: "Connected calendars of \u2068Sam Staff\u2069" }).waitFor();
    await page.context().close();
  });
});

describe("<fd-calendar-connections> on a server with no calendar provider set up", () => {
  let bare: BackOffice;
  beforeAll(async () => {
    bare = await startBackOffice({ FRONTDESK_SANDBOX_PROVIDERS: "off" });
  }, 60_000);
  afterAll(async () => {
    await bare?.stop();
  });

  it("offers no connect button or link, and says who sets the providers up", async () => {
    const { owner, staff } = await clinic(bare, "bare");
    const staffPage = await bare.open(staff, "<fd-calendar-connections></fd-calendar-connections>");
    await widget(staffPage).getByText("No calendar provider is set up on this server yet", { exact: false }).waitFor();
    expect(await widget(staffPage).locator("[part~=connect] button").count()).toBe(0);
    // The feed needs no provider.
    await widget(staffPage).locator("[part~=feed]").getByRole("button", { name: "Make a feed link" }).waitFor();
    await staffPage.context().close();

    const ownerPage = await bare.open(owner, "<fd-calendar-connections></fd-calendar-connections>");
    await widget(ownerPage).getByText("Its operator must first set up the OAuth app", { exact: false }).waitFor();
    expect(await widget(ownerPage).locator("[part~=connect] button").count()).toBe(0);
    await ownerPage.context().close();
  });
});
