import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { DrizzleDb } from "../client";
import { busyBlockPieceMs, calendarBusyBlocks, calendarBusyDays } from "../schema/calendar";

const dayMs = 86_400_000;

/** The UTC days an interval touches, as day numbers. */
export function daysOf(start: number, end: number): number[] {
  const days = [];
  for (let day = Math.floor(start / dayMs); day * dayMs < end; day++) days.push(day);
  return days;
}

/** Sorted, merged `[start, end, start, end, …]` of intervals. */
export function mergedSpans(intervals: [number, number][]): number[] {
  intervals.sort((a, b) => a[0] - b[0]);
  const spans: number[] = [];
  for (const [start, end] of intervals) {
    const last = spans.length - 1;
    if (last > 0 && start <= spans[last]!) spans[last] = Math.max(spans[last]!, end);
    else spans.push(start, end);
  }
  return spans;
}

/** Rows a statement deletes or inserts at most: well inside SQLite's limit on bound variables. */
const rowsPerStatement = 1_000;

/**
 * Writes a staff member's `calendar_busy_days` again from their busy blocks: every day when `days` is left out (a
 * full read, a calendar that stopped counting or went away), else only those days (an incremental read). Runs in
 * the transaction that changed the blocks.
 */
export async function rewriteBusyDays(orm: DrizzleDb, tenantId: string, staffId: string, days?: Iterable<number>): Promise<void> {
  const own = and(eq(calendarBusyDays.tenantId, tenantId), eq(calendarBusyDays.staffId, staffId));
  const ownBlocks = and(eq(calendarBusyBlocks.tenantId, tenantId), eq(calendarBusyBlocks.staffId, staffId));
  const wanted = days === undefined ? undefined : [...new Set(days)].sort((a, b) => a - b);
  if (wanted?.length === 0) return;

  const blocks = await orm
    .select({ start: calendarBusyBlocks.startAt, end: calendarBusyBlocks.endAt })
    .from(calendarBusyBlocks)
    .where(wanted ? and(ownBlocks, gte(calendarBusyBlocks.startAt, wanted[0]! * dayMs - busyBlockPieceMs), lt(calendarBusyBlocks.startAt, (wanted.at(-1)! + 1) * dayMs)) : ownBlocks);
  const keep = wanted && new Set(wanted);
  const byDay = new Map<number, [number, number][]>();
  for (const { start, end } of blocks) {
    for (const day of daysOf(start, end)) {
      if (keep && !keep.has(day)) continue;
      const cut: [number, number] = [Math.max(start, day * dayMs), Math.min(end, (day + 1) * dayMs)];
      const list = byDay.get(day);
      if (list) list.push(cut);
      else byDay.set(day, [cut]);
    }
  }

  if (!wanted) await orm.delete(calendarBusyDays).where(own);
  else for (let i = 0; i < wanted.length; i += rowsPerStatement) await orm.delete(calendarBusyDays).where(and(own, inArray(calendarBusyDays.day, wanted.slice(i, i + rowsPerStatement))));
  const rows = [...byDay].map(([day, intervals]) => ({ tenantId, staffId, day, spans: JSON.stringify(mergedSpans(intervals)) }));
  for (let i = 0; i < rows.length; i += rowsPerStatement) await orm.insert(calendarBusyDays).values(rows.slice(i, i + rowsPerStatement));
}
