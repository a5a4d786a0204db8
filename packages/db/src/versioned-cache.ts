/** What a versioned cache watches: a count that moves whenever the data behind its entries may have changed (`Db.writes`). */
export interface WriteVersion {
  readonly writes: number;
}

export interface VersionedCacheOptions {
  /** At most this many entries; the least recently used goes first. */
  maxEntries: number;
  /** An entry is dropped this long after it was read from the database: other processes' writes move no local version. */
  maxAgeMs: number;
  now: () => number;
}

export type VersionedCache<V> = ReturnType<typeof versionedCache<V>>;

/**
 * Values read from the database, kept until this process writes anything, for at most `maxAgeMs`, and at most
 * `maxEntries` of them. A value read while a write finished is never kept, so after a write every reader sees it.
 */
export function versionedCache<V>(source: WriteVersion, { maxEntries, maxAgeMs, now }: VersionedCacheOptions) {
  let version = source.writes;
  const entries = new Map<string, { value: V; at: number }>();
  const loading = new Map<string, Promise<V>>();

  /** Empties the cache once the write version moved on. */
  function current(): number {
    if (source.writes !== version) {
      entries.clear();
      loading.clear();
      version = source.writes;
    }
    return version;
  }

  const cache = {
    get(key: string): V | undefined {
      current();
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (now() - entry.at >= maxAgeMs) return undefined;
      entries.set(key, entry);
      return entry.value;
    },

    /** Keeps a value read at write version `readAt` (`writes` before the reads began), unless a write finished since. */
    set(key: string, value: V, readAt: number, at: number = now()): void {
      if (readAt !== current()) return;
      entries.delete(key);
      entries.set(key, { value, at });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },

    /** The kept value, or `load`'s, shared by every caller asking for the same key at the same version meanwhile. */
    load(key: string, load: () => Promise<V>): Promise<V> {
      const kept = cache.get(key);
      if (kept !== undefined) return Promise.resolve(kept);
      const pending = loading.get(key);
      if (pending) return pending;
      const readAt = version;
      const at = now();
      const loaded = load().then(
        (value) => {
          if (loading.get(key) === loaded) loading.delete(key);
          cache.set(key, value, readAt, at);
          return value;
        },
        (error: unknown) => {
          if (loading.get(key) === loaded) loading.delete(key);
          throw error;
        },
      );
      loading.set(key, loaded);
      return loaded;
    },

    get size(): number {
      current();
      return entries.size;
    },
  };
  return cache;
}
