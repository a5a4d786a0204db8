import { FrontdeskError, type ProviderToolCall, type WebhookEventType } from "@frontdesk/core";
import {
  forTenant,
  markProviderEventsProcessed,
  providerEventsOf,
  recordProviderEvent,
  unprocessedProviderEvents,
  type Db,
  type Tenant,
  type ToolInvocationPlace,
  type Writer,
} from "@frontdesk/db";
import { parseCallEvent, verifyRetellSignature } from "@frontdesk/retell/webhook";
import type { PhoneConnections } from "../phone/connections";
import { argsHashOf } from "../tools/args-hash";
import type { WebhookDeliveries } from "../webhooks-out/webhook-delivery";
import { microBatch, type MicroBatchOptions } from "./ingest-batch";
import { callSetupOf, callWebhookData, callRecordOf, type CallSetup } from "./ingest.record";
import { callEventKinds, parseArrivedEvent, projectCall, type CallEventKind } from "./projection";
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
  kind: CallEventKind;
  providerCallId: string;
  body: string;
}

/** Our record of each tool call is found by its tool and arguments: the provider's transcript names them as it sent them. */
function placesOf(toolCalls: readonly ProviderToolCall[]): ToolInvocationPlace[] {
  return toolCalls.flatMap((toolCall) => {
    let args: unknown;
    try {
      args = JSON.parse(toolCall.arguments);
    } catch {
      return [];
    }
    return [{ tool: toolCall.name, argsHash: argsHashOf(args), afterTurns: toolCall.afterTurns, providerToolCallId: toolCall.toolCallId }];
  });
}

/** Calls projected in one transaction (the write queue waits for it), and events read per round of the projector. */
const callsPerProjection = 10;
const eventsPerRound = 500;
/** How long a projection may wait for a burst of arriving events to be stored. */
const projectionYieldMs = 250;

/**
 * Retell's call events for one of our agents: verified, and kept as received (once per call and event) before the
 * answer, written together with the events that arrive with them in one transaction. The call's record is then
 * projected from every event stored for it, so replays and any order leave the same rows; events not yet projected
 * (`processed_at` null) are picked up by the next round, also after a restart.
 */
export function ingestService(deps: IngestDeps) {
  const { db, now } = deps;
  // Storing an event as received changes nothing a cache holds; projecting it into the call record does, and counts.
  const batch = microBatch(db, store, { maxWaitMs: deps.batch?.maxWaitMs ?? 2, maxSize: deps.batch?.maxSize ?? 200 }, { recordOnly: true });
  let projecting: Promise<void> | undefined;
  let again = false;

  async function store(tx: Writer, arrival: Arrival): Promise<void> {
    await recordProviderEvent(tx, {
      tenantId: arrival.tenant.id,
      provider: "retell",
      kind: arrival.kind,
      subjectId: arrival.providerCallId,
      dedupeKey: arrival.kind,
      receivedAt: now(),
      body: arrival.body,
    });
  }

  /**
   * Recomputes one call from its stored events, in the write `tx`. Webhooks and the recording job are queued for the
   * events this write is the first to project: a replay, stored only as a duplicate count, never sends them again.
   */
  async function project(tx: Writer, tenantId: string, providerCallId: string, setup: CallSetup): Promise<boolean> {
    const at = now();
    const events = (await providerEventsOf(tx, "retell", providerCallId)).filter((event) => event.tenantId === tenantId);
    const fresh = events.filter((event) => event.processedAt === null);
    if (fresh.length === 0) return false;
    const projected = projectCall(events);
    const scope = forTenant(tx, tenantId);
    const agent = projected && (await setup.agents()).find((candidate) => candidate.providerAgentId === projected.call.providerAgentId);
    const saved = projected && agent ? await scope.saveCall(await callRecordOf(scope, setup, agent, projected)) : undefined;
    if (!projected || !saved) {
      // Another business's call has this id, or the agent is gone: keep the events, touch nothing else.
      await markProviderEventsProcessed(tx, fresh.map((event) => event.id), at, "No call record: the call id is another business's, or the agent is gone.");
      return false;
    }
    await scope.saveTranscript(saved.id, projected.turns, projected.text, projected.lastReceivedAt);
    await scope.linkToolInvocations(providerCallId, saved.id);
    if (projected.call.toolCalls?.length) await scope.placeToolInvocations(providerCallId, placesOf(projected.call.toolCalls));
    await scope.linkApprovals(providerCallId, saved.id);
    const endpoints = await setup.webhookEndpoints({ enabled: true });
    let queued = false;
    await markProviderEventsProcessed(tx, fresh.map((event) => event.id), at);
    for (const event of fresh) {
      const type = eventTypeOf[event.kind as CallEventKind];
      const subscribers = endpoints.filter((endpoint) => endpoint.eventTypes.includes(type));
      if ((await deps.webhooks.enqueueEvent(scope, type, { call: callWebhookData(saved) }, subscribers)).length > 0) queued = true;
    }
    if (fresh.some((event) => event.kind !== "call_started") && saved.providerRecordingUrl && saved.recordingStatus === "pending") {
      await deps.recordings.queue.enqueue(tx, [{ key: saved.id, tenantId, runAt: at, payload: { callId: saved.id } }]);
      queued = true;
    }
    return queued;
  }

  /** Projects every call with events not yet projected, a few calls per transaction. */
  async function projectPending(): Promise<void> {
    for (;;) {
      const pending = await unprocessedProviderEvents(db, "retell", callEventKinds, eventsPerRound);
      const callsOf = [...new Map(pending.filter((event) => event.tenantId).map((event) => [`${event.tenantId} ${event.subjectId}`, event])).values()];
      if (callsOf.length === 0) return;
      for (let i = 0; i < callsOf.length; i += callsPerProjection) {
        // Storing what arrives comes first: during a burst, a projection waits a little for the writer.
        for (const waitUntil = Date.now() + projectionYieldMs; batch.busy() && Date.now() < waitUntil; ) await new Promise((resolve) => setTimeout(resolve, 5));
        const chunk = callsOf.slice(i, i + callsPerProjection);
        const queued = await db
          .transaction(async (tx) => {
            let any = false;
            const setups = new Map<string, CallSetup>();
            for (const { tenantId, subjectId } of chunk) {
              let setup = setups.get(tenantId!);
              if (!setup) setups.set(tenantId!, (setup = callSetupOf(forTenant(tx, tenantId!))));
              if (await project(tx, tenantId!, subjectId, setup)) any = true;
            }
            return any;
          })
          .catch(async (error: unknown) => {
            console.error("Projecting call events failed; they are kept with the error:", error);
            const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
            await db.write(async (writer) => {
              const failed = pending.filter((event) => chunk.some((call) => call.subjectId === event.subjectId)).map((event) => event.id);
              await markProviderEventsProcessed(writer, failed, now(), message);
            });
            return false;
          });
        if (queued) deps.webhooks.deliverSoon();
      }
    }
  }

  /** Starts a projection round soon; rounds never overlap, and one asked for during a round runs after it. */
  function projectSoon(): void {
    if (projecting) {
      again = true;
      return;
    }
    projecting = (async () => {
      do {
        again = false;
        await projectPending().catch((error: unknown) => console.error("Projecting call events failed:", error));
      } while (again);
    })().finally(() => (projecting = undefined));
  }

  return {
    /** One event as the route received it: its raw bytes and signature header. */
    async receive(agentId: string, rawBody: string, signature: string | null): Promise<IngestAnswer> {
      const { agent, tenant, key } = await deps.phone.agentSigner(agentId);
      const check = verifyRetellSignature(rawBody, signature, key ?? noKey, { now: Date.now() });
      if (!agent || !tenant || !key || !check.ok) return { status: 401 };
      let parsed: ReturnType<typeof parseCallEvent>;
      try {
        parsed = parseArrivedEvent(rawBody);
      } catch (error) {
        if (error instanceof FrontdeskError) return { status: 400, error };
        throw error;
      }
      // Transcript updates, transfer events and the like: nothing of the record depends on them.
      if (parsed.kind === "unhandled") return { status: 204 };
      // Signed with this business's key, but about another agent of its account: not this URL's.
      if (parsed.call.providerAgentId !== agent.providerAgentId) return { status: 401 };
      await batch.add({ tenant, kind: parsed.kind, providerCallId: parsed.call.providerCallId, body: rawBody });
      projectSoon();
      return { status: 204 };
    },

    /** Projects what is stored and not yet projected (events kept before a restart, too). */
    projectSoon,

    /** Resolves when every event received so far is stored and projected. */
    async settled(): Promise<void> {
      await batch.settled();
      while (projecting) await projecting;
    },
  };
}

export type IngestService = ReturnType<typeof ingestService>;
