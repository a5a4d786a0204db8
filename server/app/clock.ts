/**
 * The server's clock. `FRONTDESK_CLOCK` (an ISO instant, read by settings.ts) starts it at that instant and lets it run
 * from there, so tests and demos see the same calendar whatever the date; unset, it is the system clock.
 */
export function serverClock(start: number | undefined, system: () => number = Date.now): () => number {
  if (start === undefined) return system;
  const offset = start - system();
  return () => system() + offset;
}
