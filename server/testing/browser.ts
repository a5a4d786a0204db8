import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium, as the tests on every machine use it: no browser download. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/**
 * Pins a page's clock to the server's, before the page loads: the widgets then see the same calendar as the
 * server whatever the date. The clock keeps running; tests move it further with `page.clock.fastForward`.
 */
export function pinClock(page: Page, server: { now(): number }): Promise<void> {
  return page.clock.install({ time: server.now() });
}

export interface FocusedElement {
  tag: string;
  label: string;
  disabled: boolean;
}

/** What has keyboard focus, looking through shadow roots, described as a screen reader would name it. */
export function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const labelledBy = element.getAttribute("aria-labelledby");
    const root = element.getRootNode() as Document | ShadowRoot;
    const label =
      element.getAttribute("aria-label") ??
      (labelledBy ? root.getElementById(labelledBy)?.textContent : null) ??
      ((element as HTMLInputElement).labels?.[0]?.textContent || element.textContent || "");
    return { tag: element.tagName.toLowerCase(), label: label.replace(/\s+/g, " ").trim(), disabled: (element as HTMLButtonElement).disabled === true || element.getAttribute("aria-disabled") === "true" };
  });
}

/** Presses Tab until the focused element matches, as a keyboard-only visitor would; fails after `limit` presses. */
export async function tabTo(page: Page, matches: (element: FocusedElement) => boolean, limit = 80): Promise<FocusedElement> {
  for (let presses = 0; presses < limit; presses++) {
    const element = await focused(page);
    if (element && matches(element)) return element;
    await page.keyboard.press("Tab");
  }
  throw new Error(`No focusable element matched after ${limit} Tab presses; focus is on ${JSON.stringify(await focused(page))}`);
}
