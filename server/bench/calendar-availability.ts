// Availability for a staff member whose 2 connected calendars hold 2,000 external busy events, against the same
// queries before those calendars were connected: the built server end to end. Target: at most 1.5× the cost.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { forTenant, openDb, randomId } from "@frontdesk/db";
import { startServer } from "../testing/start-server";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const events = Number(process.env.BENCH_EVENTS ?? 2_000);
const headers = { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://clinic.example" };
const tenantId = "ten_demo_brightsmile";
const staffId = "stf_patel";
const day = 86_400_000;

function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// The care task would try to open push channels for the seeded calendars: it does not run during the benchmark.
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
const server = await startServer({ TASK_INTERVAL_SECONDS: "3600" }, { nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean) });
const dayAfter = (days: number) => new Date(server.now() + days * day).toISOString().slice(0, 10);
const pathFor = (input: object) => `/trpc/booking.availability?input=${encodeURIComponent(JSON.stringify(input))}`;

/** Every start day in the horizon × range length for the staff member, each asked once: no answer comes from the cache. */
const paths: string[] = [];
for (const serviceId of ["svc_consult", "svc_checkup"]) {
  for (let start = 1; start < 50; start++) for (const days of [7, 14, 28]) paths.push(pathFor({ serviceId, staffId, from: dayAfter(start), to: dayAfter(start + days - 1) }));
}

async function measure(name: string) {
  // Answers are kept for 5 s while nothing is written in the server: wait them out between rounds.
  await new Promise((resolve) => setTimeout(resolve, 5_500));
  let next = 0;
  // Warm-up on the week queries, not counted.
  await new Promise((resolve, reject) =>
    autocannon({ url: server.url, headers, connections, amount: 100, requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: pathFor({ serviceId: "svc_filling", staffId, from: dayAfter(next % 50), to: dayAfter((next++ % 50) + 6) }) }) }] }, (error, done) => (error ? reject(error) : resolve(done))),
  );
  await new Promise((resolve) => setTimeout(resolve, 5_500));
  next = 0;
  const cpuBefore = cpuSecondsOf(server.pid);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url: server.url, headers, connections, amount: paths.length, requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }] }, (error, done) => (error ? reject(error) : resolve(done))),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = (cpuSecondsOf(server.pid) - cpuBefore) * 1000;
  return {
    scenario: name,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    "req/s": Math.round(result.requests.total / seconds),
    "server CPU ms/req": Number((cpuMs / result.requests.total).toFixed(3)),
  };
}

/** Two calendars of the staff member's Google account, with `events` busy events between them across the horizon, stored as a read would. */
async function connectTwoCalendars() {
  const db = await openDb(server.databaseUrl);
  const at = server.now();
  const connectionId = randomId("ccn");
  await db.write(async (writer) => {
    const scope = forTenant(writer, tenantId);
    await scope.keepCalendarConnection({ id: connectionId, staffId, provider: "google", providerAccountId: "bench", email: "patel@bench.test", accessTokenSealed: "unused", refreshTokenSealed: null, accessExpiresAt: at + day, createdAt: at, updatedAt: at });
    const ids = ["ccl_bench_work", "ccl_bench_home"];
    let n = 0;
    await scope.syncCalendarList(connectionId, [
      { providerCalendarId: "work@bench.test", name: "Work", timeZone: "America/New_York", primary: true, canWrite: true },
      { providerCalendarId: "home@bench.test", name: "Home", timeZone: "America/New_York", primary: false, canWrite: true },
    ], at, () => ids[n++]!);
    await scope.chooseCalendars(connectionId, { busyIds: ids, destinationId: undefined }, at);
    let seed = 17;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const [index, id] of ids.entries()) {
      const busy = Array.from({ length: events / ids.length }, (_, i) => {
        const start = at + Math.floor(random() * 60 * 96) * 15 * 60_000;
        return { id: `evt_${index}_${i}`, start, end: start + (1 + Math.floor(random() * 4)) * 15 * 60_000, allDay: false };
      });
      await scope.applyCalendarRead({ id, staffId }, { fromCursor: null, full: true, busy, freedIds: [], cursor: "bench", window: { from: at - day, to: at + 90 * day }, at });
    }
  });
  db.close();
}

try {
  const check = await fetch(server.url + paths[0]!, { headers });
  if (!check.ok) throw new Error(`availability answered ${check.status}: ${await check.text()}`);
  const without = await measure("without connected calendars");
  await connectTwoCalendars();
  const withCalendars = await measure(`2 connected calendars, ${events} external events`);
  console.table([without, withCalendars]);
  console.log(`ratio (server CPU per request, with / without): ${(withCalendars["server CPU ms/req"] / without["server CPU ms/req"]).toFixed(2)}× (target ≤ 1.5×)`);
  console.log(`ratio (p50 latency, with / without): ${(withCalendars["p50 ms"] / Math.max(without["p50 ms"], 0.001)).toFixed(2)}×`);
} finally {
  await server.stop();
}
