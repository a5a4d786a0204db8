export { forTenant, type TenantScope, type TenantWriteScope } from "./tenant-scope";
export { expireLapsedHolds, findTenantOfAppointment, lapsedPendingAppointments } from "./appointments";
export type { Appointment, AppointmentListFilter, AppointmentPatch, Customer, NewAppointment, NewCustomer } from "./appointments";
export type { Service, ServiceFields, StaffFields, StaffMember } from "./catalog";
export type { DateOverride, Location, MinuteRange, WeeklyRange, WorkingHours } from "./schedules";
export { recordSmsDelivery, type NewNotification, type Notification, type NotificationPatch, type SmsDeliveryStatus } from "./notifications";
export { findPublishableKey, findSecretKeyByHash, type FoundSecretKey, type PublishableKey, type SecretKeyListing } from "./keys";
export { findEmbedSessionByHash, type EmbedSession, type NewEmbedSession } from "./embed-sessions";
export { createTenant, hasTenants, type NewTenant, type Tenant, type TenantPolicies } from "./tenants";
export { keepServerSetting } from "./server-settings";
export { cancelJobs, claimJob, completeJob, enqueueJobs, failJob, forgetJobs, withdrawIdleJob, type Job, type NewJobRow } from "./jobs";
export { recordAuditEntry, type AuditFilter, type AuditRow, type NewAuditRow } from "./audit";
export { erasedCustomerName } from "./customers";
export type { NewWebhookAttempt, NewWebhookDelivery, NewWebhookEndpoint, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from "./webhooks";
export { conflictOf, isConflict, numberTaken, slotTaken } from "./conflicts";
export { connectionForWebhook, numberForWebhook, twilioConnectionsOfAccount, type NewPhoneNumber, type NewPortingRequest, type NewVoiceConnection, type PhoneNumber, type PhoneNumberPatch, type PortingRequest, type VoiceConnection } from "./phone";
export { agentForWebhook, type Agent, type AgentPatch, type AgentVersion, type KnowledgeEntryRow, type NewAgent, type NewAgentVersion, type NewKnowledgeEntry } from "./agents";
export { callByProviderId, markProviderEventsProcessed, providerEventsOf, recordProviderEvent, unprocessedProviderEvents, type CallPage, type CallPageQuery, type CallRow, type CallerMessage, type NewCall, type NewCallerMessage, type NewToolInvocation, type ProviderEvent, type ToolInvocation, type ToolInvocationPlace } from "./calls";
export { expireLapsedChangeApprovals, type ApprovalPatch, type ApprovalQuery, type ApprovalRow, type NewApproval } from "./approvals";
export { fullTextQuery, tenantToken } from "./full-text";
export { findInvitationByTokenHash, findUser, markEmailVerified, membershipsOf, userOfPendingSignIn, type Invitation, type Member, type NewInvitation, type TeamMember, type User } from "./members";
export { accountMessagesOfTenant, addAccountMessage, findAccountMessage, updateAccountMessage, type AccountMessage, type NewAccountMessage } from "./account-messages";
export { listTenants, listUsers, serverUsage, setTenantSuspended, setUserSuspended, usageOfTenants, type Page, type ServerUsage, type TenantUsage } from "./operators";
export { calendarFeedByTokenHash, calendarOfChannel, calendarsNeedingCare, calendarsWithIdleChannels, takeCalendarConnectAttempt } from "./calendar-cross-tenant";
export {
  piecesOf,
  type BusyEvent,
  type CalendarConnectAttempt,
  type CalendarConnection,
  type CalendarConnectionPatch,
  type CalendarEventLink,
  type CalendarFeed,
  type CalendarWithConnection,
  type ConnectedCalendar,
  type ConnectedCalendarPatch,
  type ListedCalendar,
  type NewCalendarConnection,
} from "./calendar";
