// The availability call end to end on the built server: what a widget or the phone agent waits for.
import autocannon from "autocannon";
import { startServer } from "../testing/start-server";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const durationS = Number(process.env.BENCH_SECONDS ?? 10);

const server = await startServer();
try {
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
  const input = encodeURIComponent(JSON.stringify({ serviceId: "svc_checkup", from, to }));
  const path = `/trpc/booking.availability?input=${input}`;
  const headers = { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://clinic.example" };

  const check = await fetch(server.url + path, { headers });
  if (!check.ok) throw new Error(`availability answered ${check.status}: ${await check.text()}`);
  const slots = ((await check.json()) as { result: { data: { slots: unknown[] } } }).result.data.slots.length;

  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: server.url + path, headers, connections, duration: durationS }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);

  console.table([
    {
      scenario: `booking.availability, 1 month, demo clinic, ${connections} clients`,
      requests: result.requests.total,
      "req/s": Math.round(result.requests.average),
      "median ms": at(0.5),
      "p95 ms": at(0.95),
      "p99 ms": at(0.99),
      errors: result.errors + result.non2xx,
      slots,
    },
  ]);
} finally {
  await server.stop();
}
