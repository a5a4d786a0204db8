import { createHash, createHmac } from "node:crypto";
import { FrontdeskError, icsFeed, type AppointmentStatus, type IcsFeedEvent } from "@frontdesk/core";
import { calendarFeedByTokenHash, forTenant, randomId, type CalendarFeed, type Db } from "@frontdesk/db";
import { appointmentEventOf, isShownInCalendars } from "./write-sync";

/** How far back a feed reaches: a calendar app keeps the recent past it already showed. */
export const feedPastDays = 30;
/** The most appointments one feed answer holds: a bound on the work a (polled) feed costs. */
export const maxFeedEvents = 2_000;
/** Where a feed is served: `${PUBLIC_URL}/calendar/feeds/<token>.ics`. */
export const feedPath = (token: string) => `/calendar/feeds/${token}.ics`;

const feedStatuses: readonly AppointmentStatus[] = ["pending", "confirmed", "completed", "no_show", "cancelled", "rejected", "expired"];
const dayMs = 86_400_000;
/** A read is noted at most this often, so that a polling calendar app does not write on every request. */
const lastReadEveryMs = 3_600_000;

export interface FeedInfo {
  url: string;
  createdAt: string;
  /** When a calendar app last read it; null before the first read. */
  lastReadAt: string | null;
}

export type FeedAnswer =
  | { status: 404 }
  | { status: 304; etag: string; lastModified: string }
  | { status: 200; body: string; etag: string; lastModified: string };

/**
 * Staff members' secret ICS feeds. A feed's token is derived from the server's secret and the feed's id (an HMAC), and
 * only its SHA-256 is stored: the database alone cannot give a feed away, while the server can show the same URL again.
 * Rotating makes a new feed (a new URL) and revokes the old; revoking leaves the staff member with none.
 */
export function calendarFeeds(deps: { db: Db; now: () => number; secret: string; publicUrl: string }) {
  const { db, now } = deps;
  const tokenOf = (feedId: string) => createHmac("sha256", deps.secret).update(`calendar feed:${feedId}`).digest("base64url");
  const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
  const infoOf = (feed: CalendarFeed): FeedInfo => ({
    url: `${deps.publicUrl}${feedPath(tokenOf(feed.id))}`,
    createdAt: new Date(feed.createdAt).toISOString(),
    lastReadAt: feed.lastReadAt === null ? null : new Date(feed.lastReadAt).toISOString(),
  });

  async function mustBeStaff(tenantId: string, staffId: string): Promise<void> {
    const missing = await forTenant(db, tenantId).missingIds("staff", [staffId]);
    if (missing.length > 0) throw new FrontdeskError("NOT_FOUND", "There is no such staff member.", { field: "staffId" });
  }

  /** Replaces the staff member's feed (if any) with a new one, in one write. */
  async function replace(tenantId: string, staffId: string): Promise<CalendarFeed> {
    return db.write(async (writer) => {
      const scope = forTenant(writer, tenantId);
      const at = now();
      await scope.revokeCalendarFeed(staffId, at);
      const id = randomId("fed");
      const feed = { id, staffId, tokenHash: hashOf(tokenOf(id)), createdAt: at };
      if (!(await scope.addCalendarFeed(feed))) throw new FrontdeskError("NOT_FOUND", "There is no such staff member.", { field: "staffId" });
      return { ...feed, tenantId, revokedAt: null, lastReadAt: null };
    });
  }

  return {
    /**
     * The staff member's feed, made on the first ask: the same URL every time until it is rotated or revoked. A feed
     * whose stored hash no longer matches (the server's secret changed) is replaced.
     */
    async get(tenantId: string, staffId: string): Promise<FeedInfo> {
      await mustBeStaff(tenantId, staffId);
      const feed = await forTenant(db, tenantId).calendarFeedOf(staffId);
      if (feed && feed.tokenHash === hashOf(tokenOf(feed.id))) return infoOf(feed);
      return infoOf(await replace(tenantId, staffId));
    },

    /** Whether the staff member has a working feed, without making one. */
    async exists(tenantId: string, staffId: string): Promise<boolean> {
      await mustBeStaff(tenantId, staffId);
      return (await forTenant(db, tenantId).calendarFeedOf(staffId)) !== undefined;
    },

    /** A new URL; the old one stops working at once. */
    async rotate(tenantId: string, staffId: string): Promise<FeedInfo> {
      await mustBeStaff(tenantId, staffId);
      return infoOf(await replace(tenantId, staffId));
    },

    /** The feed's URL stops working (404); false if there was none. */
    async revoke(tenantId: string, staffId: string): Promise<boolean> {
      await mustBeStaff(tenantId, staffId);
      return db.write((writer) => forTenant(writer, tenantId).revokeCalendarFeed(staffId, now()));
    },

    /** The token's feed hashed for the rate limit, or null for a token that is no feed's. */
    async feedOfToken(token: string): Promise<CalendarFeed | null> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
      return (await calendarFeedByTokenHash(db, hashOf(token))) ?? null;
    },

    /**
     * The feed as ICS: the staff member's appointments from `feedPastDays` back to the business's booking horizon,
     * pending ones TENTATIVE and cancelled, rejected or expired ones CANCELLED (until they fall out of the window),
     * with no more of the customer than the business's event-details policy allows. 304 when `ifNoneMatch` names its ETag.
     */
    async render(feed: CalendarFeed, conditions: { ifNoneMatch?: string | null } = {}): Promise<FeedAnswer> {
      const scope = forTenant(db, feed.tenantId);
      const tenant = await scope.tenant();
      if (!tenant) return { status: 404 };
      const at = now();
      const rows = await scope.appointmentList({
        staffId: feed.staffId,
        fromMs: at - feedPastDays * dayMs,
        toMs: at + (tenant.horizonDays + 1) * dayMs,
        statuses: feedStatuses,
        limit: maxFeedEvents,
      });
      const places = new Map((await scope.locations()).map((place) => [place.id, place]));
      const staffName = rows[0]?.staff.name ?? (await scope.staff()).find((member) => member.id === feed.staffId)?.name ?? "Staff";
      let modified = feed.createdAt;
      const events: IcsFeedEvent[] = rows.map((row) => {
        const { appointment } = row;
        modified = Math.max(modified, appointment.updatedAt);
        const content = appointmentEventOf(row, tenant, { publicUrl: deps.publicUrl, location: appointment.locationId ? places.get(appointment.locationId) : undefined });
        return {
          uid: `${appointment.id}@frontdesk`,
          sequence: appointment.sequence,
          start: appointment.startAt,
          end: appointment.endAt,
          summary: content.summary,
          description: content.description,
          ...(content.location ? { location: content.location } : {}),
          ...(content.url ? { url: content.url } : {}),
          status: !isShownInCalendars(appointment.status) ? "CANCELLED" : appointment.status === "pending" ? "TENTATIVE" : "CONFIRMED",
          modified: appointment.updatedAt,
        };
      });
      // Stamped with the last change rather than the clock, so that an unchanged feed has the same bytes and ETag.
      const body = icsFeed({ name: `${staffName} — ${tenant.name}`, timeZone: tenant.timeZone, now: modified, events });
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
      const lastModified = new Date(Math.floor(modified / 1000) * 1000).toUTCString();
      if (feed.lastReadAt === null || at - feed.lastReadAt > lastReadEveryMs) {
        await db.write((writer) => forTenant(writer, feed.tenantId).markCalendarFeedRead(feed.id, at), { keepsSetup: true });
      }
      // The ETag alone decides: the window slides, so a feed can change with no appointment changing.
      const unchanged = conditions.ifNoneMatch ? conditions.ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag) : false;
      return unchanged ? { status: 304, etag, lastModified } : { status: 200, body, etag, lastModified };
    },
  };
}

export type CalendarFeeds = ReturnType<typeof calendarFeeds>;
