import { definePlugin } from "nitro";
import { runTask } from "nitro/task";
import { useApp } from "../app/context";
import { dropLogsWhenOutputCloses } from "../app/output";
import { closeSandboxProviders } from "../app/phone/sandbox";
import { closeCalendarProviders } from "../app/calendar-sync/providers";
import { settings, type Settings } from "../app/settings";

const periodicTasks = ["jobs:run", "appointments:expire", "calendar:care"];

export default definePlugin((nitroApp) => {
  dropLogsWhenOutputCloses();

  // A wrong setting stops the start here, before the database is touched, with the variables to fix.
  let config: Settings;
  try {
    config = settings();
  } catch (error) {
    console.error(`Frontdesk could not start: ${(error as Error).message}`);
    process.exit(1);
  }

  // Migrate and seed at boot rather than on the first request; a server that cannot use its database must not listen.
  useApp().catch((error) => {
    console.error("Frontdesk could not start:", error);
    process.exit(1);
  });

  // A plain unref'd timer rather than cron scheduling: it must not keep a stopping server alive.
  const timer = setInterval(() => {
    for (const name of periodicTasks) runTask(name).catch((error: unknown) => console.error(`Task ${name} failed:`, error));
  }, config.taskIntervalMs);
  timer.unref();

  // srvx, nitro's HTTP layer, stops listening on SIGTERM or SIGINT and waits for the requests in flight. Their answers
  // close their connections, so the wait ends with the last answer rather than at the keep-alive timeout.
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, async () => {
      stopping = true;
      if (process.listenerCount(signal) > 0) return;
      // srvx leaves the signals alone when CI or TEST is set. Finish the work in hand as its stop would (a message sent
      // but not yet marked sent would go out again on the next start), then end as Node would have without this listener.
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([nitroApp.hooks.callHook("close"), timeout]).catch((error: unknown) => console.error("Stopping failed:", error));
      process.kill(process.pid, signal);
    });
  }
  nitroApp.hooks.hook("response", (response) => {
    if (stopping) response.headers.set("connection", "close");
  });

  nitroApp.hooks.hook("close", async () => {
    clearInterval(timer);
    const app = await useApp().catch(() => undefined);
    if (!app) return;
    await app.jobs.settled();
    await Promise.all([closeSandboxProviders(), closeCalendarProviders()]);
    app.db.close();
  });
});
