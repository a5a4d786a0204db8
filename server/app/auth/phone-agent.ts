import type { Agent } from "@frontdesk/db";
import { parseToolCall, retellSignatureHeader, verifyRetellSignature, type ToolCall } from "@frontdesk/retell/webhook";
import type { App } from "../create-app";
import type { PhoneAgent } from "./principal";

/** Signs nothing anyone has: an unknown agent's request is checked against it, so that it takes the time a known one's does. */
const dummyKey = "key_frontdesk_unknown_agent_0000000000000000";

export type PhoneAgentCheck =
  | { ok: true; principal: PhoneAgent; agent: Agent; call: ToolCall }
  /** 401: unknown or deleted agent, suspended business, bad, missing or stale signature, a call of another agent. 400: not a tool call. */
  | { ok: false; status: 400 | 401 };

/**
 * The phone agent a tool call speaks for: the agent its URL names, if the raw body is signed with that agent's
 * Retell webhook key (checked against the wall clock, never the business clock) and the call is that agent's.
 */
export async function phoneAgentOf(app: App, agentId: string, rawBody: string, headers: Headers): Promise<PhoneAgentCheck> {
  const signer = await app.phone.agentSigner(agentId);
  const agent = signer.agent?.deletedAt === null ? signer.agent : undefined;
  const tenant = agent && signer.tenant?.suspendedAt === null ? signer.tenant : undefined;
  const key = tenant ? signer.key : undefined;
  const signature = verifyRetellSignature(rawBody, headers.get(retellSignatureHeader), key ?? dummyKey, { now: Date.now() });
  if (!signature.ok || !key || !agent || !tenant) return { ok: false, status: 401 };
  let call: ToolCall;
  try {
    call = parseToolCall(rawBody);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!agent.providerAgentId || call.providerAgentId !== agent.providerAgentId) return { ok: false, status: 401 };
  return { ok: true, agent, call, principal: { kind: "agent", tenant, agentId: agent.id, callId: call.providerCallId } };
}
