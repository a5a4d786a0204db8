import {
  appointmentOutput,
  availabilityInput,
  availabilityOutput,
  catalogOutput,
  createBookingInput,
  holdInput,
  holdOutput,
  nothingOutput,
  releaseHoldInput,
} from "@frontdesk/core";
import { declaredOutput, visitorProcedure } from "../auth/procedures";
import { router } from "../trpc";

/** What a web page's booking widget calls, with the business's publishable key. */
export const bookingRouter = router({
  catalog: visitorProcedure.output(catalogOutput).query(({ ctx }) => ctx.app.booking.catalog(ctx.tenant)),

  // The hot path (hundreds of slots per answer, built from typed rows): declared, not re-checked on the way out.
  availability: visitorProcedure
    .input(availabilityInput)
    .output(declaredOutput(availabilityOutput))
    .query(({ ctx, input }) => ctx.app.booking.availability(ctx.tenant, input)),

  // Holds count apart from bookings: a visitor refused a hold must still be able to book.
  hold: visitorProcedure
    .meta({ rate: "holds" })
    .input(holdInput)
    .output(holdOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.hold(ctx.tenant, input, ctx.client?.id ?? null)),

  releaseHold: visitorProcedure
    .meta({ rate: "holds" })
    .input(releaseHoldInput)
    .output(nothingOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.releaseHold(ctx.tenant, input.holdId)),

  create: visitorProcedure
    .input(createBookingInput)
    .output(appointmentOutput)
    .mutation(({ ctx, input }) => ctx.app.booking.create(ctx.tenant, input)),
});
