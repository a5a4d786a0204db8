import { bookingRouter } from "./booking/booking.router";
import { configRouter } from "./config/config.router";
import { embedSessionsRouter } from "./embed-sessions/embed-sessions.router";
import { manageRouter } from "./manage/manage.router";
import { sandboxRouter } from "./sandbox/sandbox.router";
import { staffRouter } from "./staff/staff.router";
import { router } from "./trpc";

export const appRouter = router({
  booking: bookingRouter,
  manage: manageRouter,
  sandbox: sandboxRouter,
  staff: staffRouter,
  config: configRouter,
  embedSessions: embedSessionsRouter,
});

export type AppRouter = typeof appRouter;
