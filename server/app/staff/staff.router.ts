import { z } from "zod";
import { appointmentOutput, appointmentStatuses, createBookingInput, FrontdeskError, instantSchema, multiLineText, singleLineText } from "@frontdesk/core";
import { forTenant } from "@frontdesk/db";
import { toSummary } from "../appointments/present";
import { router, secretProcedure } from "../trpc";

const appointmentId = z.object({ appointmentId: z.string().min(1, "Required.") });

/** What staff do with appointments, authorised by the business's secret key. */
export const staffRouter = router({
  appointments: secretProcedure
    .input(
      z.object({
        from: instantSchema,
        to: instantSchema,
        statuses: z.array(z.enum(appointmentStatuses)).optional(),
        staffId: z.string().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await forTenant(ctx.app.db, ctx.tenant.id).appointmentList({
        fromMs: Date.parse(input.from),
        toMs: Date.parse(input.to),
        ...(input.statuses ? { statuses: input.statuses } : {}),
        ...(input.staffId ? { staffId: input.staffId } : {}),
      });
      return rows.map((row) => ({
        ...toSummary(row, ctx.tenant, ctx.app.now()),
        customerEmail: row.customer.email,
        customerPhone: row.customer.phone,
        channel: row.appointment.channel,
        notes: row.appointment.notes,
        staffNotes: row.appointment.staffNotes,
        statusReason: row.appointment.statusReason,
        expiresAt: row.appointment.expiresAt === null ? null : new Date(row.appointment.expiresAt).toISOString(),
      }));
    }),

  /** A booking made by staff (e.g. on the phone): never needs approval. */
  book: secretProcedure
    .input(createBookingInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.create(ctx.tenant, input, "staff")),

  approve: secretProcedure
    .input(appointmentId)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.approve(ctx.tenant, input.appointmentId)),

  reject: secretProcedure
    .input(appointmentId.extend({ reason: singleLineText().min(1, "Say why, for the customer.").max(500) }))
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.reject(ctx.tenant, input.appointmentId, input.reason)),

  cancel: secretProcedure
    .input(appointmentId.extend({ reason: singleLineText().max(500).optional() }))
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.cancel(ctx.tenant, input.appointmentId, { actor: "staff", reason: input.reason ?? null })),

  reschedule: secretProcedure
    .input(appointmentId.extend({ start: instantSchema }))
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.reschedule(ctx.tenant, input.appointmentId, input.start, { actor: "staff" })),

  markCompleted: secretProcedure
    .input(appointmentId)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.markCompleted(ctx.tenant, input.appointmentId)),

  markNoShow: secretProcedure
    .input(appointmentId)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.markNoShow(ctx.tenant, input.appointmentId)),

  setNotes: secretProcedure
    .input(appointmentId.extend({ notes: multiLineText().max(5000, "Use at most 5000 characters.") }))
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.setNotes(ctx.tenant, input.appointmentId, input.notes)),

  customerHistory: secretProcedure
    .input(z.object({ customerId: z.string().optional(), email: z.email().optional() }))
    .query(({ ctx, input }) => {
      if (!input.customerId && !input.email) throw new FrontdeskError("VALIDATION_FAILED", "Give a customerId or an email.", { field: "email" });
      return ctx.app.lifecycle.customerHistory(ctx.tenant, input);
    }),
});
