import { z } from "zod";

/** Which provider a staff member's calendar account is at. */
export const calendarProviderSchema = z.enum(["google", "microsoft"]);

/** The providers this server has an OAuth app for (the sandbox's own fakes count): the ones a staff member can connect. */
export const calendarProvidersOutput = z.object({ providers: z.array(calendarProviderSchema) });

/** Where the browser goes back to after the provider: a path on this server (`/back-office`) or a page of a trusted origin. */
const returnToSchema = z.string().min(1).max(2000);

export const calendarConnectInput = z.object({
  provider: calendarProviderSchema,
  returnTo: returnToSchema.optional(),
});
/** Where to send the staff member's browser to consent: the provider's page (or, on the sandbox, straight back to this server). */
export const calendarConnectOutput = z.object({ url: z.string() });

export const calendarSendConnectLinkInput = z.object({
  staffId: z.string().min(1, "Required."),
  /** The provider the link connects; the staff member's choice of the one this server has set up when unset. */
  provider: calendarProviderSchema.optional(),
});
export const calendarSendConnectLinkOutput = z.object({ sentTo: z.string(), expiresAt: z.string() });

export const calendarConnectionsInput = z.object({ staffId: z.string().min(1).optional() }).optional();
export const calendarConnectionIdInput = z.object({ connectionId: z.string().min(1, "Required.") });
export const calendarChooseInput = calendarConnectionIdInput.extend({
  /** The connection's calendars (their ids here, not the provider's) whose events count as busy. */
  busyCalendarIds: z.array(z.string().min(1)).max(100),
  /** The calendar appointments are written to; null: none of this connection's (and none of the staff member's). Unset: unchanged. */
  destinationCalendarId: z.string().min(1).nullable().optional(),
});

export const connectedCalendarOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string().nullable(),
    primary: z.boolean(),
    canWrite: z.boolean(),
    countsBusy: z.boolean(),
    isDestination: z.boolean(),
    /** The last read that succeeded: how fresh its busy times are. Null before the first. */
    syncedAt: z.string().nullable(),
    syncError: z.string().nullable(),
    /** Busy events stored for it now. */
    busyBlockCount: z.number().int(),
  })
  .meta({ id: "ConnectedCalendar" });

export const calendarConnectionOutput = z
  .object({
    id: z.string(),
    staffId: z.string(),
    provider: calendarProviderSchema,
    email: z.string(),
    accountName: z.string().nullable(),
    /** `broken`: the provider no longer honours the grant; nothing syncs until the staff member connects again. */
    status: z.enum(["connected", "broken"]),
    brokenReason: z.string().nullable(),
    brokenAt: z.string().nullable(),
    createdAt: z.string(),
    calendars: z.array(connectedCalendarOutput),
  })
  .meta({ id: "CalendarConnection" });
export const calendarConnectionsOutput = z.array(calendarConnectionOutput);

export type CalendarConnectionView = z.infer<typeof calendarConnectionOutput>;
export type ConnectedCalendarView = z.infer<typeof connectedCalendarOutput>;
