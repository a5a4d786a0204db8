import type { Browser, Page } from "playwright-core";
import { accountMessages, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn, type Person } from "@frontdesk/server/testing/accounts";
import { launchChromium, pinClock } from "@frontdesk/server/testing/browser";
import { freePort } from "@frontdesk/server/testing/ports";
import { startServer, type RunningServer } from "@frontdesk/server/testing/start-server";

export interface BackOffice {
  server: RunningServer;
  db: Db;
  browser: Browser;
  /** The server's own address, by name: passkeys need a domain (`localhost`), not an IP address, as their relying party. */
  url: string;
  /** A page of the back office in a fresh browser context; with `as`, holding that person's session cookie. */
  open(path?: string, options?: { width?: number; locale?: string; as?: Person }): Promise<Page>;
  /** The link in the newest account mail of `kind` to `to`. */
  linkTo(to: string, kind: "verify_email" | "reset_password" | "invitation"): Promise<string>;
  stop(): Promise<void>;
}

export async function startBackOffice(): Promise<BackOffice> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = await startServer({ PORT: String(port), PUBLIC_URL: url });
  const db = await openDb(server.databaseUrl);
  const browser = await launchChromium();
  return {
    server,
    db,
    browser,
    url,
    async open(path = "/back-office", { width = 1024, locale = "en-US", as } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: "Europe/Madrid", locale });
      if (as) await context.addCookies([...as.cookies].map(([name, value]) => ({ name, value, url, httpOnly: true, sameSite: "Lax" as const })));
      const page = await context.newPage();
      await pinClock(page, server);
      await page.goto(`${url}${path}`);
      return page;
    },
    async linkTo(to, kind) {
      const mails = (await rowsOf(db, accountMessages, { recipient: to })).filter((mail) => mail.kind === kind);
      const mail = mails.sort((a, b) => a.createdAt - b.createdAt).at(-1);
      if (!mail) throw new Error(`No ${kind} mail to ${to}`);
      return linkIn(mail.text);
    },
    async stop() {
      await browser.close();
      db.close();
      await server.stop();
    },
  };
}

/** Types into the input labelled `label` (looking through the widgets' shadow roots). */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

export async function press(page: Page, button: string): Promise<void> {
  await page.getByRole("button", { name: button, exact: true }).click();
}

export async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole("heading", { name, exact: true }).waitFor();
}

/** Signs in on the page's `<fd-sign-in>` with e-mail and password. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await fill(page, "E-mail", email);
  await fill(page, "Password", password);
  await press(page, "Sign in");
}
