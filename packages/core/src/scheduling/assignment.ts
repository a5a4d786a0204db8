/**
 * Who gets a booking when the customer did not pick a staff member.
 *
 * - `least_busy` evens out the day: the candidate with the fewest minutes already booked on the slot's
 *   local date comes first; on a tie, whoever was assigned longest ago (never first), then input order.
 * - `round_robin` takes turns regardless of load: whoever was assigned longest ago comes first, someone
 *   never assigned before anyone else; on a tie, input order.
 *
 * Only bookings the policy itself assigned should move `lastAssignedAt`, so a customer who asks for a
 * person by name does not cost that person their turn. A candidate without stats counts as never
 * assigned and not yet booked that day: someone new joins the rotation at the front.
 * Pure and stable: the same inputs always give the same order, and input order settles every full tie,
 * so the caller's order (the query's staff order) is the last word.
 */
import type { AssignmentPolicy, AssignmentStats } from "./types";

const FRESH: AssignmentStats = { bookedMinutesThatDay: 0, lastAssignedAt: null };

/** `candidates` in the order `policy` prefers them, most preferred first; the input is not changed. */
export function rankStaff(
  candidates: string[],
  policy: AssignmentPolicy,
  stats: Record<string, AssignmentStats>,
): string[] {
  const ranked = candidates.map((staffId, position) => ({ staffId, position, stats: stats[staffId] ?? FRESH }));
  ranked.sort((a, b) => {
    if (policy === "least_busy") {
      const byLoad = a.stats.bookedMinutesThatDay - b.stats.bookedMinutesThatDay;
      if (byLoad !== 0) return byLoad;
    }
    return byLastAssigned(a.stats, b.stats) || a.position - b.position;
  });
  return ranked.map((candidate) => candidate.staffId);
}

/** Never assigned first, then the oldest assignment. */
function byLastAssigned(a: AssignmentStats, b: AssignmentStats): number {
  if (a.lastAssignedAt === b.lastAssignedAt) return 0;
  if (a.lastAssignedAt === null) return -1;
  if (b.lastAssignedAt === null) return 1;
  return a.lastAssignedAt - b.lastAssignedAt;
}
