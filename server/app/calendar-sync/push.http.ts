import { FrontdeskError } from "@frontdesk/core";
import { maxGraphNotificationBytes } from "@frontdesk/outlook-calendar/webhook";
import { errorAnswer, rawWebhookBody } from "../calls/ingest.http";
import type { App } from "../create-app";
import type { PushAnswer } from "./read-sync";

/** A push's body as received, at most `limit` bytes (Google's are empty; Graph's batches stay well under 1 MiB), or the 413 answer. */
export const pushBody = (request: Request, limit: number): Promise<string | Response> => rawWebhookBody(request, limit);

export const graphBodyLimitBytes = maxGraphNotificationBytes;

/** Takes one push from the sender's allowance (per Google channel, per Graph address); the 429 answer when it is spent. */
export async function pushAllowed(app: App, from: { channelId: string } | { ip: string | undefined; forwardedFor: string | null }): Promise<Response | undefined> {
  const client = "channelId" in from ? app.clientOf(undefined, null) : app.clientOf(from.ip, from.forwardedFor);
  if (!client) return undefined;
  try {
    await client.rates.take("calendarPushes", "channelId" in from ? client.idOf(`calendar-channel:${from.channelId}`) : client.id);
    return undefined;
  } catch (error) {
    if (error instanceof FrontdeskError && error.code === "RATE_LIMITED") {
      return errorAnswer(429, error, { "retry-after": String(error.retryAfterSeconds ?? 60) });
    }
    throw error;
  }
}

export function pushResponse(answer: PushAnswer): Response {
  return new Response(answer.body ?? null, { status: answer.status, ...(answer.headers ? { headers: answer.headers } : {}) });
}
