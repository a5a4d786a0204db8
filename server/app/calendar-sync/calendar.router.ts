import {
  calendarChooseInput,
  calendarConnectInput,
  calendarConnectionIdInput,
  calendarConnectionsInput,
  calendarConnectionsOutput,
  calendarConnectOutput,
  calendarProviderSchema,
  calendarProvidersOutput,
  calendarSendConnectLinkInput,
  calendarSendConnectLinkOutput,
  acknowledgedOutput,
  FrontdeskError,
} from "@frontdesk/core";
import type { CalendarConnection } from "@frontdesk/db";
import { ownStaffId, requireOwnStaff, type BusinessServer, type EmbedSession, type StaffSession } from "../auth/principal";
import { acknowledged, businessProcedure, embeddedIn, ownScheduleProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router, type RequestContext } from "../trpc";

type Acting = RequestContext & { principal: BusinessServer | EmbedSession | StaffSession; tenant: BusinessServer["tenant"] };

// A staff member acts on their own calendar connections; whoever may change every schedule (owners, admins, a key
// with config:write) on any of the business's. An embed session only if minted for <fd-calendar-connections>.
const own = ownScheduleProcedure().use(embeddedIn("fd-calendar-connections"));
const anyStaff = businessProcedure("config:write").use(embeddedIn("fd-calendar-connections"));

/** The connection, if the caller may act on it: another staff member's is beyond a staff-role caller. */
async function mayActOn(ctx: Acting, connectionId: string, call: string): Promise<CalendarConnection> {
  const connection = await ctx.app.calendar.connect.connectionOf(ctx.tenant.id, connectionId);
  requireOwnStaff(ctx.principal, connection.staffId, call, "connectionId");
  return connection;
}

/** Staff members' own Google and Outlook calendars: connecting, choosing, status, disconnecting (docs/calendar-sync.md). */
export const calendarRouter = router({
  /** The providers set up on this server, so that a page offers only the connect buttons that work; whoever may connect may ask. */
  providers: own
    .meta(rest("GET", "/calendar-providers", "calendars", "listCalendarProviders", "The calendar providers this server can connect", "Those whose OAuth app the operator set up; on the sandbox, its own fakes."))
    .output(calendarProvidersOutput)
    .query(({ ctx }) => ({ providers: calendarProviderSchema.options.filter((name) => ctx.app.calendar.providers[name]) })),

  /** Starts connecting the caller's own calendar: the URL to send their browser to. */
  connect: own
    .input(calendarConnectInput)
    .output(calendarConnectOutput)
    .mutation(({ ctx, input }) => {
      const staffId = ctx.principal.kind === "business" ? null : ctx.principal.staffId;
      if (!staffId) {
        throw new FrontdeskError("ROLE_NOT_ALLOWED", "Only a staff member connects their own calendar: ask an owner to link your staff record, or send the staff member a connect link (calendar.sendConnectLink).", {
          field: "staffId",
        });
      }
      const userId = ctx.principal.kind === "staff" ? ctx.principal.userId : null;
      // An embed session may come back to the vendor's page it was minted for (its origins), besides the trusted ones.
      const returnOrigins = ctx.principal.kind === "embedSession" ? (ctx.principal.origins ?? []) : [];
      return ctx.app.calendar.connect.connect(ctx.tenant, { staffId, userId }, input, { returnOrigins });
    }),

  /** Mails a staff member a signed link that connects their calendar without signing in. */
  sendConnectLink: anyStaff
    .meta(rest("POST", "/staff/{staffId}/calendar-connect-link", "calendars", "sendCalendarConnectLink", "Mail a staff member a link that connects their calendar", "The link works for 7 days, without signing in."))
    .input(calendarSendConnectLinkInput)
    .output(calendarSendConnectLinkOutput)
    .mutation(({ ctx, input }) => {
      const inviter = ctx.principal.kind === "staff" ? ctx.principal.name : ctx.tenant.name;
      return ctx.app.calendar.connect.sendConnectLink(ctx.tenant, inviter, input);
    }),

  /** Connections with their calendars, status and freshness: the caller's own as staff; one staff member's or all for owners. */
  connections: own
    .meta(rest("GET", "/calendar-connections", "calendars", "listCalendarConnections", "Staff members' calendar connections, their calendars and how fresh they are"))
    .input(calendarConnectionsInput)
    .output(calendarConnectionsOutput)
    .query(({ ctx, input, path }) => {
      const mine = ownStaffId(ctx.principal);
      const staffId = input?.staffId ?? mine ?? undefined;
      if (mine !== undefined) requireOwnStaff(ctx.principal, staffId ?? "", path);
      return ctx.app.calendar.connect.connections(ctx.tenant.id, staffId);
    }),

  chooseCalendars: own
    .meta(rest("POST", "/calendar-connections/{connectionId}/calendars", "calendars", "chooseCalendars", "Choose the calendars that count as busy, and the one appointments go to"))
    .input(calendarChooseInput).output(acknowledgedOutput).mutation(async ({ ctx, input, path }) => {
    const connection = await mayActOn(ctx, input.connectionId, path);
    return acknowledged(ctx.app.calendar.connect.chooseCalendars(connection, input));
  }),

  refreshCalendarList: own
    .meta(rest("POST", "/calendar-connections/{connectionId}/refresh", "calendars", "refreshCalendarList", "Read the connection's list of calendars again"))
    .input(calendarConnectionIdInput).output(acknowledgedOutput).mutation(async ({ ctx, input, path }) => {
    const connection = await mayActOn(ctx, input.connectionId, path);
    return acknowledged(ctx.app.calendar.connect.refreshCalendarList(connection));
  }),

  disconnect: own
    .meta(rest("DELETE", "/calendar-connections/{connectionId}", "calendars", "disconnectCalendar", "Disconnect a calendar account", "Revokes Frontdesk's access at the provider where it can, and removes the connection with its calendars and busy times."))
    .input(calendarConnectionIdInput).output(acknowledgedOutput).mutation(async ({ ctx, input, path }) => {
    const connection = await mayActOn(ctx, input.connectionId, path);
    return acknowledged(ctx.app.calendar.connect.disconnect(connection));
  }),
});
