import { defineHandler } from "nitro";
import { twilioSignatureHeader, twilioSignatureSettingsHeader } from "@frontdesk/twilio/webhook";
import { useApp } from "../../../app/context";
import { errorAnswer, rawWebhookBody, signatureRefused } from "../../../app/calls/ingest.http";

// Twilio's status callbacks for the SMS this server sent: verified against PUBLIC_URL, recorded once per status.
export default defineHandler(async (event) => {
  const body = await rawWebhookBody(event.req);
  if (body instanceof Response) return body;
  const app = await useApp();
  const headers = { signature: event.req.headers.get(twilioSignatureHeader), settings: event.req.headers.get(twilioSignatureSettingsHeader) };
  const answer = await app.smsStatus.receive(`${event.url.pathname}${event.url.search}`, body, headers);
  if (answer.status === 401) return signatureRefused();
  if (answer.status === 400) return errorAnswer(400, answer.error);
  return new Response(null, { status: 204 });
});
