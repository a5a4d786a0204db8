import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { codeBlocks } from "@frontdesk/server/testing/docs";
import { startPlayground } from "../server";

const providerExample = codeBlocks("embedding.md", "html").find((block) => block.includes("<fd-provider"));
let server: RunningServer;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  const page = (body: string) => `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Clínica</title></head><body><main>${body}</main></body></html>`;
  playground = await startPlayground({
    port: 0,
    frontdeskUrl: server.url,
    publishableKey: "pk_demo_brightsmile",
    secretKey: () => server.demoSecretKey,
    pages: { "/provider": page(providerExample!) },
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

const inline = (page: Page) => page.locator("fd-booking:not([mode])");
const floating = (page: Page) => page.locator("fd-booking[mode=floating]");
const surface = (page: Page, widget: typeof inline) => widget(page).locator("[part~=base]").evaluate((element) => getComputedStyle(element).backgroundColor);
const [dark, light] = ["rgb(23, 28, 39)", "rgb(255, 255, 255)"];

describe("docs/embedding.md's <fd-provider> example, pasted into a page", () => {
  it("gives both widgets the provider's key, language and theme, and the floating one keeps its own light theme", async () => {
    const page = await open("/provider");
    await inline(page).getByRole("heading", { name: "Elige con quién quieres la cita" }).waitFor();
    expect(await surface(page, inline)).toBe(dark);
    expect(await seriousViolations(page)).toEqual([]);

    await floating(page).locator("[part~=trigger]").click();
    await page.getByRole("dialog").getByRole("heading", { name: "Elige un servicio" }).waitFor();
    expect(await surface(page, floating)).toBe(light);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("changes the theme of the widgets without one of their own when the provider's changes", async () => {
    const page = await open("/provider");
    await inline(page).getByRole("heading", { name: "Elige con quién quieres la cita" }).waitFor();
    await page.evaluate(() => document.querySelector("fd-provider")!.setAttribute("theme", "light"));
    await expect.poll(() => surface(page, inline)).toBe(light);
    await page.evaluate(() => document.querySelector("fd-provider")!.setAttribute("theme", "dark"));
    await expect.poll(() => surface(page, inline)).toBe(dark);
    expect(await floating(page).getAttribute("theme")).toBe("light");
    await page.close();
  });

  it("lets a widget's own publishable-key win over the provider's", async () => {
    const page = await open("/provider");
    await inline(page).getByRole("heading", { name: "Elige con quién quieres la cita" }).waitFor();
    await page.evaluate(() => document.querySelector("fd-booking:not([mode])")!.setAttribute("publishable-key", "pk_nobody"));
    await inline(page).locator("[part~=error]").waitFor();
    await page.close();
  });
});
