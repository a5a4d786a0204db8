import { bookingRouter } from "./booking/booking.router";
import { configRouter } from "./config/config.router";
import { manageRouter } from "./manage/manage.router";
import { sandboxRouter } from "./sandbox/sandbox.router";
import { staffRouter } from "./staff/staff.router";
import { router } from "./trpc";
import { webhooksRouter } from "./webhooks-out/webhooks.router";

export const appRouter = router({
  booking: bookingRouter,
  manage: manageRouter,
  sandbox: sandboxRouter,
  staff: staffRouter,
  config: configRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
