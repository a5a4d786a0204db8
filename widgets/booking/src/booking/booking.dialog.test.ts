import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { focused, tabTo } from "@frontdesk/server/testing/browser";
import { startWidgetHost, type OpenOptions, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let widgets: WidgetHost;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking publishable-key="pk_demo_brightsmile" ${query.get("attributes") ?? ""}></fd-booking>`,
    timezoneId: "Europe/Berlin",
  });
});

afterAll(async () => {
  await widgets?.stop();
});

function open(attributes = "", width = 720, options: Omit<OpenOptions, "width"> = {}): Promise<Page> {
  return widgets.open({ attributes }, { width, ...options });
}

/** The flow up to the details step, for a preselected service. */
async function toDetails(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Any available" }).click();
  const day = page.locator("fd-booking [part~=day-available]").first();
  await day.click();
  await page.getByRole("heading", { name: "Choose a time" }).waitFor();
  await page.locator("fd-booking").locator(".time").first().click();
  await page.getByRole("heading", { name: "Your details" }).waitFor();
}

const dialogOpen = (page: Page) => page.locator("fd-booking").locator("dialog").evaluate((dialog) => (dialog as HTMLDialogElement).open);

function recordEvents(page: Page, ...names: string[]): Promise<void> {
  return page.evaluate((names) => {
    const log: string[] = ((window as { fdEvents?: string[] }).fdEvents = []);
    for (const name of names) document.addEventListener(name, () => log.push(name));
  }, names);
}

const recordedEvents = (page: Page) => page.evaluate(() => (window as { fdEvents?: string[] }).fdEvents ?? []);

describe("<fd-booking> in popup and floating modes", () => {
  it("popup: a button opens the flow in a modal dialog; Esc closes it and focus returns to the button", async () => {
    const page = await open('mode="popup"');
    await recordEvents(page, "fd-booking-opened", "fd-booking-closed");
    const trigger = page.getByRole("button", { name: "Book an appointment" });
    await trigger.waitFor();
    expect(await dialogOpen(page)).toBe(false);

    await tabTo(page, (element) => element.label === "Book an appointment");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: /BrightSmile/ }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: "h2" });
    await page.getByRole("heading", { name: "Choose a service" }).waitFor();

    await page.keyboard.press("Escape");
    await expect.poll(() => dialogOpen(page)).toBe(false);
    expect(await focused(page)).toMatchObject({ tag: "button", label: "Book an appointment" });
    expect(await recordedEvents(page)).toEqual(["fd-booking-opened", "fd-booking-closed"]);
    await page.context().close();
  });

  it("popup: the Close button closes the dialog, and button-label names the trigger", async () => {
    const page = await open('mode="popup" button-label="Book a check-up"');
    await page.getByRole("button", { name: "Book a check-up" }).click();
    await page.getByRole("button", { name: "Check-up & cleaning" }).waitFor();
    await page.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialogOpen(page)).toBe(false);
    expect(await focused(page)).toMatchObject({ label: "Book a check-up" });
    await page.context().close();
  });

  it("open() and close() work from script", async () => {
    const page = await open('mode="popup"');
    await page.getByRole("button", { name: "Book an appointment" }).waitFor();
    await page.evaluate(() => document.querySelector("fd-booking")!.open());
    await expect.poll(() => dialogOpen(page)).toBe(true);
    await page.evaluate(() => document.querySelector("fd-booking")!.close());
    await expect.poll(() => dialogOpen(page)).toBe(false);
    await page.context().close();
  });

  it("floating: a round button sits in the bottom-right corner and opens a full-screen dialog at 320 px", async () => {
    const page = await open('mode="floating"', 320);
    const trigger = page.getByRole("button", { name: "Book an appointment" });
    await trigger.waitFor();
    const box = (await trigger.boundingBox())!;
    expect(box.width).toBe(box.height);
    expect(320 - (box.x + box.width)).toBeLessThanOrEqual(24);
    expect(900 - (box.y + box.height)).toBeLessThanOrEqual(24);

    await trigger.focus();
    await page.keyboard.press("Space");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 320, height: 900 });
    await page.getByRole("button", { name: "Check-up & cleaning" }).click();
    await page.getByRole("button", { name: "Any available" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    await page.keyboard.press("Escape");
    await expect.poll(() => dialogOpen(page)).toBe(false);
    expect(await focused(page)).toMatchObject({ tag: "button", label: "Book an appointment" });
    await page.context().close();
  });

  it("closing the dialog on the details step releases the held time", async () => {
    const page = await open('mode="popup" service="svc_consult"');
    await page.getByRole("button", { name: "Book an appointment" }).click();
    const held = page.waitForResponse("**/trpc/booking.hold**");
    await toDetails(page);
    const { holdId } = (await (await held).json()).result.data as { holdId: string };
    const released = page.waitForRequest("**/trpc/booking.releaseHold**");
    await page.keyboard.press("Escape");
    expect((await released).postDataJSON()).toEqual({ holdId });
    await page.context().close();
  });
});


/** A button of the host page's own that opens the booking dialog, as in docs/embedding.md. */
async function addHostButton(page: Page): Promise<void> {
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Book now";
    button.addEventListener("click", () => document.querySelector("fd-booking")!.open());
    document.body.append(button);
  });
}

/** Lets a wheel or key press reach the page and any scrolling it starts show in the next frames. */
const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));

describe("<fd-booking> dialog on the host page", () => {
  it("gives focus back to the page's own button that opened it, on Esc and on Close", async () => {
    const page = await open('mode="floating"');
    await page.getByRole("button", { name: "Book an appointment" }).waitFor();
    await addHostButton(page);

    await page.getByRole("button", { name: "Book now" }).click();
    await page.getByRole("dialog").getByRole("heading", { name: "Choose a service" }).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialogOpen(page)).toBe(false);
    expect(await focused(page)).toMatchObject({ tag: "button", label: "Book now" });

    await page.getByRole("button", { name: "Book now" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialogOpen(page)).toBe(false);
    expect(await focused(page)).toMatchObject({ tag: "button", label: "Book now" });
    await page.context().close();
  });

  it("keeps the page behind still under the wheel and the keyboard while open, and where it was after close", async () => {
    const page = await open('mode="floating"', 720, { head: "<style>main { min-height: 4000px; }</style>" });
    const trigger = page.getByRole("button", { name: "Book an appointment" });
    await trigger.waitFor();
    const scrolled = () => page.evaluate(() => window.scrollY);
    // The page does scroll under this wheel while the dialog is closed.
    await page.mouse.move(200, 200);
    await page.mouse.wheel(0, 600);
    await expect.poll(scrolled).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 600));
    await expect.poll(scrolled).toBe(600);

    await trigger.click();
    await page.getByRole("dialog").getByRole("button", { name: "Consultation" }).waitFor();
    await page.mouse.move(8, 450); // the backdrop, left of the dialog
    await page.mouse.wheel(0, 800);
    await page.mouse.move(360, 450); // the dialog
    await page.mouse.wheel(0, 800);
    for (const key of ["PageDown", "End", "Space", "ArrowDown"]) await page.keyboard.press(key);
    await settled(page);
    expect(await scrolled()).toBe(600);

    await page.keyboard.press("Escape");
    await expect.poll(() => dialogOpen(page)).toBe(false);
    expect(await scrolled()).toBe(600);
    await page.mouse.wheel(0, 100);
    await expect.poll(scrolled).toBeGreaterThan(600);
    await page.context().close();
  });

  it("leaves the page's own root styles exactly as they were after close", async () => {
    for (const htmlAttributes of ['lang="en"', 'lang="en" style="overflow: auto; color: rgb(1, 2, 3)"']) {
      const page = await open('mode="popup"', 720, { htmlAttributes });
      const root = () => page.evaluate(() => document.documentElement.getAttribute("style"));
      const before = await root();
      await page.getByRole("button", { name: "Book an appointment" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Consultation" }).waitFor();
      await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
      await expect.poll(() => dialogOpen(page)).toBe(false);
      expect(await root()).toBe(before);
      await page.context().close();
    }
  });
});

describe("<fd-booking> dialog in both directions, on a phone and on a desktop", () => {
  const shots = new URL("../../../../test-results/", import.meta.url).pathname;
  beforeAll(() => void mkdirSync(shots, { recursive: true }));

  for (const [language, attributes, htmlAttributes] of [
    ["English", "", 'lang="en"'],
    ["Arabic", 'locale="ar"', 'lang="ar" dir="rtl"'],
  ] as const) {
    for (const width of [375, 1280]) {
      it(`${language} at ${width} px: the floating button sits in the corner after the text, and the dialog opens over the page`, async () => {
        const page = await open(`mode="floating" ${attributes}`, width, { htmlAttributes });
        const trigger = page.locator("fd-booking [part~=trigger]");
        await trigger.waitFor();
        // Arabic text arrives from the server after the first paint, and with it the direction.
        const gaps = async () => {
          const box = (await trigger.boundingBox())!;
          return { side: language === "Arabic" ? box.x : width - (box.x + box.width), bottom: 900 - (box.y + box.height) };
        };
        await expect.poll(async () => (await gaps()).side).toBeLessThanOrEqual(24);
        expect((await gaps()).bottom).toBeLessThanOrEqual(24);
        await page.screenshot({ path: `${shots}booking-floating-${language.toLowerCase()}-${width}.png` });

        await trigger.click();
        await page.locator("fd-booking [part~=service]").first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: `${shots}booking-floating-open-${language.toLowerCase()}-${width}.png` });
        await page.context().close();
      });

      it(`${language} at ${width} px: the popup button opens the dialog, its Close button in the header's far corner`, async () => {
        const page = await open(`mode="popup" ${attributes}`, width, { htmlAttributes });
        const trigger = page.locator("fd-booking [part~=trigger]");
        await page.locator(`fd-booking .fd-root[dir=${language === "Arabic" ? "rtl" : "ltr"}]`).first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: `${shots}booking-popup-${language.toLowerCase()}-${width}.png` });

        await trigger.click();
        await page.locator("fd-booking [part~=service]").first().waitFor();
        const dialog = (await page.locator("fd-booking [part~=dialog]").boundingBox())!;
        const close = (await page.locator("fd-booking [part~=close]").boundingBox())!;
        const inset = language === "Arabic" ? close.x - dialog.x : dialog.x + dialog.width - (close.x + close.width);
        expect(inset).toBeLessThanOrEqual(16);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: `${shots}booking-popup-open-${language.toLowerCase()}-${width}.png` });
        await page.context().close();
      });
    }
  }
});
