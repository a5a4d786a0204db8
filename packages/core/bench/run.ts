/**
 * Micro-benchmarks for hot paths. Each case is timed call by call after a warm-up so the JIT has
 * settled; medians and p95 rather than means, because one GC pause should not move the headline.
 */
import { availableSlots } from "../src/index";
import { busyClinicMonth, clinicMonth } from "./fixtures";

interface BenchCase {
  name: string;
  /** One call of the code under test; returns the size of its result (slots, rows, ...). */
  run: () => number;
}

const WARM_UP_CALLS = 50;
const TIMED_CALLS = 300;

function slotsCase(staffCount: number, appointmentCount: number): BenchCase {
  const query = clinicMonth({ staffCount, appointmentCount });
  return {
    name: `slots: 1 month, ${staffCount} staff, ${appointmentCount.toLocaleString("en-US")} appointments`,
    run: () => availableSlots(query).length,
  };
}

/** The product's case: many services, connected calendars, opening hours and limits all at once. */
function busyClinicCase(capacity: number): BenchCase {
  const query = busyClinicMonth({
    staffCount: 20,
    serviceCount: 10,
    appointmentCount: 5_000,
    calendarEventCount: 500,
    capacity,
  });
  const session = capacity > 1 ? `, sessions of ${capacity}` : "";
  return {
    name: `slots: 1 month, 20 staff, 10 services, 5,000 appointments, 500 events, hours + limits${session}`,
    run: () => availableSlots(query).length,
  };
}

const cases: BenchCase[] = [
  slotsCase(3, 5_000),
  slotsCase(20, 5_000),
  // A quiet month: the same shape with room left, so slot building rather than rejection dominates.
  slotsCase(3, 300),
  busyClinicCase(1),
  // The queried service as a group class: its appointments become seats instead of busy time.
  busyClinicCase(8),
];

interface Result {
  name: string;
  calls: number;
  medianMs: number;
  p95Ms: number;
  size: number;
}

function measure(bench: BenchCase): Result {
  let size = 0;
  for (let i = 0; i < WARM_UP_CALLS; i++) size = bench.run();
  const durations: number[] = [];
  for (let i = 0; i < TIMED_CALLS; i++) {
    const started = performance.now();
    size = bench.run();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return {
    name: bench.name,
    calls: TIMED_CALLS,
    medianMs: quantile(durations, 0.5),
    p95Ms: quantile(durations, 0.95),
    size,
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const filter = process.argv[2];
const results = cases.filter((bench) => !filter || bench.name.includes(filter)).map(measure);
console.table(
  results.map((result) => ({
    scenario: result.name,
    calls: result.calls,
    "median ms": result.medianMs.toFixed(3),
    "p95 ms": result.p95Ms.toFixed(3),
    "slots returned": result.size,
  })),
);
