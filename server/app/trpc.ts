import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { OpenApiMeta } from "trpc-to-openapi";
import { FrontdeskError, type ApiScope } from "@frontdesk/core";
import { credentialsOf, principalsOf, type Principals } from "./auth/principal";
import type { AuditCaller } from "./audit/audit.service";
import type { App } from "./create-app";
import { describe } from "./describe-error";
import type { LimitedBody, RateBucket, RateLimiter } from "./http/limits";

export interface RequestContext {
  app: App;
  /** Who the request's credentials name, each resolved at most once however many calls of a batch ask. */
  principals: Principals;
  /** The caller's address (hashed) and the limiter its calls count against; null when per-client limits are off. */
  client: { id: string; rates: RateLimiter } | null;
  /** The request body, read only when a procedure parses its input. */
  body: Pick<LimitedBody, "allow">;
  /** Where the request came from, as the audit log keeps it (the address hashed). */
  caller: AuditCaller;
}

/** The context of one HTTP request: one per request, shared by every call of a batch. */
export function requestContext(app: App, request: Request & { ip?: string }, body: Pick<LimitedBody, "allow">): RequestContext {
  return {
    app,
    principals: principalsOf(app, credentialsOf(request.headers)),
    client: app.clientOf(request.ip, request.headers.get("x-forwarded-for")),
    body,
    caller: app.audit.callerOf(request.ip, request.headers.get("x-forwarded-for"), request.headers.get("user-agent")),
  };
}

/**
 * What a procedure declares about itself: the rate bucket it counts against, if not the default for its kind, and
 * (`openapi`) its REST route under `/api/v1`.
 */
/** Who may call a procedure, as auth/procedures.ts declares it: the kind of caller, and the scope it needs, if any. */
export interface Access {
  who: "anyone" | "visitor" | "manageLink" | "business" | "secretKey" | "embedSession" | "signedIn" | "operator";
  scope?: ApiScope;
  /** A staff-role principal may call it without `scope`, for their own staff record alone (see `ownStaffId`). */
  ownStaff?: true;
}

export type ProcedureMeta = OpenApiMeta<{ rate?: RateBucket; access?: Access }>;

const t = initTRPC.context<RequestContext>().meta<ProcedureMeta>().create({
  // No stacks in any answer, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error, type, path }) {
    const frontdesk = describe(error, { type, path });
    if (frontdesk.data.code === "INTERNAL") console.error(error.cause ?? error);
    // A status tRPC has no code for (424 PROVIDER_AUTH_FAILED) is still the one the answer reports, and is sent with.
    const httpStatus = error.cause instanceof FrontdeskError ? error.cause.status : shape.data.httpStatus;
    return { ...shape, message: frontdesk.message, data: { ...shape.data, httpStatus, stack: undefined, frontdesk: frontdesk.data } };
  },
});

const trpcCodeByStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** Whether tRPC has an error code of its own for an HTTP status; the trpc route sends the others itself. */
export const hasTrpcCode = (status: number) => status in trpcCodeByStatus;

/** A domain error as tRPC's, with the HTTP status its code stands for. */
export function toTRPCError(cause: FrontdeskError): TRPCError {
  return new TRPCError({ code: trpcCodeByStatus[cause.status] ?? "INTERNAL_SERVER_ERROR", message: cause.message, cause });
}

/** Turns domain errors into tRPC errors with the right HTTP status. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof FrontdeskError) throw toTRPCError(result.error.cause);
  return result;
});

/** Counts the call against the client's allowance before any other work: queries as reads, mutations as bookings, unless the procedure names its bucket. */
export const rateLimited = (bucket?: RateBucket) =>
  t.middleware(async ({ ctx, meta, type, next }) => {
    if (ctx.client) await ctx.client.rates.take(meta?.rate ?? bucket ?? (type === "query" ? "reads" : "bookings"), ctx.client.id);
    return next();
  });

export const router = t.router;
export const middleware = t.middleware;

/** Every procedure starts here: domain errors answer with their status. `auth/procedures.ts` builds on it by who may call. */
export const baseProcedure = t.procedure.use(domainErrors);
