// The phone agent's tool calls end to end on the built server, signed as Retell signs them: what a caller waits for
// in silence. Target: p99 < 100 ms at 50 connections.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { sqlClientOf } from "@frontdesk/db/testing";
import { signRetellBody } from "@frontdesk/retell/webhook";
import { phoneToolsClient } from "../testing/phone-tools";
import { startServer } from "../testing/start-server";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const durationS = Number(process.env.BENCH_SECONDS ?? 10);
const demo = "ten_demo_brightsmile";

/** Seconds of CPU a process has used (user + system), from /proc: steadier than latency on a busy machine. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
const server = await startServer({}, { nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean) });
const client = await phoneToolsClient(server);
const agent = await client.addAgent(demo, "agt_bench_tools", { requireApproval: true });
const key = await client.keyOf(demo);
const path = (tool: string) => `/webhooks/retell/agents/${agent.id}/tools/${tool}`;
let calls = 0;

/** One tool call's body, from a call of its own (so no answer is a replay), and its signature made now. */
function signed(tool: string, args: Record<string, unknown>, from: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    name: tool,
    call: { call_id: `call_bench_${++calls}`, call_type: "phone_call", agent_id: agent.providerAgentId, agent_version: 1, call_status: "ongoing", direction: "inbound", from_number: from, to_number: "+14155550100" },
    args,
  });
  return { body, headers: { "content-type": "application/json", "x-retell-signature": signRetellBody(body, key, Date.now()) } };
}

const days = ["today", "tomorrow", "next Monday", "next Tuesday", "next Wednesday", "next Thursday", "next Friday", "next Saturday", "January 25", "February 2"];
const services = ["cleaning", "consultation", "filling", "whitening"];
const parts = ["morning", "afternoon", "any"];
let asked = 0;
const availability = () => {
  const n = asked++;
  return signed("check_availability", { service: services[n % services.length], date: days[Math.floor(n / 4) % days.length], part_of_day: parts[n % parts.length] }, "+14155550142");
};

/** Every open consultation time of the horizon, shuffled: each booking asks for a time someone may just have taken. */
async function openTimes(): Promise<string[]> {
  const from = new Date(server.now()).toISOString().slice(0, 10);
  const to = new Date(server.now() + 56 * 86_400_000).toISOString().slice(0, 10);
  const input = encodeURIComponent(JSON.stringify({ serviceId: "svc_consult", from, to }));
  const answer = await fetch(`${server.url}/trpc/booking.availability?input=${input}`, { headers: { "x-frontdesk-key": "pk_demo_brightsmile" } });
  const starts = ((await answer.json()) as { result: { data: { slots: { start: string }[] } } }).result.data.slots.map((slot) => slot.start);
  for (let i = starts.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [starts[i], starts[j]] = [starts[j]!, starts[i]!];
  }
  return starts;
}
const starts = await openTimes();
let booked = 0;
const booking = () => {
  const n = booked++;
  const caller = `+1415555${String(1000 + (n % 9000)).padStart(4, "0")}`;
  return signed("book_appointment", { service: "consultation", start: starts[n % starts.length], name: `Bench Caller ${n}` }, caller);
};

interface Scenario {
  name: string;
  tool: string;
  next(): { body: string; headers: Record<string, string> };
  amount?: number;
}
// BENCH_TOOLS=check_availability (a comma-separated list) runs only those scenarios, e.g. to profile one.
const only = process.env.BENCH_TOOLS?.split(",");
const scenarios: Scenario[] = [
  { name: "check_availability, a new call each time", tool: "check_availability", next: availability },
  { name: "book_appointment, every open time once (pending approval)", tool: "book_appointment", next: booking, amount: starts.length },
].filter((scenario) => !only || only.includes(scenario.tool));

/**
 * Runs `scenario` at full concurrency: all 50 connections open at once to a server that is busy with the first few,
 * and Node (libuv) then accepts about one new connection per turn of its event loop, so the last ones wait seconds
 * for their first answer (a plain Node server that spends 2 ms per request shows the same; Retell keeps its
 * connections open). Until every connection has had an answer they send availability calls, which are not
 * measured; then every request is the scenario's, and once its `amount` is sent they go back to availability calls
 * until the last measured one is answered, so the load stays the same to the end.
 */
function load(scenario: Scenario, onAnswer: (status: number, ms: number) => void) {
  const answered = new WeakSet<object>();
  let connected = 0;
  let sent = 0;
  let done = 0;
  let window: { from: number; cpuFrom: number } | undefined;
  let last = 0;
  let cpuLast = 0;
  return new Promise<{ result: autocannon.Result; measured: number; seconds: number; cpuSeconds: number; slowestFirst: number }>((resolve, reject) => {
    let slowestFirst = 0;
    const instance = autocannon(
      {
        url: server.url,
        connections,
        duration: scenario.amount ? 600 : durationS,
        requests: [
          {
            method: "POST",
            setupRequest: (request, context) => {
              const measured = window !== undefined && (!scenario.amount || sent < scenario.amount);
              (context as { measured?: boolean }).measured = measured;
              if (!measured) return { ...request, path: path("check_availability"), ...availability() };
              sent++;
              return { ...request, path: path(scenario.tool), ...scenario.next() };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ result, measured: done, seconds: (last - window!.from) / 1000, cpuSeconds: cpuLast - window!.cpuFrom, slowestFirst })),
    );
    instance.on("response", (client, status, _bytes, ms) => {
      if (!answered.has(client)) {
        answered.add(client);
        slowestFirst = Math.max(slowestFirst, ms);
        if (++connected === connections) window = { from: performance.now(), cpuFrom: cpuSecondsOf(server.pid) };
      }
      const context = (client as unknown as { requestIterator: { context: { measured?: boolean } } }).requestIterator.context;
      if (!context.measured) return;
      onAnswer(status, ms);
      done++;
      last = performance.now();
      cpuLast = cpuSecondsOf(server.pid);
      if (scenario.amount && done >= scenario.amount) instance.stop();
    });
  });
}

try {
  const rows = [];
  // A few hundred calls first, so that what is measured runs compiled, as in a server that has been up a while.
  await load({ name: "warm-up", tool: "check_availability", next: availability, amount: 500 }, () => {});
  for (const scenario of scenarios) {
    const latencies: number[] = [];
    let failed = 0;
    const run = await load(scenario, (status, ms) => {
      if (status !== 200) failed++;
      latencies.push(ms);
    });
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    rows.push({
      scenario: `${scenario.name} at ${connections} connections`,
      measured: run.measured,
      "req/s": Math.round(run.measured / run.seconds),
      "p50 ms": at(0.5),
      "p95 ms": at(0.95),
      "p99 ms": at(0.99),
      "slowest first answer ms": run.slowestFirst.toFixed(0),
      errors: run.result.errors,
      timeouts: run.result.timeouts,
      "non-2xx": failed,
      "server CPU ms/req": ((run.cpuSeconds * 1000) / run.measured).toFixed(2),
    });
  }
  // What the bookings answered: most book, some find their time just taken.
  const outcomes = await sqlClientOf(client.db).execute("select tool, outcome_code as code, count(*) as n from tool_invocations group by tool, outcome_code");
  // The server's own view of each call, from the start of its run to its recorded answer: what is left of the
  // client's latency is waiting to be read, parsed and answered.
  const served = await sqlClientOf(client.db).execute("select tool, finished_at - started_at as ms, latency_ms from tool_invocations where finished_at is not null order by tool, ms");
  const byTool = new Map<string, typeof served.rows>();
  for (const row of served.rows) byTool.set(String(row.tool), [...(byTool.get(String(row.tool)) ?? []), row]);
  const serverSide = [...byTool].map(([tool, list]) => {
    const ms = list.map((row) => Number(row.ms));
    const run = list.map((row) => Number(row.latency_ms)).sort((a, b) => a - b);
    const q = (sorted: number[], at: number) => sorted[Math.min(sorted.length - 1, Math.floor(at * sorted.length))];
    return { tool, "start→recorded p50 ms": q(ms, 0.5), "p99 ms": q(ms, 0.99), "tool run p50 ms": q(run, 0.5), "tool run p99 ms": q(run, 0.99) };
  });
  console.table(rows);
  console.table(outcomes.rows);
  console.table(serverSide);
} finally {
  client.close();
  await server.stop();
}
