import { TRPCError } from "@trpc/server";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import { appRouter } from "../router";
import type { RequestContext } from "../trpc";

/** What went wrong in one REST call, as the procedure saw it. */
export interface RestFailure {
  error: TRPCError;
  type: string;
  path: string | undefined;
}

interface RestCall {
  context: RequestContext;
  failure?: RestFailure;
}

const calls = new WeakMap<object, RestCall>();

// Made once: trpc-to-openapi's fetch adapter builds this per request, and outside NODE_ENV=production that also
// generates the whole OpenAPI document on every call (about half of a booking's time).
const handle = createOpenApiNodeHttpHandler({
  router: appRouter,
  createContext: ({ req }) => calls.get(req)!.context,
  onError: ({ error, type, path, req }) => {
    const call = calls.get(req);
    if (call) call.failure = { error, type, path };
  },
});

/** The request body as trpc-to-openapi reads it: parsed JSON, or the error reading it gave (thrown when it is used). */
async function bodyOf(request: Request): Promise<{ data: unknown } | { cause: unknown }> {
  if (!request.headers.get("content-type")?.includes("application/json")) return { data: request.body };
  try {
    return { data: JSON.parse(await request.text()) };
  } catch (cause) {
    return { cause };
  }
}

/**
 * Runs the procedure `request`'s method and path name under `endpoint`, in `context`: trpc-to-openapi's fetch
 * adapter, with its handler made once.
 */
export async function runRest(request: Request, endpoint: string, context: RequestContext): Promise<{ response: Response; failure: RestFailure | undefined }> {
  const url = request.url.replace(endpoint, "");
  const body = await bodyOf(request);
  const req = new Proxy(request, {
    get(target, property) {
      if (property === "url") return url;
      if (property === "body") {
        if ("cause" in body) throw new TRPCError({ code: "PARSE_ERROR", message: "Failed to parse request body", cause: body.cause });
        return body.data;
      }
      return Reflect.get(target, property, target);
    },
  });
  const call: RestCall = { context };
  calls.set(req, call);
  const headers = new Headers();
  const response = await new Promise<Response>((resolve) => {
    const res = {
      statusCode: 200,
      setHeader(name: string, value: string | string[]) {
        if (typeof value === "string") headers.set(name, value);
        else for (const each of value) headers.append(name, each);
      },
      end(text?: string) {
        resolve(new Response(text, { status: res.statusCode, headers }));
      },
    };
    void handle(req as never, res as never);
  });
  return { response, failure: call.failure };
}
