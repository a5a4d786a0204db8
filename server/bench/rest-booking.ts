// One booking over REST against one over tRPC, on the built server: the REST layer's own cost per call.
import { startServer } from "../testing/start-server";

const rounds = Number(process.env.BENCH_ROUNDS ?? 150);
const server = await startServer();
const auth = { authorization: `Bearer ${server.demoSecretKey}`, "content-type": "application/json" };
const dayAfter = (days: number) => new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Free (start, staff) pairs over two months that do not overlap one another: each can be booked. */
async function freeTimes(): Promise<{ start: string; staffId: string }[]> {
  const times: { start: string; staffId: string }[] = [];
  const busyUntil = new Map<string, string>();
  for (const [from, to] of [[dayAfter(1), dayAfter(31)], [dayAfter(32), dayAfter(59)]] as const) {
    const answer = await fetch(`${server.url}/api/v1/availability?serviceId=svc_consult&from=${from}&to=${to}`, { headers: auth });
    const { slots } = (await answer.json()) as { slots: { start: string; end: string; staffIds: string[] }[] };
    for (const slot of slots) {
      for (const staffId of slot.staffIds) {
        if ((busyUntil.get(staffId) ?? "") > slot.start) continue;
        busyUntil.set(staffId, slot.end);
        times.push({ start: slot.start, staffId });
      }
    }
  }
  return times;
}

const booking = (time: { start: string; staffId: string }, i: number) =>
  JSON.stringify({ serviceId: "svc_consult", ...time, customer: { name: `Bench ${i}`, email: `bench${i}@example.com` } });

const calls = {
  rest: (body: string) => fetch(`${server.url}/api/v1/bookings`, { method: "POST", headers: auth, body }),
  trpc: (body: string) => fetch(`${server.url}/trpc/staff.book`, { method: "POST", headers: auth, body }),
};

try {
  const times = await freeTimes();
  if (times.length < 2 * rounds + 20) throw new Error(`Only ${times.length} free times for ${rounds} rounds.`);
  const took: Record<keyof typeof calls, number[]> = { rest: [], trpc: [] };
  let next = 0;
  // Warm-up, then alternating, so that both see the same database size and the same machine load.
  for (let i = 0; i < 10; i++) for (const call of Object.values(calls)) await call(booking(times[next]!, next++));
  for (let i = 0; i < rounds; i++) {
    for (const [name, call] of Object.entries(calls) as [keyof typeof calls, (body: string) => Promise<Response>][]) {
      const body = booking(times[next]!, next++);
      const started = performance.now();
      const answer = await call(body);
      await answer.arrayBuffer();
      took[name].push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`${name} booking answered ${answer.status}`);
    }
  }
  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
  for (const [name, values] of Object.entries(took)) {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    console.log(`${name.padEnd(5)} ${values.length} bookings: mean ${mean.toFixed(2)} ms, p50 ${percentile(values, 50).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms`);
  }
} finally {
  await server.stop();
}
