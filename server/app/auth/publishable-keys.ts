import { findPublishableKey, versionedCache, type Db } from "@frontdesk/db";

/** How long a key is trusted while this process writes nothing: other processes' revocations show within it. */
const maxAgeMs = 10_000;
const maxKeys = 1_000;

export type PublishableKeys = ReturnType<typeof publishableKeyLookup>;

/**
 * Publishable keys by value. Every widget call presents one, so answers (unknown keys too) are kept briefly; any
 * write in this process that may change keys or businesses (such as revoking one; a booking does not) drops them, and other processes see a revocation within `maxAgeMs`.
 */
export function publishableKeyLookup(db: Db, now: () => number) {
  const known = versionedCache<{ found: Awaited<ReturnType<typeof findPublishableKey>> }>({ get writes() { return db.setupWrites; } }, { maxEntries: maxKeys, maxAgeMs, now });
  return {
    async find(key: string) {
      return (await known.load(key, async () => ({ found: await findPublishableKey(db, key) }))).found;
    },
  };
}
