import { calendarFeedInput, calendarFeedOutput, calendarFeedRevokedOutput, calendarFeedStatusOutput, FrontdeskError } from "@frontdesk/core";
import { requireOwnStaff, type BusinessServer, type EmbedSession, type StaffSession } from "../auth/principal";
import { embeddedIn, ownScheduleProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

/**
 * A staff member for their own feed; whoever has `config:write` (owners, admins, the business's server) for anyone's;
 * an embed session only if minted for <fd-calendar-connections>.
 */
const feedOwner = ownScheduleProcedure().use(embeddedIn("fd-calendar-connections"));

/** The staff member the call is about: the one named, else the caller's own staff record. */
function staffOf(principal: BusinessServer | EmbedSession | StaffSession, staffId: string | undefined, call: string): string {
  const own = principal.kind === "staff" || principal.kind === "embedSession" ? principal.staffId ?? null : null;
  const chosen = staffId ?? own;
  if (!chosen) throw new FrontdeskError("VALIDATION_FAILED", "Name the staff member whose feed this is: you are linked to no staff record.", { field: "staffId" });
  requireOwnStaff(principal, chosen, call);
  return chosen;
}

/** Staff members' secret ICS feeds (`/calendar/feeds/<token>.ics`), for calendar apps that subscribe to a URL. */
export const calendarFeedsRouter = router({
  /** The feed's URL, made on the first ask; the same URL every time after, until it is rotated or revoked. */
  get: feedOwner
    .meta(rest("POST", "/calendar-feeds", "calendars", "getCalendarFeed", "A staff member's secret ICS feed URL, made on the first call", "Leave `staffId` out for the caller's own staff record."))
    .input(calendarFeedInput)
    .output(calendarFeedOutput)
    .mutation(({ ctx, input, path }) => ctx.app.calendar.feeds.get(ctx.tenant.id, staffOf(ctx.principal, input.staffId, path))),

  /** Whether the staff member has a working feed, without making one. */
  status: feedOwner
    .meta(rest("GET", "/calendar-feeds/status", "calendars", "getCalendarFeedStatus", "Whether a staff member has a working ICS feed"))
    .input(calendarFeedInput)
    .output(calendarFeedStatusOutput)
    .query(async ({ ctx, input, path }) => ({ exists: await ctx.app.calendar.feeds.exists(ctx.tenant.id, staffOf(ctx.principal, input.staffId, path)) })),

  /** A new URL: the old one answers 404 from now on (a link shared by mistake). */
  rotate: feedOwner
    .meta(rest("POST", "/calendar-feeds/rotate", "calendars", "rotateCalendarFeed", "A new ICS feed URL; the old one stops working"))
    .input(calendarFeedInput)
    .output(calendarFeedOutput)
    .mutation(({ ctx, input, path }) => ctx.app.calendar.feeds.rotate(ctx.tenant.id, staffOf(ctx.principal, input.staffId, path))),

  /** The URL answers 404 from now on, and no new one is made until `get` or `rotate` is called. */
  revoke: feedOwner
    .meta(rest("POST", "/calendar-feeds/revoke", "calendars", "revokeCalendarFeed", "Stop a staff member's ICS feed"))
    .input(calendarFeedInput)
    .output(calendarFeedRevokedOutput)
    .mutation(async ({ ctx, input, path }) => ({ revoked: await ctx.app.calendar.feeds.revoke(ctx.tenant.id, staffOf(ctx.principal, input.staffId, path)) })),
});
