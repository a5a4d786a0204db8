import type { AgentConfig, AgentToolName } from "@frontdesk/core";
import { forTenant, openDb, type Db } from "@frontdesk/db";
import { signRetellBody } from "@frontdesk/retell/webhook";
import { loadSigningSecret } from "../app/manage/manage-links";
import { phoneConnections } from "../app/phone/connections";
import type { RunningServer } from "./start-server";

export interface TestAgent {
  id: string;
  tenantId: string;
  providerAgentId: string;
}

export interface ToolCallOptions {
  callId?: string;
  from?: string;
  to?: string;
  /** Another agent id in the call than the agent's own. */
  providerAgentId?: string;
  /** Sign with this key instead of the agent's. */
  key?: string;
  /** Wall-clock ms the signature claims; now by default. */
  signedAt?: number;
  /** The whole `x-retell-signature` header instead of a computed one; null for none. */
  signature?: string | null;
  /** The raw body instead of the tool call's JSON. */
  body?: string;
}

const baseConfig: AgentConfig = {
  name: "Receptionist",
  type: "receptionist",
  voiceId: "retell-Cimo",
  language: "en-US",
  greeting: "Hello!",
  personality: "friendly",
  customInstructions: "",
  promptStyle: "enhanced",
  transferNumber: null,
  escalation: { onRequest: true, onFrustration: true, keywords: [] },
  maxCallDurationMin: 15,
  concurrentCallLimit: null,
  requireApproval: true,
  tools: ["check_availability", "book_appointment"],
  workingHours: null,
  afterHoursAgentId: null,
};

/**
 * Phone agents in a running test server's database, and tool calls to it signed as Retell signs them, with the key
 * the server expects (a sandbox business's, derived from the server's own secret by the server's own code).
 */
export async function phoneToolsClient(server: RunningServer) {
  const db: Db = await openDb(server.databaseUrl);
  const secret = await loadSigningSecret(db, undefined);
  const unused = "http://127.0.0.1:9";
  const phone = phoneConnections({ db, serverSecret: secret, publicUrl: server.url, sandbox: { retellUrl: unused, twilioUrl: unused, twilioAccount: { accountSid: "AC00000000000000000000000000000000", authToken: "unused" } } });
  let calls = 0;

  async function keyOf(tenantId: string): Promise<string> {
    const tenant = await forTenant(db, tenantId).tenant();
    const key = tenant ? await phone.retellWebhookKey(tenant, null) : undefined;
    if (!key) throw new Error(`No Retell webhook key for ${tenantId}`);
    return key;
  }

  return {
    db,
    keyOf,

    async addAgent(tenantId: string, id: string, options: { requireApproval?: boolean; language?: string; transferNumber?: string | null } = {}): Promise<TestAgent> {
      const providerAgentId = `agent_${id}`;
      const config: AgentConfig = { ...baseConfig, language: options.language ?? "en-US", transferNumber: options.transferNumber ?? null, requireApproval: options.requireApproval ?? true };
      await db.write((writer) =>
        forTenant(writer, tenantId).addAgent({ id, name: "Receptionist", type: "receptionist", status: "active", draftConfig: config, requireApproval: config.requireApproval, connectionId: null, providerAgentId }),
      );
      return { id, tenantId, providerAgentId };
    },

    /** A fresh provider call id: each test's calls are their own. */
    newCallId: () => `call_test_${process.pid}_${++calls}`,

    /** The request Retell's LLM sends for a tool call, signed. */
    async request(agent: TestAgent, tool: AgentToolName | string, args: Record<string, unknown>, options: ToolCallOptions = {}): Promise<Request> {
      const body =
        options.body ??
        JSON.stringify({
          name: tool,
          call: {
            call_id: options.callId ?? "call_default",
            call_type: "phone_call",
            agent_id: options.providerAgentId ?? agent.providerAgentId,
            agent_version: 1,
            call_status: "ongoing",
            direction: "inbound",
            from_number: options.from ?? "+14155550142",
            to_number: options.to ?? "+14155550100",
          },
          args,
        });
      const signature = options.signature !== undefined ? options.signature : signRetellBody(body, options.key ?? (await keyOf(agent.tenantId)), options.signedAt ?? Date.now());
      return new Request(`${server.url}/webhooks/retell/agents/${agent.id}/tools/${tool}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature !== null ? { "x-retell-signature": signature } : {}) },
        body,
      });
    },

    close: () => db.close(),
  };
}
export type PhoneToolsClient = Awaited<ReturnType<typeof phoneToolsClient>>;
