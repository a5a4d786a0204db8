import { FrontdeskError, localDateOf, type ApprovalKind, type ApprovalProposal, type ToolArgs } from "@frontdesk/core";
import { forTenant, randomId } from "@frontdesk/db";
import { customerChangeGuard, whyUnchangeable } from "../appointments/change-policy";
import type { AppointmentDetail } from "../appointments/present";
import { answer } from "./phrases";
import type { ToolContext, ToolDeps, ToolResult } from "./tool-context";

/**
 * `reschedule_appointment` and `cancel_appointment`: only the caller's own appointments (found by the number they call
 * from), under the cancellation notice the manage links keep; with approval required, a proposal for staff instead.
 */
export function changeTools({ db, now, booking, lifecycle }: ToolDeps) {
  /** The caller's next active appointment, or the one they named if it is theirs. */
  async function callersAppointment(context: ToolContext, appointmentId: string | undefined): Promise<AppointmentDetail | undefined> {
    if (!context.callerE164) return undefined;
    const scope = forTenant(db, context.tenant.id);
    const customer = await scope.customerByPhone(context.callerE164);
    if (!customer) return undefined;
    const upcoming = await scope.appointmentList({ customerId: customer.id, statuses: ["pending", "confirmed"], fromMs: now(), limit: 20 });
    return appointmentId ? upcoming.find((row) => row.appointment.id === appointmentId) : upcoming[0];
  }

  /** A change staff decide on: one pending approval per appointment and kind, so a second request answers as the first. */
  async function propose(context: ToolContext, detail: AppointmentDetail, kind: ApprovalKind, proposal: ApprovalProposal): Promise<string | undefined> {
    const { tenant, call } = context;
    try {
      return await db.write(async (writer) => {
        const scope = forTenant(writer, tenant.id);
        const pending = await scope.pendingApprovalOf(detail.appointment.id, kind);
        if (pending) return pending.id;
        const approval = await scope.addApproval({
          id: randomId("apr"),
          kind,
          appointmentId: detail.appointment.id,
          providerCallId: call.providerCallId,
          toolInvocationId: context.invocationId,
          proposal,
          createdAt: now(),
          expiresAt: detail.appointment.startAt,
        });
        return approval?.id;
      });
    } catch (error) {
      // Two requests raced for the one pending approval (a unique index): the loser answers with the winner's.
      const winner = await forTenant(db, tenant.id).pendingApprovalOf(detail.appointment.id, kind);
      if (!winner) throw error;
      return winner.id;
    }
  }

  const tooLate = (context: ToolContext) => ({ answer: answer("TOO_LATE_TO_CHANGE", context.speak.say("tooLate", { hours: context.tenant.cancellationNoticeHours })) });
  const notFound = (context: ToolContext) => ({ answer: answer("NOT_FOUND", context.speak.say("noAppointment")) });

  return {
    async reschedule_appointment(context: ToolContext, args: ToolArgs["reschedule_appointment"]): Promise<ToolResult> {
      const { tenant, speak } = context;
      const detail = await callersAppointment(context, args.appointment);
      if (!detail) return notFound(context);
      if (whyUnchangeable(detail, tenant, now())) return tooLate(context);
      const start = Date.parse(args.new_start);
      if (start <= now()) return { answer: answer("PAST_DATE", speak.say("pastStart")) };
      const { appointment, service } = detail;
      const when = speak.when(start);
      const taken = { answer: answer("SLOT_TAKEN", speak.say("slotTaken", { when })) };
      if (context.agent.requireApproval) {
        // Not held: staff approve the move only if the time is still free then.
        const day = localDateOf(start, tenant.timeZone);
        const { slots } = await booking.availability(tenant, { serviceId: service.id, from: day, to: day }, appointment.id);
        if (!slots.some((slot) => Date.parse(slot.start) === start)) return taken;
        const approvalId = await propose(context, detail, "reschedule", { start: new Date(start).toISOString() });
        return { answer: answer("PENDING_APPROVAL", speak.say("movePending", { service: service.name, when }), { appointment_id: appointment.id }), appointmentId: appointment.id, ...(approvalId ? { approvalId } : {}) };
      }
      try {
        const moved = await lifecycle.reschedule(tenant, appointment.id, new Date(start).toISOString(), { actor: "agent", guard: customerChangeGuard(now, "appointment") });
        const vars = { service: moved.serviceName, when: speak.when(Date.parse(moved.start)), staff: moved.staffName };
        return { answer: answer("BOOKED", speak.say("moved", vars), { appointment_id: moved.id, start: moved.start }), appointmentId: moved.id };
      } catch (error) {
        if (error instanceof FrontdeskError && error.code === "CHANGE_WINDOW_CLOSED") return tooLate(context);
        if (error instanceof FrontdeskError && (error.field === "start" || error.code === "SLOT_TAKEN")) return taken;
        throw error;
      }
    },

    async cancel_appointment(context: ToolContext, args: ToolArgs["cancel_appointment"]): Promise<ToolResult> {
      const { tenant, speak } = context;
      const detail = await callersAppointment(context, args.appointment);
      if (!detail) return notFound(context);
      if (whyUnchangeable(detail, tenant, now())) return tooLate(context);
      const { appointment, service } = detail;
      const vars = { service: service.name, when: speak.when(appointment.startAt) };
      if (context.agent.requireApproval) {
        const approvalId = await propose(context, detail, "cancel", args.reason ? { reason: args.reason } : {});
        return { answer: answer("PENDING_APPROVAL", speak.say("cancelPending", vars), { appointment_id: appointment.id }), appointmentId: appointment.id, ...(approvalId ? { approvalId } : {}) };
      }
      try {
        await lifecycle.cancel(tenant, appointment.id, { actor: "agent", reason: args.reason ?? null, guard: customerChangeGuard(now, "appointment") });
      } catch (error) {
        if (error instanceof FrontdeskError && error.code === "CHANGE_WINDOW_CLOSED") return tooLate(context);
        throw error;
      }
      return { answer: answer("CANCELLED", speak.say("cancelled", vars), { appointment_id: appointment.id }), appointmentId: appointment.id };
    },
  };
}
