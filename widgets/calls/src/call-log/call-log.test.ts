import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appointments } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import type { Person } from "@frontdesk/server/testing/accounts";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";
import { addBookingCaller, addPastCalls, bookingCaller, joinDemo, openDemoLine, type DemoLine } from "../testing/phone-line";

let office: BackOffice;
let line: DemoLine;
let admin: Person;
let staff: Person;
const calls: Record<string, string> = {};
const day = 86_400_000;

beforeAll(async () => {
  office = await startBackOffice();
  // Thirty older calls first, while the server is idle, so the log has more than one page.
  await addPastCalls(office.db, 30, office.server.now() - 2 * day);
  await addBookingCaller(office.db);
  line = await openDemoLine(office.server);
  for (const scenario of ["knowledge-question", "escalate-to-human", "book-cleaning-next-tuesday"]) calls[scenario] = await line.simulate(scenario);
  admin = await joinDemo(office, "Dee Admin", "dee@brightsmile.example", "admin");
  staff = await joinDemo(office, "Sam Staff", "sam@brightsmile.example", "staff");
}, 120_000);

afterAll(async () => {
  await office?.stop();
});

const log = (page: Page) => page.locator("fd-call-log");
const rows = (page: Page) => log(page).locator("[part~=call]");

async function openLog(who: Person): Promise<Page> {
  const page = await office.open(who, "<fd-call-log></fd-call-log>", { width: 1000 });
  await rows(page).first().waitFor();
  return page;
}

describe("<fd-call-log> for the business's staff", () => {
  it("lists the calls newest first, a page at a time, with times in the business's zone", async () => {
    const page = await openLog(staff);
    expect(await rows(page).count()).toBe(25);
    const first = rows(page).first();
    // The booking was the last call made.
    await first.getByText("New appointment", { exact: false }).or(first.getByText("Book", { exact: true })).first().waitFor();
    const zone = (await line.rest("GET", "/config")).body.business.timeZone as string;
    const detail = (await line.rest("GET", `/calls/${calls["book-cleaning-next-tuesday"]}`)).body;
    const shown = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(detail.startedAt));
    expect(await first.locator("time").textContent()).toBe(shown);
    await first.getByText("Ava").waitFor();
    expect(await first.textContent()).toContain("Simulated");

    await log(page).getByRole("button", { name: "Older calls" }).click();
    await log(page).getByRole("heading", { name: "Calls, page 2" }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(8);
    expect(await log(page).getByRole("button", { name: "Older calls" }).count()).toBe(0);
    await log(page).getByRole("button", { name: "Newer calls" }).click();
    await expect.poll(() => rows(page).count()).toBe(25);
    await page.context().close();
  });

  it("narrows the list by outcome, by agent and by words said in the call", async () => {
    const page = await openLog(staff);
    await log(page).getByLabel("Outcome").selectOption({ label: "Passed to a person" });
    await log(page).getByRole("button", { name: "Show calls" }).click();
    await expect.poll(() => rows(page).count()).toBe(1);

    await log(page).getByRole("button", { name: "Clear" }).click();
    await log(page).getByLabel("Agent", { exact: true }).selectOption({ label: "Ava" });
    await log(page).getByRole("button", { name: "Show calls" }).click();
    await expect.poll(() => rows(page).count()).toBe(3);

    await log(page).getByRole("button", { name: "Clear" }).click();
    await log(page).getByLabel("Words said in the call").fill("PARKING");
    await log(page).getByRole("button", { name: "Show calls" }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).locator("[part~=snippet] mark").first().textContent()).toMatch(/parking/i);

    await log(page).getByLabel("Words said in the call").fill("no such words anywhere");
    await log(page).getByRole("button", { name: "Show calls" }).click();
    await log(page).getByText("No calls match these filters.").waitFor();
    await page.context().close();
  });

  it("exports the current filter as a CSV file", async () => {
    const page = await openLog(staff);
    await log(page).getByLabel("Direction").selectOption({ label: "Incoming" });
    await log(page).getByRole("button", { name: "Show calls" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), log(page).getByRole("button", { name: "Export CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8").trim().split("\n");
    expect(csv).toHaveLength(1 + 33);
    expect(download.suggestedFilename()).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
    await log(page).getByText("33 calls exported.").waitFor();
    await page.context().close();
  });

  it("shows the agents' live status", async () => {
    const page = await openLog(staff);
    const live = log(page).locator("[part~=live]");
    await live.getByText("No calls in progress.").waitFor();
    await live.locator("[part~=agent]", { hasText: "Ava" }).getByText("Answering").waitFor();
    await page.context().close();
  });

  it("opens a chosen call: fd-call-open, then its transcript with the tool calls in place", async () => {
    const page = await openLog(staff);
    await page.evaluate(() => document.addEventListener("fd-call-open", (event) => ((window as unknown as { opened: unknown }).opened = (event as CustomEvent).detail)));
    await rows(page).first().getByRole("button").first().click();
    expect(await page.evaluate(() => (window as unknown as { opened: unknown }).opened)).toEqual({ callId: calls["book-cleaning-next-tuesday"] });
    const detail = log(page).locator("fd-call-detail");
    const timeline = detail.locator("[part~=transcript]");
    await timeline.locator("[part~=turn]").first().waitFor();
    const order = await timeline.locator(":scope > li").evaluateAll((items) => items.map((item) => item.getAttribute("part")));
    expect(order.filter((part) => part === "tool-call")).toHaveLength(2);
    // Tool calls sit between turns, where the agent made them.
    expect(order[0]).toBe("turn");
    expect(order.at(-1)).toBe("turn");
    const booking = timeline.locator("[part~=tool-call]", { hasText: "book_appointment" });
    await booking.locator("summary").click();
    expect(await booking.textContent()).toContain("PENDING_APPROVAL");
    expect(await booking.locator("pre").first().textContent()).toContain("cleaning");
    // A staff member reads the approval but may not decide it.
    await detail.locator("[part~=approval]").getByText("Waiting for a decision").waitFor();
    await detail.locator("[part~=approval]").getByText("An owner or admin decides on this.").waitFor();
    expect(await detail.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await log(page).getByRole("button", { name: "Back to the calls" }).click();
    await rows(page).first().waitFor();
    await page.context().close();
  });

  it("approves the booking from the call: the appointment is confirmed and the customer's confirmation is in the outbox", async () => {
    const page = await office.open(admin, `<fd-call-detail call="${calls["book-cleaning-next-tuesday"]}"></fd-call-detail>`, { width: 1000 });
    const detail = page.locator("fd-call-detail");
    await page.evaluate(() => document.addEventListener("fd-approval-decided", (event) => ((window as unknown as { decided: unknown }).decided = (event as CustomEvent).detail)));
    await detail.getByRole("button", { name: "Approve" }).click();
    await detail.getByText("Approved. The caller is told.").waitFor();
    const approval = (await line.rest("GET", `/calls/${calls["book-cleaning-next-tuesday"]}`)).body.approvals[0];
    expect(await page.evaluate(() => (window as unknown as { decided: unknown }).decided)).toEqual({ approvalId: approval.id, callId: calls["book-cleaning-next-tuesday"], status: "approved" });
    const [appointment] = await rowsOf(office.db, appointments, { id: approval.appointmentId });
    expect(appointment).toMatchObject({ status: "confirmed" });
    // The caller's "your appointment is confirmed" message, which a sandbox keeps in its outbox instead of sending.
    const approvedMessages = async () =>
      (await line.rest("GET", "/sandbox/outbox")).body.filter((message: { kind: string; recipient: string }) => message.kind === "approved" && message.recipient === bookingCaller.email);
    await expect.poll(async () => (await approvedMessages()).length, { timeout: 10_000 }).toBe(1);
    await page.context().close();
  });

  it("rejects with a reason, and asks for one first", async () => {
    const callId = await line.simulate("book-cleaning-next-tuesday");
    const page = await office.open(admin, `<fd-call-detail call="${callId}"></fd-call-detail>`, { width: 1000 });
    const detail = page.locator("fd-call-detail");
    await detail.getByRole("button", { name: "Reject…" }).click();
    await detail.getByRole("button", { name: "Reject", exact: true }).click();
    await detail.getByText("Say why, for the caller.").waitFor();
    await detail.getByLabel("Why not? The caller is told.").fill("The hygienist is away that day.");
    await detail.getByRole("button", { name: "Reject", exact: true }).click();
    await detail.getByText("Rejected. The caller is told why.").waitFor();
    expect((await line.rest("GET", `/calls/${callId}`)).body.approvals[0]).toMatchObject({ status: "rejected", reason: "The hygienist is away that day." });
    await page.context().close();
  });

  it("works as docs/phone-agents.md shows it, on a page of the server's own", async () => {
    const example = codeBlocks("phone-agents.md", "html").find((block) => block.includes("<fd-call-log>"))!;
    const context = await office.browser.newContext();
    await context.addCookies([...admin.cookies].map(([name, value]) => ({ name, value, url: office.server.url, httpOnly: true, sameSite: "Lax" as const })));
    const page = await context.newPage();
    const logged: string[] = [];
    page.on("console", (message) => logged.push(message.text()));
    const address = `${office.server.url}/my-calls-page`;
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Calls</title></head><body>${example.replaceAll("https://frontdesk.example.com", office.server.url)}</body></html>`;
    await page.route(address, (route) => route.fulfill({ contentType: "text/html", headers: { "referrer-policy": "no-referrer" }, body }));
    await page.goto(address);
    await log(page).locator(`#call-${calls["book-cleaning-next-tuesday"]}`).click();
    await log(page).locator("fd-call-detail [part~=turn]").first().waitFor();
    await expect.poll(() => logged).toContain(`call opened: ${calls["book-cleaning-next-tuesday"]}`);
    await context.close();
  });
});
