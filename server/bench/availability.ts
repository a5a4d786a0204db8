// The availability call end to end on the built server: what a widget or the phone agent waits for.
import autocannon from "autocannon";
import { startServer } from "../testing/start-server";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const durationS = Number(process.env.BENCH_SECONDS ?? 10);
const headers = { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://clinic.example" };
const services = ["svc_checkup", "svc_consult", "svc_filling", "svc_whitening", "svc_implant", "svc_class"];

const pathFor = (input: object) => `/trpc/booking.availability?input=${encodeURIComponent(JSON.stringify(input))}`;

interface Scenario {
  name: string;
  /** The request path; called per request, so it may vary. */
  path(): string;
}

const scenarios: Scenario[] = [
  {
    // Many visitors looking at the same month of the same service: answers are reused between writes.
    name: "same month, same service",
    path: () => pathFor({ serviceId: "svc_checkup", from: dayAfter(1), to: dayAfter(31) }),
  },
  {
    // Every request different (service, start day, length): each one is computed from the database.
    name: "a different query each time",
    path: () => {
      const start = 1 + Math.floor(Math.random() * 45);
      return pathFor({ serviceId: services[Math.floor(Math.random() * services.length)], from: dayAfter(start), to: dayAfter(start + 7 + Math.floor(Math.random() * 24)) });
    },
  },
];

const server = await startServer();
// The server's clock is pinned (FRONTDESK_CLOCK): days count from its today, so every query asks for open days.
const dayAfter = (days: number) => new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);
try {
  const rows = [];
  for (const scenario of scenarios) {
    const check = await fetch(server.url + scenario.path(), { headers });
    if (!check.ok) throw new Error(`availability answered ${check.status}: ${await check.text()}`);
    const latencies: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: server.url,
          headers,
          connections,
          duration: durationS,
          requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: scenario.path() }) }],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    });
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    rows.push({
      scenario: `booking.availability: ${scenario.name}, ${connections} clients`,
      requests: result.requests.total,
      "req/s": Math.round(result.requests.average),
      "median ms": at(0.5),
      "p95 ms": at(0.95),
      "p99 ms": at(0.99),
      errors: result.errors + result.non2xx,
    });
  }
  console.table(rows);
} finally {
  await server.stop();
}
