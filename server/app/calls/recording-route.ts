import { errorStatus, FrontdeskError } from "@frontdesk/core";
import type { App } from "../create-app";
import { limitedBody } from "../http/limits";
import { appRouter } from "../router";
import { acting } from "../auth/procedures";
import { requestContext } from "../trpc";

/** The little of unstorage the route reads recordings with. */
export interface RecordingStore {
  getItemRaw(key: string): Promise<unknown>;
}

/** What a page on another origin may send: an embed session's secret, or the business a member acts for. */
const allowedHeaders = "x-frontdesk-session, x-frontdesk-business, authorization";

/** CORS for the widgets' player: the embed session's own origin check (or the cookie's) decides who reads the answer. */
export function recordingCors(origin: string | null, preflight = false): Record<string, string> {
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    vary: "Origin",
    ...(preflight ? { "access-control-allow-methods": "GET, OPTIONS", "access-control-allow-headers": allowedHeaders, "access-control-max-age": "600" } : {}),
  };
}

/**
 * `GET /api/v1/calls/{callId}/recording`: the call is read as `calls.get` reads it (same principal, scope, limits and
 * audit), then its stored file is answered. Whoever may read the call may play it: a secret key with `calls:read`, an
 * embed session with it (`x-frontdesk-session`), or a signed-in member (session cookie) whose role has it, so the
 * call widgets' player can fetch it. Errors are the REST API's `{ code, message, field }`.
 */
export async function answerRecording(app: App, request: Request & { ip?: string }, store: RecordingStore): Promise<Response> {
  const callId = decodeURIComponent(new URL(request.url).pathname.split("/").at(-2) ?? "");
  const cors = recordingCors(request.headers.get("origin"));
  const context = requestContext(app, request, limitedBody(request));
  try {
    await appRouter.createCaller(context).calls.get({ callId });
    const principal = await acting(context);
    const key = await app.calls.recordingKey(principal.tenant, callId);
    const bytes = await store.getItemRaw(key);
    if (!(bytes instanceof Uint8Array)) throw new FrontdeskError("NOT_FOUND", "This call's recording is no longer stored.", { field: "callId" });
    return new Response(new Uint8Array(bytes), {
      headers: { "content-type": "audio/wav", "content-length": String(bytes.byteLength), "cache-control": "private, no-store", ...cors },
    });
  } catch (error) {
    const cause = error instanceof FrontdeskError ? error : error instanceof Error && error.cause instanceof FrontdeskError ? error.cause : undefined;
    if (!cause) throw error;
    const body = { code: cause.code, message: cause.message, ...(cause.field ? { field: cause.field } : {}) };
    return new Response(JSON.stringify(body), { status: errorStatus[cause.code], headers: { "content-type": "application/json", ...cors } });
  }
}
