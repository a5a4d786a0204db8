/** What a call's entry says it did, and to what; the target's id comes from the call's input, or from its answer when it created the thing. */
export interface AuditedCall {
  action: string;
  target?: { type: string; id: (input: Fields, output: Fields) => string | null };
}

type Fields = Record<string, unknown>;

const text = (value: unknown) => (typeof value === "string" ? value.slice(0, 128) : null);
/** The input's `field`, else the answer's: an update names its target, a creation answers with it. */
const from = (field: string, answerField = field) => (input: Fields, output: Fields) => text(input[field]) ?? text(output[answerField]);
const business = (): AuditedCall["target"] => ({ type: "business", id: () => null });

const on = (type: string, field: string, answerField?: string) => ({ type, id: from(field, answerField) });
const appointment = (action: string): AuditedCall => ({ action: `appointment.${action}`, target: on("appointment", "appointmentId", "id") });
const agent = (action: string): AuditedCall => ({ action: `agent.${action}`, target: on("agent", "agentId", "id") });
/** A call that makes a new agent: the target is the new one, in the answer. */
const newAgent = (action: string): AuditedCall => ({ action: `agent.${action}`, target: { type: "agent", id: (_input, output) => text(output.id) } });

/**
 * Every call the audit log records on success: all that change data, and the exports. Reads are not recorded;
 * denied calls are, whatever they are. A change missing here is still recorded, under its path (a test asks for it here).
 */
export const auditedCalls: Record<string, AuditedCall> = {
  "config.updatePolicies": { action: "config.policies_updated", target: business() },
  "config.saveService": { action: "config.service_saved", target: on("service", "id") },
  "config.archiveService": { action: "config.service_archived", target: on("service", "id") },
  "config.saveStaff": { action: "config.staff_saved", target: on("staff", "id") },
  "config.archiveStaff": { action: "config.staff_archived", target: on("staff", "id") },
  "config.setStaffHours": { action: "config.staff_hours_set", target: on("staff", "staffId") },
  "config.setBusinessHours": { action: "config.business_hours_set", target: { type: "location", id: from("locationId") } },
  "config.saveLocation": { action: "config.location_saved", target: on("location", "id") },
  "config.removeLocation": { action: "config.location_removed", target: on("location", "id") },
  "config.setDateOverride": { action: "config.date_override_set", target: on("staff", "staffId") },
  "config.clearDateOverride": { action: "config.date_override_cleared", target: on("staff", "staffId") },
  "config.addTimeOff": { action: "config.time_off_added", target: on("time_off", "id") },
  "config.removeTimeOff": { action: "config.time_off_removed", target: on("time_off", "id") },
  "config.setHoliday": { action: "config.holiday_set", target: on("holiday", "date") },
  "config.removeHoliday": { action: "config.holiday_removed", target: on("holiday", "date") },
  "config.createPublishableKey": { action: "key.created", target: on("publishable_key", "key") },
  "config.revokePublishableKey": { action: "key.revoked", target: on("publishable_key", "key") },
  "staff.book": appointment("booked"),
  "staff.approve": appointment("approved"),
  "staff.reject": appointment("rejected"),
  "staff.cancel": appointment("cancelled"),
  "staff.reschedule": appointment("rescheduled"),
  "staff.markCompleted": appointment("completed"),
  "staff.markNoShow": appointment("no_show"),
  "staff.setNotes": appointment("notes_set"),
  "manage.reschedule": appointment("rescheduled"),
  "manage.cancel": appointment("cancelled"),
  "customers.export": { action: "customer.exported", target: { type: "customer", id: (input, output) => text(input.customerId) ?? text((output.customer as Fields | undefined)?.id) } },
  "customers.erase": { action: "customer.erased", target: on("customer", "customerId") },
  "audit.export": { action: "audit.exported" },
  "accounts.createBusiness": { action: "business.created", target: { type: "business", id: from("id") } },
  "accounts.acceptInvitation": { action: "member.joined", target: { type: "business", id: (_input, output) => text((output.business as Fields | undefined)?.id) } },
  "team.invite": { action: "member.invited", target: on("invitation", "email", "id") },
  "team.revokeInvitation": { action: "member.invitation_revoked", target: on("invitation", "invitationId") },
  "team.updateMember": { action: "member.updated", target: on("member", "memberId") },
  "team.removeMember": { action: "member.removed", target: on("member", "memberId") },
  "keys.createSecretKey": { action: "key.created", target: on("secret_key", "id") },
  "keys.revokeSecretKey": { action: "key.revoked", target: on("secret_key", "id") },
  "embedSessions.create": { action: "embed_session.created", target: on("embed_session", "id") },
  "embedSessions.revoke": { action: "embed_session.revoked", target: on("embed_session", "id") },
  "webhooks.createEndpoint": { action: "webhook.endpoint_created", target: on("webhook_endpoint", "endpointId", "id") },
  "webhooks.updateEndpoint": { action: "webhook.endpoint_updated", target: on("webhook_endpoint", "endpointId") },
  "webhooks.rotateSecret": { action: "webhook.secret_rotated", target: on("webhook_endpoint", "endpointId") },
  "webhooks.deleteEndpoint": { action: "webhook.endpoint_deleted", target: on("webhook_endpoint", "endpointId") },
  "webhooks.replay": { action: "webhook.delivery_replayed", target: on("webhook_delivery", "deliveryId") },
  "webhooks.ping": { action: "webhook.pinged", target: on("webhook_endpoint", "endpointId") },
  "operators.suspendBusiness": { action: "operator.business_suspended", target: on("business", "businessId") },
  "operators.reactivateBusiness": { action: "operator.business_reactivated", target: on("business", "businessId") },
  "operators.suspendPerson": { action: "operator.person_suspended", target: on("person", "userId") },
  "operators.reactivatePerson": { action: "operator.person_reactivated", target: on("person", "userId") },
  "agents.create": newAgent("created"),
  "agents.duplicate": newAgent("duplicated"),
  "agents.import": newAgent("imported"),
  "agents.update": agent("updated"),
  "agents.delete": agent("deleted"),
  "agents.activate": agent("activated"),
  "agents.deactivate": agent("deactivated"),
  "agents.publish": agent("published"),
  "agents.rollback": agent("rolled_back"),
  "connections.connectRetell": { action: "connection.connected", target: on("connection", "connectionId", "id") },
  "connections.connectTwilio": { action: "connection.connected", target: on("connection", "connectionId", "id") },
  "connections.test": { action: "connection.tested", target: on("connection", "connectionId") },
  "connections.remove": { action: "connection.removed", target: on("connection", "connectionId") },
  "knowledge.add": { action: "knowledge.entry_added", target: on("knowledge_entry", "entryId", "id") },
  "knowledge.update": { action: "knowledge.entry_updated", target: on("knowledge_entry", "entryId") },
  "knowledge.remove": { action: "knowledge.entry_removed", target: on("knowledge_entry", "entryId") },
  "operators.suspendNumber": { action: "operator.number_suspended", target: on("phone_number", "numberId") },
  "operators.reinstateNumber": { action: "operator.number_reinstated", target: on("phone_number", "numberId") },
  "operators.setPortingStatus": { action: "operator.porting_status_set", target: on("porting_request", "requestId") },
  "numbers.buy": { action: "number.bought", target: on("phone_number", "numberId", "id") },
  "numbers.update": { action: "number.updated", target: on("phone_number", "numberId") },
  "numbers.releaseToken": { action: "number.release_requested", target: on("phone_number", "numberId") },
  "numbers.release": { action: "number.released", target: on("phone_number", "numberId") },
  "numbers.requestPorting": { action: "porting.requested", target: on("porting_request", "requestId", "id") },
  "numbers.uploadLetterOfAuthorization": { action: "porting.letter_uploaded", target: on("porting_request", "requestId") },
  "numbers.cancelPorting": { action: "porting.cancelled", target: on("porting_request", "requestId") },
  "calls.export": { action: "calls.exported" },
  "calls.place": { action: "call.placed", target: on("agent", "agentId") },
  "calls.simulate": { action: "call.simulated", target: { type: "call", id: (_input, output) => text(output.callId) } },
  "approvals.approve": { action: "approval.approved", target: on("approval", "approvalId") },
  "approvals.reject": { action: "approval.rejected", target: on("approval", "approvalId") },
  "approvals.bulk": { action: "approval.bulk_decided", target: business() },
  "calendar.connect": { action: "calendar.connect_started", target: business() },
  "calendar.sendConnectLink": { action: "calendar.connect_link_sent", target: on("staff", "staffId") },
  "calendar.chooseCalendars": { action: "calendar.calendars_chosen", target: on("calendar_connection", "connectionId") },
  "calendar.refreshCalendarList": { action: "calendar.list_refreshed", target: on("calendar_connection", "connectionId") },
  "calendar.disconnect": { action: "calendar.disconnected", target: on("calendar_connection", "connectionId") },
  // Each of these names the staff member when the caller did; a staff member's own feed is theirs (the entry's actor).
  "calendarFeeds.get": { action: "calendar.feed_shown", target: on("staff", "staffId") },
  "calendarFeeds.rotate": { action: "calendar.feed_rotated", target: on("staff", "staffId") },
  "calendarFeeds.revoke": { action: "calendar.feed_revoked", target: on("staff", "staffId") },
};

/** Codes that mean the caller may not make the call at all: recorded as `denied`. */
export const denialCodes: ReadonlySet<string> = new Set([
  "UNKNOWN_SECRET_KEY",
  "MISSING_SCOPE",
  "PRINCIPAL_NOT_ACCEPTED",
  "ORIGIN_NOT_ALLOWED",
  "NOT_SIGNED_IN",
  "NOT_A_MEMBER",
  "ROLE_NOT_ALLOWED",
  "CROSS_SITE_REQUEST",
  "BUSINESS_SUSPENDED",
  "ACCOUNT_SUSPENDED",
]);
