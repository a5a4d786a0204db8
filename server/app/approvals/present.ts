import type { Approval } from "@frontdesk/core";
import type { ApprovalRow } from "@frontdesk/db";

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** An approval as the API answers it. */
export function presentApproval(row: ApprovalRow): Approval {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    appointmentId: row.appointmentId,
    callId: row.callId,
    toolInvocationId: row.toolInvocationId,
    messageId: row.messageId,
    proposal: row.proposal,
    edited: row.edited,
    reason: row.reason,
    decidedBy: row.decidedBy,
    decidedAt: iso(row.decidedAt),
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: iso(row.expiresAt),
  };
}
