import type { CalendarProviderName } from "@frontdesk/core";
import type { App } from "../create-app";

/** Redirects that carry OAuth codes and signed links: never cached, never passed on as a referrer. */
const redirectHeaders = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

export const redirectTo = (location: string) => new Response(null, { status: 302, headers: { ...redirectHeaders, location } });

/** GET /oauth/<provider>/callback: the provider's answer, then the page the connection started from. */
export async function answerCallback(app: App, provider: CalendarProviderName, url: URL): Promise<Response> {
  return redirectTo(await app.calendar.connect.callback(provider, url.searchParams));
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const providerLabels: Record<CalendarProviderName, string> = { google: "Google Calendar", microsoft: "Microsoft Outlook" };

/** GET /calendar/connect?link=…: a connect link an owner sent, opened without a session. */
export async function answerConnectLink(app: App, url: URL): Promise<Response> {
  const link = url.searchParams.get("link") ?? "";
  const opened = await app.calendar.connect.openConnectLink(link, url.searchParams.get("provider"));
  if ("redirect" in opened) return redirectTo(opened.redirect);
  // A link that names no provider, on a server with both: the staff member picks one.
  const choices = opened.choose
    .map((provider) => {
      const next = new URL(url.pathname, url);
      next.searchParams.set("link", link);
      next.searchParams.set("provider", provider);
      return `<li><a href="${escape(`${next.pathname}${next.search}`)}">${providerLabels[provider]}</a></li>`;
    })
    .join("");
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Connect your calendar</title></head><body style="font-family:system-ui,sans-serif;max-width:480px;margin:40px auto;padding:0 16px"><h1>Connect your calendar</h1><p>Which calendar do you use?</p><ul>${choices}</ul></body></html>`;
  return new Response(page, { headers: { ...redirectHeaders, "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" } });
}
