import { useRuntimeConfig } from "nitro/runtime-config";
import { defaultDatabaseUrl, migrateDb, openDb, type Db } from "@frontdesk/db";
import { bookingService, type BookingService } from "./booking/booking.service";
import { seedDemoTenant } from "./demo/seed";

export interface App {
  db: Db;
  booking: BookingService;
  now: () => number;
}

let starting: Promise<App> | undefined;

/** The application services, created once per process: database opened, migrated and (on first start) seeded. */
export function useApp(): Promise<App> {
  starting ??= startApp().catch((error) => {
    starting = undefined;
    throw error;
  });
  return starting;
}

async function startApp(): Promise<App> {
  const { migrationsFolder } = useRuntimeConfig() as { migrationsFolder: string };
  const db = await openDb(process.env.DATABASE_URL || defaultDatabaseUrl, { authToken: process.env.DATABASE_AUTH_TOKEN });
  await migrateDb(db, process.env.MIGRATIONS_FOLDER || migrationsFolder);
  const now = () => Date.now();
  if (process.env.SEED_DEMO !== "false") {
    const seeded = await seedDemoTenant(db, now());
    if (seeded) {
      console.log(`Seeded the demo tenant "${seeded.name}" (sandbox).`);
      console.log(`Demo publishable key: ${seeded.publishableKey}`);
    }
  }
  return { db, booking: bookingService(db, now), now };
}
