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

/** How many migrations came before the one tagged `…_<name>`: its number, whatever it is renumbered to on a merge. */
function migrationsBefore(name: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith(`_${name}`));
  if (index < 0) throw new Error(`No migration named ${name}`);
  return index;
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

  it("upgrade a database of the release before the phone line: customers rebuilt, known by phone where they can be, pending bookings queued", async () => {
    const dir = mkdtempSync(join(tmpdir(), "frontdesk-upgrade-"));
    dirs.push(dir);
    db = await openDb(`file:${join(dir, "frontdesk.db")}`);
    await migrateDb(db, firstMigrations(migrationsBefore("phone_line")));
    const customer = (tenant: string, id: string, email: string, phone: string | null, erasedAt: number | null = null) =>
      `insert into customers (tenant_id, id, name, email, phone, created_at, erased_at) values ('${tenant}', '${id}', 'N', '${email}', ${phone === null ? "null" : `'${phone}'`}, ${id.slice(-1)}, ${erasedAt ?? "null"})`;
    const appointment = (id: string, customerId: string, status: string, start: number) =>
      `insert into appointments (tenant_id, id, service_id, staff_id, customer_id, status, start_at, end_at, blocked_start, blocked_end, expires_at, created_at)
       values ('ten_a', '${id}', 'svc_a', 'stf_a', '${customerId}', '${status}', ${start}, ${start + 1000}, ${start}, ${start + 1000}, ${status === "pending" ? start : "null"}, 500)`;
    await sqlClientOf(db).batch([
      "insert into tenants (id, name, time_zone) values ('ten_a', 'A', 'UTC'), ('ten_b', 'B', 'UTC')",
      "insert into services (tenant_id, id, name, duration_min) values ('ten_a', 'svc_a', 'Cut', 30)",
      "insert into staff (tenant_id, id, name) values ('ten_a', 'stf_a', 'Kim')",
      customer("ten_a", "cus_1", "one@example.com", "+1 (415) 555-0100"),
      customer("ten_a", "cus_2", "two@example.com", "+1.415.555.0100"),
      customer("ten_a", "cus_3", "three@example.com", "(415) 555-0142"),
      customer("ten_a", "cus_4", "four@example.com", null),
      customer("ten_a", "cus_5", "erased-cus_5@erased.invalid", "+14155550177", 9),
      customer("ten_b", "cus_6", "one@example.com", "+14155550100"),
      appointment("apt_1", "cus_1", "confirmed", 1_800_000_000_000),
      appointment("apt_2", "cus_3", "pending", 1_800_003_600_000),
    ]);

    await migrateDb(db, migrationsFolder);

    const sql = sqlClientOf(db);
    const customers = await sql.execute("select id, email, phone, phone_e164 from customers order by id");
    expect(customers.rows.map((row) => [row.id, row.email, row.phone_e164])).toEqual([
      ["cus_1", "one@example.com", "+14155550100"],
      // The same number again in the business: it stays with the first customer who had it.
      ["cus_2", "two@example.com", null],
      // Not written as E.164: the server reads it when the customer is next saved.
      ["cus_3", "three@example.com", null],
      ["cus_4", "four@example.com", null],
      ["cus_5", "erased-cus_5@erased.invalid", null],
      // Another business's customer may have the number too.
      ["cus_6", "one@example.com", "+14155550100"],
    ]);
    expect(customers.rows.map((row) => row.phone)).toContain("+1.415.555.0100");
    expect((await sql.execute("pragma foreign_key_check")).rows).toEqual([]);
    expect((await sql.execute("pragma integrity_check")).rows[0]).toMatchObject({ integrity_check: "ok" });

    const queued = await sql.execute("select tenant_id, kind, status, appointment_id, proposal, created_at, expires_at from approvals");
    expect(queued.rows.map((row) => ({ ...row, proposal: JSON.parse(String(row.proposal)) }))).toEqual([
      { tenant_id: "ten_a", kind: "book", status: "pending", appointment_id: "apt_2", proposal: { start: "2027-01-15T09:00:00.000Z", staffId: "stf_a" }, created_at: 500, expires_at: 1_800_003_600_000 },
    ]);

    // The rebuilt table keeps its guards, and the tables pointing at it theirs.
    await expect(sql.execute("insert into customers (tenant_id, id, name, email) values ('ten_a', 'cus_7', 'N', 'one@example.com')")).rejects.toThrow(/UNIQUE/);
    await expect(sql.execute("insert into customers (tenant_id, id, name) values ('ten_a', 'cus_8', 'Nobody')")).rejects.toThrow(/CHECK/);
    await sql.execute("insert into customers (tenant_id, id, name, phone_e164) values ('ten_a', 'cus_9', 'Caller', '+14155550199')");
    await expect(sql.execute("insert into customers (tenant_id, id, name, phone_e164) values ('ten_a', 'cus_10', 'Caller', '+14155550199')")).rejects.toThrow(/UNIQUE/);
    await expect(sql.execute(appointment("apt_3", "cus_missing", "confirmed", 1_900_000_000_000))).rejects.toThrow(/FOREIGN KEY/);
    await expect(sql.execute("delete from customers where id = 'cus_1'")).rejects.toThrow(/FOREIGN KEY/);
  });

  it("make a fresh database whose every foreign key holds, with the full-text indexes in place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "frontdesk-fresh-"));
    dirs.push(dir);
    db = await openDb(`file:${join(dir, "frontdesk.db")}`);
    await migrateDb(db, migrationsFolder);
    const sql = sqlClientOf(db);
    expect((await sql.execute("pragma foreign_key_check")).rows).toEqual([]);
    const fts = await sql.execute("select name from sqlite_master where type = 'table' and sql like '%using fts5%' order by name");
    expect(fts.rows.map((row) => row.name)).toEqual(["call_transcripts_fts", "knowledge_fts"]);
  });
});
