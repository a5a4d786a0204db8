import { errorStatus, FrontdeskError, type ErrorCode } from "@frontdesk/core";
import type { App } from "../create-app";
import { describe } from "../describe-error";
import { limitedBody, oversizedRequest, secretBodyLimitBytes } from "../http/limits";
import { compressAnswer, type ReadAnswer } from "../http/compression";
import { requestContext } from "../trpc";
import { runRest, type RestFailure } from "./adapter";

export const restBase = "/api/v1";

/** Every REST error body: the same code, message and field a tRPC error carries in `error.data.frontdesk`. */
export interface RestError {
  code: ErrorCode;
  message: string;
  field?: string;
}

const hasBody = (method: string) => method !== "GET" && method !== "HEAD" && method !== "DELETE";

/**
 * One REST call: the procedure its method and path name, run as tRPC would (same principal, limits and validation),
 * answering its output as JSON, or `{ code, message, field }` with the error's status.
 */
export async function answerRest(app: App, request: Request & { ip?: string }): Promise<Response | ReadAnswer> {
  const tooLarge = oversizedRequest(request.url, 1);
  if (tooLarge) return errorAnswer(tooLarge.toJSON(), new Headers());

  const body = limitedBody(request);
  // REST is for servers and their secret keys: a browser's session cookie names no one here.
  const withoutCookie = new Headers(request.headers);
  withoutCookie.delete("cookie");
  const context = requestContext(app, Object.assign(new Request(request.url, { headers: withoutCookie }), { ip: request.ip }), body);
  // The adapter reads the body before any procedure runs: a valid secret key's larger allowance is settled first. A
  // bad key is only looked at here; the procedure still counts the call and then answers the key's error.
  if (hasBody(request.method)) await context.principals.business().then(() => body.allow(secretBodyLimitBytes), () => undefined);

  const { response, failure } = await runRest(body.request, restBase, context);
  if (!failure) return compressAnswer(request, response);

  const headers = new Headers();
  const cause = failure.error.cause;
  if (cause instanceof FrontdeskError && cause.retryAfterSeconds) headers.set("retry-after", String(cause.retryAfterSeconds));
  // The rest of a refused body was never read: close rather than keep a connection that is mid-upload.
  if (body.refused) headers.set("connection", "close");
  return errorAnswer(restError(failure, request), headers);
}

/** The error as a REST caller reads it: our description, in REST's words where tRPC's would mislead. */
function restError({ error, type, path }: RestFailure, request: Request): RestError {
  if (!path && error.code === "NOT_FOUND") {
    const route = `${request.method} ${new URL(request.url).pathname}`;
    return { code: "UNKNOWN_ROUTE", message: `There is no route ${route.slice(0, 200)}. See ${restBase}/openapi.json for the routes there are.` };
  }
  // An INTERNAL error was logged already: the adapter formats every error with the tRPC error formatter too.
  const { message, data } = describe(error, { type, path });
  if (data.code === "INVALID_JSON") return { code: data.code, message: "The request body is not valid JSON. Send the input as a JSON object." };
  if (data.code === "VALIDATION_FAILED" && !data.field && /\?input=/.test(message)) return { code: data.code, message: "Send this route's input as a JSON object." };
  return { code: data.code, message, ...(data.field ? { field: data.field } : {}) };
}

function errorAnswer(error: RestError, headers: Headers): Response {
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(error), { status: errorStatus[error.code], headers });
}
