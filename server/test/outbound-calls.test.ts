import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calls, forTenant, openDb, randomId, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
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
  server = await startServer({ FRONTDESK_RETELL_URL: fake.url, FRONTDESK_SECRET: secret });
  db = await openDb(server.databaseUrl);
}, 60_000);

afterAll(async () => {
  db?.close();
  await server?.stop();
  await fake?.close();
});

describe("outbound calls", () => {
  it("places a reminder from the agent's number through the provider, and the call shows in the log as outbound", async () => {
    // The agent as the agents package leaves it once published: at the provider, version 3, and bound to a number.
    const workspace = fake.addKey(sandboxKey);
    workspace.agents.set("agent_remind", [0, 1, 2, 3].map((version) => ({ agent_id: "agent_remind", version, agent_name: "Reminders" })));
    workspace.numbers.set("+15550142", { phone_number: "+15550142", inbound_agents: null, outbound_agents: null });
    const agentId = randomId("agt");
    const versionId = randomId("agv");
    await db.write(async (writer) => {
      const scope = forTenant(writer, clinic);
      await scope.addAgent({ id: agentId, name: "Reminders", type: "scheduler", status: "active", draftConfig: {} as never, providerAgentId: "agent_remind" });
      await scope.addAgentVersion({ id: versionId, agentId, number: 1, config: {} as never, prompt: "Remind.", tools: [], promptHash: "h", providerVersion: 3, publishedAt: server.now() });
      await scope.updateAgent(agentId, { publishedVersionId: versionId });
      await scope.addPhoneNumber({ id: randomId("num"), e164: "+15550142", country: "US", type: "local", carrier: "retell", status: "active", agentId, capabilities: { voice: true, sms: false, mms: false } });
    });

    const response = await fetch(`${server.url}/api/v1/calls`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.demoSecretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ agentId, to: "+15550177", purpose: "reminder" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "queued", requestId: expect.stringMatching(/^ocl_/) });

    let placed: (typeof calls.$inferSelect)[] = [];
    for (let i = 0; i < 100 && placed.length === 0; i++) {
      placed = await rowsOf(db, calls, { tenantId: clinic, direction: "outbound" });
      if (placed.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(placed).toEqual([expect.objectContaining({ agentId, fromE164: "+15550142", toE164: "+15550177", status: "registered", agentVersionId: versionId })]);
    const atProvider = workspace.calls.get(placed[0]!.providerCallId)!;
    expect(atProvider).toMatchObject({ agent_id: "agent_remind", agent_version: 3, direction: "outbound", retell_llm_dynamic_variables: { purpose: "reminder" } });
  });
});
