import {
  appointmentIdInput,
  appointmentOutput,
  createBookingInput,
  customerHistoryInput,
  customerHistoryOutput,
  rejectInput,
  staffAppointmentsInput,
  staffAppointmentsOutput,
  staffCancelInput,
  staffNotesInput,
  staffRescheduleInput,
} from "@frontdesk/core";
import { businessProcedure } from "../auth/procedures";
import { router } from "../trpc";

const reader = businessProcedure("bookings:read");
const writer = businessProcedure("bookings:write");

/** What staff do with appointments, authorised by the business's secret key. */
export const staffRouter = router({
  appointments: reader
    .input(staffAppointmentsInput)
    .output(staffAppointmentsOutput)
    .query(({ ctx, input }) => ctx.app.appointments.forStaff(ctx.tenant, input)),

  /** A booking made by staff (e.g. on the phone): never needs approval. */
  book: writer
    .input(createBookingInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.create(ctx.tenant, input, "staff")),

  approve: writer
    .input(appointmentIdInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.approve(ctx.tenant, input.appointmentId)),

  reject: writer
    .input(rejectInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.reject(ctx.tenant, input.appointmentId, input.reason)),

  cancel: writer
    .input(staffCancelInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.cancel(ctx.tenant, input.appointmentId, { actor: "staff", reason: input.reason ?? null })),

  reschedule: writer
    .input(staffRescheduleInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.reschedule(ctx.tenant, input.appointmentId, input.start, { actor: "staff" })),

  markCompleted: writer
    .input(appointmentIdInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.markCompleted(ctx.tenant, input.appointmentId)),

  markNoShow: writer
    .input(appointmentIdInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.markNoShow(ctx.tenant, input.appointmentId)),

  setNotes: writer
    .input(staffNotesInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.lifecycle.setNotes(ctx.tenant, input.appointmentId, input.notes)),

  customerHistory: reader
    .input(customerHistoryInput)
    .output(customerHistoryOutput)
    .query(({ ctx, input }) => ctx.app.lifecycle.customerHistory(ctx.tenant, input)),
});
