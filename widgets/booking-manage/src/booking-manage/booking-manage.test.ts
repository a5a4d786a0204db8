import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createFrontdeskClient, type FrontdeskClient } from "@frontdesk/client";
import { focused, tabTo } from "@frontdesk/server/testing/browser";
import { bookAndGetToken as bookWithLink } from "@frontdesk/server/testing/manage-link";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

const demoKey = "pk_demo_brightsmile";
const visitorZone = "Europe/Berlin";
let widgets: WidgetHost;
let client: FrontdeskClient;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking-manage ${query.get("attributes") ?? ""}></fd-booking-manage>`,
    timezoneId: visitorZone,
  });
  client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: demoKey });
});

afterAll(async () => {
  await widgets?.stop();
});

/** Books a consultation a few days ahead, well outside the change window, and returns the token from its confirmation message. */
const bookAndGetToken = (name: string) => bookWithLink(widgets.server, client, name);

function open(attributes: string, options: { width?: number; query?: string } = {}): Promise<Page> {
  const query = { attributes, ...(options.query ? Object.fromEntries(new URLSearchParams(options.query)) : {}) };
  return widgets.open(query, options.width ? { width: options.width } : {});
}

const widget = (page: Page) => page.locator("fd-booking-manage");

/** Marks the polite live region under the heading, to tell later that the text arrived in a region that was already there. */
async function markAnnouncer(page: Page): Promise<void> {
  await widget(page).locator(".announcement[role=status]").evaluate((region) => region.setAttribute("data-test-before", ""));
}

const announced = (page: Page) => widget(page).locator(".announcement[role=status][data-test-before]").textContent();

function captureEvent(page: Page, name: string): Promise<unknown> {
  return page.evaluate((name) => new Promise((resolve) => document.addEventListener(name, (event) => resolve((event as CustomEvent).detail))), name);
}

describe("<fd-booking-manage>", () => {
  it("shows the appointment from the token: service, staff, time in the customer's zone, and status", async () => {
    const { token, start } = await bookAndGetToken("Vera Viewer");
    const page = await open(`token="${token}"`);
    await page.getByRole("heading", { name: "Your appointment" }).waitFor();
    await widget(page).locator(".summary").waitFor();
    const summary = (await widget(page).locator(".summary").textContent()) ?? "";
    expect(summary).toContain("Consultation");
    expect(summary).toMatch(/Dr\. /);
    expect(summary).toContain("Confirmed");
    // The customer booked from Chicago, so times are shown there first.
    const day = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: "America/Chicago" }).format(new Date(start));
    expect(summary).toContain(day);
    expect(await page.getByLabel("Time zone").inputValue()).toBe("America/Chicago");
    expect(await page.getByRole("button", { name: "Reschedule" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Cancel appointment" }).count()).toBe(1);
    await page.context().close();
  });

  it("reads the token from the page's ?token= when the attribute is absent", async () => {
    const { token } = await bookAndGetToken("Quinn Query");
    const page = await open("", { query: `token=${encodeURIComponent(token)}` });
    await page.getByRole("button", { name: "Reschedule" }).waitFor();
    await page.context().close();
  });

  it("reschedules: a new day from the month grid, a new time, a confirmation, an announcement and fd-booking-rescheduled", async () => {
    const { token, appointmentId, start } = await bookAndGetToken("Ray Scheduler");
    const page = await open(`token="${token}"`);
    const rescheduled = captureEvent(page, "fd-booking-rescheduled");
    await page.getByRole("button", { name: "Reschedule" }).click();
    await page.getByRole("heading", { name: "Choose a new date" }).waitFor();
    const day = widget(page).getByRole("button", { name: /\d{4}$/, disabled: false }).first();
    await day.click();
    await page.getByRole("heading", { name: "Choose a new time" }).waitFor();
    await widget(page).locator("[part~=time]").first().click();
    await page.getByRole("heading", { name: "Confirm the new time" }).waitFor();
    expect(await widget(page).locator(".summary").textContent()).toMatch(/Was.*New time/s);
    await markAnnouncer(page);
    await page.getByRole("button", { name: "Move my appointment" }).click();

    await page.getByRole("heading", { name: "Your appointment has been moved" }).waitFor();
    expect(await announced(page)).toMatch(/It is now on .*We've sent you an email with the new time\./);
    const detail = (await rescheduled) as { appointmentId: string; start: string; end: string };
    expect(detail.appointmentId).toBe(appointmentId);
    expect(detail.start).not.toBe(start);
    expect(Date.parse(detail.end) - Date.parse(detail.start)).toBe(30 * 60_000);
    expect((await client.manage.get(token)).start).toBe(detail.start);
    expect(await focused(page)).toMatchObject({ tag: "h2", label: "Your appointment has been moved" });
    await page.context().close();
  });

  it("cancels with a reason, using the keyboard alone, announces it, and says it can no longer change", async () => {
    const { token, appointmentId } = await bookAndGetToken("Cass Canceller");
    const page = await open(`token="${token}"`);
    const cancelled = captureEvent(page, "fd-booking-cancelled");
    await page.getByRole("button", { name: "Cancel appointment" }).waitFor();
    await tabTo(page, (element) => element.label === "Cancel appointment");
    await page.keyboard.press("Enter");
    expect(await focused(page)).toMatchObject({ tag: "h2", label: "Cancel this appointment?" });
    await tabTo(page, (element) => element.tag === "textarea");
    await page.keyboard.type("Feeling better");
    await tabTo(page, (element) => element.label === "Cancel appointment");
    await markAnnouncer(page);
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "Your appointment is cancelled" }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: "h2", label: "Your appointment is cancelled" });
    expect(await announced(page)).toBe("We've sent you an email to confirm.");
    expect(await cancelled).toEqual({ appointmentId });
    expect(await widget(page).locator("[part~=status]").textContent()).toBe("Cancelled");
    expect(await page.getByRole("button", { name: "Reschedule" }).count()).toBe(0);

    await page.reload();
    await widget(page).locator(".reason").filter({ hasText: "cancelled" }).waitFor();
    expect(await page.getByRole("button", { name: "Cancel appointment" }).count()).toBe(0);
    await page.context().close();
  });

  it("explains a link that does not work", async () => {
    const page = await open('token="apt_doesnotexist.c2lnbmF0dXJlLXRoYXQtaXMtd3Jvbmc"');
    await widget(page).locator("[part~=error]").filter({ hasText: "This link does not work any more" }).waitFor();
    await page.context().close();
  });

  it("says what is missing when the page has no token", async () => {
    const page = await open("");
    await widget(page).locator("[part~=error]").filter({ hasText: "confirmation email" }).waitFor();
    await page.context().close();
  });

  it("speaks Spanish, fits 320 px, and takes the dark theme", async () => {
    const { token } = await bookAndGetToken("Sofía Small");
    const page = await open(`token="${token}" locale="es" theme="dark"`, { width: 320 });
    await page.getByRole("heading", { name: "Tu cita" }).waitFor();
    await page.getByRole("button", { name: "Cambiar la cita" }).waitFor();
    expect(await widget(page).locator("[part~=status]").textContent()).toBe("Confirmada");
    expect(await widget(page).locator(".frame").evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(23, 28, 39)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.getByRole("button", { name: "Cambiar la cita" }).click();
    await page.getByRole("heading", { name: "Elige una nueva fecha" }).waitFor();
    await widget(page).getByRole("button", { name: /\d{4}$/, disabled: false }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.context().close();
  });
});
