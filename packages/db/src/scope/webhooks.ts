import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { WebhookDeliveryStatus } from "@frontdesk/core";
import type { DrizzleDb } from "../client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema/webhooks";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
export type NewWebhookEndpoint = Omit<typeof webhookEndpoints.$inferInsert, "tenantId">;
export type NewWebhookDelivery = Omit<typeof webhookDeliveries.$inferInsert, "tenantId">;
export type NewWebhookAttempt = Omit<typeof webhookAttempts.$inferInsert, "tenantId">;
export type WebhookEndpointPatch = Partial<
  Pick<NewWebhookEndpoint, "url" | "description" | "eventTypes" | "enabled" | "secretSealed" | "updatedAt" | "failedInARow" | "disabledReason">
>;
export type WebhookDeliveryPatch = Partial<Pick<NewWebhookDelivery, "status" | "attempts" | "nextAttemptAt" | "jobKey" | "deliveredAt">>;

/** One tenant's webhook endpoints, deliveries and attempts: reads. */
export function webhookReads(orm: DrizzleDb, tenantId: string) {
  const ownEndpoint = eq(webhookEndpoints.tenantId, tenantId);
  const ownDelivery = eq(webhookDeliveries.tenantId, tenantId);
  return {
    /** Oldest first; `enabled` picks the enabled (or disabled) ones only. */
    webhookEndpoints(filter: { enabled?: boolean } = {}): Promise<WebhookEndpointRow[]> {
      const where = filter.enabled === undefined ? ownEndpoint : and(ownEndpoint, eq(webhookEndpoints.enabled, filter.enabled));
      return orm.select().from(webhookEndpoints).where(where).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
    },

    async webhookEndpoint(id: string): Promise<WebhookEndpointRow | undefined> {
      const [row] = await orm.select().from(webhookEndpoints).where(and(ownEndpoint, eq(webhookEndpoints.id, id)));
      return row;
    },

    /** A delivery with the endpoint it goes to. */
    async webhookDelivery(id: string): Promise<{ delivery: WebhookDeliveryRow; endpoint: WebhookEndpointRow } | undefined> {
      const [row] = await orm
        .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(and(ownDelivery, eq(webhookDeliveries.id, id)));
      return row;
    },

    /** Newest first. */
    webhookDeliveries(filter: { endpointId?: string; status?: WebhookDeliveryStatus; limit: number }): Promise<WebhookDeliveryRow[]> {
      const conditions: SQL[] = [ownDelivery];
      if (filter.endpointId) conditions.push(eq(webhookDeliveries.endpointId, filter.endpointId));
      if (filter.status) conditions.push(eq(webhookDeliveries.status, filter.status));
      return orm
        .select()
        .from(webhookDeliveries)
        .where(and(...conditions))
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(filter.limit);
    },

    /** The attempts at these deliveries, oldest first. */
    webhookAttemptsFor(deliveryIds: string[]): Promise<WebhookAttemptRow[]> {
      if (deliveryIds.length === 0) return Promise.resolve([]);
      return orm
        .select()
        .from(webhookAttempts)
        .where(and(eq(webhookAttempts.tenantId, tenantId), inArray(webhookAttempts.deliveryId, deliveryIds)))
        .orderBy(asc(webhookAttempts.at), asc(webhookAttempts.createdAt));
    },
  };
}

/** One tenant's webhook endpoints, deliveries and attempts: writes, only on a Writer's scope. */
export function webhookWrites(orm: DrizzleDb, tenantId: string) {
  const ownEndpoint = eq(webhookEndpoints.tenantId, tenantId);
  const ownDelivery = eq(webhookDeliveries.tenantId, tenantId);
  return {
    async addWebhookEndpoint(row: NewWebhookEndpoint): Promise<void> {
      await orm.insert(webhookEndpoints).values({ ...row, tenantId });
    },

    /** False if the tenant has no such endpoint. */
    async updateWebhookEndpoint(id: string, patch: WebhookEndpointPatch): Promise<boolean> {
      const rows = await orm
        .update(webhookEndpoints)
        .set(patch)
        .where(and(ownEndpoint, eq(webhookEndpoints.id, id)))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },

    /** Removes the endpoint with its deliveries and attempts; false if the tenant has no such endpoint. */
    async removeWebhookEndpoint(id: string): Promise<boolean> {
      const rows = await orm
        .delete(webhookEndpoints)
        .where(and(ownEndpoint, eq(webhookEndpoints.id, id)))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },

    /** Adds the deliveries whose (endpoint, event) is new; returns those added. */
    async addWebhookDeliveries(rows: NewWebhookDelivery[]): Promise<{ id: string; jobKey: string }[]> {
      if (rows.length === 0) return [];
      // Only to the tenant's own endpoints.
      const own = await orm
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(and(ownEndpoint, inArray(webhookEndpoints.id, [...new Set(rows.map((row) => row.endpointId))])));
      const ownIds = new Set(own.map((endpoint) => endpoint.id));
      const added = rows.filter((row) => ownIds.has(row.endpointId));
      if (added.length === 0) return [];
      return orm
        .insert(webhookDeliveries)
        .values(added.map((row) => ({ ...row, tenantId })))
        .onConflictDoNothing()
        .returning({ id: webhookDeliveries.id, jobKey: webhookDeliveries.jobKey });
    },

    /** Changes a delivery only while the job `jobKey` is the one sending it; false otherwise. */
    async updateWebhookDelivery(id: string, jobKey: string, patch: WebhookDeliveryPatch): Promise<boolean> {
      const rows = await orm
        .update(webhookDeliveries)
        .set(patch)
        .where(and(ownDelivery, eq(webhookDeliveries.id, id), eq(webhookDeliveries.jobKey, jobKey)))
        .returning({ id: webhookDeliveries.id });
      return rows.length > 0;
    },

    /**
     * Counts a delivery's final outcome on its endpoint: a delivered one resets the count, a failed one adds to it,
     * and the endpoint is disabled (with `reason`) when `disableAfter` failed in a row. True if this disabled it.
     */
    async countWebhookOutcome(endpointId: string, delivered: boolean, disable: { after: number; reason: string }): Promise<boolean> {
      const own = and(ownEndpoint, eq(webhookEndpoints.id, endpointId));
      if (delivered) {
        await orm.update(webhookEndpoints).set({ failedInARow: 0 }).where(own);
        return false;
      }
      const [row] = await orm
        .update(webhookEndpoints)
        .set({ failedInARow: sql`${webhookEndpoints.failedInARow} + 1` })
        .where(own)
        .returning({ failedInARow: webhookEndpoints.failedInARow, enabled: webhookEndpoints.enabled });
      if (!row || !row.enabled || row.failedInARow < disable.after) return false;
      await orm.update(webhookEndpoints).set({ enabled: false, disabledReason: disable.reason }).where(own);
      return true;
    },

    /**
     * Logs an attempt and counts it on its delivery; the delivery takes `outcome` only while the job `jobKey` is the one
     * sending it (a replay's job replaced an older one). Answers the delivery's endpoint if it took the outcome; a delivery
     * the tenant does not have gets nothing logged.
     */
    async recordWebhookAttempt(
      attempt: NewWebhookAttempt,
      jobKey: string,
      outcome: Pick<WebhookDeliveryPatch, "status" | "nextAttemptAt" | "deliveredAt">,
    ): Promise<{ endpointId: string } | undefined> {
      const [delivery] = await orm
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(ownDelivery, eq(webhookDeliveries.id, attempt.deliveryId)));
      if (!delivery) return undefined;
      await orm.insert(webhookAttempts).values({ ...attempt, tenantId });
      const [updated] = await orm
        .update(webhookDeliveries)
        .set({ ...outcome, attempts: sql`${webhookDeliveries.attempts} + 1` })
        .where(and(ownDelivery, eq(webhookDeliveries.id, attempt.deliveryId), eq(webhookDeliveries.jobKey, jobKey)))
        .returning({ endpointId: webhookDeliveries.endpointId });
      return updated;
    },
  };
}
