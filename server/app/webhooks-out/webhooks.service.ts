import {
  FrontdeskError,
  type createWebhookEndpointInput,
  type updateWebhookEndpointInput,
  type WebhookDelivery,
  type webhookDeliveriesInput,
  type WebhookEndpoint,
} from "@frontdesk/core";
import { forTenant, randomId, type Db, type WebhookAttemptRow, type WebhookDeliveryRow, type WebhookEndpointRow } from "@frontdesk/db";
import type { z } from "zod";
import type { JobRunner } from "../jobs/jobs";
import { checkDestination, type DestinationPolicy, type Resolve } from "./destination";
import { endpointSecrets, newEndpointSecret } from "./endpoint-secrets";
import { webhookDelivery } from "./webhook-delivery";

export interface WebhookServiceDeps {
  db: Db;
  now: () => number;
  jobs: JobRunner;
  /** The server's signing secret: the endpoints' secrets are sealed with a key derived from it. */
  serverSecret: string;
  policy: DestinationPolicy;
  /** How host names resolve; the system resolver unless a test says otherwise. */
  resolve?: Resolve;
  timeoutMs?: number;
}

/**
 * A business's webhook endpoints and the log of what was sent to them. It takes a tenant id, not a principal: the
 * router decides who may call (a secret key's scope today, an owner's or admin's session next).
 */
export function webhookService(deps: WebhookServiceDeps) {
  const { db, now } = deps;
  const secrets = endpointSecrets(deps.serverSecret);
  const deliveries = webhookDelivery({ ...deps, secrets });
  const check = (url: string) => checkDestination(url, deps.policy, deps.resolve);

  async function endpointOf(tenantId: string, endpointId: string): Promise<WebhookEndpointRow> {
    const found = await forTenant(db, tenantId).webhookEndpoint(endpointId);
    if (!found) throw new FrontdeskError("NOT_FOUND", "There is no such webhook endpoint.", { field: "endpointId" });
    return found;
  }

  async function deliveryOf(tenantId: string, deliveryId: string): Promise<WebhookDelivery> {
    const scope = forTenant(db, tenantId);
    const found = await scope.webhookDelivery(deliveryId);
    if (!found) throw new FrontdeskError("NOT_FOUND", "There is no such webhook delivery.", { field: "deliveryId" });
    return presentDelivery(found.delivery, await scope.webhookAttemptsFor([deliveryId]));
  }

  return {
    deliveries,

    /** Registers an endpoint after checking where its URL leads; the answer holds the signing secret, this once. */
    async createEndpoint(tenantId: string, input: z.output<typeof createWebhookEndpointInput>): Promise<WebhookEndpoint & { secret: string }> {
      await check(input.url);
      const secret = newEndpointSecret();
      const current = now();
      const row = {
        id: randomId("whe"),
        url: input.url,
        description: input.description ?? "",
        eventTypes: input.eventTypes,
        secretSealed: secrets.seal(secret),
        enabled: true,
        failedInARow: 0,
        disabledReason: null,
        createdAt: current,
        updatedAt: current,
      };
      await db.write((writer) => forTenant(writer, tenantId).addWebhookEndpoint(row));
      return { ...presentEndpoint({ ...row, tenantId }), secret };
    },

    async listEndpoints(tenantId: string, filter: { enabled?: boolean } = {}): Promise<WebhookEndpoint[]> {
      return (await forTenant(db, tenantId).webhookEndpoints(filter)).map(presentEndpoint);
    },

    /** Changes the URL (checked again), the event types, the description or whether it is enabled. */
    async updateEndpoint(tenantId: string, input: z.output<typeof updateWebhookEndpointInput>): Promise<WebhookEndpoint> {
      const { endpointId, ...patch } = input;
      await endpointOf(tenantId, endpointId);
      if (patch.url !== undefined) await check(patch.url);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      // Enabled or disabled by the business: the server's count and reason start over.
      const restart = patch.enabled === undefined ? {} : { failedInARow: 0, disabledReason: null };
      await db.write((writer) => forTenant(writer, tenantId).updateWebhookEndpoint(endpointId, { ...defined, ...restart, updatedAt: now() }));
      return presentEndpoint(await endpointOf(tenantId, endpointId));
    },

    /** A new signing secret, from the next attempt on; the answer holds it, this once. */
    async rotateSecret(tenantId: string, endpointId: string): Promise<{ secret: string }> {
      const secret = newEndpointSecret();
      const changed = await db.write((writer) => forTenant(writer, tenantId).updateWebhookEndpoint(endpointId, { secretSealed: secrets.seal(secret), updatedAt: now() }));
      if (!changed) throw new FrontdeskError("NOT_FOUND", "There is no such webhook endpoint.", { field: "endpointId" });
      return { secret };
    },

    /** Removes the endpoint with its deliveries and their log; queued attempts find nothing to send. */
    async deleteEndpoint(tenantId: string, endpointId: string): Promise<void> {
      const removed = await db.write((writer) => forTenant(writer, tenantId).removeWebhookEndpoint(endpointId));
      if (!removed) throw new FrontdeskError("NOT_FOUND", "There is no such webhook endpoint.", { field: "endpointId" });
    },

    /** Deliveries, newest first, each with its attempts. */
    async listDeliveries(tenantId: string, filter: z.output<typeof webhookDeliveriesInput>): Promise<WebhookDelivery[]> {
      const scope = forTenant(db, tenantId);
      if (filter.endpointId) await endpointOf(tenantId, filter.endpointId);
      const rows = await scope.webhookDeliveries({ limit: filter.limit, ...(filter.endpointId ? { endpointId: filter.endpointId } : {}), ...(filter.status ? { status: filter.status } : {}) });
      const attempts = await scope.webhookAttemptsFor(rows.map((row) => row.id));
      return rows.map((row) => presentDelivery(row, attempts.filter((attempt) => attempt.deliveryId === row.id)));
    },

    delivery: deliveryOf,

    /**
     * Sends a delivery again now, with the same `webhook-id` and body (signed afresh), and a new retry schedule.
     * A delivery still being retried is sent now instead of at its next attempt; one being sent right now is refused.
     */
    async replay(tenantId: string, deliveryId: string): Promise<WebhookDelivery> {
      await db.transaction(async (tx) => {
        const scope = forTenant(tx, tenantId);
        const found = await scope.webhookDelivery(deliveryId);
        if (!found) throw new FrontdeskError("NOT_FOUND", "There is no such webhook delivery.", { field: "deliveryId" });
        const { delivery } = found;
        if (delivery.status === "pending" && (await deliveries.queue.withdrawIdle(tx, delivery.jobKey)) === "running") {
          throw new FrontdeskError("DELIVERY_IN_PROGRESS", "This delivery is being sent right now. Look at its attempts in a few seconds, then replay it if it failed.", {
            field: "deliveryId",
          });
        }
        const jobKey = `${deliveryId}:${randomId("rpl", 10)}`;
        const current = now();
        await scope.updateWebhookDelivery(deliveryId, delivery.jobKey, { status: "pending", jobKey, nextAttemptAt: current, deliveredAt: null });
        await deliveries.queue.enqueue(tx, [{ key: jobKey, tenantId, runAt: current, payload: { deliveryId } }]);
      });
      deliveries.deliverSoon();
      return deliveryOf(tenantId, deliveryId);
    },

    /** Sends a `ping` event to one endpoint, whatever it subscribes to: to try it out. */
    async ping(tenantId: string, endpointId: string): Promise<WebhookDelivery> {
      const endpoint = await endpointOf(tenantId, endpointId);
      const [deliveryId] = await db.write((writer) => deliveries.enqueueEvent(forTenant(writer, tenantId), "ping", { endpoint_id: endpoint.id }, [endpoint]));
      deliveries.deliverSoon();
      return deliveryOf(tenantId, deliveryId!);
    },
  };
}

export type WebhookService = ReturnType<typeof webhookService>;

function presentEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

function presentDelivery(row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" && row.nextAttemptAt !== null ? new Date(row.nextAttemptAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
    payload: row.payload,
    attemptLog: attempts.map((attempt) => ({
      at: new Date(attempt.at).toISOString(),
      durationMs: attempt.durationMs,
      httpStatus: attempt.httpStatus,
      error: attempt.error,
      responseExcerpt: attempt.responseExcerpt,
    })),
  };
}
