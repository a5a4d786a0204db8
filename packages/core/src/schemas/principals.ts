import { z } from "zod";
import type { MemberRole } from "../vocabulary";

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
  /** `keys.createSecretKey`, `keys.revokeSecretKey`, `config.createPublishableKey`, `config.revokePublishableKey`. */
  "keys:write",
  /** `keys.list`: the business's keys, never their secrets. */
  "keys:read",
  /** `staff.availability`, `staff.appointments`, `staff.appointment`, `staff.customerHistory`. */
  "bookings:read",
  /** `staff.book` and every decision or change on an appointment. */
  "bookings:write",
  /** `sandbox.outbox`: its messages carry manage links. */
  "outbox:read",
  /** `team.members`, `team.invitations`. */
  "team:read",
  /** `team.invite`, `team.updateMember`, `team.removeMember`, `team.revokeInvitation`. */
  "team:write",
  /** `audit.list`, `audit.export`: who did what, and from where (hashed). */
  "audit:read",
  /** `customers.export`: everything held about one customer. */
  "customers:read",
  /** `customers.erase`: a customer's personal data removed for good. */
  "customers:write",
  /** `webhooks.listEndpoints`, `webhooks.deliveries`. */
  "webhooks:read",
  /** Every other `webhooks.*` call: endpoints, their secrets, replays and test events. */
  "webhooks:write",
  /** `embedSessions.create`, `embedSessions.revoke`: a SaaS vendor's server minting sessions; never granted to a session. */
  "sessions:write",
  /** The call log: calls, their transcripts, tool invocations and recordings. */
  "calls:read",
  /** Placing outbound calls and running simulated ones. */
  "calls:write",
  /** The business's phone agents, their versions and voices. */
  "agents:read",
  /** Creating, changing, publishing and deleting phone agents. */
  "agents:write",
  /** The business's phone numbers, their usage and porting requests. */
  "numbers:read",
  /** Searching, buying, binding and releasing phone numbers; porting requests. */
  "numbers:write",
  /** The queue of AI actions waiting for a decision. */
  "approvals:read",
  /** Approving, editing and rejecting AI actions. */
  "approvals:write",
  /** The knowledge base the phone agents answer from. */
  "knowledge:write",
] as const;
export const apiScopeSchema = z.enum(apiScopes);
export type ApiScope = (typeof apiScopes)[number];

/**
 * What each member role may do. Owners and admins run the business (only an owner makes or removes owners, which the
 * team service checks), including making secret keys with any scope; staff read the configuration, work with
 * appointments, and see the call log and the approval queue.
 */
export const memberScopes: Record<MemberRole, readonly ApiScope[]> = {
  owner: apiScopes,
  admin: apiScopes,
  staff: ["config:read", "bookings:read", "bookings:write", "calls:read", "approvals:read"],
};
