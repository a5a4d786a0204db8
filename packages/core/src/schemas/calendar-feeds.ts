import { z } from "zod";

/** Whose feed: a staff member's own when left out (a member or embed session linked to a staff record). */
export const calendarFeedInput = z.object({ staffId: z.string().min(1).max(64).optional() });

/** A staff member's secret ICS feed: the URL is the secret (anyone with it reads the appointments), shown again on each `get`. */
export const calendarFeedOutput = z
  .object({
    url: z.string(),
    createdAt: z.string(),
    /** When a calendar app last read it; null before the first read. */
    lastReadAt: z.string().nullable(),
  })
  .meta({ id: "CalendarFeed" });

export const calendarFeedStatusOutput = z.object({ exists: z.boolean() });
export const calendarFeedRevokedOutput = z.object({ revoked: z.boolean() });
