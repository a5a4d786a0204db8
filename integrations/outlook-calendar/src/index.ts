/**
 * Outlook calendars (Microsoft 365 and outlook.com) for Frontdesk: the `CalendarAuth` and `CalendarProvider` ports on
 * Microsoft Graph with the official SDK, and the pure webhook module for Graph's change notifications.
 * `src/testing/fake.ts` is a fake of the same Graph and Entra endpoints for tests and sandbox mode.
 */
export * from "./webhook";
export { entraEndpointsFor, outlookCalendarAuth, outlookScopes, type EntraEndpoints, type OutlookCalendarAuthOptions } from "./auth";
export { maxSubscriptionMs, outlookBusyWindowMs, outlookCalendar, type OutlookCalendarOptions, type OutlookCalendarProvider } from "./calendar";
export { appointmentPropertyId, transactionIdFor } from "./events";
export { graphOrigin, type GraphOptions } from "./graph";
export { graphAcceptsZone, ianaZoneOf, windowsZoneOf } from "./zones";
