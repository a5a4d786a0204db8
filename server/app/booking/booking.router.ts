import { z } from "zod";
import {
  appointmentOutput,
  availabilityInput,
  catalogOutput,
  createBookingInput,
  holdInput,
  holdOutput,
  releaseHoldInput,
  type Availability,
} from "@frontdesk/core";
import { publishableProcedure, router } from "../trpc";

export const bookingRouter = router({
  catalog: publishableProcedure.output(catalogOutput).query(({ ctx }) => ctx.app.booking.catalog(ctx.tenant)),

  // Not re-validated on the way out: it is the hot path (hundreds of slots per answer) and built from typed rows.
  availability: publishableProcedure
    .input(availabilityInput)
    .query(({ ctx, input }): Promise<Availability> => ctx.app.booking.availability(ctx.tenant, input)),

  // Holds count apart from bookings: a visitor refused a hold must still be able to book.
  hold: publishableProcedure
    .meta({ rate: "holds" })
    .input(holdInput)
    .output(holdOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.hold(ctx.tenant, input, ctx.client?.id ?? null)),

  releaseHold: publishableProcedure
    .meta({ rate: "holds" })
    .input(releaseHoldInput)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.app.booking.releaseHold(ctx.tenant, input.holdId)),

  create: publishableProcedure
    .input(createBookingInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.create(ctx.tenant, input)),
});
