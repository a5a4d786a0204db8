import { appointmentOutput, availabilityInput, availabilityOutput, catalogOutput, createBookingInput } from "@frontdesk/core";
import { publishableProcedure, router } from "../trpc";

export const bookingRouter = router({
  catalog: publishableProcedure.output(catalogOutput).query(({ ctx }) => ctx.app.booking.catalog(ctx.tenantId)),

  availability: publishableProcedure
    .input(availabilityInput)
    .output(availabilityOutput)
    .query(({ ctx, input }) => ctx.app.booking.availability(ctx.tenantId, input)),

  create: publishableProcedure
    .input(createBookingInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.create(ctx.tenantId, input)),
});
