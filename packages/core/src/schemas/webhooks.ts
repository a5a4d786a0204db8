import { z } from "zod";
import { singleLineText } from "../text";
import { webhookDeliveryStatuses, webhookEventTypes } from "../vocabulary";

/** Where a business's server receives events: an absolute http(s) URL, without credentials in it. */
const endpointUrl = z
  .url({ protocol: /^https?$/, message: "Use an absolute https:// URL such as https://example.com/frontdesk/webhooks." })
  .max(2000, "Use a URL of at most 2000 characters.")
  .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), "Put no user name or password in the URL; check the signature instead.");

const eventTypeList = z
  .array(z.enum(webhookEventTypes))
  .min(1, "Subscribe to at least one event type.")
  .transform((types) => [...new Set(types)]);

const endpointId = z.string().min(1, "Required.").max(64);

export const createWebhookEndpointInput = z.object({
  url: endpointUrl,
  description: singleLineText().max(200).optional(),
  eventTypes: eventTypeList,
});

export const updateWebhookEndpointInput = z.object({
  endpointId,
  url: endpointUrl.optional(),
  description: singleLineText().max(200).optional(),
  eventTypes: eventTypeList.optional(),
  enabled: z.boolean().optional(),
});

export const webhookEndpointIdInput = z.object({ endpointId });

/** `webhooks.listEndpoints`: every endpoint, or only the enabled (or disabled) ones. */
export const listWebhookEndpointsInput = z.object({ enabled: z.boolean().optional() }).optional();

export const webhookEndpointOutput = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.enum(webhookEventTypes)),
  enabled: z.boolean(),
  /** Why the server disabled it (its deliveries kept failing); null when it did not. */
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointOutput>;
export const webhookEndpointsOutput = z.array(webhookEndpointOutput);

/** The signing secret (`whsec_…`) is in this answer only: keep it on your server. */
export const createdWebhookEndpointOutput = webhookEndpointOutput.extend({ secret: z.string() });
export const webhookSecretOutput = z.object({ secret: z.string() });

export const webhookDeliveriesInput = z.object({
  endpointId: endpointId.optional(),
  status: z.enum(webhookDeliveryStatuses).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const webhookDeliveryIdInput = z.object({ deliveryId: z.string().min(1, "Required.").max(64) });

export const webhookAttemptOutput = z.object({
  at: z.string(),
  durationMs: z.number(),
  /** The endpoint's HTTP status; null when no answer came (refused destination, timeout, connection error). */
  httpStatus: z.number().nullable(),
  error: z.string().nullable(),
  /** The first kilobyte of the answer's body. */
  responseExcerpt: z.string().nullable(),
});

export const webhookDeliveryOutput = z.object({
  /** Sent as `webhook-id`: the same on every retry and replay of this delivery. */
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  /** The body exactly as it is signed and sent. */
  payload: z.string(),
  attemptLog: z.array(webhookAttemptOutput),
});
export type WebhookDelivery = z.infer<typeof webhookDeliveryOutput>;
export const webhookDeliveriesOutput = z.array(webhookDeliveryOutput);
