import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calls, forTenant, openDb, randomId, type Db } from "@frontdesk/db";
import { rowsOf, sqlClientOf } from "@frontdesk/db/testing";
import { startFakeRetell, type FakeRetell } from "@frontdesk/retell/testing";
import { startServer, type RunningServer } from "../testing/start-server";

const clinic = "ten_demo_brightsmile";
const secret = "outbound-calls-test-secret-0123456789abcdef";
/** The fake Retell workspace the server uses for the clinic in the sandbox, as `phoneConnections` derives it. */
const sandboxKey = `key_sandbox_${createHash("sha256").update(`${secret}:${clinic}`).digest("hex").slice(0, 24)}`;

let fake: FakeRetell;
let server: RunningServer;
let db: Db;

beforeAll(async () => {
  fake = await startFakeRetell({ acceptKeys: (key) => key.startsWith("key_sandbox_") });
  // Jobs are looked for every second, as a restarted server would find one a stopped process left.
  server = await startServer({ FRONTDESK_RETELL_URL: fake.url, FRONTDESK_SECRET: secret, TASK_INTERVAL_SECONDS: "1" });
  db = await openDb(server.databaseUrl);
}, 60_000);

afterAll(async () => {
  db?.close();
  await server?.stop();
  await fake?.close();
});

/** An agent as the agents package leaves it once published: at the provider, version 3, and bound to a number. */
async function publishedAgent(providerAgentId: string, e164: string) {
  const workspace = fake.addKey(sandboxKey);
  workspace.agents.set(providerAgentId, [0, 1, 2, 3].map((version) => ({ agent_id: providerAgentId, version, agent_name: "Reminders" })));
  workspace.numbers.set(e164, { phone_number: e164, inbound_agents: null, outbound_agents: null });
  const agentId = randomId("agt");
  const versionId = randomId("agv");
  await db.write(async (writer) => {
    const scope = forTenant(writer, clinic);
    await scope.addAgent({ id: agentId, name: "Reminders", type: "scheduler", status: "active", draftConfig: {} as never, providerAgentId });
    await scope.addAgentVersion({ id: versionId, agentId, number: 1, config: {} as never, prompt: "Remind.", tools: [], promptHash: "h", providerVersion: 3, publishedAt: server.now() });
    await scope.updateAgent(agentId, { publishedVersionId: versionId });
    await scope.addPhoneNumber({ id: randomId("num"), e164, country: "US", type: "local", carrier: "retell", status: "active", agentId, capabilities: { voice: true, sms: false, mms: false } });
  });
  return { workspace, agentId, versionId };
}

async function eventually<T>(read: () => Promise<T[]>): Promise<T[]> {
  let rows: T[] = [];
  for (let i = 0; i < 100 && rows.length === 0; i++) {
    rows = await read();
    if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return rows;
}

describe("outbound calls", () => {
  it("places a reminder from the agent's number through the provider, and the call shows in the log as outbound", async () => {
    const { workspace, agentId, versionId } = await publishedAgent("agent_remind", "+15550142");

    const response = await fetch(`${server.url}/api/v1/calls`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.demoSecretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ agentId, to: "+15550177", purpose: "reminder" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "queued", requestId: expect.stringMatching(/^ocl_/) });

    const placed = await eventually(() => rowsOf(db, calls, { tenantId: clinic, direction: "outbound", agentId }));
    expect(placed).toEqual([expect.objectContaining({ agentId, fromE164: "+15550142", toE164: "+15550177", status: "registered", agentVersionId: versionId })]);
    const atProvider = workspace.calls.get(placed[0]!.providerCallId)!;
    expect(atProvider).toMatchObject({ agent_id: "agent_remind", agent_version: 3, direction: "outbound", retell_llm_dynamic_variables: { purpose: "reminder" } });
  });

  it("does not call the person twice when the process stopped after the provider placed the call", async () => {
    const { workspace, agentId } = await publishedAgent("agent_follow_up", "+15550143");
    // The attempt a stopped process made: Retell placed the call, our record and the job's end were never written.
    const requestId = randomId("ocl");
    workspace.calls.set("call_placed_before", {
      call_id: "call_placed_before", call_type: "phone_call", agent_id: "agent_follow_up", agent_version: 3, call_status: "registered", direction: "outbound",
      from_number: "+15550143", to_number: "+15550188", metadata: { frontdesk_request: requestId, purpose: "follow_up" },
    });
    const payload = { agentId, to: "+15550188", purpose: "follow_up", requestId, requestedAt: server.now() - 60_000 };
    await sqlClientOf(db).execute({
      sql: "insert into jobs (id, tenant_id, kind, key, payload, status, run_at, attempts, lease_holder, lease_until) values (?, ?, 'call.place', ?, ?, 'queued', ?, 1, 'stopped-process', ?)",
      args: [randomId("job"), clinic, requestId, JSON.stringify(payload), server.now() - 60_000, server.now() - 1_000],
    });

    const recorded = await eventually(() => rowsOf(db, calls, { tenantId: clinic, direction: "outbound", agentId }));
    expect(recorded).toEqual([expect.objectContaining({ providerCallId: "call_placed_before", toE164: "+15550188" })]);
    const atProvider = [...workspace.calls.values()].filter((call) => call.agent_id === "agent_follow_up");
    expect(atProvider.map((call) => call.call_id)).toEqual(["call_placed_before"]);
    expect((await sqlClientOf(db).execute({ sql: "select status from jobs where key = ?", args: [requestId] })).rows[0]).toMatchObject({ status: "done" });
  });
});
