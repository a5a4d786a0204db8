import { FrontdeskError, type WebhookEventType } from "@frontdesk/core";
import {
  agentForWebhook,
  forTenant,
  markProviderEventProcessed,
  providerEventsOf,
  recordProviderEvent,
  type Agent,
  type Db,
  type Tenant,
  type Writer,
} from "@frontdesk/db";
import { parseCallEvent, verifyRetellSignature } from "@frontdesk/retell/webhook";
import type { PhoneConnections } from "../phone/connections";
import type { WebhookDeliveries } from "../webhooks-out/webhook-delivery";
import { microBatch, type MicroBatchOptions } from "./ingest-batch";
import { callWebhookData, callRecordOf } from "./ingest.record";
import { projectCall, type CallEventKind } from "./projection";
import type { RecordingJobs } from "./recordings";

export interface IngestDeps {
  db: Db;
  now: () => number;
  phone: PhoneConnections;
  webhooks: WebhookDeliveries;
  recordings: RecordingJobs;
  batch?: Partial<MicroBatchOptions>;
}

/** What the events route answers. */
export type IngestAnswer = { status: 204 } | { status: 401 } | { status: 400; error: FrontdeskError };

const eventTypeOf: Record<CallEventKind, WebhookEventType> = { call_started: "call.started", call_ended: "call.ended", call_analyzed: "call.analyzed" };

/** Verified against this when the agent is unknown, so an unknown agent is refused along the same path as a bad signature. */
const noKey = "no key: the agent is unknown";

interface Arrival {
  tenant: Tenant;
  agent: Agent;
  kind: CallEventKind;
  providerCallId: string;
  body: string;
}

/**
 * Retell's call events for one of our agents: verified, kept as received (once per call and event), and projected
 * into the call's record from every event stored for it, so replays and any order leave the same rows.
 */
export function ingestService(deps: IngestDeps) {
  const { db, now } = deps;
  const batch = microBatch(db, store, { maxWaitMs: deps.batch?.maxWaitMs ?? 2, maxSize: deps.batch?.maxSize ?? 100 });

  async function store(tx: Writer, arrival: Arrival): Promise<void> {
    const at = now();
    const { event, duplicate } = await recordProviderEvent(tx, {
      tenantId: arrival.tenant.id,
      provider: "retell",
      kind: arrival.kind,
      subjectId: arrival.providerCallId,
      dedupeKey: arrival.kind,
      receivedAt: at,
      body: arrival.body,
    });
    // The record already holds this event: a replay changes nothing.
    if (duplicate) return;
    const projected = projectCall(await providerEventsOf(tx, "retell", arrival.providerCallId));
    if (!projected) return;
    const scope = forTenant(tx, arrival.tenant.id);
    const record = await callRecordOf(scope, arrival.agent, projected);
    const saved = await scope.saveCall(record);
    // Another business's call has this id: keep the event, touch nothing of theirs.
    if (!saved) return markProviderEventProcessed(tx, event.id, at, "The call id belongs to another business.");
    await scope.saveTranscript(saved.id, projected.turns, projected.text, projected.lastReceivedAt);
    await scope.linkToolInvocations(arrival.providerCallId, saved.id);
    await scope.linkApprovals(arrival.providerCallId, saved.id);
    await markProviderEventProcessed(tx, event.id, at);

    const type = eventTypeOf[arrival.kind];
    const subscribers = (await scope.webhookEndpoints({ enabled: true })).filter((endpoint) => endpoint.eventTypes.includes(type));
    await deps.webhooks.enqueueEvent(scope, type, { call: callWebhookData(saved) }, subscribers);
    if (arrival.kind !== "call_started" && saved.providerRecordingUrl && saved.recordingStatus === "pending") {
      await deps.recordings.queue.enqueue(tx, [{ key: saved.id, tenantId: arrival.tenant.id, runAt: at, payload: { callId: saved.id } }]);
    }
  }

  return {
    /** One event as the route received it: its raw bytes and signature header. */
    async receive(agentId: string, rawBody: string, signature: string | null): Promise<IngestAnswer> {
      const agent = await agentForWebhook(db, agentId);
      const tenant = agent ? await forTenant(db, agent.tenantId).tenant() : undefined;
      const key = agent && tenant ? await deps.phone.retellWebhookKey(tenant, agent.connectionId) : undefined;
      const check = verifyRetellSignature(rawBody, signature, key ?? noKey, { now: Date.now() });
      if (!agent || !tenant || !key || !check.ok) return { status: 401 };
      let parsed: ReturnType<typeof parseCallEvent>;
      try {
        parsed = parseCallEvent(rawBody);
      } catch (error) {
        if (error instanceof FrontdeskError) return { status: 400, error };
        throw error;
      }
      // Transcript updates, transfer events and the like: nothing of the record depends on them.
      if (parsed.kind === "unhandled") return { status: 204 };
      // Signed with this business's key, but about another agent of its account: not this URL's.
      if (parsed.call.providerAgentId !== agent.providerAgentId) return { status: 401 };
      await batch.add({ tenant, agent, kind: parsed.kind, providerCallId: parsed.call.providerCallId, body: rawBody });
      deps.webhooks.deliverSoon();
      return { status: 204 };
    },

    /** Resolves when every event received so far is written. */
    settled: () => batch.settled(),
  };
}

export type IngestService = ReturnType<typeof ingestService>;
