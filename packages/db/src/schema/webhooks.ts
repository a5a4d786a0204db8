import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { webhookDeliveryStatuses, type WebhookEventType } from "@frontdesk/core";
import { tenants } from "./tenants";

/** A business's server that receives events, signed with the endpoint's own secret (Standard Webhooks). */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** The event types it subscribes to, from `webhookEventTypes`. */
    eventTypes: text("event_types", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
    /** The signing secret (`whsec_…`), encrypted with a key derived from the server's signing secret: the server must read it to sign. */
    secretSealed: text("secret_sealed").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Deliveries that failed for good since the last one delivered: at `disableAfterFailedDeliveries` the endpoint is disabled. */
    failedInARow: integer("failed_in_a_row").notNull().default(0),
    /** Why the server disabled it, if it did; cleared when it is enabled again. */
    disabledReason: text("disabled_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("webhook_endpoints_tenant").on(t.tenantId, t.createdAt)],
);

/** One event for one endpoint: its body is fixed when the event happens, and signed afresh at every attempt. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    /** Sent as `webhook-id`, the same on every retry and replay. */
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The event's id (`evt_…`), the body's `id`: the same for every endpoint it goes to. */
    eventId: text("event_id").notNull(),
    /** One of `webhookEventTypes`, or `ping`. */
    eventType: text("event_type").notNull(),
    /** The JSON body, exactly as signed and sent. */
    payload: text("payload").notNull(),
    status: text("status", { enum: webhookDeliveryStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    /** The key of the job that sends it now; a replay gives it a new one, and results of an older job are ignored. */
    jobKey: text("job_key").notNull(),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    // An event is delivered to an endpoint once, however often it is enqueued.
    uniqueIndex("webhook_deliveries_event").on(t.tenantId, t.endpointId, t.eventId),
    index("webhook_deliveries_tenant").on(t.tenantId, t.createdAt),
  ],
);

/** Every attempt to send a delivery: when, how long, and what came back. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id").notNull().references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    /** Null when no answer came: a refused destination, a timeout, a connection error. */
    httpStatus: integer("http_status"),
    error: text("error"),
    /** At most the first 1024 characters of the answer's body. */
    responseExcerpt: text("response_excerpt"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("webhook_attempts_delivery").on(t.tenantId, t.deliveryId, t.at)],
);

