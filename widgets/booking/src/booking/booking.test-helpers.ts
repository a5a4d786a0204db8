// Hosting and steps through <fd-booking> shared by its test files.
import { afterAll, beforeAll } from "vitest";
import type { Page } from "playwright-core";
import { startWidgetHost, type OpenOptions, type WidgetHost } from "@frontdesk/server/testing/widget-host";

export const demoKey = "pk_demo_brightsmile";
const visitorZone = "Europe/Berlin";

/**
 * Hosts `<fd-booking>` for the demo business while one test file runs. `open(attributes)` opens a host page with
 * those attributes on the element; `server` is the Frontdesk server behind it.
 */
export function useBookingHost(): { readonly server: WidgetHost["server"]; open: (attributes?: string, width?: number, options?: Omit<OpenOptions, "width">) => Promise<Page> } {
  let widgets: WidgetHost | undefined;
  beforeAll(async () => {
    widgets = await startWidgetHost({
      element: (query) => `<fd-booking publishable-key="${demoKey}" ${query.get("attributes") ?? ""}></fd-booking>`,
      timezoneId: visitorZone,
    });
  });
  afterAll(async () => {
    await widgets?.stop();
  });
  return {
    get server() {
      return widgets!.server;
    },
    open: (attributes = "", width = 720, options = {}) => widgets!.open({ attributes }, { width, ...options }),
  };
}

export const bookableDays = (page: Page) => page.locator("fd-booking").getByRole("button", { name: /\d{4}$/, disabled: false });

export async function pickFirstDay(page: Page): Promise<string> {
  const day = bookableDays(page).first();
  await day.waitFor();
  const label = (await day.getAttribute("aria-label")) ?? "";
  await day.click();
  await page.getByRole("heading", { name: "Choose a time" }).waitFor();
  return label;
}

export async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return `${element?.tagName.toLowerCase()}:${element?.getAttribute("aria-label") ?? element?.textContent?.trim()}`;
  });
}

/** The flow up to the details step, for a preselected service. */
export async function toDetails(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Any available" }).click();
  await pickFirstDay(page);
  await page.locator("fd-booking").locator(".time").first().click();
  await page.getByRole("heading", { name: "Your details" }).waitFor();
}
