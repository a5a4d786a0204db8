import { z } from "zod";
import { idSchema, instantSchema } from "./common";
import { memberScopes, type ApiScope } from "../vocabulary";

/**
 * Embed sessions: a SaaS vendor's server mints one with its secret key for one business, and hands the short-lived
 * client secret to its front end, whose `<fd-provider>` sends it with every call. The secret key stays on the server.
 */

/** The widgets a session is for, by tag name: they decide, with its role, what the session may do. */
export const embedWidgets = ["fd-booking", "fd-appointments", "fd-team", "fd-api-keys", "fd-business-setup", "fd-call-log", "fd-call-detail", "fd-approvals", "fd-phone-numbers", "fd-agents", "fd-calendar-connections"] as const;
export type EmbedWidget = (typeof embedWidgets)[number];

/** The scopes each widget's calls need. */
export const embedWidgetScopes: Record<EmbedWidget, readonly ApiScope[]> = {
  "fd-booking": ["config:read", "bookings:read", "bookings:write"],
  "fd-appointments": ["config:read", "bookings:read", "bookings:write"],
  "fd-team": ["config:read", "team:read", "team:write"],
  "fd-api-keys": ["keys:read", "keys:write", "webhooks:read", "webhooks:write"],
  "fd-business-setup": ["config:read", "config:write", "keys:read", "keys:write"],
  // The business's zone (config), the calls and their recordings, and deciding on the approvals a call created.
  "fd-call-log": ["config:read", "calls:read", "approvals:read", "approvals:write"],
  "fd-call-detail": ["config:read", "calls:read", "approvals:read", "approvals:write"],
  "fd-approvals": ["config:read", "bookings:read", "approvals:read", "approvals:write"],
  "fd-phone-numbers": ["config:read", "numbers:read", "numbers:write", "agents:read"],
  "fd-agents": ["config:read", "agents:read", "agents:write"],
  // The staff list (config); config:write reaches every staff member's calendars and feed, which a staff-role session
  // never has: it reaches its own staffId's alone, without the scope.
  "fd-calendar-connections": ["config:read", "config:write"],
};

/** Who the person in front of the vendor's product is at the business. */
export const embedRoles = ["owner", "admin", "staff"] as const;
export type EmbedRole = (typeof embedRoles)[number];

/**
 * What each role may do: a signed-in member's scopes but one, since no session has `sessions:write` and so none can
 * mint another one (and outlive the lifetime its vendor gave it). A session has those its widgets need.
 */
export const embedRoleScopes: Record<EmbedRole, readonly ApiScope[]> = {
  owner: memberScopes.owner.filter((scope) => scope !== "sessions:write"),
  admin: memberScopes.admin.filter((scope) => scope !== "sessions:write"),
  staff: memberScopes.staff,
};

/** A session's scopes: those of its role that one of its widgets needs, so a session minted for `<fd-team>` reads no appointments. */
export function embedSessionScopes(role: EmbedRole, widgets: readonly EmbedWidget[]): ApiScope[] {
  const needed = new Set(widgets.flatMap((widget) => embedWidgetScopes[widget]));
  return embedRoleScopes[role].filter((scope) => needed.has(scope));
}

/** Lifetimes in seconds: 30 minutes unless the vendor asks for another, never more than an hour. */
export const embedSessionTtl = { defaultSeconds: 30 * 60, minSeconds: 60, maxSeconds: 60 * 60 } as const;
/** Sessions of one business that may be live at once; minting more answers TOO_MANY_EMBED_SESSIONS until some lapse. */
export const maxLiveEmbedSessions = 1000;

/** The header a browser sends the client secret in. */
export const embedSessionHeader = "x-frontdesk-session";

const origin = z.string().regex(/^https?:\/\/[^/\s]+$/, "Use an origin like https://app.vendor.example (no path).");

export const createEmbedSessionInput = z
  .object({
    widgets: z.array(z.enum(embedWidgets)).min(1, "List at least one widget, e.g. fd-appointments."),
    role: z.enum(embedRoles),
    /** With role `staff`: the business's staff member the person is. */
    staffId: idSchema.optional(),
    /** The vendor's front-end origins; a browser on any other is refused. Unset: any. */
    origins: z.array(origin).min(1, "List at least one origin, or leave origins out.").max(20).optional(),
    ttlSeconds: z
      .number()
      .int()
      .min(embedSessionTtl.minSeconds, `Use at least ${embedSessionTtl.minSeconds} seconds.`)
      .max(embedSessionTtl.maxSeconds, `Use at most ${embedSessionTtl.maxSeconds} seconds (one hour).`)
      .optional(),
  })
  .refine((value) => value.staffId === undefined || value.role === "staff", { message: "Only a staff session names a staffId.", path: ["staffId"] });
export type CreateEmbedSessionInput = z.infer<typeof createEmbedSessionInput>;

export const embedSessionCreatedOutput = z.object({
  id: z.string(),
  /** Shown once: hand it to the front end, which sends it as `x-frontdesk-session`. Only its hash is stored. */
  clientSecret: z.string(),
  expiresAt: instantSchema,
});
export type EmbedSessionCreated = z.infer<typeof embedSessionCreatedOutput>;

export const revokeEmbedSessionInput = z.object({ id: idSchema });

/** What the session the browser holds is: enough for the provider to refresh it before it lapses. */
export const currentEmbedSessionOutput = z.object({
  id: z.string(),
  expiresAt: instantSchema,
  widgets: z.array(z.enum(embedWidgets)),
  role: z.enum(embedRoles),
  staffId: z.string().nullable(),
  scopes: z.array(z.string()),
});
export type CurrentEmbedSession = z.infer<typeof currentEmbedSessionOutput>;
