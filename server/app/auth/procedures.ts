import type { z } from "zod";
import { FrontdeskError, manageLinkInput, type ApiScope, type EmbedWidget } from "@frontdesk/core";
import { audited } from "../audit/audited";
import { secretBodyLimitBytes } from "../http/limits";
import { baseProcedure, rateLimited, type RequestContext } from "../trpc";
import {
  ownStaffId,
  requireRoleScope,
  requireScope,
  type BusinessServer,
  type EmbedSession,
  type Principal,
  type PrincipalOf,
  type StaffSession,
} from "./principal";

// Procedures by who may call them. Each puts `ctx.principal` (who acts) and `ctx.tenant` (their business, loaded once
// per request) in the context; every call is counted against the rate limits before its credentials are looked at.

/** Anyone, with no credential: counted against the rate limits like every call. */
export const publicProcedure = baseProcedure.meta({ access: { who: "anyone" } }).use(rateLimited());

/** A web page: the publishable key names the business and the page's origin must be one it allows. */
export const visitorProcedure = publicProcedure.meta({ access: { who: "visitor" } }).use(async ({ ctx, next }) => {
  const principal = await ctx.principals.visitor();
  return next({ ctx: { principal, tenant: principal.tenant } });
});

/** A customer's manage link: the signed token in the input is the only credential, and reaches one appointment. */
export const manageLinkProcedure = publicProcedure
  .meta({ access: { who: "manageLink" } })
  .input(manageLinkInput)
  .use(audited("manageLink", (ctx, input) => ctx.principals.manageLink((input as { token: string }).token)))
  .use(async ({ ctx, input, next }) => {
    const principal = await ctx.principals.manageLink(input.token);
    return next({ ctx: { principal, tenant: principal.tenant } });
  });

/** Whoever acts for a business, by the credential the request carries (see `Principals.actsBy`). */
export const acting = (ctx: Pick<RequestContext, "principals">): Promise<BusinessServer | EmbedSession | StaffSession> =>
  ctx.principals.actsBy === "embedSession" ? ctx.principals.embedSession() : ctx.principals.actsBy === "session" ? ctx.principals.staff() : ctx.principals.business();

/**
 * Whoever acts for a business: its own server (the secret key names the business; never used in a web page), an embed
 * session its vendor's server minted (`x-frontdesk-session`, in a web page), or a member signed in to the back office.
 */
const forBusiness = baseProcedure
  .use(rateLimited("secret"))
  .use(audited("business", acting))
  .use(async ({ ctx, next }) => {
    const principal = await acting(ctx);
    return next({ ctx: { principal, tenant: principal.tenant } });
  });

/** The business's own server alone: the secret key names the business. */
const secretKeyServer = baseProcedure
  .use(rateLimited("secret"))
  .use(audited("business", (ctx) => ctx.principals.business()))
  .use(async ({ ctx, next }) => {
    const principal = await ctx.principals.business();
    return next({ ctx: { principal, tenant: principal.tenant } });
  });

/**
 * Refuses a principal without `scope` before the input is read: `MISSING_SCOPE` for a key or an embed session,
 * `ROLE_NOT_ALLOWED` for a member. A verified key or member may then send a larger body.
 */
function scoped(scope: ApiScope) {
  return <T>({ ctx, path, next }: { ctx: RequestContext & { principal: BusinessServer | EmbedSession | StaffSession }; path: string; next: () => T }): T => {
    if (ctx.principal.kind === "staff") requireRoleScope(ctx.principal, scope, path);
    else requireScope(ctx.principal, scope, path);
    if (ctx.principal.kind !== "embedSession") ctx.body.allow(secretBodyLimitBytes);
    return next();
  };
}

/** A call for a business that needs `scope`: by its secret key, an embed session or a member whose role has it. */
export function businessProcedure(scope: ApiScope) {
  return forBusiness.meta({ access: { who: "business", scope } }).use(scoped(scope));
}

/**
 * A change to one staff member's schedule: by whoever has `config:write`, or by a staff-role member or embed session
 * for their own staff record (the procedure checks the staff id it is given with `requireOwnStaff`).
 */
export function ownScheduleProcedure() {
  const anySchedule = scoped("config:write");
  return forBusiness.meta({ access: { who: "business", scope: "config:write", ownStaff: true } }).use((options) => {
    // A staff-role caller goes on to `requireOwnStaff`, which also tells one linked to no staff record why not.
    if (ownStaffId(options.ctx.principal) === undefined) return anySchedule(options);
    if (options.ctx.principal.kind !== "embedSession") options.ctx.body.allow(secretBodyLimitBytes);
    return options.next();
  });
}

/**
 * Refuses an embed session not minted for `widget`. For calls a staff-role session reaches without a scope (its own
 * staff record's, see `ownScheduleProcedure`), the session's widgets are what keeps one minted for `<fd-team>` out.
 */
export function embeddedIn(widget: EmbedWidget) {
  return <T>({ ctx, path, next }: { ctx: RequestContext & { principal: BusinessServer | EmbedSession | StaffSession }; path: string; next: () => T }): T => {
    const principal = ctx.principal;
    if (principal.kind === "embedSession" && !principal.widgets.includes(widget)) {
      throw new FrontdeskError("MISSING_SCOPE", `This embed session (role ${principal.role}, for ${principal.widgets.join(", ")}) may not call ${path}: mint it for ${widget}.`, { field: "session" });
    }
    return next();
  };
}

/** The business's own server alone, with a key that has `scope`: for what no browser may do, such as minting embed sessions. */
export function secretKeyProcedure(scope: ApiScope) {
  return secretKeyServer.meta({ access: { who: "secretKey", scope } }).use(scoped(scope));
}

/** An embed session, whatever its role: for what a browser asks about the session it holds. */
export const embedSessionProcedure = baseProcedure
  .meta({ access: { who: "embedSession" } })
  .use(rateLimited())
  .use(async ({ ctx, next }) => {
    const principal = await ctx.principals.embedSession();
    return next({ ctx: { principal, tenant: principal.tenant } });
  });

/** A person signed in with the session cookie, whatever business they belong to (or none yet). */
export const signedInProcedure = baseProcedure
  .meta({ access: { who: "signedIn" } })
  .use(rateLimited("secret"))
  .use(audited("staff", async (ctx) => ({ kind: "staff" as const, tenant: null, userId: (await ctx.principals.signedIn()).user.id })))
  .use(async ({ ctx, next }) => {
    const person = await ctx.principals.signedIn();
    return next({ ctx: { person } });
  });

/** An operator of this server, signed in: their verified address is in `FRONTDESK_ADMIN_EMAILS`. */
export const operatorProcedure = baseProcedure
  .meta({ access: { who: "operator" } })
  .use(rateLimited("secret"))
  .use(audited("platformAdmin", (ctx) => ctx.principals.platformAdmin()))
  .use(async ({ ctx, next }) => {
    const principal = await ctx.principals.platformAdmin();
    return next({ ctx: { principal } });
  });

/** The answer of a change that has nothing else to say, once it is done. */
export const acknowledged = (work: Promise<unknown>): Promise<{ ok: true }> => work.then(() => ({ ok: true as const }));

const declaredOnly = new WeakMap<object, z.ZodType>();

/**
 * `schema` as a procedure's output — its type, and the contract the REST/OpenAPI layer reads — without checking every
 * answer against it at run time. Only for hot paths whose answers are built from typed rows (`booking.availability`:
 * checking a month of slots costs about a tenth of the call's CPU); a test checks real answers against the schema.
 */
export function declaredOutput<T extends z.ZodType>(schema: T): T {
  const passThrough = <V>(value: V) => value;
  const declared = Object.create(schema, { parse: { value: passThrough }, parseAsync: { value: async <V>(value: V) => value } }) as T;
  declaredOnly.set(declared, schema);
  return declared;
}

/** The schema a procedure declares as its output, whether or not its answers are checked against it. */
export function declaredSchemaOf(parser: unknown): unknown {
  return (typeof parser === "object" && parser !== null && declaredOnly.get(parser)) || parser;
}
