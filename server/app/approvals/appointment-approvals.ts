import type { AppointmentStatus, ApprovalStatus } from "@frontdesk/core";
import type { Appointment, TenantWriteScope } from "@frontdesk/db";
import type { ApprovalEvents } from "./approval-events";

/** What a pending booking's approval becomes when the appointment leaves `pending` by any path. */
const settledAs: Partial<Record<AppointmentStatus, ApprovalStatus>> = { confirmed: "approved", rejected: "rejected", cancelled: "expired", expired: "expired" };

/**
 * Keeps a pending booking's `book` approval in step with its appointment, in the same write: approving or rejecting
 * it from the staff routes, the approval queue, a customer's cancellation or its expiry all settle the one row.
 */
export async function settleBookApproval(
  scope: TenantWriteScope,
  appointmentId: string,
  to: AppointmentStatus,
  decision: { at: number; reason?: string | null; decidedBy?: string | null },
): Promise<void> {
  const status = settledAs[to];
  if (!status) return;
  const pending = await scope.pendingApprovalOf(appointmentId, "book");
  if (!pending) return;
  await scope.decideApproval(pending.id, ["pending"], {
    status,
    decidedAt: decision.at,
    ...(status === "approved" ? {} : { reason: decision.reason ?? null }),
    ...(decision.decidedBy !== undefined ? { decidedBy: decision.decidedBy } : {}),
  });
}

/**
 * A booking made outside a phone call that waits for approval joins the queue (the phone agent's tools add their
 * own, linked to the call). Runs in the booking's write.
 */
export async function queuePendingBooking(events: ApprovalEvents, scope: TenantWriteScope, appointment: Appointment, at: number): Promise<void> {
  if (appointment.status !== "pending" || appointment.channel === "phone") return;
  if (await scope.pendingApprovalOf(appointment.id, "book")) return;
  await events.add(scope, {
    kind: "book",
    appointmentId: appointment.id,
    proposal: { start: new Date(appointment.startAt).toISOString(), staffId: appointment.staffId },
    createdAt: at,
    expiresAt: appointment.expiresAt,
  });
}
