import { accountMessages, forTenant } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn } from "@frontdesk/server/testing/accounts";
import type { Page } from "playwright-core";
import type { BackOffice, SignedUp } from "@frontdesk/server/testing/back-office";

/** A clinic with an owner and a staff member linked to the staff record "Sam Staff". */
export async function clinic(office: BackOffice, prefix: string) {
  const owner = await office.signUp("Olga Owner", `olga@${prefix}.example`, `${prefix} clinic`);
  const saved = await owner.call("config.saveStaff", { name: "Sam Staff" }, { mutation: true });
  const staffId = saved.data.id as string;
  const staffEmail = `sam@${prefix}.example`;
  await owner.call("team.invite", { email: staffEmail, role: "staff", staffId }, { mutation: true });
  const [invitation] = await rowsOf(office.db, accountMessages, { recipient: staffEmail, kind: "invitation" });
  const staff = await office.signUp("Sam Staff", staffEmail);
  const accepted = await staff.call("accounts.acceptInvitation", { token: new URL(linkIn(invitation!.text)).searchParams.get("invitation")! }, { mutation: true });
  if (accepted.status !== 200) throw new Error(JSON.stringify(accepted));
  return { owner, staff, staffId, staffEmail, tenantId: owner.businessId! };
}

/** Connects `who`'s Google (or Outlook) calendar over HTTP, as a browser follows the sandbox's redirects. */
export async function connectOverHttp(who: SignedUp, provider: "google" | "microsoft" = "google"): Promise<string> {
  const { data } = await who.call("calendar.connect", { provider, returnTo: "/back-office" }, { mutation: true });
  const response = await fetch(data.url, { redirect: "manual" });
  const back = new URL(response.headers.get("location")!, data.url);
  if (back.searchParams.get("calendar") !== "connected") throw new Error(`Connecting failed: ${back.href}`);
  return back.searchParams.get("connection")!;
}

/** Marks a connection broken, as an `invalid_grant` does. */
export async function breakConnection(office: BackOffice, tenantId: string, connectionId: string, brokenReason: string): Promise<void> {
  await office.db.write((writer) => forTenant(writer, tenantId).updateCalendarConnection(connectionId, { status: "broken", brokenReason, brokenAt: office.server.now() }));
}

/**
 * The browser's way back from the provider, made visible to the test page's route: Playwright does not route the target
 * of a server's redirect, so the callback's 302 is followed by a script instead (the page it leads to is routed then).
 */
export async function comeBackThroughTheCallback(page: Page): Promise<void> {
  await page.route(/\/oauth\/(google|microsoft)\/callback/, async (route) => {
    const answer = await route.fetch({ maxRedirects: 0 });
    const to = answer.headers()["location"];
    if (!to) return route.fulfill({ response: answer });
    await route.fulfill({ contentType: "text/html", body: `<!doctype html><script>location.replace(${JSON.stringify(to)})</script>` });
  });
}
