import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { migrateDb, openDb, type Db } from "./client";
import { sqlClientOf } from "./testing";

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
const dirs: string[] = [];
let db: Db | undefined;

afterEach(() => {
  db?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The migrations as the first release shipped them: only the first `count` entries of the journal. */
function firstMigrations(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-migrations-"));
  dirs.push(dir);
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return dir;
}

describe("database migrations", () => {
  it("upgrade a database made by the first release, keeping its bookings and the double-booking guard", async () => {
    const dir = mkdtempSync(join(tmpdir(), "frontdesk-upgrade-"));
    dirs.push(dir);
    db = await openDb(`file:${join(dir, "frontdesk.db")}`);
    await migrateDb(db, firstMigrations(2));
    await sqlClientOf(db).batch([
      "insert into tenants (id, name, time_zone) values ('ten_a', 'A', 'UTC')",
      "insert into services (tenant_id, id, name, duration_min) values ('ten_a', 'svc_a', 'Cut', 30)",
      "insert into staff (tenant_id, id, name) values ('ten_a', 'stf_a', 'Kim')",
      "insert into holidays (tenant_id, id, date, name) values ('ten_a', 'hol_a', '2026-12-25', 'Christmas')",
      "insert into customers (tenant_id, id, name, email) values ('ten_a', 'cus_a', 'Ada', 'ada@example.com')",
      `insert into appointments (tenant_id, id, service_id, staff_id, customer_id, status, start_at, end_at, blocked_start, blocked_end)
       values ('ten_a', 'apt_a', 'svc_a', 'stf_a', 'cus_a', 'confirmed', 1000, 2000, 1000, 2000)`,
    ]);

    await migrateDb(db, migrationsFolder);

    const appointment = await sqlClientOf(db).execute("select status, customer_id, sequence, assigned_by from appointments where id = 'apt_a'");
    expect(appointment.rows[0]).toMatchObject({ status: "confirmed", customer_id: "cus_a", sequence: 0, assigned_by: "customer" });
    const service = await sqlClientOf(db).execute("select capacity, active from services where id = 'svc_a'");
    expect(service.rows[0]).toMatchObject({ capacity: 1, active: 1 });
    const holiday = await sqlClientOf(db).execute("select name, start_min from holidays where id = 'hol_a'");
    expect(holiday.rows[0]).toMatchObject({ name: "Christmas", start_min: null });
    await expect(
      sqlClientOf(db).execute(`insert into appointments (tenant_id, id, service_id, staff_id, customer_id, status, start_at, end_at, blocked_start, blocked_end)
        values ('ten_a', 'apt_b', 'svc_a', 'stf_a', 'cus_a', 'confirmed', 1500, 2500, 1500, 2500)`),
    ).rejects.toThrow(/SLOT_TAKEN/);
  });

  it("give every message still waiting in an older database a delivery job, due when the message was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "frontdesk-upgrade-"));
    dirs.push(dir);
    db = await openDb(`file:${join(dir, "frontdesk.db")}`);
    await migrateDb(db, firstMigrations(5));
    const message = (id: string, status: string) =>
      `insert into notifications (tenant_id, id, kind, dedupe_key, channel, recipient, subject, text, send_at, status, attempts, next_attempt_at)
       values ('ten_a', '${id}', 'reminder', '${id}', 'email', 'ada@example.com', 'Reminder', 'See you', 1000, '${status}', 1, 61000)`;
    await sqlClientOf(db).batch(["insert into tenants (id, name, time_zone) values ('ten_a', 'A', 'UTC')", message("ntf_waiting", "queued"), message("ntf_sent", "sent")]);

    await migrateDb(db, migrationsFolder);

    const queued = await sqlClientOf(db).execute("select tenant_id, kind, key, payload, status, run_at, attempts from jobs");
    expect(queued.rows.map((row) => ({ ...row }))).toEqual([
      { tenant_id: "ten_a", kind: "notification.deliver", key: "ntf_waiting", payload: '{"notificationId":"ntf_waiting"}', status: "queued", run_at: 61000, attempts: 1 },
    ]);
  });
});
