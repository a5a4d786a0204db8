import {
  acknowledgedOutput,
  createdWebhookEndpointOutput,
  createWebhookEndpointInput,
  listWebhookEndpointsInput,
  updateWebhookEndpointInput,
  webhookDeliveriesInput,
  webhookDeliveriesOutput,
  webhookDeliveryIdInput,
  webhookDeliveryOutput,
  webhookEndpointIdInput,
  webhookEndpointOutput,
  webhookEndpointsOutput,
  webhookSecretOutput,
} from "@frontdesk/core";
import { acknowledged, businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("webhooks:read");
const writer = businessProcedure("webhooks:write");

/** The business's webhook endpoints and their delivery log, authorised by its secret key. */
export const webhooksRouter = router({
  /** Answers the signing secret, this once. */
  createEndpoint: writer
    .meta(rest("POST", "/webhooks/endpoints", "webhooks", "createWebhookEndpoint", "Register an endpoint", "Answers the endpoint with its signing secret, shown this once."))
    .input(createWebhookEndpointInput)
    .output(createdWebhookEndpointOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.createEndpoint(ctx.tenant.id, input)),

  listEndpoints: reader
    .meta(rest("GET", "/webhooks/endpoints", "webhooks", "listWebhookEndpoints", "The business's endpoints"))
    .input(listWebhookEndpointsInput)
    .output(webhookEndpointsOutput)
    .query(({ ctx, input }) => ctx.app.webhooks.listEndpoints(ctx.tenant.id, input ?? {})),

  updateEndpoint: writer
    .meta(rest("PATCH", "/webhooks/endpoints/{endpointId}", "webhooks", "updateWebhookEndpoint", "Change an endpoint's address, events or state"))
    .input(updateWebhookEndpointInput)
    .output(webhookEndpointOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.updateEndpoint(ctx.tenant.id, input)),

  /** Answers the new signing secret, this once. */
  rotateSecret: writer
    .meta(rest("POST", "/webhooks/endpoints/{endpointId}/rotate-secret", "webhooks", "rotateWebhookSecret", "A new signing secret, shown this once"))
    .input(webhookEndpointIdInput)
    .output(webhookSecretOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.rotateSecret(ctx.tenant.id, input.endpointId)),

  deleteEndpoint: writer
    .meta(rest("DELETE", "/webhooks/endpoints/{endpointId}", "webhooks", "deleteWebhookEndpoint", "Remove an endpoint"))
    .input(webhookEndpointIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.webhooks.deleteEndpoint(ctx.tenant.id, input.endpointId))),

  deliveries: reader
    .meta(rest("GET", "/webhooks/deliveries", "webhooks", "listWebhookDeliveries", "Deliveries and their attempts, newest first"))
    .input(webhookDeliveriesInput)
    .output(webhookDeliveriesOutput)
    .query(({ ctx, input }) => ctx.app.webhooks.listDeliveries(ctx.tenant.id, input)),

  replay: writer
    .meta(rest("POST", "/webhooks/deliveries/{deliveryId}/replay", "webhooks", "replayWebhookDelivery", "Send a delivery again"))
    .input(webhookDeliveryIdInput)
    .output(webhookDeliveryOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.replay(ctx.tenant.id, input.deliveryId)),

  /** Sends a `ping` event to the endpoint. */
  ping: writer
    .meta(rest("POST", "/webhooks/endpoints/{endpointId}/ping", "webhooks", "pingWebhookEndpoint", "Send a test event"))
    .input(webhookEndpointIdInput)
    .output(webhookDeliveryOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.ping(ctx.tenant.id, input.endpointId)),
});
