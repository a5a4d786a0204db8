import { z } from "zod";
import {
  appointmentOutput,
  availabilityInput,
  availabilityOutput,
  catalogOutput,
  createBookingInput,
  holdInput,
  holdOutput,
  releaseHoldInput,
} from "@frontdesk/core";
import { publishableProcedure, router } from "../trpc";

export const bookingRouter = router({
  catalog: publishableProcedure.output(catalogOutput).query(({ ctx }) => ctx.app.booking.catalog(ctx.tenantId)),

  availability: publishableProcedure
    .input(availabilityInput)
    .output(availabilityOutput)
    .query(({ ctx, input }) => ctx.app.booking.availability(ctx.tenantId, input)),

  hold: publishableProcedure
    .input(holdInput)
    .output(holdOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.hold(ctx.tenantId, input)),

  releaseHold: publishableProcedure
    .input(releaseHoldInput)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.app.booking.releaseHold(ctx.tenantId, input.holdId)),

  create: publishableProcedure
    .input(createBookingInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.create(ctx.tenantId, input)),
});
