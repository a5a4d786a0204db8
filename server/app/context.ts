import { useRuntimeConfig } from "nitro/runtime-config";
import { useStorage } from "nitro/storage";
import { defaultDatabaseUrl, migrateDb, openDb } from "@frontdesk/db";
import { smtpMessenger } from "@frontdesk/email-smtp";
import { serverClock } from "./clock";
import { createApp, type App } from "./create-app";
import { limitSettings } from "./http/limits";
import { seedDemoTenant } from "./demo/seed";
import { loadSigningSecret } from "./manage/manage-links";

export type { App };

let starting: Promise<App> | undefined;

/** The application services, created once per process: database opened, migrated and, when asked, the demo seeded. */
export function useApp(): Promise<App> {
  starting ??= startApp().catch((error) => {
    starting = undefined;
    throw error;
  });
  return starting;
}

async function startApp(): Promise<App> {
  const { migrationsFolder } = useRuntimeConfig() as { migrationsFolder: string };
  const settings = limitSettings(process.env);
  const db = await openDb(process.env.DATABASE_URL || defaultDatabaseUrl, { authToken: process.env.DATABASE_AUTH_TOKEN });
  await migrateDb(db, process.env.MIGRATIONS_FOLDER || migrationsFolder);
  const now = serverClock(process.env.FRONTDESK_CLOCK);
  const app = createApp(db, now, {
    secret: await loadSigningSecret(db),
    publicUrl: process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`,
    messenger: process.env.SMTP_URL ? smtpMessenger(process.env.SMTP_URL, { from: process.env.SMTP_FROM }) : null,
    ...(process.env.SMTP_FROM ? { from: process.env.SMTP_FROM } : {}),
    // A shared driver mounted at `limits` (e.g. Redis) makes the counters hold across server processes.
    limits: { settings, store: useStorage("limits") },
  });
  // Only the sandbox start (`pnpm start`) and tests ask for the demo: its key works on any site.
  if (process.env.SEED_DEMO === "true") {
    const seeded = await seedDemoTenant(db, now());
    if (seeded) {
      console.log(`Seeded the demo tenant "${seeded.name}" (sandbox).`);
      console.log(`Demo publishable key: ${seeded.publishableKey}`);
      console.log(`Demo secret key (shown once, keep it safe): ${seeded.secretKey}`);
    }
  }
  return app;
}
