import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { FrontdeskError } from "@frontdesk/core";
import { tenantOfSecretKey } from "./auth/secret-keys";
import { describe } from "./describe-error";
import type { App } from "./context";
import { secretBodyLimitBytes, type LimitedBody, type RateBucket, type RateLimiter } from "./http/limits";

export interface RequestContext {
  app: App;
  /** The `x-frontdesk-key` header. */
  publishableKey: string | null;
  /** The bearer token of the `Authorization` header: a secret key (`sk_…`). */
  secretKey: string | null;
  /** The browser's `Origin` header; absent for server-to-server calls. */
  origin: string | null;
  /** The caller's address (hashed) and the limiter its calls count against; null when per-client limits are off. */
  client: { id: string; rates: RateLimiter } | null;
  /** The request body, read only when a procedure parses its input. */
  body: Pick<LimitedBody, "allow">;
}

/** What a procedure declares about itself: the rate bucket it counts against, if not the default for its kind. */
export interface ProcedureMeta {
  rate?: RateBucket;
}

const t = initTRPC.context<RequestContext>().meta<ProcedureMeta>().create({
  errorFormatter({ shape, error, type, path }) {
    const frontdesk = describe(error, { type, path });
    return { ...shape, message: frontdesk.message, data: { ...shape.data, stack: undefined, frontdesk: frontdesk.data } };
  },
});

const trpcCodeByStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
};

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
const rateLimited = (bucket?: RateBucket) =>
  t.middleware(async ({ ctx, meta, type, next }) => {
    if (ctx.client) await ctx.client.rates.take(meta?.rate ?? bucket ?? (type === "query" ? "reads" : "bookings"), ctx.client.id);
    return next();
  });

export const router = t.router;

/** A verified secret key may send a larger body; its input is read only after this. */
const secretKeyBody = t.middleware(({ ctx, next }) => {
  ctx.body.allow(secretBodyLimitBytes);
  return next();
});

/** A call from a web page: the publishable key names the business and the page's origin must be one it allows. */
export const publishableProcedure = t.procedure.use(domainErrors).use(rateLimited()).use(async ({ ctx, next }) => {
  if (!ctx.publishableKey) {
    throw new FrontdeskError("UNKNOWN_PUBLISHABLE_KEY", "Missing publishable key: set the publishable-key attribute to your pk_… key.", {
      field: "publishableKey",
    });
  }
  const found = await ctx.app.publishableKeys.find(ctx.publishableKey);
  if (!found) {
    throw new FrontdeskError("UNKNOWN_PUBLISHABLE_KEY", "This publishable key is unknown or revoked. Copy the current key from your dashboard.", {
      field: "publishableKey",
    });
  }
  const allowed = found.key.allowedOrigins;
  if (ctx.origin && !allowed.includes("*") && !allowed.includes(ctx.origin)) {
    throw new FrontdeskError("ORIGIN_NOT_ALLOWED", `This key may not be used on ${ctx.origin}. Add the site to the key's allowed origins.`, {
      field: "origin",
    });
  }
  return next({ ctx: { ...ctx, tenantId: found.tenant.id, tenant: found.tenant } });
});

/** Anyone: the capability is in the input (a signed manage-link token). */
export const publicProcedure = t.procedure.use(domainErrors).use(rateLimited());

/** A business's own server or staff tools: the secret key names the business. Never use it in a web page. */
export const secretProcedure = t.procedure.use(domainErrors).use(rateLimited("secret")).use(async ({ ctx, next }) => {
  const tenant = ctx.secretKey ? await tenantOfSecretKey(ctx.app.db, ctx.secretKey) : undefined;
  if (!tenant) {
    throw new FrontdeskError("UNKNOWN_SECRET_KEY", "Send your secret key as `Authorization: Bearer sk_…`; this one is missing, unknown or revoked.", {
      field: "authorization",
    });
  }
  return next({ ctx: { ...ctx, tenantId: tenant.id, tenant } });
}).use(secretKeyBody);
