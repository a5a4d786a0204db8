import { availabilityOutput, manageAvailabilityInput, manageCancelInput, managedAppointmentOutput, manageGetInput, manageRescheduleInput } from "@frontdesk/core";
import type { Tenant } from "@frontdesk/db";
import type { ManageLinkHolder } from "../auth/principal";
import { manageLinkProcedure } from "../auth/procedures";
import { router } from "../trpc";

/** The appointment the link's holder may see and change, in the business the link belongs to. */
const linkOf = (ctx: { tenant: Tenant; principal: ManageLinkHolder }) => ({ tenant: ctx.tenant, appointmentId: ctx.principal.appointmentId });

/** The customer's manage link: the signed token is the only credential, so no key is needed. */
export const manageRouter = router({
  get: manageLinkProcedure
    .input(manageGetInput)
    .output(managedAppointmentOutput)
    .query(({ ctx }) => ctx.app.manage.get(linkOf(ctx))),

  availability: manageLinkProcedure
    .input(manageAvailabilityInput)
    .output(availabilityOutput)
    .query(({ ctx, input }) => ctx.app.manage.availability(linkOf(ctx), input)),

  reschedule: manageLinkProcedure
    .input(manageRescheduleInput)
    .output(managedAppointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.manage.reschedule(linkOf(ctx), input.start)),

  cancel: manageLinkProcedure
    .input(manageCancelInput)
    .output(managedAppointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.manage.cancel(linkOf(ctx), input.reason)),
});
