import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createFrontdeskClient } from "@frontdesk/client";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

const demoKey = "pk_demo_brightsmile";
let widgets: WidgetHost;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking publishable-key="${query.get("key") ?? demoKey}" ${query.get("attributes") ?? ""}></fd-booking>`,
    timezoneId: "Europe/Berlin",
  });
});

afterAll(async () => {
  await widgets?.stop();
});

const widget = (page: Page) => page.locator("fd-booking");

/** Up to the times of a bookable day (the first by default), for a preselected service. */
async function toTimes(page: Page, day = 0): Promise<void> {
  await widget(page).locator("[part~=staff]").first().click();
  await widget(page).locator("[part~=day-available]").nth(day).click();
  await widget(page).locator("[part~=time]").first().waitFor();
}

describe("<fd-booking> in another language than English", () => {
  it("speaks the visitor's browser language when the page sets no locale", async () => {
    const page = await widgets.open({}, { locale: "es-MX" });
    await page.getByRole("heading", { name: "Elige un servicio" }).waitFor();
    expect(await widget(page).locator("[lang]").first().getAttribute("lang")).toBe("es-MX");
    await page.context().close();
  });

  it("draws nothing in English while its Spanish text is on its way, then speaks Spanish", async () => {
    const localeFile = /\/widgets\/chunks\/locale-es-/;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let looking = (_page: Page) => {};
    const visitor = new Promise<Page>((resolve) => (looking = resolve));
    // The page's load waits for the language file, so the page is looked at before open() returns.
    const opened = widgets.open(
      { attributes: 'locale="es"' },
      {
        before: async (page) => {
          await page.route(localeFile, async (route) => (await held, route.continue()));
          void page.waitForRequest(localeFile).then(() => looking(page));
        },
      },
    );
    const page = await visitor;
    // The element is on the page and has had frames to draw in, in English had it not waited.
    await page.evaluate(() => customElements.whenDefined("fd-booking").then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
    expect(await widget(page).evaluate((element) => element.shadowRoot?.textContent ?? "")).not.toMatch(/Choose|service|Loading/i);
    release();
    await opened;
    await page.getByRole("heading", { name: "Elige un servicio" }).waitFor();
    await page.context().close();
  });
});

describe("<fd-booking> in Spanish says in its own words what the server answered", () => {
  it("an unknown publishable key", async () => {
    const page = await widgets.open({ key: "pk_unknown", attributes: 'locale="es"' });
    await widget(page).locator("[part~=error]").filter({ hasText: "Este formulario de reservas no está bien configurado" }).waitFor();
    await page.context().close();
  });

  it("an email address the server refuses, on its field", async () => {
    const page = await widgets.open({ attributes: 'locale="es" service="svc_filling"' });
    await toTimes(page);
    await widget(page).locator("[part~=time]").first().click();
    await page.getByLabel("Nombre").fill("Zoe");
    await page.getByLabel("Correo electrónico").fill("zoe@b.c"); // passes the browser's check, not the server's
    await page.getByRole("button", { name: "Reservar" }).click();
    const email = page.getByLabel("Correo electrónico");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    expect(await widget(page).locator(`#${await email.getAttribute("aria-describedby")}`).textContent()).toBe(
      "Escribe un correo electrónico como nombre@ejemplo.com.",
    );
    await page.context().close();
  });

  it("a time that went to someone else after the hold lapsed", async () => {
    const page = await widgets.open({ attributes: 'locale="es" service="svc_whitening" staff="stf_lee" name="Ana" email="ana@example.com"' });
    await widget(page).locator("[part~=day-available]").first().click();
    const held = page.waitForResponse("**/trpc/booking.hold**");
    await widget(page).locator("[part~=time]").first().click();
    const hold = (await (await held).json()).result.data as { holdId: string; start: string };
    const client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: demoKey });
    await client.releaseHold(hold.holdId);
    await client.createBooking({ serviceId: "svc_whitening", staffId: "stf_lee", start: hold.start, customer: { name: "Rápida", email: "rapida@example.com" } });
    await page.getByRole("button", { name: "Reservar" }).click();
    await page.getByRole("alert").filter({ hasText: "No pudimos guardarte esa hora más tiempo" }).waitFor();
    await page.context().close();
  });
});

describe("<fd-booking> names zones and writes times in the visitor's language", () => {
  it("names time zones in Spanish and German", async () => {
    const zones = async (locale: string) => {
      const page = await widgets.open({ attributes: `locale="${locale}" service="svc_consult"` });
      await widget(page).locator("[part~=staff]").first().click();
      const options = await widget(page).locator("#zone option").allTextContents();
      await page.context().close();
      // Zone names are isolated (U+2068…U+2069) inside the sentence, so they read right in any direction.
      return options.map((option) => option.replace(/[\u2068\u2069]/g, "").trim());
    };
    // January: Berlin is on standard time, New York (the clinic) too.
    expect(await zones("es")).toEqual(["Hora de Europa central (GMT+1) — tu hora", "Hora oriental (GMT-5) — BrightSmile Dental (demo)"]);
    expect(await zones("de")).toEqual(["Mitteleuropäische Zeit (GMT+1) — your time", "Nordamerikanische Ostküstenzeit (GMT-5) — BrightSmile Dental (demo)"]);
  });

  it("writes a time the same on its button, in the summary and in the confirmation, in German", async () => {
    // In New York the clinic's mornings start before 10, where German short and numeric hours differ ("08:00", "8:00").
    const page = await widgets.open({ attributes: 'locale="de" time-zone="America/New_York" service="svc_consult" name="Uwe" email="uwe@example.com"' });
    await toTimes(page, 1); // today's first times are hours away, tomorrow's start in the morning
    const time = widget(page).locator("[part~=time]").first();
    const label = (await time.textContent())!.trim();
    expect(label).toMatch(/^0\d:\d\d$/);
    await time.click();
    const range = () => widget(page).locator(".summary .when").nth(1).textContent();
    expect(await range()).toMatch(new RegExp(`^${label}–\\d\\d:\\d\\d · `));
    await widget(page).locator("button[type=submit]").click();
    await widget(page).locator("[part~=confirmation]").waitFor();
    expect(await range()).toMatch(new RegExp(`^${label}–\\d\\d:\\d\\d · `));
    await page.context().close();
  });
});
