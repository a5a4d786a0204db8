// Retell call events into the built server, 50 connections at once: events stored per second, and how many were lost.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { AgentConfig } from "@frontdesk/core";
import { calls as callRecords, forTenant, openDb, providerEvents } from "@frontdesk/db";
import { countRows, sqlClientOf } from "@frontdesk/db/testing";
import { signRetellBody } from "@frontdesk/retell/webhook";
import { callEventBodies, sandboxRetellKey } from "../testing/call-events";
import { startServer } from "../testing/start-server";

/** Seconds of CPU a process has used (user + system), from /proc: steadier than latency on a busy machine. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const secret = "bench-ingest-secret";
const tenantId = "ten_demo_brightsmile";
const key = sandboxRetellKey(secret, tenantId);
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
const server = await startServer({ FRONTDESK_SECRET: secret }, { nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean) });
const db = await openDb(server.databaseUrl);

const config: AgentConfig = {
  name: "Receptionist", type: "receptionist", voiceId: "retell-Cimo", language: "en-US", greeting: "Hello!", personality: "friendly",
  customInstructions: "", promptStyle: "enhanced", transferNumber: null, escalation: { onRequest: true, onFrustration: true, keywords: [] },
  maxCallDurationMin: 15, concurrentCallLimit: null, requireApproval: true, tools: [], workingHours: null, afterHoursAgentId: null,
};

try {
  await db.write(async (writer) => {
    const scope = forTenant(writer, tenantId);
    await scope.addAgent({ id: "agt_bench", name: "Bench", type: "receptionist", status: "active", draftConfig: config, providerAgentId: "agent_bench" });
  });
  // Every request is a new event: the three events of call 0, then of call 1, …, each signed when it is sent.
  const template = callEventBodies({ callId: "call_BENCH", providerAgentId: "agent_bench", from: "+14155550142", to: "+14155550100", startAt: server.now() });
  let sent = 0;
  const url = `${server.url}/webhooks/retell/agents/agt_bench/events`;
  const cpuBefore = cpuSecondsOf(server.pid);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const n = sent++;
          const body = template[n % 3]!.body.replaceAll("call_BENCH", `call_bench_${Math.floor(n / 3)}`);
          return { ...request, body, headers: { "content-type": "application/json", "x-retell-signature": signRetellBody(body, key, Date.now()) } };
        },
      },
    ],
  });
  const accepted = result["2xx"];
  const finished = performance.now();
  const unprojected = async () => Number((await sqlClientOf(db).execute("select count(*) as n from provider_events where processed_at is null")).rows[0]!.n);
  while ((await unprojected()) > 0 && performance.now() - finished < 120_000) await new Promise((resolve) => setTimeout(resolve, 250));
  const cpuMs = (cpuSecondsOf(server.pid) - cpuBefore) * 1000;
  const stored = await countRows(db, providerEvents, { tenantId });
  const records = await countRows(db, callRecords, { tenantId, agentId: "agt_bench" });
  // Every call with a stored event should have its record; the events are sent three per call, in order.
  const calls = Math.ceil(stored / 3);
  console.log(`${connections} connections, ${seconds} s: ${result.requests.total} events sent, ${accepted} answered 204, ${result.non2xx} refused, ${result.errors} errors, ${result.timeouts} timeouts`);
  console.log(`throughput ${(accepted / seconds).toFixed(0)} events/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  console.log(`stored ${stored} events; lost ${Math.max(0, accepted - stored)} (answered 204 but not stored; requests still in flight at the end may be stored without a counted answer)`);
  console.log(`server CPU ${(cpuMs / Math.max(1, stored)).toFixed(2)} ms per event stored and projected`);
  console.log(`${records} of ${calls} call records projected ${((performance.now() - finished) / 1000).toFixed(1)} s after the last request`);
} finally {
  db.close();
  await server.stop();
}
