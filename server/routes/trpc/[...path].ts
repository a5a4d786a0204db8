import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { defineHandler, HTTPResponse } from "nitro";
import { FrontdeskError } from "@frontdesk/core";
import { useApp } from "../../app/context";
import { limitedBody, oversizedRequest } from "../../app/http/limits";
import { compressAnswer, type ReadAnswer } from "../../app/http/compression";
import { appRouter } from "../../app/router";
import { hasTrpcCode, requestContext, toTRPCError } from "../../app/trpc";

const allowedHeaders = "content-type, x-frontdesk-key, x-frontdesk-session, authorization, trpc-accept";

export default defineHandler(async (event) => {
  const request = event.req;
  const origin = request.headers.get("origin");
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: corsHeaders(origin, true) });

  const app = await useApp();
  const cacheKey = app.answers.keyOf(request, event.url);
  const cached = cacheKey ? app.answers.get(cacheKey) : undefined;
  if (cached) return withCors(sent(cached), origin);

  const writesBefore = app.db.writes;
  const body = limitedBody(request);
  const answer = await fetchRequestHandler({
    endpoint: "/trpc",
    req: body.request,
    router: appRouter,
    createContext: ({ info }) => {
      const oversized = oversizedRequest(request.url, info.calls.length);
      if (oversized) throw toTRPCError(oversized);
      return requestContext(app, request, body);
    },
    responseMeta: ({ errors, info }) => {
      const headers = new Headers();
      const wait = Math.max(0, ...errors.map((error) => (error.cause instanceof FrontdeskError ? (error.cause.retryAfterSeconds ?? 0) : 0)));
      if (wait > 0) headers.set("retry-after", String(wait));
      // The rest of a refused body was never read: close rather than keep a connection that is mid-upload.
      if (body.refused) headers.set("connection", "close");
      // One call, refused with a domain error whose status tRPC has no code for (424): sent with that status all the same.
      const [only] = errors;
      if (errors.length === 1 && info?.calls.length === 1 && only?.cause instanceof FrontdeskError && !hasTrpcCode(only.cause.status)) return { headers, status: only.cause.status };
      return { headers };
    },
  });
  const prepared = await compressAnswer(request, answer);
  if (prepared instanceof Response) return withCors(prepared, origin);
  if (cacheKey) app.answers.keep(cacheKey, prepared, writesBefore);
  return withCors(sent(prepared), origin);
});

// Bytes in hand go out as they are: a web Response would wrap them in a stream only for the server to read it back.
function sent({ status, headers, body }: ReadAnswer): HTTPResponse {
  return new HTTPResponse(body, { status, headers });
}

// The publishable key's allowed origins are enforced per call; CORS only lets the page read the answer.
function withCors<T extends Response | HTTPResponse>(response: T, origin: string | null): T {
  for (const [name, value] of Object.entries(corsHeaders(origin, false))) {
    if (name === "vary") response.headers.append(name, value);
    else response.headers.set(name, value);
  }
  return response;
}

function corsHeaders(origin: string | null, preflight: boolean): Record<string, string> {
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    vary: "Origin",
    ...(preflight ? { "access-control-allow-methods": "GET, POST, OPTIONS", "access-control-allow-headers": allowedHeaders, "access-control-max-age": "600" } : {}),
  };
}
