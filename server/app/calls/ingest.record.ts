import { toE164 } from "@frontdesk/core/phone";
import { randomId, type Agent, type CallRow, type NewCall, type TenantScope } from "@frontdesk/db";
import type { ProjectedCall } from "./projection";

/** The business's set-up a call record refers to. */
export type CallSetup = Pick<TenantScope, "agents" | "agentVersions" | "phoneNumber" | "phoneNumbers" | "webhookEndpoints">;

/**
 * The set-up reads of `scope`, each made once: calls projected together in one transaction share them (nothing a
 * projection writes changes them).
 */
export function callSetupOf(scope: TenantScope): CallSetup {
  const kept = new Map<string, Promise<unknown>>();
  const once =
    <A extends unknown[], R>(name: string, read: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const key = `${name} ${JSON.stringify(args)}`;
      let found = kept.get(key) as Promise<R> | undefined;
      if (!found) kept.set(key, (found = read(...args)));
      return found;
    };
  return {
    agents: once("agents", () => scope.agents()),
    agentVersions: once("agentVersions", (agentId: string) => scope.agentVersions(agentId)),
    phoneNumber: once("phoneNumber", (id: string) => scope.phoneNumber(id)),
    phoneNumbers: once("phoneNumbers", (statuses?: Parameters<TenantScope["phoneNumbers"]>[0]) => scope.phoneNumbers(statuses)),
    webhookEndpoints: once("webhookEndpoints", (filter?: Parameters<TenantScope["webhookEndpoints"]>[0]) => scope.webhookEndpoints(filter)),
  };
}

/**
 * The call's row from its projection and what the business has: the agent the events came to, the version it ran, the
 * number, the customer known by the caller's number. The recording's progress is the recording job's and is kept.
 */
export async function callRecordOf(scope: TenantScope, setup: CallSetup, agent: Agent, projected: ProjectedCall): Promise<NewCall> {
  const { call, analysis } = projected;
  const existing = await scope.callByProviderCallId(call.providerCallId);
  const ours = call.direction === "inbound" ? call.to : call.from;
  const theirs = call.direction === "inbound" ? call.from : call.to;
  const metadata = call.metadata ?? {};
  const numberId = typeof metadata.frontdesk_number_id === "string" ? metadata.frontdesk_number_id : undefined;
  const number = (numberId ? await setup.phoneNumber(numberId) : undefined) ?? (await setup.phoneNumbers()).find((owned) => owned.e164 === ours);
  const callerE164 = theirs ? toE164(theirs) : undefined;
  const customer = callerE164 ? await scope.customerByPhone(callerE164) : undefined;
  const version = (await setup.agentVersions(agent.id)).find((published) => published.providerVersion === call.agentVersion);
  const recordingStatus = existing && existing.recordingStatus !== "none" ? existing.recordingStatus : call.recordingUrl ? "pending" : "none";
  return {
    id: existing?.id ?? randomId("cal"),
    providerCallId: call.providerCallId,
    agentId: agent.id,
    agentVersionId: version?.id ?? null,
    phoneNumberId: number?.id ?? null,
    connectionId: agent.connectionId,
    direction: call.direction,
    fromE164: call.from,
    toE164: call.to,
    customerId: customer?.id ?? null,
    status: projected.status,
    seen: projected.seen,
    startedAt: call.startedAt ?? projected.firstReceivedAt,
    endedAt: call.endedAt ?? null,
    durationMs: call.durationMs ?? (call.startedAt !== undefined && call.endedAt !== undefined ? call.endedAt - call.startedAt : null),
    disconnectionReason: call.disconnectionReason ?? null,
    summary: call.analysis?.summary ?? null,
    sentiment: call.analysis?.sentiment ?? null,
    ...analysis,
    talkAgentMs: projected.talkAgentMs,
    talkCallerMs: projected.talkCallerMs,
    costCents: call.costCents !== undefined ? Math.round(call.costCents) : null,
    latencyP50Ms: call.latencyP50Ms !== undefined ? Math.round(call.latencyP50Ms) : null,
    recordingKey: existing?.recordingKey ?? null,
    recordingStatus,
    providerRecordingUrl: call.recordingUrl ?? null,
    simulated: metadata.frontdesk_simulated === true || metadata.frontdesk_simulated === "true",
    scenarioId: typeof metadata.frontdesk_scenario_id === "string" ? metadata.frontdesk_scenario_id : null,
    createdAt: projected.firstReceivedAt,
    updatedAt: projected.lastReceivedAt,
  };
}

/** The call as `call.started`, `call.ended` and `call.analyzed` carry it (docs/webhooks.md). */
export function callWebhookData(call: CallRow): Record<string, unknown> {
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    id: call.id,
    provider_call_id: call.providerCallId,
    agent_id: call.agentId,
    phone_number_id: call.phoneNumberId,
    customer_id: call.customerId,
    direction: call.direction,
    from: call.fromE164,
    to: call.toE164,
    status: call.status,
    started_at: iso(call.startedAt),
    ended_at: iso(call.endedAt),
    duration_ms: call.durationMs,
    disconnection_reason: call.disconnectionReason,
    summary: call.summary,
    sentiment: call.sentiment,
    intent: call.intent,
    outcome: call.outcome,
    escalated: call.escalated,
    satisfaction: call.satisfaction,
    cost_cents: call.costCents,
    simulated: call.simulated,
  };
}
