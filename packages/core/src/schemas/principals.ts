import { z } from "zod";

/**
 * Who can act on a business's data. Each request resolves one per credential it presents: a website visitor
 * (publishable key and page origin), a business's own server (secret key, with scopes), a customer holding a
 * manage link; staff sessions, embed sessions, the phone line's AI agent and platform admins come next.
 */
export const principalKinds = ["visitor", "business", "manageLink", "staff", "embedSession", "agent", "platformAdmin"] as const;
export type PrincipalKind = (typeof principalKinds)[number];

/** What a secret key (and, next, an embed session) may do; a procedure names the one it needs. */
export const apiScopes = [
  /** `config.get`. */
  "config:read",
  /** Every other `config.*` call but the publishable keys'. */
  "config:write",
  /** `config.createPublishableKey`, `config.revokePublishableKey`. */
  "keys:write",
  /** `staff.appointments`, `staff.customerHistory`. */
  "bookings:read",
  /** `staff.book` and every decision or change on an appointment. */
  "bookings:write",
  /** `sandbox.outbox`: its messages carry manage links. */
  "outbox:read",
  /** `embedSessions.create`, `embedSessions.revoke`: a SaaS vendor's server minting sessions; never granted to a session. */
  "sessions:write",
] as const;
export const apiScopeSchema = z.enum(apiScopes);
export type ApiScope = (typeof apiScopes)[number];
