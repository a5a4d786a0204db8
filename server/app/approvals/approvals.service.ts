import { FrontdeskError, type ApprovalProposal, type ApprovalStatus } from "@frontdesk/core";
import { forTenant, type ApprovalPatch, type ApprovalQuery, type ApprovalRow, type Db, type Tenant } from "@frontdesk/db";
import type { LifecycleService } from "../appointments/lifecycle.service";
import type { NotificationService } from "../notifications/notifications.service";
import { presentApprovals } from "./present";

export interface ApprovalDeps {
  db: Db;
  now: () => number;
  lifecycle: LifecycleService;
  notifications: NotificationService;
}

/** Who decided, as the approval records it: a member's user id, or the key or embed session that acted. */
export type DecidedBy = string;

type Decision = { kind: "approve"; edited?: ApprovalProposal } | { kind: "reject"; reason: string };

const notPending = (row: ApprovalRow) =>
  new FrontdeskError("INVALID_TRANSITION", `This approval is ${row.status} already; only a pending one can be decided.`, { field: "approvalId" });

/**
 * The one queue of AI actions (and bookings waiting for approval): list, approve (as proposed or edited), reject with
 * a reason, in bulk. Approving does the action through the appointment lifecycle, which tells the customer; a booking's
 * approval row is settled inside the lifecycle's own write (see `settleBookApproval`), so the staff routes and this
 * queue keep one record.
 */
export function approvalsService({ db, now, lifecycle, notifications }: ApprovalDeps) {
  async function presentOne(tenant: Tenant, approvalId: string) {
    const scope = forTenant(db, tenant.id);
    return (await presentApprovals(scope, [(await scope.approval(approvalId))!]))[0]!;
  }

  async function pendingOf(tenant: Tenant, approvalId: string): Promise<ApprovalRow> {
    const row = await forTenant(db, tenant.id).approval(approvalId);
    if (!row) throw new FrontdeskError("NOT_FOUND", "There is no such approval.", { field: "approvalId" });
    if (row.status !== "pending") throw notPending(row);
    return row;
  }

  /** Marks a pending approval decided; undefined when another decision got there first. */
  function settle(tenant: Tenant, id: string, from: readonly ApprovalStatus[], patch: ApprovalPatch) {
    return db.write((writer) => forTenant(writer, tenant.id).decideApproval(id, from, patch));
  }

  const appointmentOf = (row: ApprovalRow): string => {
    if (!row.appointmentId) throw new FrontdeskError("INVALID_TRANSITION", "This approval names no appointment.", { field: "approvalId" });
    return row.appointmentId;
  };

  /** The action the agent proposed, as staff edited it: a new time for a booking or a change. */
  async function execute(tenant: Tenant, row: ApprovalRow, edited: ApprovalProposal | undefined, by: DecidedBy): Promise<void> {
    const proposal = { ...row.proposal, ...edited };
    if (edited?.staffId !== undefined && edited.staffId !== row.proposal.staffId) {
      throw new FrontdeskError("VALIDATION_FAILED", "Pick another time instead; the staff member is chosen when the time is booked.", { field: "edited.staffId" });
    }
    switch (row.kind) {
      case "book": {
        const appointmentId = appointmentOf(row);
        if (edited?.start !== undefined && edited.start !== row.proposal.start) {
          await lifecycle.reschedule(tenant, appointmentId, edited.start, { actor: "staff" });
        }
        await lifecycle.approve(tenant, appointmentId, "staff", by);
        return;
      }
      case "reschedule": {
        if (!proposal.start) throw new FrontdeskError("VALIDATION_FAILED", "Say which time to move the appointment to.", { field: "edited.start" });
        await lifecycle.reschedule(tenant, appointmentOf(row), proposal.start, { actor: "staff" });
        return;
      }
      case "cancel":
        await lifecycle.cancel(tenant, appointmentOf(row), { actor: "staff", reason: proposal.reason ?? null });
        return;
      case "message": {
        if (!row.messageId) return;
        await db.write((writer) => forTenant(writer, tenant.id).updateCallerMessage(row.messageId!, { status: "done", doneAt: now() }));
        return;
      }
    }
  }

  /** A move or cancellation the caller asked for is not made: the customer hears so, with the reason, in the same write. */
  async function rejectChange(tenant: Tenant, row: ApprovalRow, reason: string, by: DecidedBy): Promise<void> {
    const told = await db.write(async (writer) => {
      const scope = forTenant(writer, tenant.id);
      const decided = await scope.decideApproval(row.id, ["pending"], { status: "rejected", reason, decidedBy: by, decidedAt: now() });
      if (!decided || !row.appointmentId || (row.kind !== "reschedule" && row.kind !== "cancel")) return false;
      // Cancelled or over meanwhile: there is nothing left that "stays as it was".
      const appointment = await scope.appointment(row.appointmentId);
      if (appointment?.status !== "confirmed" && appointment?.status !== "pending") return false;
      await notifications.enqueue(scope, tenant, row.appointmentId, "change_declined", { reason, about: row.id });
      return true;
    }, { keepsSetup: true });
    if (told) notifications.deliverSoon();
  }

  async function decide(tenant: Tenant, approvalId: string, decision: Decision, by: DecidedBy) {
    const row = await pendingOf(tenant, approvalId);
    if (decision.kind === "reject") {
      if (row.kind === "book") await lifecycle.reject(tenant, appointmentOf(row), decision.reason, "staff", by);
      else await rejectChange(tenant, row, decision.reason, by);
      return presentOne(tenant, row.id);
    }
    try {
      await execute(tenant, row, decision.edited, by);
    } catch (error) {
      // The time was taken meanwhile, the request lapsed: the action cannot be done, so the approval failed.
      if (error instanceof FrontdeskError && error.code !== "VALIDATION_FAILED") {
        await settle(tenant, row.id, ["pending"], { status: "failed", reason: error.message, decidedBy: by, decidedAt: now(), ...(decision.edited ? { edited: decision.edited } : {}) });
      }
      throw error;
    }
    // A booking's row was settled in the lifecycle's write; the others are settled here.
    const decided = { decidedBy: by, ...(decision.edited ? { edited: decision.edited } : {}) };
    if (row.kind === "book") await settle(tenant, row.id, ["approved"], decided);
    else await settle(tenant, row.id, ["pending"], { status: "approved", decidedAt: now(), ...decided });
    return presentOne(tenant, row.id);
  }

  return {
    async list(tenant: Tenant, query: ApprovalQuery) {
      const page = await forTenant(db, tenant.id).approvals(query);
      return { items: await presentApprovals(forTenant(db, tenant.id), page.items), next: page.next };
    },

    async one(tenant: Tenant, approvalId: string) {
      const row = await forTenant(db, tenant.id).approval(approvalId);
      if (!row) throw new FrontdeskError("NOT_FOUND", "There is no such approval.", { field: "approvalId" });
      return (await presentApprovals(forTenant(db, tenant.id), [row]))[0]!;
    },

    approve: (tenant: Tenant, approvalId: string, edited: ApprovalProposal | undefined, by: DecidedBy) =>
      decide(tenant, approvalId, edited ? { kind: "approve", edited } : { kind: "approve" }, by),

    reject: (tenant: Tenant, approvalId: string, reason: string, by: DecidedBy) => decide(tenant, approvalId, { kind: "reject", reason }, by),

    /** Each in turn; one that fails (its time was taken, decided already) does not stop the others. */
    async bulk(tenant: Tenant, input: { approvalIds: string[]; action: "approve" | "reject"; reason?: string | undefined }, by: DecidedBy) {
      const results = [];
      for (const approvalId of new Set(input.approvalIds)) {
        try {
          const decision: Decision = input.action === "approve" ? { kind: "approve" } : { kind: "reject", reason: input.reason ?? "" };
          const decided = await decide(tenant, approvalId, decision, by);
          results.push({ approvalId, status: decided.status });
        } catch (error) {
          if (!(error instanceof FrontdeskError)) throw error;
          const row = await forTenant(db, tenant.id).approval(approvalId);
          results.push({ approvalId, status: row?.status ?? ("pending" as const), error: { code: error.code, message: error.message } });
        }
      }
      return results;
    },
  };
}

export type ApprovalsService = ReturnType<typeof approvalsService>;
