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
import { router } from "../trpc";

const reader = businessProcedure("webhooks:read");
const writer = businessProcedure("webhooks:write");

/** The business's webhook endpoints and their delivery log, authorised by its secret key. */
export const webhooksRouter = router({
  /** Answers the signing secret, this once. */
  createEndpoint: writer
    .input(createWebhookEndpointInput)
    .output(createdWebhookEndpointOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.createEndpoint(ctx.tenant.id, input)),

  listEndpoints: reader
    .input(listWebhookEndpointsInput)
    .output(webhookEndpointsOutput)
    .query(({ ctx, input }) => ctx.app.webhooks.listEndpoints(ctx.tenant.id, input ?? {})),

  updateEndpoint: writer
    .input(updateWebhookEndpointInput)
    .output(webhookEndpointOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.updateEndpoint(ctx.tenant.id, input)),

  /** Answers the new signing secret, this once. */
  rotateSecret: writer
    .input(webhookEndpointIdInput)
    .output(webhookSecretOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.rotateSecret(ctx.tenant.id, input.endpointId)),

  deleteEndpoint: writer
    .input(webhookEndpointIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.webhooks.deleteEndpoint(ctx.tenant.id, input.endpointId))),

  deliveries: reader
    .input(webhookDeliveriesInput)
    .output(webhookDeliveriesOutput)
    .query(({ ctx, input }) => ctx.app.webhooks.listDeliveries(ctx.tenant.id, input)),

  replay: writer
    .input(webhookDeliveryIdInput)
    .output(webhookDeliveryOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.replay(ctx.tenant.id, input.deliveryId)),

  /** Sends a `ping` event to the endpoint. */
  ping: writer
    .input(webhookEndpointIdInput)
    .output(webhookDeliveryOutput)
    .mutation(({ ctx, input }) => ctx.app.webhooks.ping(ctx.tenant.id, input.endpointId)),
});
