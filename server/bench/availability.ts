// The availability call end to end on the built server: what a widget or the phone agent waits for.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { startServer } from "../testing/start-server";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const durationS = Number(process.env.BENCH_SECONDS ?? 10);
const headers = { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://clinic.example" };

const pathFor = (input: object) => `/trpc/booking.availability?input=${encodeURIComponent(JSON.stringify(input))}`;

interface Scenario {
  name: string;
  /** The request path; called per request, so it may vary. */
  path(): string;
  /** Stop after this many requests (when the scenario has only so many different ones). */
  amount?: number;
}

/** Seconds of CPU a process has used (user + system), from /proc: the server's per-request cost is less noisy than its latency. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=prof") starts the server with Node flags, for profiling.
const server = await startServer({}, { nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean) });
// The server's clock is pinned (FRONTDESK_CLOCK): days count from its today, so every query asks for open days.
const dayAfter = (days: number) => new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Every service × staff choice (anyone, or one who performs it) × start day in the horizon × month length, shuffled. */
async function allMonthQueries(): Promise<string[]> {
  const catalog = await fetch(`${server.url}/trpc/booking.catalog`, { headers });
  const services = ((await catalog.json()) as { result: { data: { services: { id: string; staffIds: string[] }[] } } }).result.data.services;
  const paths: string[] = [];
  for (const service of services) {
    for (const staffId of [undefined, ...service.staffIds]) {
      for (let start = 0; start < 60; start++) {
        for (const days of [28, 29, 30, 31]) {
          paths.push(pathFor({ serviceId: service.id, ...(staffId ? { staffId } : {}), from: dayAfter(start), to: dayAfter(start + days - 1) }));
        }
      }
    }
  }
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [paths[i], paths[j]] = [paths[j]!, paths[i]!];
  }
  return paths;
}

const coldPaths = await allMonthQueries();
let nextCold = 0;
const scenarios: Scenario[] = [
  {
    // Many visitors looking at the same month of the same service: answers are reused between writes.
    name: "same month, same service",
    path: () => pathFor({ serviceId: "svc_checkup", from: dayAfter(1), to: dayAfter(31) }),
  },
  {
    // Each request a month no one asked for before: nothing can come from a cache of answers.
    name: "all-different month queries",
    path: () => coldPaths[nextCold++ % coldPaths.length]!,
    amount: coldPaths.length - 1,
  },
];

try {
  const rows = [];
  for (const scenario of scenarios) {
    const check = await fetch(server.url + scenario.path(), { headers });
    if (!check.ok) throw new Error(`availability answered ${check.status}: ${await check.text()}`);
    const latencies: number[] = [];
    const serverCpuBefore = cpuSecondsOf(server.pid);
    const benchCpuBefore = process.cpuUsage();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: server.url,
          headers,
          connections,
          duration: durationS,
          ...(scenario.amount ? { amount: scenario.amount } : {}),
          requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: scenario.path() }) }],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    });
    const serverCpuMs = (cpuSecondsOf(server.pid) - serverCpuBefore) * 1000;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    rows.push({
      scenario: `booking.availability: ${scenario.name} at ${connections} connections`,
      requests: result.requests.total,
      "req/s": Math.round(result.requests.total / ((result.duration || durationS) as number)),
      "p50 ms": at(0.5),
      "p95 ms": at(0.95),
      "p99 ms": at(0.99),
      errors: result.errors + result.non2xx,
      // Where the two cores went: the server's CPU per answer, and the load generator's share of the run.
      "server CPU ms/req": (serverCpuMs / result.requests.total).toFixed(3),
      "load gen CPU %": Math.round(((benchCpu.user + benchCpu.system) / 1000 / (((result.duration || durationS) as number) * 1000)) * 100),
    });
  }
  console.table(rows);
} finally {
  await server.stop();
}
