import type { Availability } from "@frontdesk/core";
import type { Db } from "@frontdesk/db";

/** How long an answer may be reused while nothing is written; bounds staleness from other server processes. */
const maxAgeMs = 15_000;
const maxEntries = 1_000;

interface Entry {
  answer: Availability;
  computedAt: number;
  writes: number;
  minNoticeMs: number;
}

/**
 * Recent availability answers. Many visitors ask for the same month of the same service, and an answer stays
 * right until something is written (bookings, holds, configuration: any write of this process drops them all)
 * or time moves slots out of the minimum notice, which is filtered on the way out. Bookings never trust it:
 * they check the database.
 */
export function availabilityCache(db: Db) {
  const entries = new Map<string, Entry>();
  return {
    get(key: string, now: number): Availability | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.writes !== db.writes || now - entry.computedAt > maxAgeMs) {
        entries.delete(key);
        return undefined;
      }
      const earliest = new Date(now + entry.minNoticeMs).toISOString();
      const slots = entry.answer.slots;
      return slots[0] && slots[0].start < earliest ? { ...entry.answer, slots: slots.filter((slot) => slot.start >= earliest) } : entry.answer;
    },

    set(key: string, answer: Availability, meta: Omit<Entry, "answer">): void {
      if (meta.writes !== db.writes) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { answer, ...meta });
    },
  };
}
