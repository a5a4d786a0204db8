import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, forTenant, randomId } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import type { Locator } from "playwright-core";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { pinClock } from "@frontdesk/server/testing/browser";
import type { BackOffice, SignedUp } from "@frontdesk/server/testing/back-office";
import { approvalOf, bookOnTheWeb, demo, implantSlots, rest, startDemoOffice, wallClock } from "./approvals.fixtures";

let office: BackOffice;
let owner: SignedUp;

beforeAll(async () => {
  ({ office, owner } = await startDemoOffice());
}, 90_000);

afterAll(async () => {
  await office?.stop();
});

const outboxTo = async (recipient: string) => ((await rest(office, "GET", "/sandbox/outbox")) as { recipient: string; kind: string }[]).filter((message) => message.recipient === recipient);
const appointment = async (id: string) => (await rowsOf(office.db, appointments, { id }))[0]!;

/** Waits until the queue's notice says `text` (names in it are isolated with bidi marks, which are left out here). */
async function noticeSays(queue: Locator, text: string | RegExp): Promise<void> {
  await expect.poll(async () => (await queue.locator(".announcement").textContent())?.replace(/[\u2066-\u2069]/g, "").trim(), { timeout: 10_000 }).toMatch(text);
}

/** The queue on a signed-in page, with the decisions and call openings it announced. */
async function openQueue() {
  const page = await office.open(owner, `<fd-approvals></fd-approvals>`);
  await page.evaluate(() => {
    (window as unknown as { seen: unknown[] }).seen = [];
    for (const type of ["fd-approval-decided", "fd-call-open"]) document.addEventListener(type, (event) => (window as unknown as { seen: unknown[] }).seen.push({ type, detail: (event as CustomEvent).detail }));
  });
  const queue = page.locator("fd-approvals");
  await queue.getByRole("heading", { name: "Approvals" }).waitFor();
  const seen = () => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen);
  return { page, queue, seen };
}

describe("<fd-approvals> decides the AI's actions and the bookings waiting for approval", () => {
  it("shows a simulated call's booking with its customer, service, time in the business's zone and call, and approving it confirms it", async () => {
    const played = await rest(office, "POST", "/calls/simulate", { scenarioId: "book-cleaning-next-tuesday" });
    const { page, queue, seen } = await openQueue();
    const item = queue.locator("[part~=approval]", { hasText: "Jordan Rivera" });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain("Check-up & cleaning");
    const [approval] = (await rest(office, "GET", "/approvals")).items.filter((entry: { callId: string }) => entry.callId === played.callId);
    const shown = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short", timeZone: "America/New_York" }).format(new Date(approval.proposal.start));
    expect(await item.textContent()).toContain(shown);
    expect(await item.textContent()).toContain("Eastern");

    await item.getByRole("button", { name: "A phone call: open it" }).click();
    await item.getByRole("button", { name: "Approve: New booking, Jordan Rivera" }).click();
    await noticeSays(queue, "Approved: New booking, Jordan Rivera.");
    expect(await seen()).toEqual([
      { type: "fd-call-open", detail: { callId: played.callId } },
      { type: "fd-approval-decided", detail: { approvalId: approval.id, callId: played.callId, status: "approved" } },
    ]);
    expect((await appointment(approval.appointmentId)).status).toBe("confirmed");
    await page.context().close();
  });

  it("shows a message the agent took down with the caller's name, their words and the number to call back", async () => {
    // As take_message leaves it when no one can take the call.
    const ids = { message: randomId("msg"), approval: randomId("apr") };
    await office.db.write(async (writer) => {
      const scope = forTenant(writer, demo);
      await scope.addCallerMessage({ id: ids.message, providerCallId: "call_message_test", name: "Taylor Brooks", phoneE164: "+14155550177", message: "Toothache, please call back in the morning.", reason: "after_hours", createdAt: office.server.now() });
      await scope.addApproval({ id: ids.approval, kind: "message", messageId: ids.message, providerCallId: "call_message_test", createdAt: office.server.now() });
    });
    const [approval] = (await rest(office, "GET", "/approvals?kind=message")).items.filter((entry: { id: string }) => entry.id === ids.approval);
    expect(approval.message).toEqual({ name: "Taylor Brooks", phoneE164: "+14155550177", text: "Toothache, please call back in the morning." });
    const { page, queue } = await openQueue();
    const item = queue.locator("[part~=approval]", { hasText: "Taylor Brooks" });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain("Toothache, please call back in the morning.");
    expect(await item.getByRole("link", { name: "+14155550177" }).getAttribute("href")).toBe("tel:+14155550177");
    // Not in the call log yet (its events have not come), but a phone call all the same.
    expect(await item.textContent()).toContain("A phone call");
    expect(await item.textContent()).not.toContain("A booking on the website");
    await item.getByRole("button", { name: "Approve: Message, Taylor Brooks" }).click();
    await noticeSays(queue, "Approved: Message, Taylor Brooks.");
    await page.context().close();
  });

  it("approves a web booking, and the customer's confirmation is in the outbox", async () => {
    const appointmentId = await bookOnTheWeb(office, "Noor Haddad", "noor@example.com");
    const { page, queue } = await openQueue();
    await queue.getByRole("button", { name: "Approve: New booking, Noor Haddad" }).click();
    await noticeSays(queue, "Approved: New booking, Noor Haddad.");
    expect((await appointment(appointmentId)).status).toBe("confirmed");
    await expect.poll(async () => (await outboxTo("noor@example.com")).map((message) => message.kind)).toContain("approved");
    await page.context().close();
  });

  it("changes the time in the business's zone, then approves: the appointment moves there", async () => {
    const appointmentId = await bookOnTheWeb(office, "Ines Romero", "ines@example.com");
    const later = (await implantSlots(office)).at(-1)!;
    const { page, queue } = await openQueue();
    await queue.getByRole("button", { name: "Change the time for Ines Romero" }).click();
    const { date, time } = wallClock(later);
    await queue.getByLabel("Date").fill(date);
    await queue.getByLabel("Time").fill(time);
    await queue.getByRole("button", { name: "Approve at this time" }).click();
    await noticeSays(queue, /^Approved at .*Ines Romero\.$/);
    const moved = await appointment(appointmentId);
    expect({ status: moved.status, start: new Date(moved.startAt).toISOString() }).toEqual({ status: "confirmed", start: later });
    await page.context().close();
  });

  it("rejects only with a reason, and tells the customer no confirmation", async () => {
    const appointmentId = await bookOnTheWeb(office, "Sam Lee", "sam@example.com");
    const { page, queue } = await openQueue();
    await queue.getByRole("button", { name: "Reject: New booking, Sam Lee" }).click();
    await queue.getByRole("button", { name: "Reject", exact: true }).click();
    await queue.getByText("Say why, for the customer.").waitFor();
    expect((await appointment(appointmentId)).status).toBe("pending");
    await queue.getByLabel("Why are you rejecting this? (the customer is told)").fill("Dr. Patel is away that week.");
    await queue.getByRole("button", { name: "Reject", exact: true }).click();
    await noticeSays(queue, "Rejected: New booking, Sam Lee.");
    expect((await appointment(appointmentId)).status).toBe("rejected");
    await expect.poll(async () => (await outboxTo("sam@example.com")).map((message) => message.kind)).toContain("rejected");
    expect((await outboxTo("sam@example.com")).map((message) => message.kind)).not.toContain("approved");
    await page.context().close();
  });

  it("approves several at once and shows each one's result, the one decided meanwhile with its error", async () => {
    const booked: string[] = [];
    for (const n of [1, 2, 3]) booked.push(await bookOnTheWeb(office, `Bulk Customer ${n}`, `bulk${n}@example.com`, 7));
    const { page, queue } = await openQueue();
    await queue.locator("[part~=approval]", { hasText: "Bulk Customer 3" }).waitFor();
    // Someone else rejects the second while this page still shows it.
    const stale = await approvalOf(office, booked[1]!);
    await rest(office, "POST", `/approvals/${stale.id}/reject`, { reason: "Double-booked by phone." });
    for (const n of [1, 2, 3]) await queue.getByRole("checkbox", { name: `Select: New booking, Bulk Customer ${n}` }).check();
    await queue.getByRole("button", { name: "Approve the selected" }).click();
    await queue.getByText("2 decided; 1 could not be: see each one below.").waitFor();
    const second = queue.locator("[part~=approval]", { hasText: "Bulk Customer 2" });
    await second.getByText("Someone else decided this one already", { exact: false }).waitFor();
    expect(await second.locator("[part~=badge]").textContent()).toContain("Rejected");
    for (const n of [0, 2]) expect((await appointment(booked[n]!)).status).toBe("confirmed");
    await page.context().close();
  });

  it("tells of a stale decision on that approval alone and keeps the others", async () => {
    const first = await bookOnTheWeb(office, "Stale One", "stale1@example.com");
    const second = await bookOnTheWeb(office, "Still Here", "still@example.com");
    const { page, queue } = await openQueue();
    await queue.locator("[part~=approval]", { hasText: "Still Here" }).waitFor();
    await rest(office, "POST", `/approvals/${(await approvalOf(office, first)).id}/approve`, {});
    await queue.getByRole("button", { name: "Approve: New booking, Stale One" }).click();
    const staleItem = queue.locator("[part~=approval]", { hasText: "Stale One" });
    await staleItem.getByText("Someone else decided this one already", { exact: false }).waitFor();
    await queue.getByRole("button", { name: "Approve: New booking, Still Here" }).waitFor();
    expect((await appointment(second)).status).toBe("pending");
    await page.context().close();
  });

  it("shows new approvals by itself while the page is open, and the decided ones on their tab", async () => {
    const { page, queue } = await openQueue();
    await queue.locator("[part~=approval]").first().waitFor();
    await bookOnTheWeb(office, "Arrives Later", "later@example.com");
    await page.clock.runFor(10_500);
    await queue.locator("[part~=approval]", { hasText: "Arrives Later" }).waitFor();
    await queue.getByRole("button", { name: "Approved", exact: true }).click();
    await queue.locator("[part~=approval]", { hasText: "Noor Haddad" }).waitFor();
    expect(await queue.getByRole("button", { name: /^Approve:/ }).count()).toBe(0);
    await page.context().close();
  });
});

describe("docs/phone-agents.md", () => {
  it("its <fd-approvals> example works as pasted, and its listeners hear a decision and a call being opened", async () => {
    const appointmentId = await bookOnTheWeb(office, "Docs Reader", "docs@example.com", 9);
    const approval = await approvalOf(office, appointmentId);
    const example = codeBlocks("phone-agents.md", "html").find((block) => block.includes("<fd-approvals>"))!;
    const context = await office.browser.newContext();
    await context.addCookies([...owner.cookies].map(([name, value]) => ({ name, value, url: office.server.url, httpOnly: true, sameSite: "Lax" as const })));
    const page = await context.newPage();
    await pinClock(page, office.server);
    const logged: string[] = [];
    page.on("console", (message) => logged.push(message.text()));
    const address = `${office.server.url}/my-approvals-page`;
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Approvals</title></head><body>${example.replaceAll("https://frontdesk.example.com", office.server.url)}</body></html>`;
    await page.route(address, (route) => route.fulfill({ contentType: "text/html", headers: { "referrer-policy": "no-referrer" }, body }));
    await page.goto(address);
    const queue = page.locator("fd-approvals");
    await queue.getByRole("button", { name: "Approve: New booking, Docs Reader" }).click();
    await expect.poll(() => logged).toContain(`decided: ${approval.id} approved`);
    // The simulated call's booking, approved in the first test, is on the Approved tab with its call.
    const [called] = (await rest(office, "GET", "/approvals?status=approved")).items.filter((item: { callId: string | null }) => item.callId);
    await queue.getByRole("button", { name: "Approved", exact: true }).click();
    await queue.locator("[part~=approval]", { hasText: "Jordan Rivera" }).getByRole("button", { name: "A phone call: open it" }).click();
    await expect.poll(() => logged).toContain(`open call: ${called.callId}`);
    await context.close();
  });
});
