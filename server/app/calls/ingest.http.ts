import { FrontdeskError } from "@frontdesk/core";
import { limitedText } from "../http/limits";

/** A call event with a long call's transcript and word timings runs to a few hundred kB; a little more is refused. */
export const providerWebhookBodyLimitBytes = 4 * 1024 * 1024;

/** The body as received, byte for byte (signatures are over it), or the 413 answer for one over `limit` bytes. */
export async function rawWebhookBody(request: Request, limit = providerWebhookBodyLimitBytes): Promise<string | Response> {
  try {
    return await limitedText(request, limit);
  } catch (error) {
    const cause = error instanceof FrontdeskError ? error : error instanceof Error && error.cause instanceof FrontdeskError ? error.cause : undefined;
    if (cause?.code === "REQUEST_TOO_LARGE") return errorAnswer(413, cause, { connection: "close" });
    throw error;
  }
}

/** Refused without saying why: a bad signature, an unknown agent or number, another business's agent look alike. */
export const signatureRefused = () => Response.json({ error: "signature" }, { status: 401 });

export function errorAnswer(status: number, error: FrontdeskError, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } }, { status, headers });
}
