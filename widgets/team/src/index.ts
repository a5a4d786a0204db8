export { FdApiKeys } from "./api-keys/define";
export { FdBusinessSetup } from "./business-setup/define";
export { FdTeam } from "./team/define";
export type { ApiKeyCreatedDetail, ApiKeyRevokedDetail } from "./api-keys/api-keys";
export type { BusinessSetupCompletedDetail, BusinessSetupSavedDetail } from "./business-setup/business-setup";
export type { TeamMemberInvitedDetail, TeamMemberRemovedDetail, TeamMemberUpdatedDetail } from "./team/team";
export { FdCalendarConnections } from "./calendar-connections/define";
export type { CalendarConnectedDetail, CalendarDisconnectedDetail, CalendarsChosenDetail } from "./calendar-connections/calendar-connections";
