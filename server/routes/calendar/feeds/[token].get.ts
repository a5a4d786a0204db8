import { defineHandler } from "nitro";
import { FrontdeskError } from "@frontdesk/core";
import { useApp } from "../../../app/context";

const text = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
// The same answer for a token that never was and one revoked: nothing tells them apart.
const notFound = () => new Response("No such calendar feed.\n", { status: 404, headers: text });

// A staff member's secret ICS feed (docs/calendar-sync.md): `<token>.ics` → the feed's row by the token's hash → ICS.
export default defineHandler(async (event) => {
  const name = event.context.params?.token ?? "";
  if (!name.endsWith(".ics")) return notFound();
  const app = await useApp();
  const feed = await app.calendar.feeds.feedOfToken(name.slice(0, -".ics".length));
  if (!feed) return notFound();
  try {
    const client = app.clientOf(undefined, null);
    await client?.rates.take("calendarFeeds", client.idOf(`feed:${feed.id}`));
  } catch (error) {
    if (!(error instanceof FrontdeskError)) throw error;
    return new Response("Too many requests for this feed.\n", { status: 429, headers: { ...text, "retry-after": String(error.retryAfterSeconds ?? 60) } });
  }
  const answer = await app.calendar.feeds.render(feed, { ifNoneMatch: event.req.headers.get("if-none-match") });
  if (answer.status === 404) return notFound();
  // Private: the URL is the secret, so no shared cache may keep the answer.
  const headers = { etag: answer.etag, "last-modified": answer.lastModified, "cache-control": "private, max-age=300", "referrer-policy": "no-referrer" };
  if (answer.status === 304) return new Response(null, { status: 304, headers });
  return new Response(answer.body, {
    status: 200,
    headers: { ...headers, "content-type": "text/calendar; charset=utf-8", "content-disposition": 'inline; filename="appointments.ics"', "x-content-type-options": "nosniff" },
  });
});
