import { randomId, type ApprovalRow, type NewApproval, type TenantWriteScope } from "@frontdesk/db";
import type { WebhookDeliveries } from "../webhooks-out/webhook-delivery";
import { presentApprovals } from "./present";

/**
 * How an approval enters the queue, for every part of the server that makes one (the phone agent's tools, bookings
 * that wait for approval): the row and its `approval.created` webhook event are written in the caller's own write, so
 * the event is never sent for an approval that rolled back, nor lost for one that landed.
 */
export function approvalEvents(webhooks: Pick<WebhookDeliveries, "enqueueEvent">) {
  /** Adds the `approval.created` event for `approval` to each endpoint subscribed to it, in the write `scope` is. */
  async function created(scope: TenantWriteScope, approval: ApprovalRow): Promise<void> {
    const subscribers = (await scope.webhookEndpoints({ enabled: true })).filter((endpoint) => endpoint.eventTypes.includes("approval.created"));
    if (subscribers.length === 0) return;
    const [presented] = await presentApprovals(scope, [approval]);
    await webhooks.enqueueEvent(scope, "approval.created", { approval: presented }, subscribers);
  }

  return {
    created,

    /**
     * Adds an approval (id and creation time filled in when missing) and its event. Undefined, with nothing written,
     * when it would link to another business's appointment, call, tool call or message.
     */
    async add(scope: TenantWriteScope, values: Omit<NewApproval, "id" | "createdAt"> & { id?: string; createdAt: number }): Promise<ApprovalRow | undefined> {
      const approval = await scope.addApproval({ ...values, id: values.id ?? randomId("apr") });
      if (approval) await created(scope, approval);
      return approval;
    },
  };
}

export type ApprovalEvents = ReturnType<typeof approvalEvents>;
