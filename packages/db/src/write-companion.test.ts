import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clientOf, ormOf, openDb, withWriteCompanion, type Db, type Writer } from "./client";

// A call's audit entry goes along with its writes: it must commit with them, and roll back with them.
describe("a write companion", () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-companion-"));
    db = await openDb(`file:${join(dir, "db.sqlite")}`);
    await clientOf(db).execute("create table changes (what text not null)");
    await clientOf(db).execute("create table notes (what text not null)");
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await clientOf(db).execute("delete from changes");
    await clientOf(db).execute("delete from notes");
  });

  const rows = async (table: string) => (await clientOf(db).execute(`select what from ${table} order by rowid`)).rows.map((row) => row.what);
  // The ORM's client is the connection of the write in progress (a transaction's, inside one).
  const note = (what: string) => (writer: Writer) => ormOf(writer).run(`insert into notes (what) values ('${what}')`).then(() => undefined);

  it("runs once at the end of each outermost write of the call, inside it", async () => {
    await withWriteCompanion(note("entry"), async () => {
      await db.transaction(async (tx) => void (await ormOf(tx).run("insert into changes (what) values ('first')")));
      await db.write(async (writer) => {
        await ormOf(writer).run("insert into changes (what) values ('second')");
        // A write inside another is part of it: no entry of its own.
        await db.write(async (inner) => void (await ormOf(inner).run("insert into changes (what) values ('nested')")));
      });
    });
    expect(await rows("changes")).toEqual(["first", "second", "nested"]);
    expect(await rows("notes")).toEqual(["entry", "entry"]);
  });

  it("is rolled back with a transaction whose work fails, and runs after nothing that failed", async () => {
    await expect(
      withWriteCompanion(note("entry"), () =>
        db.transaction(async (tx) => {
          await ormOf(tx).run("insert into changes (what) values ('lost')");
          throw new Error("refused");
        }),
      ),
    ).rejects.toThrow("refused");
    expect(await rows("changes")).toEqual([]);
    expect(await rows("notes")).toEqual([]);
  });

  it("takes the transaction's change with it when it fails itself", async () => {
    const failing = async () => {
      throw new Error("no room for the entry");
    };
    await expect(withWriteCompanion(failing, () => db.transaction(async (tx) => void (await ormOf(tx).run("insert into changes (what) values ('lost')"))))).rejects.toThrow(
      "no room for the entry",
    );
    expect(await rows("changes")).toEqual([]);
  });

  it("goes along with no write outside the call", async () => {
    await withWriteCompanion(note("entry"), async () => undefined);
    await db.write(async (writer) => void (await ormOf(writer).run("insert into changes (what) values ('elsewhere')")));
    expect(await rows("notes")).toEqual([]);
  });
});
