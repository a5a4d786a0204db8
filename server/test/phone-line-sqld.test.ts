import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, forTenant, migrateDb, openDb, type Db } from "@frontdesk/db";
import { sqlClientOf } from "@frontdesk/db/testing";
import { startSqld, type RunningSqld } from "../testing/sqld";

/** The phone line's migrations on a real libSQL server: the customers rebuild, and FTS5, which sqld must have too. */

const migrationsFolder = fileURLToPath(new URL("../../packages/db/migrations", import.meta.url));
const at = Date.parse("2030-01-07T10:00:00Z");
const dirs: string[] = [];
let sqld: RunningSqld;
let db: Db;

/** The migrations of the release before the phone line: those before `…_phone_line`, whatever its number. */
function migrationsBeforePhoneLine(): string {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-migrations-"));
  dirs.push(dir);
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const first = journal.entries.findIndex((entry) => entry.tag.endsWith("_phone_line"));
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, first) }));
  return dir;
}

beforeAll(async () => {
  sqld = await startSqld();
  db = await openDb(sqld.url);
  await migrateDb(db, migrationsBeforePhoneLine());
  await sqlClientOf(db).batch([
    "insert into tenants (id, name, time_zone) values ('ten_a', 'A', 'UTC')",
    "insert into services (tenant_id, id, name, duration_min) values ('ten_a', 'svc_a', 'Cut', 30)",
    "insert into staff (tenant_id, id, name) values ('ten_a', 'stf_a', 'Kim')",
    "insert into customers (tenant_id, id, name, email, phone) values ('ten_a', 'cus_a', 'Ada', 'ada@example.com', '+1 415 555 0100')",
    `insert into appointments (tenant_id, id, service_id, staff_id, customer_id, status, start_at, end_at, blocked_start, blocked_end, expires_at)
     values ('ten_a', 'apt_a', 'svc_a', 'stf_a', 'cus_a', 'pending', 1000, 2000, 1000, 2000, 1500)`,
  ]);
  await migrateDb(db, migrationsFolder);
}, 60_000);

afterAll(async () => {
  db?.close();
  await sqld?.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the phone line's migrations on sqld", () => {
  it("rebuild customers with every foreign key intact, and queue the pending booking", async () => {
    const sql = sqlClientOf(db);
    expect((await sql.execute("pragma foreign_key_check")).rows).toEqual([]);
    expect((await sql.execute("select id, email, phone_e164 from customers")).rows.map((row) => ({ ...row }))).toEqual([
      { id: "cus_a", email: "ada@example.com", phone_e164: "+14155550100" },
    ]);
    expect((await sql.execute("select kind, status, appointment_id from approvals")).rows.map((row) => ({ ...row }))).toEqual([
      { kind: "book", status: "pending", appointment_id: "apt_a" },
    ]);
  });

  it("search transcripts and the knowledge base with FTS5, accents aside", async () => {
    await db.write(async (writer) => {
      await createTenant(writer, { tenant: { id: "ten_b", name: "B", timeZone: "UTC" } });
      const scope = forTenant(writer, "ten_b");
      await scope.saveCall({ id: "cal_b", providerCallId: "call_b", direction: "inbound", fromE164: "+14155550142", toE164: "+14155550100", status: "ended", startedAt: at, createdAt: at, updatedAt: at });
      await scope.saveTranscript("cal_b", [], "Caller: Una limpieza mañana por la mañana.", at);
      await scope.addKnowledgeEntry({ id: "kbe_b", kind: "qa", title: "¿Dónde aparco?", body: "Detrás del edificio.", tags: [], createdAt: at, updatedAt: at });
    });
    const scope = forTenant(db, "ten_b");
    expect((await scope.callPage({ search: "manana", limit: 5 })).items.map((call) => call.id)).toEqual(["cal_b"]);
    expect((await forTenant(db, "ten_a").callPage({ search: "manana", limit: 5 })).items).toEqual([]);
    expect((await scope.searchKnowledge("donde aparco", 3)).map((entry) => entry.id)).toEqual(["kbe_b"]);
  });
});
