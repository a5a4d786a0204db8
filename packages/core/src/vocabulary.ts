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
export const notificationKinds = ["confirmation", "pending", "approved", "rejected", "expired", "reminder", "rescheduled", "cancelled", "change_declined"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A person's role in a business: the owner (one or more), admins who run it with them, and staff who see their own work. */
export const memberRoles = ["owner", "admin", "staff"] as const;
export type MemberRole = (typeof memberRoles)[number];

/** Mail about a person's account rather than an appointment. */
/** `calendar_connect`: an owner asks a staff member to connect their calendar; `calendar_reconnect`: a connection broke. */
export const accountMessageKinds = ["verify_email", "reset_password", "invitation", "calendar_connect", "calendar_reconnect"] as const;
export type AccountMessageKind = (typeof accountMessageKinds)[number];
/**
 * What a business's webhook endpoint can subscribe to; `ping` is not subscribed to: it is sent on request, to test
 * an endpoint.
 */
export const webhookEventTypes = [
  "appointment.created",
  "appointment.confirmed",
  "appointment.rescheduled",
  "appointment.cancelled",
  "appointment.pending_approval",
  "call.started",
  "call.ended",
  "call.analyzed",
  "approval.created",
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
// The phone line: numbers at a carrier, AI agents at a voice provider, the calls they answer, and the actions staff approve.

/** Who a business's phone line talks to: the voice brain (Retell) and the carrier (Twilio). */
export const voiceProviders = ["retell", "twilio"] as const;
export type VoiceProvider = (typeof voiceProviders)[number];

/** A connection to a provider: `sandbox` speaks to the bundled fakes, `live` to the provider itself. */
export const connectionModes = ["sandbox", "live"] as const;
export type ConnectionMode = (typeof connectionModes)[number];

export const connectionStatuses = ["unchecked", "ok", "failing"] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

export const phoneNumberTypes = ["local", "toll_free", "mobile"] as const;
export type PhoneNumberType = (typeof phoneNumberTypes)[number];

/** Only an `active` number is answered by its agent; `released` numbers are kept for the call history. */
export const phoneNumberStatuses = ["inactive", "active", "suspended", "porting", "released"] as const;
export type PhoneNumberStatus = (typeof phoneNumberStatuses)[number];

/** Who sold the number: Twilio (wired to Retell over a SIP trunk) or Retell itself. */
export const phoneCarriers = ["twilio", "retell"] as const;
export type PhoneCarrier = (typeof phoneCarriers)[number];

export const portingStatuses = ["draft", "submitted", "in_review", "approved", "rejected", "completed", "cancelled"] as const;
export type PortingStatus = (typeof portingStatuses)[number];

export const agentTypes = [
  "receptionist",
  "scheduler",
  "after_hours",
  "emergency_triage",
  "customer_service",
  "sales",
  "technical_support",
  "survey",
  "billing",
  "custom",
] as const;
export type AgentType = (typeof agentTypes)[number];

export const agentStatuses = ["inactive", "active", "paused", "error"] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/** A call's state as the voice provider reports it; it never goes back. */
export const callStatuses = ["registered", "not_connected", "ongoing", "ended", "error"] as const;
export type CallStatus = (typeof callStatuses)[number];

export const callDirections = ["inbound", "outbound"] as const;
export type CallDirection = (typeof callDirections)[number];

/** How a call ended for the caller, as the post-call analysis judges it. */
export const callOutcomes = ["successful", "escalated", "failed"] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** What a caller wanted, as the post-call analysis judges it. */
export const callIntents = ["book", "reschedule", "cancel", "question", "message", "escalate", "other"] as const;
export type CallIntent = (typeof callIntents)[number];

/** The call events a provider reports, deduplicated on (call, event). */
export const callEventKinds = ["call_started", "call_ended", "call_analyzed"] as const;
export type CallEventKind = (typeof callEventKinds)[number];

export const recordingStatuses = ["none", "pending", "stored", "failed", "expired"] as const;
export type RecordingStatus = (typeof recordingStatuses)[number];

/** The tools a phone agent calls on our server, by the name it calls them. */
export const agentToolNames = [
  "check_availability",
  "book_appointment",
  "reschedule_appointment",
  "cancel_appointment",
  "find_customer",
  "business_info",
  "take_message",
  "transfer_to_human",
] as const;
export type AgentToolName = (typeof agentToolNames)[number];

export const toolInvocationStatuses = ["running", "done", "failed"] as const;
export type ToolInvocationStatus = (typeof toolInvocationStatuses)[number];

/** An AI action staff decide on: a booking, a change, a cancellation, or a message to call back. */
export const approvalKinds = ["book", "reschedule", "cancel", "message"] as const;
export type ApprovalKind = (typeof approvalKinds)[number];

/** `failed`: approved, but the action could no longer be done (the proposed time was taken meanwhile). */
export const approvalStatuses = ["pending", "approved", "rejected", "expired", "failed"] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

export const messageUrgencies = ["normal", "urgent"] as const;
export type MessageUrgency = (typeof messageUrgencies)[number];

/** Why the agent took a message instead of helping there and then. */
export const messageReasons = ["after_hours", "transfer_unavailable", "caller_asked"] as const;
export type MessageReason = (typeof messageReasons)[number];

export const callerMessageStatuses = ["open", "done"] as const;
export type CallerMessageStatus = (typeof callerMessageStatuses)[number];

export const knowledgeKinds = ["qa", "document"] as const;
export type KnowledgeKind = (typeof knowledgeKinds)[number];
