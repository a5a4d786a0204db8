import { apiScopes, embedSessionHeader, FrontdeskError, type ApiScope, type EmbedRole, type EmbedWidget, type PrincipalKind } from "@frontdesk/core";
import type { Tenant } from "@frontdesk/db";
import type { App } from "../create-app";
import { openManageLink } from "../manage/manage-links";
import { secretKeyOf } from "./secret-keys";

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
  /** The secret key's id (never the key). */
  keyId: string;
  scopes: readonly ApiScope[];
}

/** A customer holding the signed token of a manage link: one appointment, and nothing else of its business. */
export interface ManageLinkHolder {
  kind: "manageLink";
  tenant: Tenant;
  appointmentId: string;
}

// The principals the next issues add. Their shapes are here so that procedures can name them; until each one's
// resolver lands, a procedure that asks for one answers PRINCIPAL_NOT_ACCEPTED.

/** A signed-in staff member of the business. */
export interface StaffSession {
  kind: "staff";
  tenant: Tenant;
  userId: string;
  role: string;
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
  expiresAt: number;
}

/** The AI agent answering the business's phone line, during one call. */
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
export type UpcomingPrincipalKind = Exclude<PrincipalKind, "visitor" | "business" | "manageLink" | "embedSession">;

/** Secret keys carry no scopes of their own yet: every key may do everything a business's server does. */
export const secretKeyScopes: readonly ApiScope[] = apiScopes;

/** What a request presents, from its headers. A manage-link token travels in each call's input instead. */
export interface Credentials {
  /** The `x-frontdesk-key` header. */
  publishableKey: string | null;
  /** The bearer token of the `Authorization` header: a secret key (`sk_…`). */
  secretKey: string | null;
  /** The browser's `Origin` header; absent for server-to-server calls. */
  origin: string | null;
  /** The `x-frontdesk-session` header: an embed session's client secret. */
  embedSession: string | null;
}

export function credentialsOf(headers: Headers): Credentials {
  return {
    publishableKey: headers.get("x-frontdesk-key"),
    secretKey: /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1] ?? null,
    origin: headers.get("origin"),
    embedSession: headers.get(embedSessionHeader),
  };
}

/** The principals one request's credentials name, each looked up on first use and then shared by every call of the batch. */
export interface Principals {
  visitor(): Promise<WebsiteVisitor>;
  business(): Promise<BusinessServer>;
  /** Whether the request speaks as the business's server (a secret key, or neither credential) rather than as an embed session; known without a lookup. */
  presentsSecretKey: boolean;
  embedSession(): Promise<EmbedSession>;
  manageLink(token: string): Promise<ManageLinkHolder>;
}

export function principalsOf(app: App, credentials: Credentials): Principals {
  let visitor: Promise<WebsiteVisitor> | undefined;
  let business: Promise<BusinessServer> | undefined;
  let embedSession: Promise<EmbedSession> | undefined;
  const links = new Map<string, Promise<ManageLinkHolder>>();
  return {
    visitor: () => (visitor ??= websiteVisitor(app, credentials)),
    business: () => (business ??= businessServer(app, credentials)),
    presentsSecretKey: credentials.secretKey !== null || credentials.embedSession === null,
    embedSession: () => (embedSession ??= embedSessionOf(app, credentials)),
    manageLink(token) {
      let holder = links.get(token);
      if (!holder) links.set(token, (holder = manageLinkHolder(app, token)));
      return holder;
    },
  };
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
  return { kind: "visitor", tenant: found.tenant, publishableKey, origin };
}

async function businessServer(app: App, { secretKey }: Credentials): Promise<BusinessServer> {
  const found = secretKey ? await secretKeyOf(app.db, secretKey) : undefined;
  if (!found) {
    throw new FrontdeskError("UNKNOWN_SECRET_KEY", "Send your secret key as `Authorization: Bearer sk_…`; this one is missing, unknown or revoked.", {
      field: "authorization",
    });
  }
  return { kind: "business", tenant: found.tenant, keyId: found.keyId, scopes: secretKeyScopes };
}

async function embedSessionOf(app: App, { embedSession, origin }: Credentials): Promise<EmbedSession> {
  if (!embedSession) {
    throw new FrontdeskError("UNKNOWN_EMBED_SESSION", `Send the embed session's client secret as the ${embedSessionHeader} header.`, { field: "session" });
  }
  const { session, tenant } = await app.embedSessions.open(embedSession, origin);
  const { id: sessionId, scopes, widgets, role, staffId, expiresAt } = session;
  return { kind: "embedSession", tenant, sessionId, scopes, widgets, role, staffId, expiresAt };
}

async function manageLinkHolder(app: App, token: string): Promise<ManageLinkHolder> {
  const { tenant, appointmentId } = await openManageLink(app.db, app.links, token);
  return { kind: "manageLink", tenant, appointmentId };
}

/** Refuses a call its principal may not make: `MISSING_SCOPE`, naming the call and the scope. */
export function requireScope(principal: { scopes: readonly ApiScope[]; role?: EmbedRole }, scope: ApiScope, call: string): void {
  if (principal.scopes.includes(scope)) return;
  if (principal.role) {
    throw new FrontdeskError("MISSING_SCOPE", `This embed session may not call ${call}: its role ${principal.role} lacks the ${scope} scope.`, { field: "session" });
  }
  throw new FrontdeskError("MISSING_SCOPE", `This key may not call ${call}: it lacks the ${scope} scope. Use a key that has it.`, { field: "authorization" });
}

const upcoming: Record<UpcomingPrincipalKind, string> = {
  staff: "Staff sign-in",
  agent: "The phone agent",
  platformAdmin: "Platform admin sign-in",
};

/** The answer for a principal this server does not accept yet: say so, and what works today. */
export function notAcceptedYet(kind: UpcomingPrincipalKind): FrontdeskError {
  return new FrontdeskError(
    "PRINCIPAL_NOT_ACCEPTED",
    `${upcoming[kind]} is not accepted by this server yet. Call from the business's server with its secret key (Authorization: Bearer sk_…).`,
    { field: "authorization" },
  );
}
