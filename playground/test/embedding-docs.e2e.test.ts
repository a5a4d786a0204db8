import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "@frontdesk/server/testing/browser";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { startPlayground } from "../server";

const [snippet, moduleSnippet, preselected, listener, theme] = codeBlocks("embedding.md", "html");
let server: RunningServer;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  playground = await startPlayground({
    port: 0,
    frontdeskUrl: server.url,
    publishableKey: "pk_demo_brightsmile",
    pages: {
      "/snippet": page(snippet!),
      "/twice": page(snippet! + snippet!),
      "/preselected": page(snippet!.split("\n")[0] + preselected! + listener!),
      "/themed": page(theme! + snippet!),
      "/module": page(moduleSnippet!),
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
});
