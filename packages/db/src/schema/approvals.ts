import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { approvalKinds, approvalStatuses, type ApprovalProposal } from "@frontdesk/core";
import { appointments } from "./appointments";
import { callerMessages, calls, toolInvocations } from "./calls";
import { tenants } from "./tenants";

/**
 * The one queue of actions staff decide on: the phone agent's bookings, changes, cancellations and messages, each
 * linked to its call and tool invocation, and bookings waiting for approval from any channel.
 */
export const approvals = sqliteTable(
  "approvals",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    kind: text("kind", { enum: approvalKinds }).notNull(),
    status: text("status", { enum: approvalStatuses }).notNull().default("pending"),
    appointmentId: text("appointment_id").references(() => appointments.id, { onDelete: "cascade" }),
    callId: text("call_id").references(() => calls.id, { onDelete: "set null" }),
    providerCallId: text("provider_call_id"),
    toolInvocationId: text("tool_invocation_id").references(() => toolInvocations.id, { onDelete: "set null" }),
    messageId: text("message_id").references(() => callerMessages.id, { onDelete: "cascade" }),
    /** What the agent proposed (a time and staff member, a reason). */
    proposal: text("proposal", { mode: "json" }).$type<ApprovalProposal>().notNull().default({}),
    /** What staff changed before approving. */
    edited: text("edited", { mode: "json" }).$type<ApprovalProposal>(),
    /** Why it was rejected, or why approving failed. */
    reason: text("reason"),
    /** The user who decided. */
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
  },
  (t) => [
    uniqueIndex("approvals_tool_invocation").on(t.tenantId, t.toolInvocationId).where(sql`${t.toolInvocationId} is not null`),
    uniqueIndex("approvals_pending_per_appointment").on(t.tenantId, t.appointmentId, t.kind).where(sql`${t.status} = 'pending'`),
    index("approvals_queue").on(t.tenantId, t.status, t.createdAt),
    // The periodic task's search for requests past deciding, across businesses.
    index("approvals_expiring").on(t.expiresAt).where(sql`${t.status} = 'pending'`),
  ],
);
