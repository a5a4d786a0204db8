import { defineHandler } from "nitro";
import { retellSignatureHeader } from "@frontdesk/retell/webhook";
import { useApp } from "../../../../../app/context";
import { errorAnswer, rawWebhookBody, signatureRefused } from "../../../../../app/calls/ingest.http";

// Retell's inbound-call webhook for one of our numbers: which agent answers, with which variables.
export default defineHandler(async (event) => {
  const body = await rawWebhookBody(event.req);
  if (body instanceof Response) return body;
  const app = await useApp();
  const answer = await app.callEvents.inbound.receive(event.context.params!.numberId!, body, event.req.headers.get(retellSignatureHeader));
  if (answer.status === 401) return signatureRefused();
  if (answer.status === 400) return errorAnswer(400, answer.error);
  return new Response(answer.body, { status: 200, headers: { "content-type": "application/json" } });
});
