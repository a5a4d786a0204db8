import { approvalIdInput, approvalListInput, approvalOutput, approvalPageOutput, approveInput, bulkApprovalInput, bulkApprovalOutput, rejectApprovalInput } from "@frontdesk/core";
import type { BusinessServer, EmbedSession, StaffSession } from "../auth/principal";
import { businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("approvals:read");
const writer = businessProcedure("approvals:write");

/** Who decided, as the approval keeps it: the member's user id, else the key or embed session (never a key's value). */
export function deciderOf(principal: BusinessServer | EmbedSession | StaffSession): string {
  if (principal.kind === "staff") return principal.userId;
  if (principal.kind === "business") return `key:${principal.keyId}`;
  return `session:${principal.sessionId}`;
}

/** The approval queue: what the phone agent (or a booking) asks staff to decide. */
export const approvalsRouter = router({
  list: reader
    .meta(rest("GET", "/approvals", "approvals", "listApprovals", "The approval queue, oldest first", "Pending approvals by default; pass `status` for decided ones."))
    .input(approvalListInput)
    .output(approvalPageOutput)
    .query(({ ctx, input }) => ctx.app.approvals.list(ctx.tenant, input)),

  get: reader
    .meta(rest("GET", "/approvals/{approvalId}", "approvals", "getApproval", "One approval"))
    .input(approvalIdInput)
    .output(approvalOutput)
    .query(({ ctx, input }) => ctx.app.approvals.one(ctx.tenant, input.approvalId)),

  approve: writer
    .meta(rest("POST", "/approvals/{approvalId}/approve", "approvals", "approveApproval", "Approve an action, as proposed or edited", "Does the action (confirms the booking, moves or cancels the appointment, closes the message) and tells the customer. `edited.start` approves another time."))
    .input(approveInput)
    .output(approvalOutput)
    .mutation(({ ctx, input }) => ctx.app.approvals.approve(ctx.tenant, input.approvalId, input.edited, deciderOf(ctx.principal))),

  reject: writer
    .meta(rest("POST", "/approvals/{approvalId}/reject", "approvals", "rejectApproval", "Reject an action, saying why"))
    .input(rejectApprovalInput)
    .output(approvalOutput)
    .mutation(({ ctx, input }) => ctx.app.approvals.reject(ctx.tenant, input.approvalId, input.reason, deciderOf(ctx.principal))),

  bulk: writer
    .meta(rest("POST", "/approvals/bulk", "approvals", "decideApprovals", "Approve or reject up to 100 approvals", "Each is decided on its own: the answer lists each one's status, and the error of any that could not be decided."))
    .input(bulkApprovalInput)
    .output(bulkApprovalOutput)
    .mutation(({ ctx, input }) => ctx.app.approvals.bulk(ctx.tenant, input, deciderOf(ctx.principal))),
});
