import { apiScopes, embedSessionHeader, FrontdeskError, memberScopes, type ApiScope, type EmbedRole, type EmbedWidget, type MemberRole, type PrincipalKind } from "@frontdesk/core";
import type { Tenant, User } from "@frontdesk/db";
import type { App } from "../create-app";
import { openManageLink } from "../manage/manage-links";

/** A web page: the publishable key names the business, and the page's origin is one the key allows. */
export interface WebsiteVisitor {
  kind: "visitor";
  tenant: Tenant;
  publishableKey: string;
  /** The page's `Origin`; null for a call that is not from a browser. */
  origin: string | null;
}

/** A business's own server (or the staff tools a SaaS vendor builds): its secret key, and what the key may do. */
export interface BusinessServer {
  kind: "business";
  tenant: Tenant;
  /** The secret key's id (never its value). */
  keyId: string;
  scopes: readonly ApiScope[];
  /** The key's first characters, as its list shows them: names the key in the audit log without revealing it. */
  keyPrefix: string;
}

/** A customer holding the signed token of a manage link: one appointment, and nothing else of its business. */
export interface ManageLinkHolder {
  kind: "manageLink";
  tenant: Tenant;
  appointmentId: string;
}

/** A member of the business signed in with the session cookie: their role in it gives their scopes. */
export interface StaffSession {
  kind: "staff";
  tenant: Tenant;
  userId: string;
  name: string;
  role: MemberRole;
  scopes: readonly ApiScope[];
  /** Their bookable staff record, if they are linked to one. */
  staffId: string | null;
}

/** A person signed in with the session cookie, before any business: they may create one or accept an invitation. */
export interface SignedInPerson {
  user: User;
  sessionId: string;
}

/** A dashboard embedded in a SaaS vendor's product, through a session the vendor's server minted. */
export interface EmbedSession {
  kind: "embedSession";
  tenant: Tenant;
  sessionId: string;
  /** What the session's role may do. */
  scopes: readonly ApiScope[];
  widgets: readonly EmbedWidget[];
  role: EmbedRole;
  /** With role `staff`: the staff member the person is. */
  staffId: string | null;
  /** The vendor's front-end origins it was minted for; null: any. */
  origins: readonly string[] | null;
  expiresAt: number;
}

/**
 * The AI agent answering the business's phone line, during one call: resolved from a tool call's signature (the
 * agent's Retell webhook key) by `phoneAgentOf`. `callId` is the provider's call id (`call_…`), known before our record.
 */
export interface PhoneAgent {
  kind: "agent";
  tenant: Tenant;
  agentId: string;
  callId: string;
}

/** Whoever runs this Frontdesk server: acts for the business it names, or for none. */
export interface PlatformAdmin {
  kind: "platformAdmin";
  tenant: Tenant | null;
  userId: string;
}

export type Principal = WebsiteVisitor | BusinessServer | ManageLinkHolder | StaffSession | EmbedSession | PhoneAgent | PlatformAdmin;
export type PrincipalOf<K extends PrincipalKind> = Extract<Principal, { kind: K }>;

/** A key's scopes: its own list, or every scope there is for a key that has none (made before scopes existed, or the demo's). */
export const secretKeyScopes = (scopes: readonly ApiScope[] | null): readonly ApiScope[] => scopes ?? apiScopes;

/** What a request presents, from its headers. A manage-link token travels in each call's input instead. */
export interface Credentials {
  /** The `x-frontdesk-key` header. */
  publishableKey: string | null;
  /** The bearer token of the `Authorization` header: a secret key (`sk_…`). */
  secretKey: string | null;
  /** The browser's `Origin` header; absent for server-to-server calls. */
  origin: string | null;
  /** The accounts session cookie, if the request carries one (the whole `Cookie` header goes to the accounts library). */
  cookies: Headers | null;
  /** `x-frontdesk-business`: which of a signed-in person's businesses the call is for, when they belong to several. */
  business: string | null;
  /** The `x-frontdesk-session` header: an embed session's client secret. */
  embedSession: string | null;
}

export function credentialsOf(headers: Headers): Credentials {
  return {
    publishableKey: headers.get("x-frontdesk-key"),
    secretKey: /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1] ?? null,
    origin: headers.get("origin"),
    cookies: /(^|;\s*)(__Secure-)?better-auth\.session_token=/.test(headers.get("cookie") ?? "") ? new Headers({ cookie: headers.get("cookie")! }) : null,
    business: headers.get("x-frontdesk-business"),
    embedSession: headers.get(embedSessionHeader),
  };
}

/** The principals one request's credentials name, each looked up on first use and then shared by every call of the batch. */
export interface Principals {
  visitor(): Promise<WebsiteVisitor>;
  business(): Promise<BusinessServer>;
  /** The embed session whose client secret the request carries. */
  embedSession(): Promise<EmbedSession>;
  manageLink(token: string): Promise<ManageLinkHolder>;
  /** The person the session cookie names. */
  signedIn(): Promise<SignedInPerson>;
  /** That person as a member of the business they act for. */
  staff(): Promise<StaffSession>;
  /** That person as an operator of this server. */
  platformAdmin(): Promise<PlatformAdmin>;
  /**
   * Which credential speaks for a business, known without a lookup: a secret key (or none at all, answered as a server
   * without its key), an embed session's secret, or a member's session cookie.
   */
  readonly actsBy: "secretKey" | "embedSession" | "session";
}

export function principalsOf(app: App, credentials: Credentials): Principals {
  let visitor: Promise<WebsiteVisitor> | undefined;
  let business: Promise<BusinessServer> | undefined;
  let person: Promise<SignedInPerson> | undefined;
  let staff: Promise<StaffSession> | undefined;
  let embedSession: Promise<EmbedSession> | undefined;
  const links = new Map<string, Promise<ManageLinkHolder>>();
  const principals: Principals = {
    visitor: () => (visitor ??= websiteVisitor(app, credentials)),
    business: () => (business ??= businessServer(app, credentials)),
    signedIn: () => (person ??= signedInPerson(app, credentials)),
    staff: () => (staff ??= principals.signedIn().then((signedIn) => staffSession(app, signedIn, credentials))),
    async platformAdmin() {
      const { user } = await principals.signedIn();
      if (!app.operators.isOperator(user)) {
        throw new FrontdeskError("ROLE_NOT_ALLOWED", "Only this server's operators may do this: their verified address is in FRONTDESK_ADMIN_EMAILS.", { field: "session" });
      }
      return { kind: "platformAdmin", tenant: null, userId: user.id };
    },
    // A secret key wins (a browser never has one), then an embed session's secret, then the session cookie.
    actsBy: credentials.secretKey !== null ? "secretKey" : credentials.embedSession !== null ? "embedSession" : credentials.cookies !== null ? "session" : "secretKey",
    embedSession: () => (embedSession ??= embedSessionOf(app, credentials)),
    manageLink(token) {
      let holder = links.get(token);
      if (!holder) links.set(token, (holder = manageLinkHolder(app, token)));
      return holder;
    },
  };
  return principals;
}

async function websiteVisitor(app: App, { publishableKey, origin }: Credentials): Promise<WebsiteVisitor> {
  if (!publishableKey) {
    throw new FrontdeskError("UNKNOWN_PUBLISHABLE_KEY", "Missing publishable key: set the publishable-key attribute to your pk_… key.", {
      field: "publishableKey",
    });
  }
  const found = await app.publishableKeys.find(publishableKey);
  if (!found) {
    throw new FrontdeskError("UNKNOWN_PUBLISHABLE_KEY", "This publishable key is unknown or revoked. Copy the current key from your dashboard.", {
      field: "publishableKey",
    });
  }
  const allowed = found.key.allowedOrigins;
  if (origin && !allowed.includes("*") && !allowed.includes(origin)) {
    throw new FrontdeskError("ORIGIN_NOT_ALLOWED", `This key may not be used on ${origin}. Add the site to the key's allowed origins.`, { field: "origin" });
  }
  return { kind: "visitor", tenant: open(found.tenant), publishableKey, origin };
}

async function businessServer(app: App, { secretKey }: Credentials): Promise<BusinessServer> {
  const found = secretKey ? await app.secretKeys.find(secretKey) : undefined;
  if (!found) {
    throw new FrontdeskError("UNKNOWN_SECRET_KEY", "Send your secret key as `Authorization: Bearer sk_…`; this one is missing, unknown or revoked.", {
      field: "authorization",
    });
  }
  return { kind: "business", tenant: open(found.tenant), keyId: found.key.id, keyPrefix: found.key.prefix, scopes: secretKeyScopes(found.key.scopes) };
}

async function embedSessionOf(app: App, { embedSession, origin }: Credentials): Promise<EmbedSession> {
  if (!embedSession) {
    throw new FrontdeskError("UNKNOWN_EMBED_SESSION", `Send the embed session's client secret as the ${embedSessionHeader} header.`, { field: "session" });
  }
  const { session, tenant } = await app.embedSessions.open(embedSession, origin);
  const { id: sessionId, scopes, widgets, role, staffId, origins, expiresAt } = session;
  return { kind: "embedSession", tenant: open(tenant), sessionId, scopes, widgets, role, staffId, origins: origins ?? null, expiresAt };
}

async function manageLinkHolder(app: App, token: string): Promise<ManageLinkHolder> {
  const { tenant, appointmentId } = await openManageLink(app.db, app.links, token);
  return { kind: "manageLink", tenant, appointmentId };
}

/** A business a platform operator suspended answers for none of its keys or members. */
function open(tenant: Tenant): Tenant {
  if (!tenant.suspendedAt) return tenant;
  throw new FrontdeskError("BUSINESS_SUSPENDED", `${tenant.name} is suspended on this server: its keys and sign-ins do not work until an operator reactivates it.`, {
    field: "authorization",
  });
}

async function signedInPerson(app: App, { cookies, origin }: Credentials): Promise<SignedInPerson> {
  // The cookie travels with any request the browser makes, so a call from another site's page must not act on it.
  if (origin && !app.accounts.trustsOrigin(origin)) {
    throw new FrontdeskError("CROSS_SITE_REQUEST", `Signed-in calls are accepted only from this server's own pages, not from ${origin}.`, { field: "origin" });
  }
  const found = cookies ? await app.accounts.session(cookies) : null;
  if (!found) throw new FrontdeskError("NOT_SIGNED_IN", "Sign in first: this call needs a signed-in session, and there is none or it has ended.", { field: "session" });
  if (found.user.suspendedAt) throw new FrontdeskError("ACCOUNT_SUSPENDED", "This account is suspended on this server.", { field: "session" });
  return found;
}

async function staffSession(app: App, { user }: SignedInPerson, { business }: Credentials): Promise<StaffSession> {
  const memberships = await app.team.memberships(user.id);
  const chosen = business ? memberships.find((membership) => membership.tenant.id === business) : memberships.length === 1 ? memberships[0] : undefined;
  if (!chosen) {
    if (business || memberships.length === 0) {
      throw new FrontdeskError("NOT_A_MEMBER", "You are not a member of this business. Ask its owner for an invitation.", { field: "business" });
    }
    throw new FrontdeskError("BUSINESS_NOT_CHOSEN", "You belong to several businesses: say which one with the x-frontdesk-business header.", { field: "business" });
  }
  const { member, tenant } = chosen;
  return { kind: "staff", tenant: open(tenant), userId: user.id, name: user.name, role: member.role, scopes: memberScopes[member.role], staffId: member.staffId };
}

/**
 * Whose schedule and appointments a principal may see and change: `undefined`, everyone's (owners, admins, secret
 * keys); a staff id, that staff member's alone (a member or embed session with role staff, linked to their staff
 * record); `null`, nobody's (role staff, linked to no staff record). The one place the staff role's limit is decided.
 */
export type OwnStaff = string | null | undefined;

export function ownStaffId(principal: Principal): OwnStaff {
  return (principal.kind === "staff" || principal.kind === "embedSession") && principal.role === "staff" ? principal.staffId : undefined;
}

/** Refuses a principal acting on a staff member's schedule or appointment that `ownStaffId` does not give it: `ROLE_NOT_ALLOWED`. */
export function requireOwnStaff(principal: Principal, staffId: string, call: string, field = "staffId"): void {
  const own = ownStaffId(principal);
  if (own === undefined || own === staffId) return;
  const message = principal.kind === "embedSession"
    ? own === null
      ? `This embed session has role staff and names no staffId, so it may not call ${call}. Mint it with the person's staffId.`
      : `This embed session is one staff member's: it may call ${call} only for their own schedule and appointments.`
    : own === null
      ? `No staff record is linked to you, so you may not call ${call}. Ask an owner or admin to link yours.`
      : `As staff you may call ${call} only for your own schedule and appointments, not a colleague's.`;
  throw new FrontdeskError("ROLE_NOT_ALLOWED", message, { field });
}

/** Refuses a call its principal may not make: `MISSING_SCOPE`, naming the call and the scope. */
export function requireScope(principal: { scopes: readonly ApiScope[]; role?: EmbedRole; widgets?: readonly EmbedWidget[] }, scope: ApiScope, call: string): void {
  if (principal.scopes.includes(scope)) return;
  if (principal.role) {
    const widgets = (principal.widgets ?? []).join(", ");
    throw new FrontdeskError("MISSING_SCOPE", `This embed session (role ${principal.role}, for ${widgets}) may not call ${call}: it lacks the ${scope} scope.`, { field: "session" });
  }
  throw new FrontdeskError("MISSING_SCOPE", `This key may not call ${call}: it lacks the ${scope} scope. Use a key that has it.`, { field: "authorization" });
}

/** Refuses a member whose role does not give `scope`. */
export function requireRoleScope(principal: StaffSession, scope: ApiScope, call: string): void {
  if (principal.scopes.includes(scope)) return;
  throw new FrontdeskError("ROLE_NOT_ALLOWED", `As ${principal.role} of ${principal.tenant.name} you may not call ${call}. Ask an owner or admin.`, { field: "role" });
}
