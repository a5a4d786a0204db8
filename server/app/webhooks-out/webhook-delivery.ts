import { Webhook } from "standardwebhooks";
import type { WebhookEventType } from "@frontdesk/core";
import { forTenant, randomId, type Db, type NewWebhookDelivery, type Tenant, type TenantWriteScope, type WebhookEndpointRow } from "@frontdesk/db";
import { toSummary } from "../appointments/present";
import type { JobRunner } from "../jobs/jobs";
import { sendOnce, type DestinationPolicy, type Resolve, type SendOutcome } from "./destination";
import type { EndpointSecrets } from "./endpoint-secrets";

/** The job that sends one delivery. */
export const webhookDeliveryKind = "webhook.deliver";
/** Minutes before each retry: after the eighth attempt (about 44 hours on) the delivery has failed. */
export const webhookRetryDelaysMin = [1, 5, 30, 120, 360, 720, 1440] as const;
export const defaultTimeoutMs = 10_000;
/** An endpoint whose deliveries failed for good this many times in a row is disabled, until the business enables it again. */
export const disableAfterFailedDeliveries = 5;

/** What happened, for whom: the body every endpoint receives. */
export interface EventBody {
  id: string;
  type: string;
  created_at: string;
  tenant_id: string;
  data: Record<string, unknown>;
}

export interface WebhookDeliveryDeps {
  db: Db;
  now: () => number;
  jobs: JobRunner;
  secrets: EndpointSecrets;
  policy: DestinationPolicy;
  resolve?: Resolve;
  timeoutMs?: number;
}

/** A failed attempt, as the job's failure carries it to the attempt log. */
class AttemptFailed extends Error {
  constructor(
    readonly outcome: SendOutcome,
    readonly at: number,
  ) {
    super(outcome.error ?? "The attempt failed.");
  }
}

/**
 * Outgoing webhooks, durable first: an event's deliveries (one per subscribed endpoint) and their jobs are written in
 * the write of the change itself, so an event is never lost nor sent for a change that rolled back. Each attempt is
 * signed afresh (Standard Webhooks), sent with the destination checked at connect time, and logged.
 */
export function webhookDelivery(deps: WebhookDeliveryDeps) {
  const { db, now, jobs, secrets } = deps;

  /** Adds one event for each of `endpoints`, in the write `scope` was made from. */
  async function enqueueEvent(scope: TenantWriteScope, type: WebhookEventType | "ping", data: Record<string, unknown>, endpoints: WebhookEndpointRow[]): Promise<string[]> {
    if (endpoints.length === 0) return [];
    const current = now();
    const body: EventBody = { id: randomId("evt"), type, created_at: new Date(current).toISOString(), tenant_id: scope.tenantId, data };
    const payload = JSON.stringify(body);
    const rows: NewWebhookDelivery[] = endpoints.map((endpoint) => {
      const id = randomId("msg");
      return { id, endpointId: endpoint.id, eventId: body.id, eventType: type, payload, jobKey: id, createdAt: current, nextAttemptAt: current };
    });
    const added = await scope.addWebhookDeliveries(rows);
    await queue.enqueue(
      scope.writer,
      added.map(({ id, jobKey }) => ({ key: jobKey, tenantId: scope.tenantId, runAt: current, payload: { deliveryId: id } })),
    );
    return added.map(({ id }) => id);
  }

  /** Adds the events about one appointment, with the appointment as it is now in this write. */
  async function appointmentEvents(scope: TenantWriteScope, tenant: Tenant, appointmentId: string, types: readonly WebhookEventType[]): Promise<void> {
    const enabled = await scope.webhookEndpoints({ enabled: true });
    const subscribers = (type: WebhookEventType) => enabled.filter((endpoint) => endpoint.eventTypes.includes(type));
    if (!types.some((type) => subscribers(type).length > 0)) return;
    const detail = await scope.appointmentDetail(appointmentId);
    if (!detail) return;
    const appointment = toSummary(detail, tenant, now());
    for (const type of types) await enqueueEvent(scope, type, { appointment }, subscribers(type));
  }

  /** Sends a delivery once per job: a job run again after its worker died, or replaced by a replay, finds nothing to do. */
  async function deliver({ deliveryId }: { deliveryId: string }, job: { key: string; tenantId: string | null }): Promise<void> {
    const tenantId = ownerOf(job);
    const found = await forTenant(db, tenantId).webhookDelivery(deliveryId);
    if (!found || found.delivery.status !== "pending" || found.delivery.jobKey !== job.key) return;
    const { delivery, endpoint } = found;
    const at = now();
    const outcome = endpoint.enabled ? await send(endpoint, delivery.id, delivery.payload, at) : disabledOutcome;
    if (outcome.error !== null) throw new AttemptFailed(outcome, at);
    await db.write(async (writer) => {
      const scope = forTenant(writer, tenantId);
      const recorded = await scope.recordWebhookAttempt(attemptRow(deliveryId, at, outcome), job.key, { status: "delivered", deliveredAt: now(), nextAttemptAt: null });
      if (recorded) await scope.countWebhookOutcome(recorded.endpointId, true, disabling(outcome));
    });
  }

  function send(endpoint: WebhookEndpointRow, messageId: string, payload: string, at: number): Promise<SendOutcome> {
    const signature = new Webhook(secrets.open(endpoint.secretSealed)).sign(messageId, new Date(at), payload);
    const headers = { "webhook-id": messageId, "webhook-timestamp": String(Math.floor(at / 1000)), "webhook-signature": signature };
    return sendOnce(endpoint.url, { body: payload, headers }, { policy: deps.policy, timeoutMs: deps.timeoutMs ?? defaultTimeoutMs, ...(deps.resolve ? { resolve: deps.resolve } : {}) });
  }

  const queue = jobs.define<{ deliveryId: string }>({
    kind: webhookDeliveryKind,
    retryDelaysMin: webhookRetryDelaysMin,
    // A refused destination or a disabled endpoint stays so until the business changes it; then it replays.
    permanent: (error) => error instanceof AttemptFailed && error.outcome.refused,
    run: deliver,
    async failed(tx, { deliveryId }, { error, retryAt }, job) {
      const at = error instanceof AttemptFailed ? error.at : now();
      const outcome: SendOutcome =
        error instanceof AttemptFailed ? error.outcome : { durationMs: 0, httpStatus: null, error: error.message, responseExcerpt: null, refused: false };
      const scope = forTenant(tx, ownerOf(job));
      const recorded = await scope.recordWebhookAttempt(attemptRow(deliveryId, at, outcome), job.key, {
        status: retryAt === undefined ? "failed" : "pending",
        nextAttemptAt: retryAt ?? null,
      });
      if (recorded && retryAt === undefined) await scope.countWebhookOutcome(recorded.endpointId, false, disabling(outcome));
    },
  });

  return {
    queue,
    enqueueEvent,
    appointmentEvents,

    /** Sends the due deliveries (at most `limit`); resolves with how they ended. */
    deliverDue: (limit = 25) => jobs.runDue({ kinds: [webhookDeliveryKind], limit }),
    /** Sends due deliveries soon, without waiting for the periodic task. */
    deliverSoon: () => jobs.runSoon(),
    settled: () => jobs.settled(),
  };
}

export type WebhookDeliveries = ReturnType<typeof webhookDelivery>;

const disabledOutcome: SendOutcome = { durationMs: 0, httpStatus: null, error: "Refused: the endpoint is disabled.", responseExcerpt: null, refused: true };

const disabling = (last: SendOutcome) => ({
  after: disableAfterFailedDeliveries,
  reason: `Disabled after ${disableAfterFailedDeliveries} deliveries in a row failed; the last: ${last.error ?? "no error"}`.slice(0, 500),
});

function attemptRow(deliveryId: string, at: number, outcome: SendOutcome) {
  return {
    id: randomId("wat"),
    deliveryId,
    at,
    durationMs: outcome.durationMs,
    httpStatus: outcome.httpStatus,
    error: outcome.error?.slice(0, 1000) ?? null,
    responseExcerpt: outcome.responseExcerpt,
  };
}

/** The business a delivery job is for: every delivery's job names it. */
function ownerOf(job: { tenantId: string | null }): string {
  if (!job.tenantId) throw new Error("A webhook delivery job names no business.");
  return job.tenantId;
}
