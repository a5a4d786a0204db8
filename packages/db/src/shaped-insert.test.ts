import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, type Db } from "./client";
import { approvals } from "./schema/approvals";
import { createTenant, forTenant, type TenantWriteScope } from "./scope";
import { rowsOf, sqlClientOf } from "./testing";

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

// Hot inserts run through statements built once per set of columns (scope/shaped-insert.ts): each must store what
// drizzle's own insert would, defaults and nulls included, whichever shape came first.
describe("inserts built once per shape", () => {
  let dir: string;
  let db: Db;
  const tenantId = "ten_shapes";
  const add = (values: Parameters<TenantWriteScope["addApproval"]>[0]) => db.write((writer) => forTenant(writer, tenantId).addApproval(values));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-shapes-"));
    db = await openDb(`file:${join(dir, "db.sqlite")}`);
    await migrateDb(db, migrationsFolder);
    await db.transaction((tx) => createTenant(tx, { tenant: { id: tenantId, name: "Shapes", timeZone: "UTC" } }));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("store each shape's own columns, the defaults of those left out, and a null as NULL", async () => {
    await add({ id: "apr_1", kind: "message", createdAt: 1 });
    await add({ id: "apr_2", kind: "book", proposal: { start: "2031-01-01T09:00:00.000Z" }, edited: null, createdAt: 2, expiresAt: 3 });
    await add({ id: "apr_3", kind: "message", createdAt: 4 });
    await add({ id: "apr_4", kind: "cancel", proposal: { reason: "sick" }, edited: undefined, reason: null, createdAt: 5 });
    const stored = await sqlClientOf(db).execute("select id, status, proposal, edited, expires_at from approvals order by id");
    expect(stored.rows.map((row) => ({ ...row }))).toEqual([
      { id: "apr_1", status: "pending", proposal: "{}", edited: null, expires_at: null },
      { id: "apr_2", status: "pending", proposal: '{"start":"2031-01-01T09:00:00.000Z"}', edited: null, expires_at: 3 },
      { id: "apr_3", status: "pending", proposal: "{}", edited: null, expires_at: null },
      { id: "apr_4", status: "pending", proposal: '{"reason":"sick"}', edited: null, expires_at: null },
    ]);
    expect((await rowsOf(db, approvals, { id: "apr_2" }))[0]).toMatchObject({ tenantId, proposal: { start: "2031-01-01T09:00:00.000Z" }, edited: null });
  });

  it("run inside a transaction on its connection, and are gone with its rollback", async () => {
    await db
      .transaction(async (tx) => {
        await forTenant(tx, tenantId).addApproval({ id: "apr_5", kind: "message", createdAt: 6 });
        expect(await forTenant(tx, tenantId).approval("apr_5")).toMatchObject({ id: "apr_5" });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await rowsOf(db, approvals, { id: "apr_5" })).toEqual([]);
  });
});
