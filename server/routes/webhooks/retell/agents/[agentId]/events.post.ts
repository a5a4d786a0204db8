import { defineHandler } from "nitro";
import { retellSignatureHeader } from "@frontdesk/retell/webhook";
import { useApp } from "../../../../../app/context";
import { errorAnswer, rawWebhookBody, signatureRefused } from "../../../../../app/calls/ingest.http";

// Retell's call events for one agent (its webhook_url): verified, stored once per call and event, projected into the call record.
export default defineHandler(async (event) => {
  const body = await rawWebhookBody(event.req);
  if (body instanceof Response) return body;
  const app = await useApp();
  const answer = await app.callEvents.ingest.receive(event.context.params!.agentId!, body, event.req.headers.get(retellSignatureHeader));
  if (answer.status === 401) return signatureRefused();
  if (answer.status === 400) return errorAnswer(400, answer.error);
  return new Response(null, { status: 204 });
});
