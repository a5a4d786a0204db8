import { definePlugin } from "nitro";
import { runTask } from "nitro/task";
import { useApp } from "../app/context";

/** How often due messages are sent and lapsed requests expire; `TASK_INTERVAL_SECONDS` changes it. */
const intervalMs = Number(process.env.TASK_INTERVAL_SECONDS ?? 30) * 1000;
const periodicTasks = ["notifications:deliver", "appointments:expire"];

export default definePlugin((nitroApp) => {
  // Migrate and seed at boot rather than on the first request; a server that cannot use its database must not listen.
  useApp().catch((error) => {
    console.error("Frontdesk could not start:", error);
    process.exit(1);
  });

  // A plain unref'd timer rather than cron scheduling: it must not keep a stopping server alive.
  const timer = setInterval(() => {
    for (const name of periodicTasks) runTask(name).catch((error: unknown) => console.error(`Task ${name} failed:`, error));
  }, intervalMs);
  timer.unref();

  nitroApp.hooks.hook("close", async () => {
    clearInterval(timer);
    const app = await useApp().catch(() => undefined);
    if (!app) return;
    await app.notifications.settled();
    app.db.close();
  });
});
