import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Person } from "@frontdesk/server/testing/accounts";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { demoBusiness as demo, demoOwner, demoRest, startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";

let office: BackOffice;
let owner: Person;

beforeAll(async () => {
  office = await startBackOffice();
  owner = await demoOwner(office, "Olga Owner", "olga@brightsmile.example");
}, 60_000);

afterAll(() => office?.stop());

/** Collects the widgets' events on the page, to read back what they said. */
async function recordEvents(page: Page, types: string[]): Promise<void> {
  await page.evaluate((names) => {
    const seen: { type: string; detail: unknown }[] = ((window as any).__events = []);
    for (const name of names) document.addEventListener(name, (event) => seen.push({ type: name, detail: (event as CustomEvent).detail }));
  }, types);
}
const events = (page: Page) => page.evaluate(() => (window as any).__events as { type: string; detail: any }[]);

describe("setting up the phone line in the back office", () => {
  it("creates an agent (a refused field shown on it), reviews and publishes it", async () => {
    const page = await office.open(owner, `<fd-agents business="${demo}"></fd-agents>`);
    await recordEvents(page, ["fd-agent-created", "fd-agent-published", "fd-agent-updated"]);
    const widget = page.locator("fd-agents");
    await widget.getByText("No agents yet.", { exact: false }).waitFor();

    // No name: the server refuses, and says so on the field, which takes the focus.
    await widget.getByRole("button", { name: "Create the agent" }).click();
    await widget.locator("#new-name-error").getByText("Give the agent a name").waitFor();
    expect(await widget.locator("#new-name").getAttribute("aria-invalid")).toBe("true");
    expect(await widget.locator("#new-name").evaluate((input) => input === (input.getRootNode() as ShadowRoot).activeElement)).toBe(true);

    await widget.locator("#new-name").fill("Ava");
    await widget.locator("#new-greeting").fill("Thanks for calling Bright Smile, this is Ava.");
    expect(await widget.locator("#new-voiceId option").count()).toBeGreaterThan(0);
    await widget.getByRole("button", { name: "Create the agent" }).click();
    const row = widget.locator("[part~=agent]", { hasText: "Ava" });
    await row.getByText("not published").waitFor();
    expect(await row.locator("[part~=badge]").first().textContent()).toBe("Inactive");

    await row.getByRole("button", { name: "Review and publish Ava" }).click();
    const review = widget.locator("[part~=review]");
    await review.getByText("Nothing is published yet", { exact: false }).waitFor();
    expect(await review.locator("[part~=diff] .added").count()).toBeGreaterThan(3);
    await review.getByRole("button", { name: "Publish and activate" }).click();
    await widget.getByText("Version 1 of \u2068Ava\u2069 is published and active.").waitFor();
    await row.locator("[part~=badge]", { hasText: /^Active$/ }).waitFor();

    // A change to the draft shows in the review as a changed setting, and publishing it makes version 2.
    await row.getByRole("button", { name: "Edit Ava" }).click();
    await widget.locator(`[part~=agent] form input[id$="-greeting"]`).fill("Bright Smile, Ava speaking.");
    await widget.getByRole("button", { name: "Save the draft" }).click();
    await row.getByText("Unpublished changes").waitFor();
    await row.getByRole("button", { name: "Review and publish Ava" }).click();
    await review.getByText("greeting").waitFor();
    await review.getByRole("button", { name: "Publish", exact: true }).click();
    await widget.getByText("Version 2 of \u2068Ava\u2069 is published and active.").waitFor();

    // Version 1 again, as version 3.
    await row.getByRole("button", { name: "Versions of Ava" }).click();
    await widget.locator("[part~=version]").nth(1).waitFor();
    await widget.getByRole("button", { name: "Roll back to version 1" }).click();
    await widget.getByText("published again, as version 3", { exact: false }).waitFor();
    const agent = (await demoRest(office, "GET", "/agents")).body.find((one: { name: string }) => one.name === "Ava");
    expect(agent).toMatchObject({ status: "active", publishedVersion: 3, config: { greeting: "Thanks for calling Bright Smile, this is Ava." } });

    const said = await events(page);
    expect(said.map((event) => event.type)).toEqual(["fd-agent-created", "fd-agent-published", "fd-agent-updated", "fd-agent-updated", "fd-agent-published", "fd-agent-published"]);
    expect(said[1]!.detail).toEqual({ agentId: agent.id, versionId: expect.stringMatching(/./), version: 1 });
    await page.context().close();
  }, 60_000);

  it("buys a number (a refused search field shown on it), binds the agent, activates it, and a simulated call on it books", async () => {
    const page = await office.open(owner, `<fd-phone-numbers business="${demo}"></fd-phone-numbers>`);
    await recordEvents(page, ["fd-number-added", "fd-number-updated", "fd-number-released"]);
    const widget = page.locator("fd-phone-numbers");
    await widget.getByText("No phone numbers yet.", { exact: false }).waitFor();

    await widget.getByLabel("Area code (optional)").fill("4");
    await widget.getByRole("button", { name: "Search" }).click();
    await widget.locator("#search-areaCode-error").getByText("Use an area code of 2 to 5 digits").waitFor();
    expect(await widget.getByLabel("Area code (optional)").getAttribute("aria-invalid")).toBe("true");

    await widget.getByLabel("Area code (optional)").fill("415");
    await widget.getByRole("button", { name: "Search" }).click();
    const first = widget.getByRole("radio").first();
    await first.waitFor();
    await first.check();
    await widget.getByLabel("Name (optional, e.g. Front desk)").fill("Front desk");
    await widget.getByRole("button", { name: /^Buy \+1/ }).click();
    const row = widget.locator("[part~=number]", { hasText: "Front desk" });
    await row.waitFor();
    expect(await row.locator("[part~=badge]").textContent()).toBe("Inactive");

    await row.getByLabel("Agent", { exact: true }).selectOption({ label: "Ava" });
    await widget.getByText("\u2068Ava\u2069 answers", { exact: false }).or(widget.getByText("Ava answers", { exact: false })).first().waitFor();
    await row.getByRole("button", { name: "Activate Front desk" }).click();
    await row.locator("[part~=badge]", { hasText: /^Active$/ }).waitFor();

    const call = await demoRest(office, "POST", "/calls/simulate", { scenarioId: "book-cleaning-next-tuesday" });
    expect(call.status, JSON.stringify(call.body)).toBe(200);
    expect(call.body.checks.filter((check: { ok: boolean }) => !check.ok)).toEqual([]);
    expect(call.body.passed).toBe(true);

    const said = await events(page);
    expect(said.map((event) => event.type)).toEqual(["fd-number-added", "fd-number-updated", "fd-number-updated"]);
    expect(said[2]!.detail).toMatchObject({ status: "active", agentId: expect.stringMatching(/^agt_|./) });
    await page.context().close();
  }, 90_000);

  it("asks for a confirmation before releasing a number, and keeps it when told to", async () => {
    const page = await office.open(owner, `<fd-phone-numbers business="${demo}"></fd-phone-numbers>`);
    await recordEvents(page, ["fd-number-released"]);
    const widget = page.locator("fd-phone-numbers");
    const row = widget.locator("[part~=number]", { hasText: "Front desk" });
    await row.waitFor();
    await row.getByRole("button", { name: /^Release / }).click();
    const confirm = row.getByRole("alertdialog");
    await confirm.getByText("goes back to the carrier for good", { exact: false }).waitFor();
    await confirm.getByRole("button", { name: "Keep the number" }).click();
    expect(await row.getByRole("alertdialog").count()).toBe(0);
    expect((await demoRest(office, "GET", "/numbers")).body).toHaveLength(1);

    await row.getByRole("button", { name: /^Release / }).click();
    await row.getByRole("button", { name: "Release for good" }).click();
    await widget.getByText("was released.", { exact: false }).waitFor();
    await widget.getByText("No phone numbers yet.", { exact: false }).waitFor();
    expect((await demoRest(office, "GET", "/numbers")).body).toHaveLength(0);
    expect((await events(page)).map((event) => event.type)).toEqual(["fd-number-released"]);
    await page.context().close();
  }, 60_000);
});

describe("docs/phone-agents.md", () => {
  it("its back-office example works as pasted, and its listeners hear an agent being made", async () => {
    const example = codeBlocks("phone-agents.md", "html").find((block) => block.includes("<fd-agents>"))!;
    const context = await office.browser.newContext();
    await context.addCookies([...owner.cookies].map(([name, value]) => ({ name, value, url: office.server.url, httpOnly: true, sameSite: "Lax" as const })));
    const page = await context.newPage();
    const logged: string[] = [];
    page.on("console", (message) => logged.push(message.text()));
    // A page of the server's own origin, as the example says, with the example as its body.
    const address = `${office.server.url}/my-phone-page`;
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Phone</title></head><body>${example.replaceAll("https://frontdesk.example.com", office.server.url)}</body></html>`;
    await page.route(address, (route) => route.fulfill({ contentType: "text/html", headers: { "referrer-policy": "no-referrer" }, body }));
    await page.goto(address);
    const agents = page.locator("fd-agents");
    await agents.locator("#new-name").fill("Docs desk");
    await agents.getByRole("button", { name: "Create the agent" }).click();
    await expect.poll(() => logged).toContain("agent made: Docs desk");
    await page.locator("fd-phone-numbers [part~=number]").first().or(page.locator("fd-phone-numbers").getByText("No phone numbers yet.", { exact: false })).first().waitFor();
    await context.close();
  });
});

describe("the back office's phone sections", () => {
  async function backOffice(who: Person): Promise<Page> {
    const context = await office.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([...who.cookies].map(([name, value]) => ({ name, value, url: office.server.url, httpOnly: true, sameSite: "Lax" as const })));
    const page = await context.newPage();
    await page.goto(`${office.server.url}/back-office`);
    await page.locator("fd-team").getByRole("heading", { name: "Team" }).waitFor();
    return page;
  }

  it("shows an owner the numbers and agents of the business", async () => {
    const page = await backOffice(owner);
    await page.locator("fd-phone-numbers").getByRole("heading", { name: "Add a number" }).waitFor();
    await page.locator("fd-agents").getByRole("heading", { name: "Create an agent" }).waitFor();
    expect(await page.locator("fd-agents").getAttribute("business")).toBe(demo);
    await page.context().close();
  });

  it("leaves them out for a staff member", async () => {
    const finn = await office.join(owner, "Finn Staff", "finn@brightsmile.example", "staff");
    const page = await backOffice(finn);
    await page.locator("fd-team").getByText("Only owners and admins manage the team.", { exact: false }).waitFor();
    expect(await page.locator("fd-phone-numbers").isVisible()).toBe(false);
    expect(await page.locator("fd-agents").isVisible()).toBe(false);
    await page.context().close();
  });
});
