import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Person } from "@frontdesk/server/testing/accounts";
import { demoOwner, demoRest as rest, startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";
import { pinClock } from "@frontdesk/server/testing/browser";

/**
 * The phone line from end to end, as a clinic's owner meets it in the back office: add a number, create and activate
 * an AI agent, a (simulated) caller books a cleaning that waits for approval, the call log shows the call with its
 * transcript, the owner approves the booking from the call, and the caller's confirmation is in the outbox.
 */
let office: BackOffice;
let owner: Person;

beforeAll(async () => {
  office = await startBackOffice();
  owner = await demoOwner(office, "Olga Owner", "olga@brightsmile.example");
}, 60_000);

afterAll(() => office?.stop());

async function backOffice(who: Person): Promise<Page> {
  const context = await office.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Madrid" });
  await context.addCookies([...who.cookies].map(([name, value]) => ({ name, value, url: office.server.url, httpOnly: true, sameSite: "Lax" as const })));
  const page = await context.newPage();
  await pinClock(page, office.server);
  await page.goto(`${office.server.url}/back-office`);
  return page;
}

describe("the phone line in the back office", () => {
  it("a number, an agent, a call that books a cleaning pending approval, the call in the log, approved from it, the caller told", async () => {
    const page = await backOffice(owner);

    // Create an agent whose bookings wait for approval, then publish and activate it.
    const agents = page.locator("fd-agents");
    await agents.getByRole("heading", { name: "Create an agent" }).waitFor();
    await agents.locator("#new-name").fill("Ava");
    await agents.getByLabel("Bookings and changes the agent makes wait for staff approval").check();
    await agents.getByRole("button", { name: "Create the agent" }).click();
    const agent = agents.locator("[part~=agent]", { hasText: "Ava" });
    await agent.getByRole("button", { name: "Review and publish Ava" }).click();
    await agents.locator("[part~=review]").getByRole("button", { name: "Publish and activate" }).click();
    await agent.locator("[part~=badge]", { hasText: /^Active$/ }).waitFor();

    // Add a number: search, buy, give it the agent, activate it.
    const numbers = page.locator("fd-phone-numbers");
    await numbers.getByLabel("Area code (optional)").fill("415");
    await numbers.getByRole("button", { name: "Search" }).click();
    await numbers.getByRole("radio").first().check();
    await numbers.getByLabel("Name (optional, e.g. Front desk)").fill("Front desk");
    await numbers.getByRole("button", { name: /^Buy \+1/ }).click();
    const line = numbers.locator("[part~=number]", { hasText: "Front desk" });
    await line.getByLabel("Agent", { exact: true }).selectOption({ label: "Ava" });
    await line.getByRole("button", { name: "Activate Front desk" }).click();
    await line.locator("[part~=badge]", { hasText: /^Active$/ }).waitFor();

    // A caller rings the new number and books a cleaning next Tuesday morning.
    const call = await rest(office, "POST", "/calls/simulate", { scenarioId: "book-cleaning-next-tuesday" });
    expect(call.status, JSON.stringify(call.body)).toBe(200);
    expect(call.body.checks.filter((check: { ok: boolean }) => !check.ok)).toEqual([]);
    const [approval] = (await rest(office, "GET", "/approvals")).body.items;
    expect(approval).toMatchObject({ kind: "book", status: "pending" });

    // The call log shows the call; its detail, the transcript and the booking waiting for a decision.
    await page.reload();
    const log = page.locator("fd-call-log");
    const row = log.locator("[part~=call]").first();
    await row.getByText("Ava").waitFor();
    await row.getByRole("button").first().click();
    const detail = log.locator("fd-call-detail");
    const transcript = detail.locator("[part~=transcript]");
    await transcript.locator("[part~=turn]", { hasText: "cleaning" }).first().waitFor();
    await transcript.locator("[part~=tool-call]", { hasText: "book_appointment" }).waitFor();
    await detail.locator("[part~=approval]").getByText("Waiting for a decision").waitFor();

    // Approved from the call: the appointment is confirmed and the caller (known by number) gets a text.
    await detail.getByRole("button", { name: "Approve" }).click();
    await detail.getByText("Approved. The caller is told.").waitFor();
    const appointment = (await rest(office, "GET", `/approvals/${approval.id}`)).body;
    expect(appointment.status).toBe("approved");
    await expect
      .poll(async () => (await rest(office, "GET", "/sandbox/outbox")).body.find((message: { kind: string }) => message.kind === "approved"), { timeout: 15_000 })
      .toMatchObject({ channel: "sms", recipient: "+14155550142", status: "sent", text: expect.stringMatching(/Approved|Confirmed/) });
    await page.context().close();
  }, 180_000);
});
