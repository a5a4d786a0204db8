import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { appointments, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { startPlayground } from "../server";

const shots = new URL("../../test-results/", import.meta.url).pathname;
let server: RunningServer;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;
let db: Db;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  playground = await startPlayground({ port: 0, frontdeskUrl: server.url, publishableKey: "pk_demo_brightsmile" });
  browser = await launchChromium();
  db = await openDb(server.databaseUrl);
});

afterAll(async () => {
  db?.close();
  await browser?.close();
  await playground?.close();
  await server?.stop();
});

async function openApp(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await pinClock(page, server);
  await page.goto(playground.url + path);
  return { page, errors };
}

describe.each([
  { framework: "React", path: "/react/" },
  { framework: "Vue", path: "/vue/" },
])("the clinic's $framework page", ({ framework, path }) => {
  it(`books through <fd-booking>, and the ${framework} code gets fd-booking-created with its detail`, async () => {
    const { page, errors } = await openApp(path);
    // The page preselects the consultation, so the widget opens on the staff step; the app drew the heading around it.
    await page.getByRole("heading", { name: "Book a consultation" }).waitFor();
    await page.getByRole("button", { name: "Any available" }).click();
    expect(await seriousViolations(page)).toEqual([]);

    const day = page.locator("fd-booking").getByRole("button", { name: /\d{4}$/, disabled: false }).first();
    await day.click();
    await page.locator("fd-booking").getByRole("button", { name: /\d:\d\d/ }).first().click();
    await page.getByLabel("Name").fill("Grace Hopper");
    await page.getByLabel("Email").fill("grace@example.com");
    await page.getByRole("button", { name: "Book" }).click();
    await page.getByRole("heading", { name: "You're booked" }).waitFor();

    // The app's own status line, drawn by React or Vue from the event's detail.
    const status = page.locator("#app-booking");
    await expect.poll(() => status.textContent()).toMatch(new RegExp(`^\\s*${framework} received booking apt_\\w+ \\(confirmed\\), starting \\S+Z\\.\\s*$`));
    const text = (await status.textContent()) ?? "";
    const appointmentId = /apt_\w+/.exec(text)![0];
    const start = /starting (\S+Z)\./.exec(text)![1]!;
    const [row] = await rowsOf(db, appointments, { id: appointmentId });
    expect(row).toMatchObject({ serviceId: "svc_consult", startAt: Date.parse(start) });

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}${framework.toLowerCase()}-booked.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the elements' description, served beside the widgets", () => {
  it("is at /widgets/custom-elements.json, with the editor data and the framework types", async () => {
    const manifest = (await (await fetch(`${server.url}/widgets/custom-elements.json`)).json()) as { modules: { declarations?: { tagName?: string }[] }[] };
    const tags = manifest.modules.flatMap((module) => module.declarations ?? []).flatMap((declaration) => (declaration.tagName ? [declaration.tagName] : []));
    expect(tags.sort()).toEqual(["fd-account", "fd-agents", "fd-api-keys", "fd-approvals", "fd-back-office", "fd-booking", "fd-booking-manage", "fd-business-setup", "fd-calendar-connections", "fd-call-detail", "fd-call-log", "fd-phone-numbers", "fd-provider", "fd-sign-in", "fd-team"]);
    const files = {
      "vscode.html-custom-data.json": '"name": "fd-booking-manage"',
      "vscode.css-custom-data.json": '"name": "::part(button-danger)"',
      "web-types.json": '"name": "fd-booking-manage"',
      "types/react.d.ts": '"fd-booking-manage": ElementProps<',
      "types/vue.d.ts": '"fd-booking-manage": VueElement<',
      "types/svelte.d.ts": '"fd-booking-manage": HTMLAttributes<',
    };
    for (const [file, line] of Object.entries(files)) {
      const response = await fetch(`${server.url}/widgets/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get("access-control-allow-origin"), file).toBe("*");
      expect(response.headers.get("content-type"), file).toMatch(file.endsWith(".d.ts") ? /^text\/plain/ : /^application\/json/);
      expect(await response.text(), file).toContain(line);
    }
  });
});
