import {
  availabilityOutput,
  manageAvailabilityInput,
  manageCancelInput,
  managedAppointmentOutput,
  manageGetInput,
  manageRescheduleInput,
} from "@frontdesk/core";
import { publicProcedure, router } from "../trpc";

/** The customer's manage link: the signed token is the only credential, so no key is needed. */
export const manageRouter = router({
  get: publicProcedure
    .input(manageGetInput)
    .output(managedAppointmentOutput)
    .query(({ ctx, input }) => ctx.app.manage.get(input.token)),

  availability: publicProcedure
    .input(manageAvailabilityInput)
    .output(availabilityOutput)
    .query(({ ctx, input }) => ctx.app.manage.availability(input.token, input)),

  reschedule: publicProcedure
    .input(manageRescheduleInput)
    .output(managedAppointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.manage.reschedule(input.token, input.start)),

  cancel: publicProcedure
    .input(manageCancelInput)
    .output(managedAppointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.manage.cancel(input.token, input.reason)),
});
