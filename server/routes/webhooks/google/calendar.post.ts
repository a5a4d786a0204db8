import { defineHandler } from "nitro";
import { useApp } from "../../../app/context";
import { publicBodyLimitBytes } from "../../../app/http/limits";
import { pushAllowed, pushBody, pushResponse } from "../../../app/calendar-sync/push.http";

// Google Calendar's push for a watched calendar (events.watch): the channel token checked, a read queued, answered at once.
export default defineHandler(async (event) => {
  // Google's pushes have no body; one is read (and bounded) only so that the connection stays usable.
  const body = await pushBody(event.req, publicBodyLimitBytes);
  if (body instanceof Response) return body;
  const app = await useApp();
  const limited = await pushAllowed(app, { channelId: event.req.headers.get("x-goog-channel-id") ?? "" });
  if (limited) return limited;
  return pushResponse(await app.calendar.read.googlePushArrived(event.req.headers));
});
