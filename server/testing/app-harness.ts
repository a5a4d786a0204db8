import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Messenger } from "@frontdesk/core";
import { forTenant, migrateDb, openDb, type Db, type Tenant } from "@frontdesk/db";
import { createApp, type App, type AppOptions } from "../app/create-app";
import { demoTenantId, seedDemoTenant } from "../app/demo/seed";
import { testClockStart } from "./start-server";

const migrationsFolder = fileURLToPath(new URL("../../packages/db/migrations", import.meta.url));

/** The server secret every test app signs with: a second app on the same database (a second worker) uses it too. */
export const testSigningSecret = "test-signing-secret";

export interface TestClock {
  now(): number;
  advance(ms: number): void;
  set(instant: number): void;
}

export interface TestApp {
  app: App;
  db: Db;
  clock: TestClock;
  tenantId: string;
  /** The demo clinic's row as it is now, as a request's middleware would load it. */
  tenant(): Promise<Tenant>;
  close(): Promise<void>;
}

/**
 * The application services on a fresh libSQL file with the demo clinic, driven by a clock the test moves:
 * for behaviour that takes minutes or days (holds, approvals lapsing, reminders, retries).
 */
export async function startTestApp(
  options: { messenger?: Messenger | null; start?: number; webhooks?: AppOptions["webhooks"]; phone?: AppOptions["phone"]; calendar?: AppOptions["calendar"] } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-app-"));
  const db = await openDb(`file:${join(dir, "frontdesk.db")}`);
  await migrateDb(db, migrationsFolder);
  let instant = options.start ?? Date.parse(testClockStart);
  const clock: TestClock = { now: () => instant, advance: (ms) => (instant += ms), set: (at) => (instant = at) };
  await seedDemoTenant(db, clock.now());
  const app = createApp(db, clock.now, {
    secret: testSigningSecret,
    publicUrl: "http://frontdesk.test",
    messenger: options.messenger ?? null,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.phone ? { phone: options.phone } : {}),
    ...(options.calendar ? { calendar: options.calendar } : {}),
  });
  return {
    app,
    db,
    clock,
    tenantId: demoTenantId,
    tenant: async () => (await forTenant(db, demoTenantId).tenant())!,
    async close() {
      await app.notifications.settled();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
