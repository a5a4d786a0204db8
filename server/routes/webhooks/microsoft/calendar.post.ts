import { defineHandler } from "nitro";
import { graphValidationAnswer } from "@frontdesk/outlook-calendar/webhook";
import { useApp } from "../../../app/context";
import { graphBodyLimitBytes, pushAllowed, pushBody, pushResponse } from "../../../app/calendar-sync/push.http";

// Microsoft Graph's posts to a calendar subscription: the validation handshake answered within the request, then change
// and lifecycle notifications, each checked by its clientState; reads are queued and the answer is 202 at once.
export default defineHandler(async (event) => {
  const validation = graphValidationAnswer(event.url);
  if (validation) return new Response(validation.body, { status: validation.status, headers: validation.headers });
  const body = await pushBody(event.req, graphBodyLimitBytes);
  if (body instanceof Response) return body;
  const app = await useApp();
  const limited = await pushAllowed(app, { ip: event.req.ip, forwardedFor: event.req.headers.get("x-forwarded-for") });
  if (limited) return limited;
  return pushResponse(await app.calendar.read.graphNotificationsArrived(body));
});
