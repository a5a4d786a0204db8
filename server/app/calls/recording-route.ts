import { errorStatus, FrontdeskError } from "@frontdesk/core";
import type { App } from "../create-app";
import { limitedBody } from "../http/limits";
import { appRouter } from "../router";
import { requestContext } from "../trpc";

/** The little of unstorage the route reads recordings with. */
export interface RecordingStore {
  getItemRaw(key: string): Promise<unknown>;
}

/**
 * `GET /api/v1/calls/{callId}/recording`: the call is read as `GET /api/v1/calls/{callId}` reads it (same key, scope,
 * limits and audit), then its stored file is answered. Errors are the REST API's `{ code, message, field }`.
 */
export async function answerRecording(app: App, request: Request & { ip?: string }, store: RecordingStore): Promise<Response> {
  const callId = decodeURIComponent(new URL(request.url).pathname.split("/").at(-2) ?? "");
  const withoutCookie = new Headers(request.headers);
  withoutCookie.delete("cookie");
  const context = requestContext(app, Object.assign(new Request(request.url, { headers: withoutCookie }), { ip: request.ip }), limitedBody(request));
  try {
    await appRouter.createCaller(context).calls.get({ callId });
    const principal = await context.principals.business();
    const key = await app.calls.recordingKey(principal.tenant, callId);
    const bytes = await store.getItemRaw(key);
    if (!(bytes instanceof Uint8Array)) throw new FrontdeskError("NOT_FOUND", "This call's recording is no longer stored.", { field: "callId" });
    return new Response(new Uint8Array(bytes), {
      headers: { "content-type": "audio/wav", "content-length": String(bytes.byteLength), "cache-control": "private, no-store" },
    });
  } catch (error) {
    const cause = error instanceof FrontdeskError ? error : error instanceof Error && error.cause instanceof FrontdeskError ? error.cause : undefined;
    if (!cause) throw error;
    const body = { code: cause.code, message: cause.message, ...(cause.field ? { field: cause.field } : {}) };
    return new Response(JSON.stringify(body), { status: errorStatus[cause.code], headers: { "content-type": "application/json" } });
  }
}
