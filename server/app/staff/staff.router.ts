import {
  appointmentIdInput,
  appointmentOutput,
  availabilityInput,
  availabilityOutput,
  createBookingInput,
  customerHistoryInput,
  customerHistoryOutput,
  rejectInput,
  staffAppointmentsInput,
  staffAppointmentsOutput,
  staffCancelInput,
  staffAppointmentOutput,
  staffNotesInput,
  staffRescheduleInput,
} from "@frontdesk/core";
import { ownStaffId, requireOwnStaff, type BusinessServer, type EmbedSession, type StaffSession } from "../auth/principal";
import { businessProcedure, declaredOutput } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router, type RequestContext } from "../trpc";

const reader = businessProcedure("bookings:read");
const writer = businessProcedure("bookings:write");

type Acting = RequestContext & { principal: BusinessServer | EmbedSession | StaffSession; tenant: BusinessServer["tenant"] };

/** Before a change to one appointment: a staff-role principal changes only their own (`requireOwnStaff`). */
async function mustOwn(ctx: Acting, appointmentId: string, call: string): Promise<void> {
  if (ownStaffId(ctx.principal) === undefined) return;
  const { detail } = await ctx.app.lifecycle.load(ctx.tenant, appointmentId);
  requireOwnStaff(ctx.principal, detail.appointment.staffId, call, "appointmentId");
}

/** What staff do with appointments, authorised by the business's secret key. */
export const staffRouter = router({
  /** The free times the booking widget shows, for the business's own server (or staff booking on the phone). */
  availability: reader
    .meta(rest("GET", "/availability", "bookings", "getAvailability", "Free times for a service", "The bookable start times between two local dates (at most 62 days apart), in the business's zone."))
    .input(availabilityInput)
    .output(declaredOutput(availabilityOutput))
    .query(({ ctx, input }) => ctx.app.booking.availability(ctx.tenant, input)),

  appointments: reader
    .meta(rest("GET", "/appointments", "appointments", "listAppointments", "Appointments starting between two instants"))
    .input(staffAppointmentsInput)
    .output(staffAppointmentsOutput)
    .query(({ ctx, input, path }) => {
      if (input.staffId !== undefined) requireOwnStaff(ctx.principal, input.staffId, path);
      return ctx.app.appointments.forStaff(ctx.tenant, input, ownStaffId(ctx.principal));
    }),

  appointment: reader
    .meta(rest("GET", "/appointments/{appointmentId}", "appointments", "getAppointment", "One appointment"))
    .input(appointmentIdInput)
    .output(staffAppointmentOutput)
    .query(({ ctx, input }) => ctx.app.appointments.oneForStaff(ctx.tenant, input.appointmentId, ownStaffId(ctx.principal))),

  /** A booking made by the business (its server, or staff on the phone): never needs approval. */
  book: writer
    .meta(rest("POST", "/bookings", "bookings", "createBooking", "Book an appointment", "Books a free time for a customer. The business's own bookings are confirmed at once, never held for approval."))
    .input(createBookingInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input, path }) => {
      // A staff member books for themselves: with no staffId, theirs; with another's, refused.
      const own = ownStaffId(ctx.principal);
      if (own !== undefined) requireOwnStaff(ctx.principal, input.staffId ?? own ?? "", path);
      return ctx.app.booking.create(ctx.tenant, own ? { ...input, staffId: own } : input, "staff");
    }),

  approve: writer
    .meta(rest("POST", "/appointments/{appointmentId}/approve", "appointments", "approveAppointment", "Approve a pending request"))
    .input(appointmentIdInput)
    .output(appointmentOutput)
    .mutation(async ({ ctx, input, path }) => {
      await mustOwn(ctx, input.appointmentId, path);
      return ctx.app.lifecycle.approve(ctx.tenant, input.appointmentId);
    }),

  reject: writer
    .meta(rest("POST", "/appointments/{appointmentId}/reject", "appointments", "rejectAppointment", "Decline a pending request, saying why"))
    .input(rejectInput)
    .output(appointmentOutput)
    .mutation(async ({ ctx, input, path }) => {
      await mustOwn(ctx, input.appointmentId, path);
      return ctx.app.lifecycle.reject(ctx.tenant, input.appointmentId, input.reason);
    }),

  cancel: writer
    .meta(rest("POST", "/appointments/{appointmentId}/cancel", "appointments", "cancelAppointment", "Cancel an appointment"))
    .input(staffCancelInput)
    .output(appointmentOutput)
    .mutation(async ({ ctx, input, path }) => {
      await mustOwn(ctx, input.appointmentId, path);
      return ctx.app.lifecycle.cancel(ctx.tenant, input.appointmentId, { actor: "staff", reason: input.reason ?? null });
    }),

  reschedule: writer
    .meta(rest("POST", "/appointments/{appointmentId}/reschedule", "appointments", "rescheduleAppointment", "Move an appointment to another free time"))
    .input(staffRescheduleInput)
    .output(appointmentOutput)
    .mutation(async ({ ctx, input, path }) => {
      await mustOwn(ctx, input.appointmentId, path);
      return ctx.app.lifecycle.reschedule(ctx.tenant, input.appointmentId, input.start, { actor: "staff", keepStaff: ownStaffId(ctx.principal) !== undefined });
    }),

  markCompleted: writer
    .meta(rest("POST", "/appointments/{appointmentId}/complete", "appointments", "completeAppointment", "Mark an appointment as done"))
    .input(appointmentIdInput)
    .output(appointmentOutput)
    .mutation(async ({ ctx, input, path }) => {
      await mustOwn(ctx, input.appointmentId, path);
      return ctx.app.lifecycle.markCompleted(ctx.tenant, input.appointmentId);
    }),

  markNoShow: writer
    .meta(rest("POST", "/appointments/{appointmentId}/no-show", "appointments", "markNoShow", "Mark that the customer did not come"))
    .input(appointmentIdInput)
    .output(appointmentOutput)
    .mutation(async ({ ctx, input, path }) => {
      await mustOwn(ctx, input.appointmentId, path);
      return ctx.app.lifecycle.markNoShow(ctx.tenant, input.appointmentId);
    }),

  setNotes: writer
    .meta(rest("PUT", "/appointments/{appointmentId}/notes", "appointments", "setStaffNotes", "Replace the staff's notes on an appointment"))
    .input(staffNotesInput)
    .output(appointmentOutput)
    .mutation(async ({ ctx, input, path }) => {
      await mustOwn(ctx, input.appointmentId, path);
      return ctx.app.lifecycle.setNotes(ctx.tenant, input.appointmentId, input.notes);
    }),

  customerHistory: reader
    .meta(rest("GET", "/customers/history", "appointments", "getCustomerHistory", "A customer's appointments and what happened to them"))
    .input(customerHistoryInput)
    .output(customerHistoryOutput)
    .query(({ ctx, input }) => ctx.app.lifecycle.customerHistory(ctx.tenant, input, ownStaffId(ctx.principal))),
});
