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
  /** Requests sent first and not counted, so that the code the scenario runs is compiled as in a server that has been up a while. */
  warmUp?: { path(): string; amount: number };
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

/** Every service × staff choice (anyone, or one who performs it) × start day in the horizon × range length, shuffled. */
async function allQueries(lengths: number[]): Promise<string[]> {
  const catalog = await fetch(`${server.url}/trpc/booking.catalog`, { headers });
  const services = ((await catalog.json()) as { result: { data: { services: { id: string; staffIds: string[] }[] } } }).result.data.services;
  const paths: string[] = [];
  for (const service of services) {
    for (const staffId of [undefined, ...service.staffIds]) {
      for (let start = 0; start < 60; start++) {
        for (const days of lengths) {
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

const coldPaths = await allQueries([28, 29, 30, 31]);
let nextCold = 0;
// Weeks rather than months: the same code, but never one of the month queries measured after them.
const weekPaths = await allQueries([7]);
let nextWeek = 0;
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
    warmUp: { path: () => weekPaths[nextWeek++ % weekPaths.length]!, amount: weekPaths.length },
  },
];

/** Runs autocannon at `connections` for `durationS` or until `amount` requests were answered. */
function load(path: () => string, amount: number | undefined, onAnswer?: (responseTime: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        headers,
        connections,
        duration: durationS,
        ...(amount ? { amount } : {}),
        requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: path() }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    if (onAnswer) instance.on("response", (_client, _status, _bytes, responseTime) => onAnswer(responseTime));
  });
}

try {
  const rows = [];
  for (const scenario of scenarios) {
    const check = await fetch(server.url + scenario.path(), { headers });
    if (!check.ok) throw new Error(`availability answered ${check.status}: ${await check.text()}`);
    // BENCH_WARM_UP=off measures a server that has answered nothing like it before.
    if (scenario.warmUp && process.env.BENCH_WARM_UP !== "off") await load(scenario.warmUp.path, scenario.warmUp.amount);
    const latencies: number[] = [];
    const serverCpuBefore = cpuSecondsOf(server.pid);
    const benchCpuBefore = process.cpuUsage();
    const started = performance.now();
    let lastAnswer = started;
    const result = await load(scenario.path, scenario.amount, (responseTime) => {
      latencies.push(responseTime);
      lastAnswer = performance.now();
    });
    // Autocannon notices that `amount` requests are done only at its next whole second: time to the last answer instead.
    const seconds = scenario.amount ? (lastAnswer - started) / 1000 : ((result.duration || durationS) as number);
    const serverCpuMs = (cpuSecondsOf(server.pid) - serverCpuBefore) * 1000;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    rows.push({
      scenario: `booking.availability: ${scenario.name} at ${connections} connections`,
      requests: result.requests.total,
      "req/s": Math.round(result.requests.total / seconds),
      "p50 ms": at(0.5),
      "p95 ms": at(0.95),
      "p99 ms": at(0.99),
      errors: result.errors + result.non2xx,
      // Where the two cores went: the server's CPU per answer, and the load generator's share of the run.
      "server CPU ms/req": (serverCpuMs / result.requests.total).toFixed(3),
      "load gen CPU %": Math.round(((benchCpu.user + benchCpu.system) / 1000 / (seconds * 1000)) * 100),
    });
  }
  console.table(rows);
} finally {
  await server.stop();
}
