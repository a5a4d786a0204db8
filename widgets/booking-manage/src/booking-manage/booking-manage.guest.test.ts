import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { createFrontdeskClient, type FrontdeskClient } from "@frontdesk/client";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { bookAndGetToken as bookWithLink } from "@frontdesk/server/testing/manage-link";
import { startWidgetHost, type OpenOptions, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let widgets: WidgetHost;
let client: FrontdeskClient;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking-manage ${query.get("attributes") ?? ""}></fd-booking-manage>`,
    timezoneId: "Europe/Berlin",
  });
  client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: "pk_demo_brightsmile" });
});

afterAll(async () => {
  await widgets?.stop();
});

const bookAndGetToken = async (name: string) => (await bookWithLink(widgets.server, client, name, { customerTimeZone: "Europe/Berlin" })).token;

async function open(name: string, attributes = "", options: OpenOptions = {}): Promise<Page> {
  const page = await widgets.open({ attributes: `token="${await bookAndGetToken(name)}" ${attributes}` }, options);
  await page.locator("fd-booking-manage .summary").waitFor();
  return page;
}

const widget = (page: Page) => page.locator("fd-booking-manage");
const root = (page: Page) => widget(page).locator(".fd-root");
const langAndDir = async (page: Page) => ({ lang: await root(page).getAttribute("lang"), dir: await root(page).getAttribute("dir") });
const styleOf = (locator: Locator, property: string) => locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);

describe("<fd-booking-manage> as a guest on the page", () => {
  it("keeps the Reschedule button in the default accent when the page leaves --fd-color-primary empty", async () => {
    const page = await open("Empty Theme", "", { head: "<style>:root { --fd-color-primary: ; --fd-color-primary-contrast: ; }</style>" });
    const reschedule = widget(page).locator("[part~=button-primary]");
    expect(await styleOf(reschedule, "background-color")).toBe("rgb(40, 86, 199)");
    expect(await styleOf(reschedule, "color")).toBe("rgb(255, 255, 255)");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("marks its Spanish text as Spanish on an English page", async () => {
    const page = await open("Lengua Propia", 'locale="es"');
    await page.getByRole("heading", { name: "Tu cita" }).waitFor();
    expect(await langAndDir(page)).toEqual({ lang: "es", dir: "ltr" });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("reads left to right in English on a right-to-left page, the time range in its order", async () => {
    const page = await open("Left Right", "", { htmlAttributes: 'dir="rtl" lang="ar"' });
    expect(await langAndDir(page)).toEqual({ lang: "en-US", dir: "ltr" });
    const range = widget(page).locator(".summary .when").nth(1).locator("bdi").first();
    expect(await range.textContent()).toMatch(/^\d+:\d\d\s[AP]M – \d+:\d\d\s[AP]M$/);
    expect(await styleOf(range, "direction")).toBe("ltr");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("speaks Arabic right to left with locale=\"ar\", and fits 320 px", async () => {
    const page = await open("Haifa Nasser", 'locale="ar"', { width: 320, htmlAttributes: 'dir="rtl" lang="ar"' });
    await page.getByRole("heading", { name: "موعدك" }).waitFor();
    expect(await langAndDir(page)).toEqual({ lang: "ar", dir: "rtl" });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "تغيير الموعد" }).click();
    await widget(page).locator("[part~=day-available]").first().waitFor();
    expect(await styleOf(widget(page).locator(".back .icon"), "transform")).toBe("matrix(-1, 0, 0, 1, 0, 0)");
    const clipped = await widget(page)
      .locator("fd-calendar th, [part~=zone] .zone-shown")
      .evaluateAll((elements) => elements.filter((element) => element.scrollWidth > element.clientWidth).map((element) => element.textContent));
    expect(clipped).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
