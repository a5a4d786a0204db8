import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { clientOf, ormOf, openDb, type Db } from "./client";

// Our patch of @libsql/client makes rows from one class per list of columns instead of defining every value as a
// property of its own. A row must still be what the client promises: by index, by name, and only names as keys.
describe("rows read from the embedded database", () => {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-rows-"));
  let db: Db;
  beforeAll(async () => {
    db = await openDb(`file:${join(dir, "rows.db")}`);
    const client = clientOf(db);
    await client.execute("create table things (id integer, name text, data blob, note text)");
    await client.execute({ sql: "insert into things values (?, ?, ?, ?), (?, ?, ?, ?)", args: [1, "one", new Uint8Array([1, 2]), null, 2, "two", null, "b"] });
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("read by index and by column name, with the names alone as keys", async () => {
    const { rows, columns } = await clientOf(db).execute("select id, name, data, note from things order by id");
    expect(columns).toEqual(["id", "name", "data", "note"]);
    const [first, second] = rows;
    expect(first!.length).toBe(4);
    expect([first![0], first![1], first![3]]).toEqual([1, "one", null]);
    expect(new Uint8Array(first!.data as ArrayBuffer)).toEqual(new Uint8Array([1, 2]));
    expect(Object.keys(second!)).toEqual(["id", "name", "data", "note"]);
    expect(JSON.parse(JSON.stringify(second))).toEqual({ id: 2, name: "two", data: null, note: "b" });
    expect(Array.prototype.slice.call(second)).toEqual([2, "two", null, "b"]);
    expect({ ...second }).toEqual({ id: 2, name: "two", data: null, note: "b" });
  });

  it("keep the first of two columns of one name, and every value by index", async () => {
    const { rows } = await clientOf(db).execute("select id, name, id * 10 as name, 7 as '0' from things where id = 1");
    const [row] = rows;
    expect(row!.name).toBe("one");
    expect(Array.prototype.slice.call(row)).toEqual([1, "one", 10, 7]);
    expect(Object.keys(row!)).toEqual(["id", "name"]);
  });

  it("reach drizzle's raw queries and mapped selects alike", async () => {
    const orm = ormOf(db);
    expect(await orm.all(sql`select id, note from things order by id`)).toEqual([{ id: 1, note: null }, { id: 2, note: "b" }]);
    expect((await orm.values(sql`select name from things order by id`)).map((row) => Array.from(row))).toEqual([["one"], ["two"]]);
  });
});
