import type { Approval } from "@frontdesk/core";
import type { ApprovalRow, CallerMessage, TenantScope } from "@frontdesk/db";

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** An approval as the API answers it, with its message (`messages`: the caller messages of the approvals presented). */
export function presentApproval(row: ApprovalRow, messages: ReadonlyMap<string, CallerMessage> = new Map()): Approval {
  const message = row.messageId ? messages.get(row.messageId) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    appointmentId: row.appointmentId,
    callId: row.callId,
    toolInvocationId: row.toolInvocationId,
    messageId: row.messageId,
    message: message ? { name: message.name, phoneE164: message.phoneE164, text: message.message } : null,
    proposal: row.proposal,
    edited: row.edited,
    reason: row.reason,
    decidedBy: row.decidedBy,
    decidedAt: iso(row.decidedAt),
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: iso(row.expiresAt),
  };
}

/** Approvals as the API answers them, each message approval with its message (one read for all of them). */
export async function presentApprovals(scope: TenantScope, rows: readonly ApprovalRow[]): Promise<Approval[]> {
  const ids = rows.flatMap((row) => (row.messageId ? [row.messageId] : []));
  const messages = new Map((await scope.callerMessagesById(ids)).map((message) => [message.id, message]));
  return rows.map((row) => presentApproval(row, messages));
}
