import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createFrontdeskAdminClient, createFrontdeskClient } from "@frontdesk/client";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { startPlayground } from "../server";

const [snippet, moduleSnippet, preselected, listener, theme, popup, openFromScript, prefill, language, arabic, manageSnippet, manageListener] = codeBlocks(
  "embedding.md",
  "html",
);
let server: RunningServer;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;

/** The snippet's script tag alone, for the examples that show only the element. */
const scriptTag = () => snippet!.split("\n")[0]!;

beforeAll(async () => {
  server = await startServer();
  const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  playground = await startPlayground({
    port: 0,
    frontdeskUrl: server.url,
    publishableKey: "pk_demo_brightsmile",
    secretKey: () => server.demoSecretKey,
    pages: {
      "/snippet": page(snippet!),
      "/twice": page(snippet! + snippet!),
      "/preselected": page(snippet!.split("\n")[0] + preselected! + listener!),
      "/themed": page(theme! + snippet!),
      "/module": page(moduleSnippet!),
      "/popup": page(scriptTag() + popup!),
      "/open": page(scriptTag() + openFromScript!),
      "/prefill": page(scriptTag() + prefill!),
      "/language": page(scriptTag() + language!),
      "/arabic": page(scriptTag() + arabic!),
      "/manage": page(manageSnippet! + manageListener!),
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await server?.stop();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await pinClock(page, server);
  await page.goto(playground.url + path);
  return page;
}

describe("docs/embedding.md, pasted into a page", () => {
  it("the snippet shows the booking form and adds no globals but Frontdesk and Lit's version registries", async () => {
    const page = await open("/snippet");
    await page.getByRole("heading", { name: "Choose a service" }).waitFor();
    const globals = await page.evaluate(() => {
      const fresh = document.createElement("iframe");
      document.body.append(fresh);
      const known = new Set([...Object.getOwnPropertyNames(fresh.contentWindow), "0"]);
      return Object.getOwnPropertyNames(window).filter((name) => !known.has(name));
    });
    // Lit records its versions on the window so that several copies on one page can be detected.
    const litRegistries = ["litPropertyMetadata", "reactiveElementVersions", "litHtmlVersions", "litElementVersions"];
    expect(globals.filter((name) => !litRegistries.includes(name))).toEqual(["Frontdesk"]);
    await page.close();
  });

  it("the snippet pasted twice registers the element once and still works", async () => {
    const page = await open("/twice");
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.getByRole("heading", { name: "Choose a service" }).first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the ES module loads the same widget, talking to the server it came from", async () => {
    const page = await open("/module");
    await page.getByRole("button", { name: /Consultation/ }).waitFor();
    expect(await page.evaluate(() => window.Frontdesk?.apiBase)).toBe(server.url);
    await page.close();
  });

  it("preselects the service and staff member, and the listener sees the booking", async () => {
    const page = await open("/preselected");
    const logged = new Promise<string>((resolve) => page.on("console", (m) => m.text().startsWith("Booked") && resolve(m.text())));
    await page.getByRole("heading", { name: "Choose a date" }).waitFor();
    await page.locator("fd-booking").getByRole("button", { name: /\d{4}$/, disabled: false }).first().waitFor();
    const day = page.locator("fd-booking [part~=day-available]").first();
    await day.click();
    await page.locator("fd-booking [part~=time]").first().click();
    await page.getByLabel("Name").fill("Alan Turing");
    await page.getByLabel("Email").fill("alan@example.com");
    await page.getByRole("button", { name: "Book" }).click();
    expect(await logged).toMatch(/^Booked apt_\S+ from \S+Z to \S+Z svc_consult stf_patel$/);
    await page.close();
  });

  it("the theming example changes the accent colour and the main button", async () => {
    const page = await open("/themed");
    await page.getByRole("button", { name: /Consultation/ }).click();
    await page.getByRole("button", { name: /Dr. Maya Patel/ }).click();
    await page.locator("fd-booking [part~=day-available]").first().click();
    await page.locator("fd-booking [part~=time]").first().click();
    const book = page.getByRole("button", { name: "Book" });
    const style = await book.evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, transform: getComputedStyle(el).textTransform }));
    expect(style).toEqual({ background: "rgb(15, 118, 110)", transform: "uppercase" });
    await page.close();
  });

  it("the popup example opens the form in a dialog from its button", async () => {
    const page = await open("/popup");
    await page.getByRole("button", { name: "Book a visit" }).click();
    await page.getByRole("dialog").getByRole("heading", { name: "Choose a service" }).waitFor();
    await page.close();
  });

  it("the open() example opens the floating widget's dialog from the page's own button", async () => {
    const page = await open("/open");
    await page.getByRole("button", { name: "Book an appointment" }).waitFor();
    await page.getByRole("button", { name: "Book now" }).click();
    await page.getByRole("dialog").getByRole("heading", { name: "Choose a service" }).waitFor();
    await page.close();
  });

  it("the prefill example fills in the customer's details", async () => {
    const page = await open("/prefill");
    await page.getByRole("button", { name: /Consultation/ }).click();
    await page.getByRole("button", { name: "Any available" }).click();
    await page.locator("fd-booking [part~=day-available]").first().click();
    await page.locator("fd-booking [part~=time]").first().click();
    expect(await page.getByLabel("Name").inputValue()).toBe("Ada Lovelace");
    expect(await page.getByLabel("Email").inputValue()).toBe("ada@example.com");
    await page.close();
  });

  it("the language example shows the widget in Spanish", async () => {
    const page = await open("/language");
    await page.getByRole("heading", { name: "Elige un servicio" }).waitFor();
    await page.close();
  });

  it("the Arabic example shows the widget in Arabic, right to left", async () => {
    const page = await open("/arabic");
    await page.getByRole("heading", { name: "اختر خدمة" }).waitFor();
    expect(await page.locator("fd-booking .fd-root").getAttribute("dir")).toBe("rtl");
    await page.close();
  });

  it("the manage example shows the customer's appointment from the link's token, and the listener sees a cancellation", async () => {
    const client = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" });
    const from = new Date(server.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(server.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await client.availability({ serviceId: "svc_consult", from, to });
    const email = "docs.manage@example.com";
    const booked = await client.createBooking({ serviceId: "svc_consult", start: slots[0]!.start, customer: { name: "Docs Reader", email } });
    let token: string | undefined;
    await expect
      .poll(async () => (token = /[?&]token=([^\s&"<>]+)/.exec((await createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey }).sandbox.outbox.query()).find((message) => message.recipient === email)?.text ?? "")?.[1]))
      .toBeTruthy();

    const page = await open(`/manage?token=${token}`);
    const logged = new Promise<string>((resolve) => page.on("console", (m) => m.text().startsWith("Cancelled") && resolve(m.text())));
    await page.getByRole("button", { name: "Cancel appointment" }).click();
    await page.getByRole("heading", { name: "Cancel this appointment?" }).waitFor();
    await page.locator("fd-booking-manage").getByRole("button", { name: "Cancel appointment" }).click();
    expect(await logged).toBe(`Cancelled ${booked.id}`);
    await page.close();
  });
});

describe("the demo site's outbox and manage pages", () => {
  it("lists the confirmation in the sandbox outbox, read by the site's own server, whose manage link opens the appointment on the site", async () => {
    const client = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" });
    const from = new Date(server.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(server.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await client.availability({ serviceId: "svc_checkup", from, to });
    const email = "outbox.reader@example.com";
    await client.createBooking({ serviceId: "svc_checkup", start: slots[0]!.start, customer: { name: "Olive Outbox", email } });

    const page = await open("/outbox.html");
    const authorised: string[] = [];
    page.on("request", (request) => request.headers().authorization && authorised.push(request.url()));
    const message = page.locator("article").filter({ hasText: email }).first();
    await expect.poll(async () => (await page.getByRole("button", { name: "Refresh" }).click(), await message.count())).toBeGreaterThan(0);
    await message.getByRole("link", { name: "open on this site" }).click();
    await page.waitForURL(/\/manage\.html\?token=/);
    await page.locator("fd-booking-manage").getByText("Check-up & cleaning").waitFor();
    await page.getByRole("button", { name: "Reschedule" }).waitFor();
    // The site's own server reads the outbox with the secret key; the browser never holds it.
    expect(authorised).toEqual([]);
    expect(await page.content()).not.toContain("sk_");
    await page.close();
  });
});
