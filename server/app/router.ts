import { bookingRouter } from "./booking/booking.router";
import { router } from "./trpc";

export const appRouter = router({
  booking: bookingRouter,
});

export type AppRouter = typeof appRouter;
