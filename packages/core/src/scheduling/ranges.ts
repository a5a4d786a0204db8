/**
 * Wall-clock ranges of one day as the stretches the slot grid is counted in. Hours saved separately
 * (a location's and the untied ones) can overlap; counted range by range they would make two grids
 * that interleave and skip starts, so each stretch of continuous work gets one grid.
 */
import type { MinuteRange, WorkingRange } from "./types";

/** The ranges' union as sorted, disjoint ranges; ranges that touch (9–12, 12–17) join into one. */
export function unionOfRanges(ranges: readonly MinuteRange[]): readonly MinuteRange[] {
  if (isSortedWithGaps(ranges)) return ranges;
  const sorted = [...ranges].filter((range) => range.end > range.start).sort((a, b) => a.start - b.start);
  const union: MinuteRange[] = [];
  for (const range of sorted) {
    const last = union[union.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else union.push({ start: range.start, end: range.end });
  }
  return union;
}

/**
 * The stretches one person works on a day, each on its own grid: at each location, the union of the
 * ranges tied to it and the untied ones (valid everywhere); with no tied ranges, the untied ones alone.
 * Stretches at different locations may overlap; the starts they share are offered once.
 */
export function workingStretches(ranges: readonly WorkingRange[]): readonly MinuteRange[] {
  if (!ranges.some((range) => range.locationId != null)) return unionOfRanges(ranges);
  const untied = ranges.filter((range) => range.locationId == null);
  const locations = new Set(ranges.map((range) => range.locationId).filter((id) => id != null));
  const stretches: MinuteRange[] = [];
  for (const location of locations) {
    for (const stretch of unionOfRanges([...ranges.filter((range) => range.locationId === location), ...untied])) {
      // Untied hours clear of every tied range come out of each location the same: keep one.
      if (!stretches.some((seen) => seen.start === stretch.start && seen.end === stretch.end)) stretches.push(stretch);
    }
  }
  return stretches;
}

function isSortedWithGaps(ranges: readonly MinuteRange[]): boolean {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (range.end <= range.start) return false;
    if (i > 0 && range.start <= ranges[i - 1]!.end) return false;
  }
  return true;
}
