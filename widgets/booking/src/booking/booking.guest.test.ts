import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { tabTo } from "@frontdesk/server/testing/browser";
import { startWidgetHost, type OpenOptions, type WidgetHost } from "@frontdesk/server/testing/widget-host";
import { contrast, type Rgba } from "../../../../packages/ui/src/theme";

const shots = new URL("../../../../test-results/", import.meta.url).pathname;
let widgets: WidgetHost;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking publishable-key="pk_demo_brightsmile" ${query.get("attributes") ?? ""}></fd-booking>`,
    timezoneId: "Europe/Berlin",
  });
});

afterAll(async () => {
  await widgets?.stop();
});

function open(attributes: string, options: OpenOptions = {}): Promise<Page> {
  return widgets.open({ attributes }, options);
}

const theme = (css: string) => `<style>${css}</style>`;
/** Starts on the date step. (The service and staff buttons' accessible names are not part of these checks.) */
const preset = 'service="svc_consult" staff="stf_patel"';
const widget = (page: Page) => page.locator("fd-booking");
const defaultPrimary = "rgb(40, 86, 199)";

function rgba(colour: string): Rgba {
  const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  return { r, g, b, a };
}

async function styleOf(locator: Locator, ...properties: string[]): Promise<Record<string, string>> {
  return locator.evaluate((element, names) => {
    const style = getComputedStyle(element);
    return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
  }, properties);
}

/** The computed style of whatever has keyboard focus, looking through shadow roots. */
function focusedStyle(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const style = getComputedStyle(element!);
    return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
  });
}

/** The first bookable day, after choosing a consultation with anyone when the page did not preset them. */
async function toDate(page: Page): Promise<Locator> {
  const service = widget(page).locator("[part~=service]").filter({ hasText: "Consultation" });
  const day0 = widget(page).locator("[part~=day-available]").first();
  await Promise.race([service.waitFor(), day0.waitFor()]);
  if (await service.count()) {
    await service.click();
    await widget(page).locator("[part~=staff]").first().click();
  }
  const day = widget(page).locator("[part~=day-available]").first();
  await day.waitFor();
  return day;
}

async function toDetails(page: Page): Promise<void> {
  await (await toDate(page)).click();
  await widget(page).locator("[part~=time]").first().click();
  await widget(page).locator("form").waitFor();
}

describe("<fd-booking> themed by the host page", () => {
  it("keeps the Book button and the bookable days in the default accent when the page leaves --fd-color-primary empty", async () => {
    const page = await open(preset, { head: theme(":root { --fd-color-primary: ; }") });
    const day = await toDate(page);
    expect(await styleOf(day, "color")).toEqual({ color: defaultPrimary });
    expect(rgba((await styleOf(day, "background-color"))["background-color"]!).a).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await day.click();
    await widget(page).locator("[part~=time]").first().click();
    const book = widget(page).locator("[part~=button-primary]");
    expect(await styleOf(book, "background-color", "color")).toEqual({ "background-color": defaultPrimary, color: "rgb(255, 255, 255)" });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("shows the popup trigger and the floating button in the default accent when the page leaves --fd-color-primary empty", async () => {
    for (const mode of ["popup", "floating"]) {
      const page = await open(`mode="${mode}"`, { head: theme(":root { --fd-color-primary: ; --fd-color-primary-contrast: ; }") });
      const trigger = widget(page).locator("[part~=trigger]");
      await trigger.waitFor();
      expect(await styleOf(trigger, "background-color", "color")).toEqual({ "background-color": defaultPrimary, color: "rgb(255, 255, 255)" });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it("falls back to the defaults for values that are not a colour, a length or a font", async () => {
    const head = theme(":root { --fd-color-primary: blue-ish; --fd-color-surface: 12px; --fd-radius: 8; --fd-space: ; --fd-font-size: big; --fd-font-family: ; }");
    const page = await open(`mode="popup" ${preset}`, { head });
    const trigger = widget(page).locator("[part~=trigger]");
    await trigger.waitFor();
    expect(await styleOf(trigger, "background-color", "border-top-left-radius", "font-size", "column-gap")).toEqual({
      "background-color": defaultPrimary,
      "border-top-left-radius": "8px",
      "font-size": "16px",
      "column-gap": "8px",
    });
    expect((await styleOf(trigger, "font-family"))["font-family"]).toContain("system-ui");
    await trigger.click();
    expect(await styleOf(widget(page).locator("dialog"), "background-color")).toEqual({ "background-color": "rgb(255, 255, 255)" });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("keeps a visible focus ring when the page empties or removes --fd-focus-ring", async () => {
    for (const ring of ["", "none", "0px solid red"]) {
      const page = await open(preset, { head: theme(`:root { --fd-focus-ring: ${ring}; }`) });
      await widget(page).locator("[part~=day-available]").first().waitFor();
      await tabTo(page, (element) => element.tag === "button");
      expect(await focusedStyle(page)).toEqual({ style: "solid", width: "2px", color: defaultPrimary });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it("keeps the Book button, the bookable days and the focus ring visible when the accent is the surface's colour", async () => {
    const page = await open(preset, { head: theme(":root { --fd-color-primary: #ffffff; }") });
    const surface = rgba("rgb(255, 255, 255)");
    const day = await toDate(page);
    expect(contrast(rgba((await styleOf(day, "color")).color!), surface)).toBeGreaterThanOrEqual(4.5);
    await day.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    const ring = await focusedStyle(page);
    expect(ring.style).toBe("solid");
    expect(contrast(rgba(ring.color!), surface)).toBeGreaterThanOrEqual(3);
    expect(await seriousViolations(page)).toEqual([]);

    await day.click();
    await widget(page).locator("[part~=time]").first().click();
    const book = widget(page).locator("[part~=button-primary]");
    const style = await styleOf(book, "background-color", "color", "border-top-color", "border-top-width");
    expect(contrast(rgba(style["border-top-color"]!), surface)).toBeGreaterThanOrEqual(3);
    expect(style["border-top-width"]).toBe("1px");
    expect(contrast(rgba(style.color!), rgba(style["background-color"]!))).toBeGreaterThanOrEqual(4.5);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe("<fd-booking> language and direction", () => {
  const root = (page: Page) => widget(page).locator(".fd-root").first();
  const langAndDir = async (page: Page) => ({ lang: await root(page).getAttribute("lang"), dir: await root(page).getAttribute("dir") });

  it("marks its Spanish text as Spanish on an English page", async () => {
    const page = await open(`locale="es" ${preset}`);
    await page.getByRole("heading", { name: "Elige una fecha" }).waitFor();
    expect(await langAndDir(page)).toEqual({ lang: "es", dir: "ltr" });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("marks its English text as English on a German page", async () => {
    const page = await open(preset, { htmlAttributes: 'lang="de"' });
    await page.getByRole("heading", { name: "Choose a date" }).waitFor();
    expect(await langAndDir(page)).toEqual({ lang: "en-US", dir: "ltr" });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("marks dates as German when the text is English and the locale German", async () => {
    const page = await open(`locale="de" ${preset}`);
    await toDate(page);
    expect(await langAndDir(page)).toEqual({ lang: "en", dir: "ltr" });
    expect(await widget(page).locator("fd-calendar").locator("table").getAttribute("lang")).toBe("de");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("reads left to right on a right-to-left page in English: services and times keep their order", async () => {
    const page = await open("", { htmlAttributes: 'dir="rtl" lang="ar"' });
    const meta = widget(page).locator("[part~=service]").filter({ hasText: "Consultation" }).locator(".option-meta bdi");
    await meta.first().waitFor();
    expect(await langAndDir(page)).toEqual({ lang: "en-US", dir: "ltr" });
    expect(await meta.allTextContents()).toEqual(["30 min", "$60.00"]);
    const [duration, price] = [(await meta.nth(0).boundingBox())!, (await meta.nth(1).boundingBox())!];
    expect(duration.x + duration.width).toBeLessThan(price.x);

    await toDetails(page);
    const range = widget(page).locator(".summary .when").nth(1).locator("bdi").first();
    expect(await range.textContent()).toMatch(/^\d+:\d\d\s[AP]M – \d+:\d\d\s[AP]M$/);
    expect(await range.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");
    await page.screenshot({ path: `${shots}booking-rtl-page-english.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("speaks Arabic right to left with locale=\"ar\", arrows pointing the way it reads", async () => {
    const page = await open('locale="ar"', { htmlAttributes: 'dir="rtl" lang="ar"' });
    await page.getByRole("heading", { name: "اختر خدمة" }).waitFor();
    expect(await langAndDir(page)).toEqual({ lang: "ar", dir: "rtl" });
    const chevron = widget(page).locator("[part~=service] .icon").first();
    expect((await styleOf(chevron, "transform")).transform).toBe("matrix(-1, 0, 0, 1, 0, 0)");

    const day = await toDate(page);
    expect((await styleOf(widget(page).locator("[part~=nav] svg").first(), "transform")).transform).toBe("matrix(-1, 0, 0, 1, 0, 0)");
    expect(await seriousViolations(page)).toEqual([]);
    const [previous, next] = [page.getByRole("button", { name: "الشهر السابق" }), page.getByRole("button", { name: "الشهر التالي" })];
    expect((await previous.boundingBox())!.x).toBeGreaterThan((await next.boundingBox())!.x);
    const date = await day.getAttribute("data-date");
    await day.focus();
    await page.keyboard.press("ArrowLeft");
    const after = await page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return (element as HTMLElement).dataset.date;
    });
    expect(Date.parse(after!) - Date.parse(date!)).toBe(86_400_000);
    await page.screenshot({ path: `${shots}booking-arabic.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe("<fd-booking> at 320 px", () => {
  for (const [language, attributes, zone] of [["English", "", "Central European Time"], ["Arabic", 'locale="ar"', "توقيت وسط أوروبا"]] as const) {
    it(`fits the weekday names and the zone label without clipping, in ${language}`, async () => {
      const page = await open(`${attributes} ${preset}`, { width: 320, ...(attributes ? { htmlAttributes: 'dir="rtl" lang="ar"' } : {}) });
      await toDate(page);
      const overflowing = (selector: string) =>
        widget(page)
          .locator(selector)
          .evaluateAll((elements) => elements.filter((element) => element.scrollWidth > element.clientWidth).map((element) => element.textContent));
      expect(await overflowing("fd-calendar th")).toEqual([]);
      const label = widget(page).locator("[part~=zone] .zone-shown");
      expect(await label.textContent()).toContain(zone);
      expect(await overflowing("[part~=zone] .zone-shown")).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
