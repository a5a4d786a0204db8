import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiScopes } from "@frontdesk/core/vocabulary";
import type { Person } from "@frontdesk/server/testing/accounts";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { startBackOffice, type BackOffice, type SignedUp } from "@frontdesk/server/testing/back-office";
import { startWebhookReceiver, type WebhookReceiver } from "@frontdesk/server/testing/webhook-receiver";

let office: BackOffice;
let hooks: WebhookReceiver;
let owner: SignedUp;
let admin: Person;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  // The receiver is on 127.0.0.1 over plain http, as a developer's own machine is.
  office = await startBackOffice({ FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: "1", FRONTDESK_WEBHOOKS_ALLOW_HTTP: "1" });
  owner = await office.signUp("Ana Owner", "ana@clinic.example", "Ana's Clinic");
  admin = await office.join(owner, "Dee Admin", "dee@clinic.example", "admin");
});

afterAll(async () => {
  await office?.stop();
  await hooks?.close();
});

const keys = (page: Page) => page.locator("fd-api-keys");

async function openKeys(who: Person): Promise<Page> {
  const page = await office.open(who, "<fd-api-keys></fd-api-keys>");
  await keys(page).getByRole("heading", { name: "Secret keys" }).waitFor();
  return page;
}

/** A REST call with a secret key, as the business's own server makes it. */
async function rest(path: string, key: string): Promise<{ status: number; body: { code?: string } }> {
  const response = await fetch(`${office.server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as { code?: string } };
}

const activeId = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.id;
  });

describe("<fd-api-keys> for an admin", () => {
  it("makes a secret key with two scopes, shows it once, lists it, and revokes it; the server honours both", async () => {
    const page = await openKeys(admin);
    const widget = keys(page);
    await widget.getByLabel("Name (what the key is for)").fill("Booking sync");
    await widget.getByRole("checkbox", { name: "config:read" }).check();
    await widget.getByRole("checkbox", { name: "bookings:read" }).check();
    await widget.getByRole("button", { name: "Make the key" }).click();

    const shown = widget.locator("[part~=shown-once]");
    await shown.getByText("you won't see it again", { exact: false }).waitFor();
    const secret = (await shown.locator("[part~=secret]").textContent())!.trim();
    expect(secret).toMatch(/^sk_/);
    expect(await activeId(page)).toBe("shown-once-value");
    await widget.getByText("The key \u2068Booking sync\u2069 was made.").waitFor();

    const row = widget.locator("[part~=secret-key]", { hasText: "Booking sync" });
    await row.waitFor();
    expect(await row.textContent()).toContain("config:read, bookings:read");
    expect(await row.textContent()).not.toContain(secret);
    expect(await row.textContent()).toContain(secret.slice(0, 8));

    // What the key may do, and only that.
    expect((await rest("/config", secret)).status).toBe(200);
    expect(await rest("/keys", secret)).toMatchObject({ status: 403, body: { code: "MISSING_SCOPE" } });

    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: office.server.url });
    await shown.getByRole("button", { name: "Copy" }).click();
    await widget.getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shown.getByRole("button", { name: "I have stored it" }).click();
    expect(await widget.locator("[part~=shown-once]").count()).toBe(0);
    expect(await widget.getByText(secret).count()).toBe(0);

    await row.getByRole("button", { name: "Revoke the key Booking sync" }).click();
    await row.getByRole("button", { name: "Revoke the key", exact: true }).click();
    await widget.getByText("The key \u2068Booking sync\u2069 was revoked.").waitFor();
    await row.locator("[part~=badge]", { hasText: "Revoked" }).waitFor();
    expect(await rest("/config", secret)).toMatchObject({ status: 401, body: { code: "UNKNOWN_SECRET_KEY" } });
    await page.context().close();
  });

  it("offers only the scopes the person has, grouped into reading and changing", async () => {
    const page = await openKeys(admin);
    const groups = keys(page).locator("#secret-scopes fieldset");
    expect(await groups.locator("legend").allTextContents()).toEqual(["Read", "Change"]);
    // An admin has every scope: each one to read, and each one to change.
    const reading = apiScopes.filter((scope) => scope.endsWith(":read"));
    expect(await groups.first().getByRole("checkbox").count()).toBe(reading.length);
    expect(await groups.nth(1).getByRole("checkbox").count()).toBe(apiScopes.length - reading.length);
    await page.context().close();
  });

  it("adds a webhook endpoint, pings it, shows the delivery as delivered, and replays it", async () => {
    const page = await openKeys(admin);
    const widget = keys(page);
    await widget.getByLabel("URL of your server's webhook route").fill(hooks.url);
    await widget.getByRole("checkbox", { name: "appointment.created" }).check();
    await widget.getByRole("button", { name: "Add the endpoint" }).click();
    const shown = widget.locator("[part~=shown-once]");
    const signingSecret = (await shown.locator("[part~=secret]").textContent())!.trim();
    expect(signingSecret).toMatch(/^whsec_/);
    expect(await activeId(page)).toBe("shown-once-value");

    const endpoint = widget.locator("[part~=endpoint]", { hasText: hooks.url });
    await endpoint.getByRole("button", { name: "Send a test event" }).click();
    const [ping] = await hooks.waitFor(1);
    expect(JSON.parse(ping!.body)).toMatchObject({ type: "ping" });

    // The log opened with the ping, and looks again until the server has recorded the delivery.
    const delivery = endpoint.locator("[part~=delivery]").first();
    await delivery.locator("[part~=badge]", { hasText: "Delivered" }).waitFor({ timeout: 15_000 });
    expect(await delivery.locator("summary").textContent()).toMatch(/ping[\s\S]*attempts: 1 · HTTP 200/);
    await delivery.locator("summary").click();
    await delivery.getByText("ok", { exact: true }).waitFor();

    await delivery.getByRole("button", { name: /^Replay the ping delivery/ }).click();
    await widget.getByText("The delivery is sent again.").waitFor();
    const [, replayed] = await hooks.waitFor(2);
    expect(replayed!.headers["webhook-id"]).toBe(ping!.headers["webhook-id"]);
    await expect.poll(async () => delivery.locator("summary").textContent(), { timeout: 15_000 }).toMatch(/Delivered[\s\S]*attempts: 2 · HTTP 200/);
    await page.context().close();
  });

  it("disables and enables an endpoint, gives it a new signing secret, and deletes it after a confirmation", async () => {
    const made = await admin.call("webhooks.createEndpoint", { url: `${hooks.url}/other`, eventTypes: ["appointment.cancelled"] }, { mutation: true });
    const page = await openKeys(admin);
    const widget = keys(page);
    const endpoint = widget.locator("[part~=endpoint]", { hasText: `${hooks.url}/other` });
    await endpoint.getByRole("button", { name: "Disable" }).click();
    await endpoint.locator("[part~=badge]", { hasText: "Disabled" }).waitFor();
    const listed = async () => ((await admin.call("webhooks.listEndpoints")).data as { id: string; enabled: boolean }[]).find((one) => one.id === made.data.id);
    expect((await listed())?.enabled).toBe(false);
    await endpoint.getByRole("button", { name: "Enable" }).click();
    await endpoint.locator("[part~=badge]", { hasText: "Enabled" }).waitFor();

    await endpoint.getByRole("button", { name: "New signing secret" }).click();
    const rotated = (await widget.locator("[part~=shown-once] [part~=secret]").textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(made.data.secret);

    await endpoint.getByRole("button", { name: `Delete the endpoint ${hooks.url}/other` }).click();
    await endpoint.getByRole("button", { name: "Delete the endpoint", exact: true }).click();
    await widget.getByText(`The endpoint \u2068${hooks.url}/other\u2069 was deleted.`).waitFor();
    expect(await listed()).toBeUndefined();
    await page.context().close();
  });

  it("shows a refused webhook address on the URL field, and moves the focus there", async () => {
    const page = await openKeys(admin);
    const widget = keys(page);
    await widget.getByLabel("URL of your server's webhook route").fill("http://169.254.169.254/latest/meta-data/");
    await widget.getByRole("checkbox", { name: "appointment.created" }).check();
    await widget.getByRole("button", { name: "Add the endpoint" }).click();
    const error = widget.locator("#endpoint-url-error");
    await error.getByText("This server does not send webhooks to that address.", { exact: false }).waitFor();
    expect(await widget.getByLabel("URL of your server's webhook route").getAttribute("aria-invalid")).toBe("true");
    expect(await activeId(page)).toBe("endpoint-url");
    expect((await admin.call("webhooks.listEndpoints")).data.some((one: { url: string }) => one.url.includes("169.254"))).toBe(false);
    await page.context().close();
  });

  it("makes and revokes a publishable key for the origins given", async () => {
    const page = await openKeys(admin);
    const widget = keys(page);
    await widget.getByLabel("Websites that may use it (one origin per line, or *)").fill("https://clinic.example\nhttps://www.clinic.example");
    await widget.getByRole("button", { name: "Make the publishable key" }).click();
    const row = widget.locator("[part~=publishable-key]", { hasText: "https://www.clinic.example" });
    await row.waitFor();
    const key = (await row.locator("code").first().textContent())!.trim();
    expect(key).toMatch(/^pk_/);
    await row.getByRole("button", { name: `Revoke the publishable key ${key}` }).click();
    await row.getByRole("button", { name: "Revoke the key", exact: true }).click();
    await row.locator("[part~=badge]", { hasText: "Revoked" }).waitFor();
    const listing = (await admin.call("keys.list")).data as { publishableKeys: { key: string; revokedAt: string | null }[] };
    expect(listing.publishableKeys.find((one) => one.key === key)?.revokedAt).not.toBeNull();
    await page.context().close();
  });
});

describe("<fd-api-keys> for a staff member", () => {
  it("says politely that only owners and admins manage keys, and shows no keys", async () => {
    const eve = await office.join(owner, "Eve Staff", "eve@clinic.example", "staff");
    const page = await office.open(eve, "<fd-api-keys></fd-api-keys>");
    await keys(page).getByText("Only owners and admins manage API keys and webhooks.", { exact: false }).waitFor();
    expect(await keys(page).getByRole("heading", { name: "Secret keys" }).count()).toBe(0);
    expect(await keys(page).locator("[part~=error]").count()).toBe(0);
    // Known from the role, not asked: no attempt at the keys is audited as denied.
    const eveId = (await eve.call("accounts.me")).data.user.id as string;
    const { entries } = (await owner.call("audit.list", { actorId: eveId })).data as { entries: { outcome: string }[] };
    expect(entries.filter((entry) => entry.outcome === "denied")).toEqual([]);
    await page.context().close();
  });
});

describe("the back office's API keys section", () => {
  /** The server's own /back-office page, signed in as `who`. */
  async function backOffice(who: Person): Promise<Page> {
    const context = await office.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([...who.cookies].map(([name, value]) => ({ name, value, url: office.server.url, httpOnly: true, sameSite: "Lax" as const })));
    const page = await context.newPage();
    await page.goto(`${office.server.url}/back-office`);
    await page.getByRole("heading", { name: "Ana's Clinic", exact: true }).waitFor();
    return page;
  }

  it("shows an admin the keys and webhooks of the business", async () => {
    const page = await backOffice(admin);
    await keys(page).getByRole("heading", { name: "Secret keys" }).waitFor();
    expect(await keys(page).getAttribute("business")).toBe(owner.businessId);
    await page.context().close();
  });

  it("leaves the section out for a staff member", async () => {
    const finn = await office.join(owner, "Finn Staff", "finn@clinic.example", "staff");
    const page = await backOffice(finn);
    await page.locator("fd-team").getByText("Only owners and admins manage the team.", { exact: false }).waitFor();
    expect(await keys(page).isVisible()).toBe(false);
    await page.context().close();
  });
});

describe("docs/accounts.md", () => {
  it("its <fd-api-keys> example works as pasted, and its listeners hear a key being made and revoked", async () => {
    const example = codeBlocks("accounts.md", "html").find((block) => block.includes("<fd-api-keys>"))!;
    const context = await office.browser.newContext();
    await context.addCookies([...admin.cookies].map(([name, value]) => ({ name, value, url: office.server.url, httpOnly: true, sameSite: "Lax" as const })));
    const page = await context.newPage();
    const logged: string[] = [];
    page.on("console", (message) => logged.push(message.text()));
    // A page of the server's own origin, as the example says, with the example as its body.
    const address = `${office.server.url}/my-keys-page`;
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Keys</title></head><body>${example.replaceAll("https://frontdesk.example.com", office.server.url)}</body></html>`;
    await page.route(address, (route) => route.fulfill({ contentType: "text/html", headers: { "referrer-policy": "no-referrer" }, body }));
    await page.goto(address);

    const widget = keys(page);
    await widget.getByRole("checkbox", { name: "team:read" }).check();
    await widget.getByRole("button", { name: "Make the key" }).click();
    await widget.locator("[part~=shown-once]").waitFor();
    const made = ((await admin.call("keys.list")).data as { secretKeys: { id: string; scopes: string[] }[] }).secretKeys.find((key) => key.scopes.join() === "team:read")!;
    await expect.poll(() => logged).toContain(`key made: secret ${made.id}`);
    await widget.getByRole("button", { name: "Revoke the key Unnamed key" }).click();
    await widget.getByRole("button", { name: "Revoke the key", exact: true }).click();
    await expect.poll(() => logged).toContain(`key revoked: secret ${made.id}`);
    await context.close();
  });
});
