import { z } from "zod";
import { singleLineText } from "../text";
import { idSchema, instantSchema } from "./common";
import { approvalKinds, approvalStatuses } from "../vocabulary";

/** The one queue of AI actions staff decide on: bookings, changes, cancellations and messages, each linked to its call. */

export const approvalListInput = z.object({
  status: z.enum(approvalStatuses).default("pending"),
  kind: z.enum(approvalKinds).optional(),
  /** The last item's `cursor` of the page before. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** What the agent proposed: a time (and staff member) for a booking or a change, a reason for a cancellation. */
export const approvalProposalSchema = z.object({
  start: instantSchema.optional(),
  staffId: idSchema.optional(),
  reason: singleLineText().max(500).optional(),
});
export type ApprovalProposal = z.infer<typeof approvalProposalSchema>;

export const approvalOutput = z.object({
  id: z.string(),
  kind: z.enum(approvalKinds),
  status: z.enum(approvalStatuses),
  appointmentId: z.string().nullable(),
  callId: z.string().nullable(),
  toolInvocationId: z.string().nullable(),
  messageId: z.string().nullable(),
  /** A message approval's message, as the agent took it down: who, the number to call back, what they said. */
  message: z.object({ name: z.string(), phoneE164: z.string().nullable(), text: z.string() }).nullable(),
  proposal: approvalProposalSchema,
  edited: approvalProposalSchema.nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type Approval = z.infer<typeof approvalOutput>;
export const approvalPageOutput = z.object({ items: z.array(approvalOutput), next: z.string().nullable() });

export const approvalIdInput = z.object({ approvalId: idSchema });
/** Approve as proposed, or with a changed time or staff member (edit then approve). */
export const approveInput = z.object({ approvalId: idSchema, edited: approvalProposalSchema.optional() });
export const rejectApprovalInput = z.object({ approvalId: idSchema, reason: singleLineText().min(1, "Say why, for the caller.").max(500) });

export const bulkApprovalInput = z
  .object({
    approvalIds: z.array(idSchema).min(1, "Pick at least one.").max(100, "Decide on at most 100 at once."),
    action: z.enum(["approve", "reject"]),
    reason: singleLineText().max(500).optional(),
  })
  .refine((input) => input.action === "approve" || (input.reason?.length ?? 0) > 0, { message: "Say why, for the callers.", path: ["reason"] });

/** Each approval's own result: one that failed (its time was taken meanwhile) does not stop the others. */
export const bulkApprovalOutput = z.array(
  z.object({ approvalId: z.string(), status: z.enum(approvalStatuses), error: z.object({ code: z.string(), message: z.string() }).optional() }),
);
