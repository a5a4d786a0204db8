import { findPublishableKey, type Db } from "@frontdesk/db";

const maxAgeMs = 10_000;

export type PublishableKeys = ReturnType<typeof publishableKeyLookup>;

/**
 * Publishable keys by value. Every widget call presents one, so answers are kept briefly; any write in this
 * process (such as revoking a key) drops them, and other processes see a revocation within `maxAgeMs`.
 */
export function publishableKeyLookup(db: Db, now: () => number) {
  let writes = db.writes;
  const known = new Map<string, { found: Awaited<ReturnType<typeof findPublishableKey>>; at: number }>();
  return {
    async find(key: string) {
      if (writes !== db.writes) {
        known.clear();
        writes = db.writes;
      }
      const entry = known.get(key);
      if (entry && now() - entry.at < maxAgeMs) return entry.found;
      const found = await findPublishableKey(db, key);
      if (known.size > 1_000) known.clear();
      if (writes === db.writes) known.set(key, { found, at: now() });
      return found;
    },
  };
}
