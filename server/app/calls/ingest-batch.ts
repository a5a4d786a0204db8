import type { Db, WriteOptions, Writer } from "@frontdesk/db";

export interface MicroBatchOptions {
  /** How long the first item of a batch waits for company. */
  maxWaitMs: number;
  maxSize: number;
}

/**
 * Writes items that arrive together in one transaction: SQLite commits (and syncs) once for all of them, which is what
 * lets a single writer take a thousand events a second. Each caller is answered after its item committed. When the
 * batch fails, its items are written again one by one, so one bad item fails alone.
 */
export function microBatch<Item, Result>(db: Db, write: (tx: Writer, item: Item) => Promise<Result>, options: MicroBatchOptions, writeOptions: WriteOptions = {}) {
  type Waiting = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };
  const waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  async function flush(batch: Waiting[]): Promise<void> {
    try {
      const results = await db.transaction(async (tx) => {
        const done: Result[] = [];
        for (const { item } of batch) done.push(await write(tx, item));
        return done;
      }, writeOptions);
      batch.forEach((entry, i) => entry.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const entry of batch) {
        await db.transaction((tx) => write(tx, entry.item), writeOptions).then(entry.resolve, entry.reject);
      }
    }
  }

  // One batch at a time: what arrives while one commits waits for it and goes in the next, so a slow commit makes
  // bigger batches rather than a queue of small ones.
  function start(): void {
    clearTimeout(timer);
    timer = undefined;
    if (inFlight.size > 0 || waiting.length === 0) return;
    const batch = waiting.splice(0, options.maxSize);
    const round = flush(batch).finally(() => {
      inFlight.delete(round);
      start();
    });
    inFlight.add(round);
  }

  return {
    add(item: Item): Promise<Result> {
      return new Promise<Result>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (inFlight.size > 0) return;
        if (waiting.length >= options.maxSize) start();
        else timer ??= setTimeout(start, options.maxWaitMs);
      });
    },

    /** Whether items are waiting or being written. */
    busy: () => waiting.length > 0 || inFlight.size > 0,

    /** Resolves when every item added so far is written (or failed). */
    async settled(): Promise<void> {
      start();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
