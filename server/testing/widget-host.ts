import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { launchChromium, pinClock } from "./browser";
import { freePort } from "./ports";
import { startServer, type RunningServer } from "./start-server";

export interface WidgetHostOptions {
  /** The widget's markup on the host page, for the query the page was opened with. */
  element: (query: URLSearchParams) => string;
  /** The visitor's zone, which the widgets show times in unless told otherwise. */
  timezoneId: string;
  /** Extra environment for the server, e.g. `{ FRONTDESK_CLOCK: "…" }` to start its (and the pages') clock elsewhere. */
  env?: Record<string, string>;
  /** Lets the host page call the accounts API with the session cookie, as FRONTDESK_TRUSTED_ORIGINS does for a business's site. */
  trustHost?: boolean;
}

export interface OpenOptions {
  /** Viewport width in px; default 720. */
  width?: number;
  colorScheme?: "light" | "dark";
  /** The browser's language; default `en-US`. */
  locale?: string;
  /** The host page's `<html>` attributes, e.g. `dir="rtl" lang="ar"`; default `lang="en"`. */
  htmlAttributes?: string;
  /** Extra markup in the host page's `<head>`, e.g. the site's own theme. */
  head?: string;
  /** Runs before the page loads (after its clock is pinned to the server's), e.g. to stub a request. */
  before?: (page: Page) => Promise<void>;
}

export interface WidgetHost {
  server: RunningServer;
  browser: Browser;
  /** The host page's origin. */
  hostUrl: string;
  /** Opens the host page with this query in a fresh browser context, as an English-speaking visitor would. */
  open(query: Record<string, string>, options?: OpenOptions): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * A host page on another origin, with the kind of CSS a CMS theme ships, so the widgets are tested as they are embedded.
 * `htmlAttributes` (default `lang="en"`) and `head` (extra markup, e.g. a host theme) come from the page's query.
 */
export function hostPage(embedUrl: string, element: string, query: URLSearchParams): string {
  return `<!doctype html><html ${query.get("htmlAttributes") ?? 'lang="en"'}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>A clinic's website</title>
<style>
  html { font-size: 10px; }
  * { margin: 4px; padding: 2px; box-sizing: content-box; font-family: "Comic Sans MS", cursive; line-height: 3; letter-spacing: 2px; text-transform: uppercase; color: purple; }
  button { background: red !important; border: 5px dashed blue; font-size: 30px; }
  input { border: 3px solid lime; }
</style>
${query.get("head") ?? ""}
<script src="${embedUrl}" async></script></head>
<body><main>${element}</main></body></html>`;
}

/** What the widgets' Chromium tests run against: the built server, a host page on its own 127.0.0.1 origin, and Chromium. */
export async function startWidgetHost(options: WidgetHostOptions): Promise<WidgetHost> {
  // The host's port is known before the server starts when the server must trust the host's origin.
  const hostPort = options.trustHost ? await freePort() : 0;
  const trusted = options.trustHost ? { FRONTDESK_TRUSTED_ORIGINS: `http://127.0.0.1:${hostPort}` } : {};
  const server = await startServer({ ...trusted, ...options.env });
  const host = createServer((request, response) => {
    const query = new URL(request.url ?? "/", "http://host").searchParams;
    response.setHeader("content-type", "text/html");
    response.end(hostPage(`${server.url}/embed.js`, options.element(query), query));
  });
  await new Promise<void>((resolve) => host.listen(hostPort, "127.0.0.1", resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const browser = await launchChromium().catch(async (error: unknown) => {
    await new Promise((resolve) => host.close(resolve));
    await server.stop();
    throw error;
  });

  return {
    server,
    browser,
    hostUrl,
    async open(query, { width = 720, colorScheme, htmlAttributes, head, before, locale = "en-US" } = {}) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        timezoneId: options.timezoneId,
        locale,
        ...(colorScheme ? { colorScheme } : {}),
      });
      const page = await context.newPage();
      await pinClock(page, server);
      await before?.(page);
      const hostQuery = { ...query, ...(htmlAttributes ? { htmlAttributes } : {}), ...(head ? { head } : {}) };
      await page.goto(`${hostUrl}/?${new URLSearchParams(hostQuery)}`);
      return page;
    },
    async stop() {
      await browser.close();
      await new Promise((resolve) => host.close(resolve));
      await server.stop();
    },
  };
}
