import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { defineHandler } from "nitro";
import { useApp } from "../../app/context";
import { compressAnswer } from "../../app/http/compression";
import { appRouter } from "../../app/router";

const allowedHeaders = "content-type, x-frontdesk-key, authorization, trpc-accept";

export default defineHandler(async (event) => {
  const request = event.req;
  const origin = request.headers.get("origin");
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: corsHeaders(origin, true) });

  const app = await useApp();
  const cacheKey = app.answers.keyOf(request, new URL(request.url));
  const cached = cacheKey ? app.answers.get(cacheKey) : undefined;
  if (cached) return withCors(cached, origin);

  const writesBefore = app.db.writes;
  const answer = await fetchRequestHandler({
    endpoint: "/trpc",
    req: request,
    router: appRouter,
    createContext: () => ({
      app,
      publishableKey: request.headers.get("x-frontdesk-key"),
      secretKey: /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null,
      origin,
    }),
  });
  const response = await compressAnswer(request, answer);
  if (cacheKey) await app.answers.keep(cacheKey, response, writesBefore);
  return withCors(response, origin);
});

// The publishable key's allowed origins are enforced per call; CORS only lets the page read the answer.
function withCors(response: Response, origin: string | null): Response {
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
