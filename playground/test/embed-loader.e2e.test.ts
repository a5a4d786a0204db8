import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { startPlayground } from "../server";

let server: RunningServer;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;

const script = `<script src="http://localhost:3000/embed.js" async></script>`;
const booking = `<fd-booking publishable-key="pk_demo_brightsmile"></fd-booking>`;
/** A card of the site's own: its shadow root shows whatever is put inside it (its light DOM) through a slot. */
const siteCard = `<script>
  customElements.define("site-card", class extends HTMLElement {
    constructor() { super(); this.attachShadow({ mode: "open" }).innerHTML = "<section><slot></slot></section>"; }
  });
</script>`;
/** The site's own <fd-booking-manage>, defined before embed.js loads. */
const ownManage = `<script>
  customElements.define("fd-booking-manage", class extends HTMLElement {
    connectedCallback() { this.textContent = "The site's own appointment page"; }
  });
</script>`;

beforeAll(async () => {
  server = await startServer();
  const page = (head: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
  playground = await startPlayground({
    port: 0,
    frontdeskUrl: server.url,
    publishableKey: "pk_demo_brightsmile",
    pages: {
      "/booking": page(script, booking),
      "/manage": page(script, "<fd-booking-manage></fd-booking-manage>"),
      "/empty": page(siteCard + script, "<main><site-card id=card></site-card></main>"),
      "/own-manage": page(ownManage + script, booking + "<fd-booking-manage></fd-booking-manage>"),
      // The same server under another name: the API at one origin, the script at another.
      "/api-elsewhere": page(script.replace("<script ", `<script data-api-base="${server.url.replace("127.0.0.1", "localhost")}" `), booking),
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await server?.stop();
});

interface Visit {
  page: Page;
  /** The scripts the page fetched so far (its own are inline, so these are all Frontdesk's). */
  scripts: Request[];
  /** The origins the page sent API calls to. */
  api: string[];
  errors: string[];
}

async function open(path: string): Promise<Visit> {
  const page = await browser.newPage();
  const visit: Visit = { page, scripts: [], api: [], errors: [] };
  page.on("request", (request) => request.resourceType() === "script" && visit.scripts.push(request));
  page.on("request", (request) => request.url().includes("/trpc/") && visit.api.push(new URL(request.url()).origin));
  page.on("pageerror", (error) => visit.errors.push(error.message));
  await pinClock(page, server);
  await page.goto(playground.url + path);
  return visit;
}

const paths = (visit: Visit) => visit.scripts.map((request) => new URL(request.url()).pathname).sort();
const origins = (visit: Visit) => new Set(visit.scripts.map((request) => new URL(request.url()).origin));
/** What the scripts cost on the wire, compressed as the server sent them to Chromium. */
async function bytesOnTheWire(visit: Visit): Promise<number> {
  const sizes = await Promise.all(visit.scripts.map(async (request) => (await request.sizes()).responseBodySize));
  return sizes.reduce((sum, size) => sum + size, 0);
}

describe("embed.js, the loader", () => {
  it("a page with only <fd-booking> fetches the booking code and the shared code from the script's server, and none of <fd-booking-manage>'s", async () => {
    const manage = await open("/manage");
    await manage.page.getByText("This page needs the link from your confirmation email", { exact: false }).waitFor();
    const bookingPage = await open("/booking");
    await bookingPage.page.getByRole("heading", { name: "Choose a service" }).waitFor();

    const loaded = paths(bookingPage);
    expect(origins(bookingPage)).toEqual(new Set([server.url]));
    expect(loaded[0]).toBe("/embed.js");
    expect(loaded.slice(1).every((path) => /^\/widgets\/chunks\/[\w-]+\.js$/.test(path)), loaded.join(", ")).toBe(true);
    expect(loaded.filter((path) => path.includes("booking-manage"))).toEqual([]);
    // The manage page's own module is the code it loads that the booking page does not.
    const manageOnly = paths(manage).filter((path) => !loaded.includes(path));
    expect(manageOnly).toEqual([expect.stringMatching(/^\/widgets\/chunks\/booking-manage-[\w-]+\.js$/)]);
    // The build holds the gzip total to 40 kB; Chromium gets brotli, less again.
    expect(await bytesOnTheWire(bookingPage)).toBeLessThan(40 * 1024);
    expect([...bookingPage.errors, ...manage.errors]).toEqual([]);
    await manage.page.close();
    await bookingPage.page.close();
  });

  it("a page with no Frontdesk tag fetches nothing but the loader; a tag it adds later, inside its own element's light DOM, upgrades", async () => {
    const visit = await open("/empty");
    await visit.page.waitForFunction(() => window.Frontdesk !== undefined);
    await visit.page.waitForLoadState("load");
    expect(paths(visit)).toEqual(["/embed.js"]);

    await visit.page.evaluate(() => {
      const wrapper = document.createElement("div");
      wrapper.innerHTML = `<p>Book with us</p><fd-booking publishable-key="pk_demo_brightsmile"></fd-booking>`;
      document.getElementById("card")!.append(wrapper);
    });
    await visit.page.getByRole("heading", { name: "Choose a service" }).waitFor();
    expect(paths(visit).some((path) => path.includes("booking-manage"))).toBe(false);

    // A second kind of tag, created the way frameworks do, loads its own code only now.
    await visit.page.evaluate(() => document.body.append(document.createElement("fd-booking-manage")));
    await visit.page.locator("fd-booking-manage").getByText("This page needs the link from your confirmation email", { exact: false }).waitFor();
    expect(paths(visit).filter((path) => path.includes("booking-manage"))).toEqual([expect.stringMatching(/^\/widgets\/chunks\/booking-manage-/)]);
    expect(visit.errors).toEqual([]);
    await visit.page.close();
  });

  it("loads the widgets' code from where the script came from, and sends the API calls where data-api-base says", async () => {
    const visit = await open("/api-elsewhere");
    await visit.page.getByRole("button", { name: /Consultation/ }).waitFor();
    expect(paths(visit).length).toBeGreaterThan(1);
    expect(origins(visit)).toEqual(new Set([server.url]));
    expect(visit.api.length).toBeGreaterThan(0);
    expect(new Set(visit.api)).toEqual(new Set([server.url.replace("127.0.0.1", "localhost")]));
    expect(visit.errors).toEqual([]);
    await visit.page.close();
  });

  it("leaves a tag the page defined itself alone, and does not fetch its code", async () => {
    const visit = await open("/own-manage");
    await visit.page.getByRole("heading", { name: "Choose a service" }).waitFor();
    expect(await visit.page.locator("fd-booking-manage").textContent()).toBe("The site's own appointment page");
    expect(await visit.page.locator("fd-booking-manage").evaluate((element) => element.shadowRoot)).toBeNull();
    expect(paths(visit).filter((path) => path.includes("booking-manage"))).toEqual([]);
    expect(visit.errors).toEqual([]);
    await visit.page.close();
  });
});
