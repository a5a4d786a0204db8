import { useRuntimeConfig } from "nitro/runtime-config";
import { useStorage } from "nitro/storage";
import { migrateDb, openDb } from "@frontdesk/db";
import { serverClock } from "./clock";
import { createApp, type App } from "./create-app";
import { seedDemoTenant } from "./demo/seed";
import { loadSigningSecret } from "./manage/manage-links";
import { calendarProviders } from "./calendar-sync/providers";
import { sandboxProviders } from "./phone/sandbox";
import { createProviders } from "./providers";
import { settings } from "./settings";
import { fileStoreFor } from "./stored-files";

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
  const config = settings();
  const { migrationsFolder } = useRuntimeConfig() as { migrationsFolder: string };
  const db = await openDb(config.databaseUrl, { authToken: config.databaseAuthToken, synchronous: config.databaseSynchronous });
  await migrateDb(db, config.migrationsFolder ?? migrationsFolder);
  const now = serverClock(config.clockStart);
  const app = createApp(db, now, {
    secret: await loadSigningSecret(db, config.signingSecret),
    publicUrl: config.publicUrl,
    messenger: createProviders(config).messenger,
    ...(config.smtp?.from ? { from: config.smtp.from } : {}),
    // A shared driver mounted at `limits` (e.g. Redis) makes the counters hold across server processes.
    limits: { settings: config.limits, store: useStorage("limits") },
    trustedOrigins: config.trustedOrigins,
    adminEmails: config.adminEmails,
    webhooks: config.webhooks,
    // Letters of Authorization and call recordings: the `documents` and `recordings` mounts of nitro.config.ts if it
    // has them, else folders of those names beside the database file (docs/server.md).
    documents: fileStoreFor(useStorage(), "documents", config.databaseUrl),
    recordings: fileStoreFor(useStorage(), "recordings", config.databaseUrl),
    phone: {
      sandbox: await sandboxProviders(config.phone, fileStoreFor(useStorage(), "sandbox", config.databaseUrl)),
      platform: { ...(config.phone.retell ? { retell: config.phone.retell } : {}), ...(config.phone.twilio ? { twilio: config.phone.twilio } : {}) },
    },
    calendar: {
      providers: await calendarProviders(config.calendar, { publicUrl: config.publicUrl, now, sandbox: config.phone.sandbox }),
      ...(config.calendar.tokenKeys ? { tokenKeys: config.calendar.tokenKeys } : {}),
    },
  });
  // Only the sandbox start (`pnpm start`) and tests ask for the demo: its key works on any site.
  if (config.seedDemo) {
    const seeded = await seedDemoTenant(db, now(), config.demo);
    if (seeded) {
      console.log(`Seeded the demo tenant "${seeded.name}" (sandbox).`);
      console.log(`Demo publishable key: ${seeded.publishableKey}`);
      console.log(`Demo secret key (shown once, keep it safe): ${seeded.secretKey}`);
    }
  }
  return app;
}
