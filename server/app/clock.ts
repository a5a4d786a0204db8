/**
 * The server's clock. `FRONTDESK_CLOCK` (an ISO instant) starts it at that instant and lets it run from
 * there, so tests and demos see the same calendar whatever the date; unset, it is the system clock.
 */
export function serverClock(start: string | undefined, system: () => number = Date.now): () => number {
  if (!start) return system;
  const at = Date.parse(start);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(start) || Number.isNaN(at)) {
    throw new Error(`FRONTDESK_CLOCK must be an ISO instant such as 2027-01-12T14:00:00Z; got "${start}".`);
  }
  const offset = at - system();
  return () => system() + offset;
}
