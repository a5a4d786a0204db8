import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientOf, openDb, type Db } from "./client";

// The libSQL client keeps each connection's prepared statements (patches/@libsql__client@0.18.0.patch):
// a statement run again must answer for its new arguments, the schema of now, and after an error.
describe("statements kept between executions", () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-statements-"));
    db = await openDb(`file:${join(dir, "db.sqlite")}`);
    await clientOf(db).execute("create table t (a integer primary key, b text unique)");
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (a: number, b: string) => clientOf(db).execute({ sql: "insert into t (a, b) values (?, ?)", args: [a, b] });
  const from = async (min: number) => (await clientOf(db).execute({ sql: "select * from t where a >= ? order by a", args: [min] })).rows.map((row) => ({ ...row }));

  it("binds each execution's own arguments", async () => {
    await insert(1, "x");
    await insert(2, "y");
    expect(await from(1)).toEqual([{ a: 1, b: "x" }, { a: 2, b: "y" }]);
    expect(await from(2)).toEqual([{ a: 2, b: "y" }]);
  });

  it("works again after an execution failed", async () => {
    await expect(insert(3, "x")).rejects.toThrow(/UNIQUE/);
    await insert(3, "z");
    expect(await from(3)).toEqual([{ a: 3, b: "z" }]);
  });

  it("answers with the columns of a schema changed since it was kept", async () => {
    await clientOf(db).execute("alter table t add column c text");
    const result = await clientOf(db).execute({ sql: "select * from t where a >= ? order by a", args: [3] });
    expect(result.columns).toEqual(["a", "b", "c"]);
    expect(result.rows.map((row) => ({ ...row }))).toEqual([{ a: 3, b: "z", c: null }]);
  });

  it("answers with the columns of a schema another process changed since it was kept", async () => {
    const other = await openDb(db.url);
    try {
      await clientOf(other).execute("alter table t add column d integer default 4");
    } finally {
      other.close();
    }
    const result = await clientOf(db).execute({ sql: "select * from t where a >= ? order by a", args: [3] });
    expect(result.columns).toEqual(["a", "b", "c", "d"]);
    expect(result.rows.map((row) => ({ ...row }))).toEqual([{ a: 3, b: "z", c: null, d: 4 }]);
  });
});
