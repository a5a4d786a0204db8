/** How often a live view looks again, and how long one subscription lasts before the client reconnects. */
export const livePollMs = 1_000;
export const liveLifetimeMs = 10 * 60_000;

/**
 * The live view as a stream: the first snapshot at once, then each one that differs from the last, until the client
 * goes (`signal`) or the lifetime ends (the tRPC client reconnects by itself). Reading the database each round keeps
 * it right with several server processes, and a round is a couple of indexed reads.
 */
export async function* liveSnapshots<T>(read: () => Promise<T>, signal: AbortSignal | undefined, options: { pollMs?: number; lifetimeMs?: number } = {}): AsyncGenerator<T> {
  const until = Date.now() + (options.lifetimeMs ?? liveLifetimeMs);
  let last: string | undefined;
  while (!signal?.aborted && Date.now() < until) {
    const snapshot = await read();
    const seen = JSON.stringify(snapshot);
    if (seen !== last) {
      last = seen;
      yield snapshot;
    }
    await pause(options.pollMs ?? livePollMs, signal);
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
