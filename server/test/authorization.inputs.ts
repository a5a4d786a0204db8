/** The ids of business A that every call of the authorization matrix is given. */
export interface AIds {
  tenantId: string;
  serviceId: string;
  staffId: string;
  locationId: string;
  appointmentId: string;
  holdId: string;
  customerId: string;
  customerEmail: string;
  timeOffId: string;
  holidayDate: string;
  overrideDate: string;
  publishableKey: string;
  ownerMemberId: string;
  staffMemberId: string;
  invitationId: string;
  ownerUserId: string;
  secretKeyId: string;
  webhookEndpointId: string;
  webhookDeliveryId: string;
  embedSessionId: string;
  /** A second staff record of A's, not the staff member's: with an appointment (the same customer's) and time off. */
  colleagueStaffId: string;
  colleagueAppointmentId: string;
  colleagueTimeOffId: string;
  /** A's phone agent, published once, its version, its id at (the sandbox's) Retell, a knowledge entry and A's own Retell connection. */
  agentId: string;
  agentVersionId: string;
  providerAgentId: string;
  knowledgeEntryId: string;
  connectionId: string;
  /** A's phone number (bought in the sandbox) and the number it is porting in, with the porting request. */
  phoneNumberId: string;
  phoneE164: string;
  portingE164: string;
  portingRequestId: string;
  /** The Google calendar A's staff member connected on the sandbox, and its primary calendar. */
  calendarConnectionId: string;
  calendarId: string;
}

const week = { monday: [{ start: "09:00", end: "17:00" }] };

/**
 * One input per procedure, aimed at A's rows. A procedure missing here fails the matrix, so a new one cannot skip it.
 * `null`: the procedure takes no input.
 */
export const inputsAimedAt: Record<string, (a: AIds) => unknown> = {
  "booking.catalog": () => null,
  "booking.availability": (a) => ({ serviceId: a.serviceId, staffId: a.staffId, from: "2027-01-14", to: "2027-01-15" }),
  "booking.hold": (a) => ({ serviceId: a.serviceId, staffId: a.staffId, start: "2027-01-14T11:00:00Z" }),
  "booking.releaseHold": (a) => ({ holdId: a.holdId }),
  "booking.create": (a) => ({ serviceId: a.serviceId, staffId: a.staffId, start: "2027-01-14T12:00:00Z", customer: { name: "Eve", email: a.customerEmail } }),
  "sandbox.outbox": () => null,
  "staff.appointments": (a) => ({ from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z", staffId: a.staffId }),
  "staff.book": (a) => ({ serviceId: a.serviceId, staffId: a.staffId, start: "2027-01-14T13:00:00Z", customer: { name: "Eve", email: a.customerEmail } }),
  "staff.approve": (a) => ({ appointmentId: a.appointmentId }),
  "staff.reject": (a) => ({ appointmentId: a.appointmentId, reason: "No" }),
  "staff.cancel": (a) => ({ appointmentId: a.appointmentId, reason: "No" }),
  "staff.reschedule": (a) => ({ appointmentId: a.appointmentId, start: "2027-01-14T15:00:00Z" }),
  "staff.markCompleted": (a) => ({ appointmentId: a.appointmentId }),
  "staff.markNoShow": (a) => ({ appointmentId: a.appointmentId }),
  "staff.setNotes": (a) => ({ appointmentId: a.appointmentId, notes: "Taken over" }),
  "staff.customerHistory": (a) => ({ customerId: a.customerId, email: a.customerEmail }),
  "staff.availability": (a) => ({ serviceId: a.serviceId, staffId: a.staffId, from: "2027-01-14", to: "2027-01-15" }),
  "staff.appointment": (a) => ({ appointmentId: a.appointmentId }),
  "calendarFeeds.get": (a) => ({ staffId: a.staffId }),
  "calendarFeeds.status": (a) => ({ staffId: a.staffId }),
  "calendarFeeds.rotate": (a) => ({ staffId: a.staffId }),
  "calendarFeeds.revoke": (a) => ({ staffId: a.staffId }),
  "keys.list": () => null,
  "keys.createSecretKey": () => ({ name: "Taken over", scopes: ["bookings:read"] }),
  "keys.revokeSecretKey": (a) => ({ id: a.secretKeyId }),
  "audit.list": () => ({ from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" }),
  "audit.export": () => ({ from: "2027-01-01T00:00:00Z", to: "2027-01-30T00:00:00Z" }),
  "customers.export": (a) => ({ customerId: a.customerId }),
  "customers.erase": (a) => ({ customerId: a.customerId, cancelUpcoming: true }),
  "webhooks.createEndpoint": () => ({ url: "http://127.0.0.1:9/taken-over", eventTypes: ["appointment.created"] }),
  "webhooks.listEndpoints": () => ({}),
  "webhooks.updateEndpoint": (a) => ({ endpointId: a.webhookEndpointId, url: "http://127.0.0.1:9/taken-over" }),
  "webhooks.rotateSecret": (a) => ({ endpointId: a.webhookEndpointId }),
  "webhooks.deleteEndpoint": (a) => ({ endpointId: a.webhookEndpointId }),
  "webhooks.deliveries": (a) => ({ endpointId: a.webhookEndpointId }),
  "webhooks.replay": (a) => ({ deliveryId: a.webhookDeliveryId }),
  "webhooks.ping": (a) => ({ endpointId: a.webhookEndpointId }),
  "embedSessions.create": () => ({ widgets: ["fd-booking"], role: "owner" }),
  "embedSessions.revoke": (a) => ({ id: a.embedSessionId }),
  "embedSessions.current": () => null,
  "config.get": () => null,
  "config.updatePolicies": () => ({ holdMinutes: 9 }),
  "config.saveService": (a) => ({ id: a.serviceId, name: "Taken over", durationMin: 30 }),
  "config.archiveService": (a) => ({ id: a.serviceId }),
  "config.saveStaff": (a) => ({ id: a.staffId, name: "Taken over" }),
  "config.archiveStaff": (a) => ({ id: a.staffId }),
  "config.setStaffHours": (a) => ({ staffId: a.staffId, hours: week }),
  "config.setBusinessHours": (a) => ({ hours: week, locationId: a.locationId }),
  "config.saveLocation": (a) => ({ id: a.locationId, name: "Taken over" }),
  "config.removeLocation": (a) => ({ id: a.locationId }),
  "config.setDateOverride": (a) => ({ staffId: a.staffId, date: a.overrideDate, ranges: [] }),
  "config.clearDateOverride": (a) => ({ staffId: a.staffId, date: a.overrideDate }),
  "config.addTimeOff": (a) => ({ staffId: a.staffId, start: "2027-01-20T09:00:00Z", end: "2027-01-20T10:00:00Z" }),
  "config.removeTimeOff": (a) => ({ id: a.timeOffId }),
  "config.setHoliday": (a) => ({ date: a.holidayDate, name: "Taken over", ranges: [] }),
  "config.removeHoliday": (a) => ({ date: a.holidayDate }),
  "config.createPublishableKey": () => ({ allowedOrigins: ["*"] }),
  "config.revokePublishableKey": (a) => ({ key: a.publishableKey }),
  "accounts.me": () => null,
  "accounts.acceptInvitation": () => ({ token: "not-a-token-of-anyone" }),
  "team.members": () => null,
  "team.invitations": () => null,
  "team.invite": (a) => ({ email: "eve@evil.example", role: "owner", staffId: a.staffId }),
  "team.revokeInvitation": (a) => ({ invitationId: a.invitationId }),
  "team.updateMember": (a) => ({ memberId: a.ownerMemberId, role: "staff" }),
  "team.removeMember": (a) => ({ memberId: a.ownerMemberId }),
  "operators.usage": () => null,
  "operators.businesses": () => ({}),
  "operators.people": () => ({}),
  "operators.suspendBusiness": (a) => ({ businessId: a.tenantId }),
  "operators.reactivateBusiness": (a) => ({ businessId: a.tenantId }),
  "operators.suspendPerson": (a) => ({ userId: a.ownerUserId }),
  "operators.reactivatePerson": (a) => ({ userId: a.ownerUserId }),
  "agents.list": () => null,
  "agents.get": (a) => ({ agentId: a.agentId }),
  "agents.voices": () => null,
  "agents.create": (a) => ({ config: { name: "Taken over", type: "receptionist", voiceId: "retell-Cimo", afterHoursAgentId: a.agentId } }),
  "agents.update": (a) => ({ agentId: a.agentId, config: { name: "Taken over" } }),
  "agents.duplicate": (a) => ({ agentId: a.agentId }),
  "agents.delete": (a) => ({ agentId: a.agentId }),
  "agents.activate": (a) => ({ agentId: a.agentId }),
  "agents.deactivate": (a) => ({ agentId: a.agentId }),
  "agents.preview": (a) => ({ agentId: a.agentId }),
  "agents.publish": (a) => ({ agentId: a.agentId }),
  "agents.versions": (a) => ({ agentId: a.agentId }),
  "agents.rollback": (a) => ({ agentId: a.agentId, versionId: a.agentVersionId }),
  "agents.import": (a) => ({ providerAgentId: a.providerAgentId }),
  "connections.list": () => null,
  // These name no business's ids: a valid key would connect the caller's own account (phone-agents.test.ts does), and
  // from then on the caller's agents would speak to that provider. A key too short to be one changes nothing anywhere.
  "connections.connectRetell": () => ({ apiKey: "short" }),
  "connections.connectTwilio": (a) => ({ accountSid: a.tenantId, authToken: "short" }),
  "connections.test": (a) => ({ connectionId: a.connectionId }),
  "connections.remove": (a) => ({ connectionId: a.connectionId }),
  "knowledge.list": () => null,
  "knowledge.search": () => ({ query: "parking" }),
  "knowledge.add": () => ({ kind: "qa", title: "Taken over", body: "Taken over" }),
  "knowledge.update": (a) => ({ entryId: a.knowledgeEntryId, title: "Taken over" }),
  "knowledge.remove": (a) => ({ entryId: a.knowledgeEntryId }),
  "operators.portingRequests": (a) => ({ businessId: a.tenantId }),
  "operators.letterOfAuthorization": (a) => ({ businessId: a.tenantId, requestId: a.portingRequestId }),
  "operators.suspendNumber": (a) => ({ businessId: a.tenantId, numberId: a.phoneNumberId }),
  "operators.reinstateNumber": (a) => ({ businessId: a.tenantId, numberId: a.phoneNumberId }),
  "operators.setPortingStatus": (a) => ({ businessId: a.tenantId, requestId: a.portingRequestId, status: "in_review" }),
  "numbers.search": () => ({ country: "US", areaCode: "415" }),
  "numbers.list": () => ({}),
  "numbers.get": (a) => ({ numberId: a.phoneNumberId }),
  "numbers.history": (a) => ({ numberId: a.phoneNumberId }),
  "numbers.usage": (a) => ({ numberId: a.phoneNumberId }),
  "numbers.buy": (a) => ({ phoneNumber: a.phoneE164 }),
  "numbers.update": (a) => ({ numberId: a.phoneNumberId, nickname: "Taken over" }),
  "numbers.releaseToken": (a) => ({ numberId: a.phoneNumberId }),
  "numbers.release": (a) => ({ numberId: a.phoneNumberId, confirmation: a.phoneE164 }),
  "numbers.portingRequests": () => null,
  "numbers.portingRequest": (a) => ({ requestId: a.portingRequestId }),
  "numbers.requestPorting": (a) => ({ phoneNumber: a.portingE164, currentCarrier: "Taken over", accountNumber: "1" }),
  "numbers.uploadLetterOfAuthorization": (a) => ({ requestId: a.portingRequestId, contentType: "application/pdf", data: Buffer.from("%PDF-1.4 taken over").toString("base64") }),
  "numbers.cancelPorting": (a) => ({ requestId: a.portingRequestId }),
  // The phone line's call log and approval queue: A has no calls, so these aim at ids that would be A's.
  "calls.list": () => ({}),
  "calls.export": () => ({}),
  "calls.get": (a) => ({ callId: `cal_${a.tenantId}` }),
  "calls.place": (a) => ({ agentId: `agt_${a.tenantId}`, to: "+15550123", purpose: "reminder", appointmentId: a.appointmentId }),
  "calls.simulate": (a) => ({ scenarioId: "book-cleaning-next-tuesday", numberId: a.phoneNumberId }),
  "approvals.list": () => ({}),
  "approvals.get": (a) => ({ approvalId: `apr_${a.tenantId}` }),
  "approvals.approve": (a) => ({ approvalId: `apr_${a.tenantId}` }),
  "approvals.reject": (a) => ({ approvalId: `apr_${a.tenantId}`, reason: "No" }),
  "approvals.bulk": (a) => ({ approvalIds: [`apr_${a.tenantId}`], action: "approve" }),
  // A's staff member's own calendar connection; disconnect comes last, so the calls before it find the connection.
  "calendar.providers": () => null,
  "calendar.connect": () => ({ provider: "google" }),
  "calendar.sendConnectLink": (a) => ({ staffId: a.staffId, provider: "google" }),
  "calendar.connections": (a) => ({ staffId: a.staffId }),
  "calendar.chooseCalendars": (a) => ({ connectionId: a.calendarConnectionId, busyCalendarIds: [a.calendarId], destinationCalendarId: a.calendarId }),
  "calendar.refreshCalendarList": (a) => ({ connectionId: a.calendarConnectionId }),
  "calendar.disconnect": (a) => ({ connectionId: a.calendarConnectionId }),
};

/** Procedures whose answer may name ids the caller sent, in its own business's data: the audit log records refused attempts with their targets. */
export const echoesTheCallersInput = new Set(["audit.list", "audit.export", "approvals.bulk"]);

/** Procedures the matrix does not call as another business, and why: each is covered where it says. */
export const notAimedAtAnotherBusiness: Record<string, string> = {
  "accounts.createBusiness": "makes a new business for the caller; it names no other business's ids",
  "manage.get": "the signed token is the only credential and names one appointment; forged and foreign tokens: manage-links.test.ts",
  "manage.availability": "as manage.get",
  "manage.reschedule": "as manage.get",
  "manage.cancel": "as manage.get",
  "calls.live": "a subscription (a stream that stays open) with no ids in its input: the caller's credential alone names the business; calls-approvals.test.ts",
  "calls.liveNow": "as calls.live, once: no ids in its input",
};

/**
 * What A's staff member, linked to `a.staffId`, tries on their colleague's schedule, and the refusal each gets: the
 * colleague's appointment reads as not there, every other attempt is beyond their role (and so audited as denied).
 */
export const aimedAtTheColleague: Record<string, { input: (a: AIds) => unknown; refusal: "ROLE_NOT_ALLOWED" | "NOT_FOUND" }> = {
  "staff.appointments": { input: (a) => ({ from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z", staffId: a.colleagueStaffId }), refusal: "ROLE_NOT_ALLOWED" },
  "staff.appointment": { input: (a) => ({ appointmentId: a.colleagueAppointmentId }), refusal: "NOT_FOUND" },
  "staff.book": {
    input: (a) => ({ serviceId: a.serviceId, staffId: a.colleagueStaffId, start: "2027-01-14T13:00:00Z", customer: { name: "Eve", email: a.customerEmail } }),
    refusal: "ROLE_NOT_ALLOWED",
  },
  "staff.approve": { input: (a) => ({ appointmentId: a.colleagueAppointmentId }), refusal: "ROLE_NOT_ALLOWED" },
  "staff.reject": { input: (a) => ({ appointmentId: a.colleagueAppointmentId, reason: "No" }), refusal: "ROLE_NOT_ALLOWED" },
  "staff.cancel": { input: (a) => ({ appointmentId: a.colleagueAppointmentId, reason: "No" }), refusal: "ROLE_NOT_ALLOWED" },
  "staff.reschedule": { input: (a) => ({ appointmentId: a.colleagueAppointmentId, start: "2027-01-14T15:00:00Z" }), refusal: "ROLE_NOT_ALLOWED" },
  "staff.markCompleted": { input: (a) => ({ appointmentId: a.colleagueAppointmentId }), refusal: "ROLE_NOT_ALLOWED" },
  "staff.markNoShow": { input: (a) => ({ appointmentId: a.colleagueAppointmentId }), refusal: "ROLE_NOT_ALLOWED" },
  "staff.setNotes": { input: (a) => ({ appointmentId: a.colleagueAppointmentId, notes: "Taken over" }), refusal: "ROLE_NOT_ALLOWED" },
  "config.setStaffHours": { input: (a) => ({ staffId: a.colleagueStaffId, hours: week }), refusal: "ROLE_NOT_ALLOWED" },
  "config.setDateOverride": { input: (a) => ({ staffId: a.colleagueStaffId, date: a.overrideDate, ranges: [] }), refusal: "ROLE_NOT_ALLOWED" },
  "config.clearDateOverride": { input: (a) => ({ staffId: a.colleagueStaffId, date: a.overrideDate }), refusal: "ROLE_NOT_ALLOWED" },
  "config.addTimeOff": { input: (a) => ({ staffId: a.colleagueStaffId, start: "2027-01-20T09:00:00Z", end: "2027-01-20T10:00:00Z" }), refusal: "ROLE_NOT_ALLOWED" },
  "config.removeTimeOff": { input: (a) => ({ id: a.colleagueTimeOffId }), refusal: "ROLE_NOT_ALLOWED" },
  "calendar.connections": { input: (a) => ({ staffId: a.colleagueStaffId }), refusal: "ROLE_NOT_ALLOWED" },
  "calendarFeeds.get": { input: (a) => ({ staffId: a.colleagueStaffId }), refusal: "ROLE_NOT_ALLOWED" },
  "calendarFeeds.status": { input: (a) => ({ staffId: a.colleagueStaffId }), refusal: "ROLE_NOT_ALLOWED" },
  "calendarFeeds.rotate": { input: (a) => ({ staffId: a.colleagueStaffId }), refusal: "ROLE_NOT_ALLOWED" },
  "calendarFeeds.revoke": { input: (a) => ({ staffId: a.colleagueStaffId }), refusal: "ROLE_NOT_ALLOWED" },
};
