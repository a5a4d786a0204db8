import type { Browser, Page } from "playwright-core";
import { accountMessages, forTenant, openDb, randomId, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn, person, type Person } from "./accounts";
import { launchChromium, pinClock } from "./browser";
import { freePort } from "./ports";
import { startServer, type RunningServer } from "./start-server";
import { hostPage, type OpenOptions } from "./widget-host";

export const password = "correct horse battery staple";

/** A person signed up over HTTP, and the business they created, if they did. */
export type SignedUp = Person & { businessId: string | undefined };

export interface BackOffice {
  server: RunningServer;
  browser: Browser;
  /** The server's database, to read what the widgets really saved and the mails they sent. */
  db: Db;
  /** A new person signed up over HTTP (their session cookie kept), with a business of their own when `business` is given. */
  signUp(name: string, email: string, business?: string): Promise<SignedUp>;
  /** A new person signed up over HTTP who accepted the invitation `owner` sent them (over HTTP too) with `role`. */
  join(owner: Person, name: string, email: string, role: "admin" | "staff"): Promise<SignedUp>;
  /** The newest account mail to `email`. */
  mailTo(email: string): Promise<{ kind: string; subject: string; text: string; tenantId: string | null }>;
  /** The link in the newest account mail to `email`. */
  linkTo(email: string): Promise<URL>;
  /**
   * Opens a page of the server's own origin (as the back office is, so the session cookie is first-party) with the
   * hostile CSS of a host page and `element` on it, in a fresh browser context holding `who`'s session cookie.
   */
  open(who: Person, element: string, options?: OpenOptions): Promise<Page>;
  stop(): Promise<void>;
}

/** The built server on a port named up front (cookies and Origin checks need its real origin), its database, and Chromium. */
export async function startBackOffice(env: Record<string, string> = {}): Promise<BackOffice> {
  const port = await freePort();
  const server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
  const db = await openDb(server.databaseUrl);
  const browser = await launchChromium();
  const mailTo: BackOffice["mailTo"] = async (email) => {
    const mails = await rowsOf(db, accountMessages, { recipient: email });
    return mails.sort((a, b) => a.createdAt - b.createdAt).at(-1)!;
  };
  const office: BackOffice = {
    server,
    browser,
    db,
    mailTo,
    linkTo: async (email) => new URL(linkIn((await mailTo(email)).text)),
    async join(owner, name, email, role) {
      const invited = await owner.call("team.invite", { email, role }, { mutation: true });
      if (invited.status !== 200) throw new Error(`Inviting ${email} failed: ${JSON.stringify(invited)}`);
      const token = new URL(linkIn((await mailTo(email)).text)).searchParams.get("invitation")!;
      const someone = await office.signUp(name, email);
      const accepted = await someone.call("accounts.acceptInvitation", { token }, { mutation: true });
      if (accepted.status !== 200) throw new Error(`${email} could not accept the invitation: ${JSON.stringify(accepted)}`);
      return someone;
    },
    async signUp(name, email, business) {
      const someone = person(server.url);
      const signedUp = await someone.auth("sign-up/email", { name, email, password });
      if (signedUp.status !== 200) throw new Error(`Sign-up of ${email} failed: ${JSON.stringify(signedUp.body)}`);
      let businessId: string | undefined;
      if (business) {
        const created = await someone.call("accounts.createBusiness", { name: business, timeZone: "Europe/Madrid" }, { mutation: true });
        if (created.status !== 200) throw new Error(`Creating ${business} failed: ${JSON.stringify(created)}`);
        businessId = created.data.id;
      }
      return Object.assign(someone, { businessId });
    },
    async open(who, element, { width = 720, htmlAttributes, head, before, locale = "en-US", colorScheme } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: "Europe/Madrid", locale, ...(colorScheme ? { colorScheme } : {}) });
      await context.addCookies([...who.cookies].map(([name, value]) => ({ name, value, url: server.url, httpOnly: true, sameSite: "Lax" as const })));
      const page = await context.newPage();
      await pinClock(page, server);
      await before?.(page);
      const query = new URLSearchParams({ ...(htmlAttributes ? { htmlAttributes } : {}), ...(head ? { head } : {}) });
      const address = `${server.url}/back-office-test-page`;
      // As the server's own pages are, it sends no referrer, which also makes the browser send `Origin: null` on a POST
      // unless the call asks for its origin to be sent.
      const headers = { "referrer-policy": "no-referrer" };
      // Any query too: a page comes back to itself with one (after a calendar provider's consent, say).
      await page.route((url) => url.href.split("?")[0] === address, (route) => route.fulfill({ contentType: "text/html", headers, body: hostPage(`${server.url}/embed.js`, element, query) }));
      await page.goto(address);
      return page;
    },
    async stop() {
      await browser.close();
      db.close();
      await server.stop();
    },
  };
  return office;
}

/** The demo clinic: a sandbox business with the services, staff and hours the shipped call scenarios book. */
export const demoBusiness = "ten_demo_brightsmile";

/** Someone signed up over HTTP and made an owner of the demo clinic (their membership written while the server is idle). */
export async function demoOwner(office: BackOffice, name: string, email: string): Promise<SignedUp> {
  const someone = await office.signUp(name, email);
  const me = await someone.call("accounts.me");
  await office.db.write((writer) => forTenant(writer, demoBusiness).addMember({ id: randomId("mem"), userId: me.data.user.id, role: "owner", createdAt: office.server.now() }));
  return someone;
}

/** A REST call under /api/v1 with the demo clinic's secret key, as the clinic's own server makes it. */
export async function demoRest(office: BackOffice, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${office.server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${office.server.demoSecretKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}
