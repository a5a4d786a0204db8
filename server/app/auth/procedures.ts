import type { z } from "zod";
import { manageLinkInput, type ApiScope } from "@frontdesk/core";
import { baseProcedure, rateLimited, secretKeyBody } from "../trpc";
import { notAcceptedYet, requireRoleScope, requireScope, type Principal, type PrincipalOf, type UpcomingPrincipalKind } from "./principal";

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
export const manageLinkProcedure = publicProcedure.meta({ access: { who: "manageLink" } }).input(manageLinkInput).use(async ({ ctx, input, next }) => {
  const principal = await ctx.principals.manageLink(input.token);
  return next({ ctx: { principal, tenant: principal.tenant } });
});

/**
 * Whoever acts for a business: its own server (the secret key names the business; never used in a web page) or a
 * member signed in to the back office (the session cookie, and their role in the business). Bodies may be larger.
 */
const forBusiness = baseProcedure.use(rateLimited("secret")).use(async ({ ctx, next }) => {
  const principal = await (ctx.principals.bySession ? ctx.principals.staff() : ctx.principals.business());
  return next({ ctx: { principal, tenant: principal.tenant } });
});

/**
 * A call for a business that needs `scope`: a secret key without it is refused with `MISSING_SCOPE`, a member whose role
 * does not give it with `ROLE_NOT_ALLOWED`, before the input is read.
 */
export function businessProcedure(scope: ApiScope) {
  return forBusiness
    .meta({ access: { who: "business", scope } })
    .use(({ ctx, path, next }) => {
      if (ctx.principal.kind === "staff") requireRoleScope(ctx.principal, scope, path);
      else requireScope(ctx.principal, scope, path);
      return next();
    })
    .use(secretKeyBody);
}

/** A person signed in with the session cookie, whatever business they belong to (or none yet). */
export const signedInProcedure = baseProcedure.meta({ access: { who: "signedIn" } }).use(rateLimited("secret")).use(async ({ ctx, next }) => {
  const person = await ctx.principals.signedIn();
  return next({ ctx: { person } });
});

/** An operator of this server, signed in: their verified address is in `FRONTDESK_ADMIN_EMAILS`. */
export const operatorProcedure = baseProcedure.meta({ access: { who: "operator" } }).use(rateLimited("secret")).use(async ({ ctx, next }) => {
  const principal = await ctx.principals.platformAdmin();
  return next({ ctx: { principal } });
});

/** For the principals the next issues add: a procedure can name one now, and answers PRINCIPAL_NOT_ACCEPTED until its resolver lands. */
export function upcomingPrincipalProcedure<K extends UpcomingPrincipalKind>(kind: K) {
  return publicProcedure.use(async ({ next }) => {
    const principal: PrincipalOf<K> = await Promise.reject(notAcceptedYet(kind));
    return next({ ctx: { principal, tenant: (principal as Principal).tenant } });
  });
}

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
