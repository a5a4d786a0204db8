/**
 * The words every part of Frontdesk shares, defined once: the schemas, the database columns, the services and
 * the widgets all take them from here.
 */

/** An appointment's life: a hold becomes a booking (pending approval or confirmed), which ends one of these ways. */
export const appointmentStatuses = ["held", "pending", "confirmed", "cancelled", "rejected", "expired", "completed", "no_show"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** Where a booking was made: the website widget, the phone line (the AI agent), or by staff. */
export const bookingChannels = ["web", "phone", "staff"] as const;
export type BookingChannel = (typeof bookingChannels)[number];

/** Who did something to an appointment, as its history records it. */
export const actors = ["customer", "staff", "system", "agent"] as const;
export type Actor = (typeof actors)[number];

/** How a message reaches a customer. */
export const messageChannels = ["email", "sms"] as const;
export type MessageChannel = (typeof messageChannels)[number];

/** What a message to a customer is about. */
export const notificationKinds = ["confirmation", "pending", "approved", "rejected", "expired", "reminder", "rescheduled", "cancelled"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A person's role in a business: the owner (one or more), admins who run it with them, and staff who see their own work. */
export const memberRoles = ["owner", "admin", "staff"] as const;
export type MemberRole = (typeof memberRoles)[number];

/** Mail about a person's account rather than an appointment. */
export const accountMessageKinds = ["verify_email", "reset_password", "invitation"] as const;
export type AccountMessageKind = (typeof accountMessageKinds)[number];
/**
 * What a business's webhook endpoint can subscribe to. `call.*` (the phone line) join this list; `ping` is not
 * subscribed to: it is sent on request, to test an endpoint.
 */
export const webhookEventTypes = [
  "appointment.created",
  "appointment.confirmed",
  "appointment.rescheduled",
  "appointment.cancelled",
  "appointment.pending_approval",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** A delivery of one event to one endpoint: `pending` until an attempt gets a 2xx (`delivered`) or the last retry fails (`failed`). */
export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

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
] as const;
export type ApiScope = (typeof apiScopes)[number];

/**
 * What each member role may do. Owners and admins run the business (only an owner makes or removes owners, which the
 * team service checks), including making secret keys with any scope; staff read the configuration and work with
 * appointments.
 */
export const memberScopes: Record<MemberRole, readonly ApiScope[]> = {
  owner: apiScopes,
  admin: apiScopes,
  staff: ["config:read", "bookings:read", "bookings:write"],
};
