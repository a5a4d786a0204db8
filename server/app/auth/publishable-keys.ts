import { findPublishableKey, versionedCache, type Db } from "@frontdesk/db";

/** How long a key is trusted while this process writes nothing: other processes' revocations show within it. */
const maxAgeMs = 10_000;
const maxKeys = 1_000;

export type PublishableKeys = ReturnType<typeof publishableKeyLookup>;

/**
 * Publishable keys by value. Every widget call presents one, so answers (unknown keys too) are kept briefly; any
 * write in this process (such as revoking a key) drops them, and other processes see a revocation within `maxAgeMs`.
 */
export function publishableKeyLookup(db: Db, now: () => number) {
  const known = versionedCache<{ found: Awaited<ReturnType<typeof findPublishableKey>> }>(db, { maxEntries: maxKeys, maxAgeMs, now });
  return {
    async find(key: string) {
      return (await known.load(key, async () => ({ found: await findPublishableKey(db, key) }))).found;
    },
  };
}
