import { accountsRouter, teamRouter } from "./accounts/accounts.router";
import { operatorsRouter } from "./accounts/operators.router";
import { auditRouter } from "./audit/audit.router";
import { bookingRouter } from "./booking/booking.router";
import { configRouter } from "./config/config.router";
import { keysRouter } from "./keys/keys.router";
import { embedSessionsRouter } from "./embed-sessions/embed-sessions.router";
import { manageRouter } from "./manage/manage.router";
import { numbersRouter } from "./numbers/numbers.router";
import { customersRouter } from "./privacy/customers.router";
import { sandboxRouter } from "./sandbox/sandbox.router";
import { staffRouter } from "./staff/staff.router";
import { router } from "./trpc";
import { webhooksRouter } from "./webhooks-out/webhooks.router";
import { agentsRouter } from "./agents/agents.router";
import { connectionsRouter } from "./agents/connections.router";
import { knowledgeRouter } from "./knowledge/knowledge.router";
import { approvalsRouter } from "./approvals/approvals.router";
import { callsRouter } from "./calls/calls.router";
import { calendarRouter } from "./calendar-sync/calendar.router";
import { calendarFeedsRouter } from "./calendar-sync/calendar-feeds.router";

export const appRouter = router({
  booking: bookingRouter,
  manage: manageRouter,
  sandbox: sandboxRouter,
  staff: staffRouter,
  config: configRouter,
  keys: keysRouter,
  accounts: accountsRouter,
  team: teamRouter,
  operators: operatorsRouter,
  audit: auditRouter,
  customers: customersRouter,
  webhooks: webhooksRouter,
  embedSessions: embedSessionsRouter,
  agents: agentsRouter,
  connections: connectionsRouter,
  knowledge: knowledgeRouter,
  numbers: numbersRouter,
  calls: callsRouter,
  approvals: approvalsRouter,
  calendar: calendarRouter,
  calendarFeeds: calendarFeedsRouter,
});

export type AppRouter = typeof appRouter;
