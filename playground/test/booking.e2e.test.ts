import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createFrontdeskClient } from "@frontdesk/client";
import { appointments, customers, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";
import { startPlayground } from "../server";
import { launchChromium, pinClock, tabTo } from "@frontdesk/server/testing/browser";

const publishableKey = "pk_demo_brightsmile";
const shots = new URL("../../test-results/", import.meta.url).pathname;
let server: RunningServer;
let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;
let db: Db;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  playground = await startPlayground({ port: 0, frontdeskUrl: server.url, publishableKey });
  browser = await launchChromium();
  db = await openDb(server.databaseUrl);
});

afterAll(async () => {
  db?.close();
  await browser?.close();
  await playground?.close();
  await server?.stop();
});

async function openClinicSite(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await pinClock(page, server);
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.goto(playground.url);
  await page.evaluate(() => {
    document.addEventListener("fd-booking-created", (event) => ((window as unknown as { booked: unknown }).booked = (event as CustomEvent).detail));
  });
  return page;
}

describe("a customer on the clinic's website", () => {
  it("books a consultation with the keyboard alone, on a page served from another origin", async () => {
    expect(new URL(playground.url).origin).not.toBe(new URL(server.url).origin);
    const page = await openClinicSite(1024);
    await page.getByRole("button", { name: /Consultation/ }).waitFor();
    await page.screenshot({ path: `${shots}booking-1-services.png`, fullPage: true });

    await tabTo(page, (e) => e.tag === "button" && e.label.includes("Consultation"));
    await page.keyboard.press("Enter");
    await tabTo(page, (e) => e.tag === "button" && e.label.includes("Dr. Maya Patel"));
    await page.keyboard.press("Enter");

    // The first bookable day may be next month late in a month.
    await page.getByRole("grid").or(page.getByRole("button", { name: "Show next month" })).first().waitFor();
    if (await page.getByRole("button", { name: "Show next month" }).isVisible()) {
      await tabTo(page, (e) => e.label === "Show next month");
      await page.keyboard.press("Enter");
    }
    await tabTo(page, (e) => e.tag === "button" && /\d{4}/.test(e.label) && !e.disabled);
    await page.screenshot({ path: `${shots}booking-2-date.png`, fullPage: true });
    await page.keyboard.press("Enter");

    await tabTo(page, (e) => e.tag === "button" && /\d{1,2}:\d{2}/.test(e.label));
    await page.screenshot({ path: `${shots}booking-3-time.png`, fullPage: true });
    await page.keyboard.press("Enter");

    await tabTo(page, (e) => e.tag === "input" && e.label.startsWith("Name"));
    await page.keyboard.type("Grace Hopper");
    await tabTo(page, (e) => e.tag === "input" && e.label.startsWith("Email"));
    await page.keyboard.type("grace@example.com");
    await tabTo(page, (e) => e.tag === "input" && e.label.startsWith("Phone"));
    await page.keyboard.type("+1 212 555 0199");
    await page.screenshot({ path: `${shots}booking-4-details.png`, fullPage: true });
    await tabTo(page, (e) => e.tag === "button" && e.label === "Book");
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "You're booked" }).waitFor();
    await page.screenshot({ path: `${shots}booking-5-confirmed.png`, fullPage: true });

    const booked = await page.waitForFunction(() => (window as unknown as { booked?: unknown }).booked).then((h) => h.jsonValue());
    expect(booked).toMatchObject({ appointmentId: expect.stringMatching(/^apt_/), serviceId: "svc_consult", staffId: "stf_patel" });
    const { appointmentId, start } = booked as { appointmentId: string; start: string };

    const [row] = await rowsOf(db, appointments, { id: appointmentId });
    const [customer] = await rowsOf(db, customers, { id: row!.customerId! });
    expect({ status: row!.status, startAt: row!.startAt, email: customer!.email }).toEqual({ status: "confirmed", startAt: Date.parse(start), email: "grace@example.com" });

    const day = start.slice(0, 10);
    const api = createFrontdeskClient({ baseUrl: server.url, publishableKey });
    const { slots } = await api.availability({ serviceId: "svc_consult", staffId: "stf_patel", from: day, to: day });
    expect(slots.some((slot) => slot.start === start)).toBe(false);
    await page.close();
  });

  it("can be used at 320 px wide without horizontal scrolling", async () => {
    const page = await openClinicSite(320);
    await page.getByRole("button", { name: /Consultation/ }).click();
    await page.getByRole("button", { name: /Any available/ }).click();
    await page.getByRole("grid").waitFor();
    const widget = page.locator("fd-booking");
    const box = (await widget.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(320);
    const overflow = await widget.evaluate((host) => {
      const root = host.shadowRoot!;
      return [...root.querySelectorAll("*")].some((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "auto");
    });
    expect(overflow).toBe(false);
    await page.screenshot({ path: `${shots}booking-320-date.png`, fullPage: true });
    await page.close();
  });

  it("ignores the host page's hostile global CSS", async () => {
    const page = await openClinicSite(1024);
    const button = page.getByRole("button", { name: /Consultation/ });
    await button.waitFor();
    const style = await button.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, transform: s.textTransform, font: s.fontFamily };
    });
    expect(style.background).not.toBe("rgb(255, 105, 180)");
    expect(style.transform).toBe("none");
    expect(style.font).not.toMatch(/Comic/);
    await page.close();
  });
});
