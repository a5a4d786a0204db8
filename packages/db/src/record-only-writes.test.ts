import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientOf, ormOf, openDb, type Db, type Writer } from "./client";
import { versionedCache } from "./versioned-cache";

// A phone call's bookkeeping (tool call records, provider events as received) must not empty the caches of what it did not change.
let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-record-only-"));
  db = await openDb(`file:${join(dir, "db.sqlite")}`);
  await clientOf(db).execute("create table notes (what text not null)");
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a record-only write", () => {
  const note = (what: string) => (writer: Writer) => ormOf(writer).run(`insert into notes (what) values ('${what}')`).then(() => undefined);

  it("commits, and leaves the write version and what is cached on it where they were", async () => {
    const cache = versionedCache<string>(db, { maxEntries: 10, maxAgeMs: 60_000, now: () => 0 });
    await cache.load("setup", async () => "read before");
    const before = db.writes;
    await db.write(note("record"), { recordOnly: true });
    await db.transaction(note("record in a transaction"), { recordOnly: true });
    expect(db.writes).toBe(before);
    expect(cache.get("setup")).toBe("read before");
    expect((await clientOf(db).execute("select count(*) as n from notes")).rows[0]!.n).toBe(2);
  });

  it("is not what other writes are: they still move the version and empty the cache", async () => {
    const cache = versionedCache<string>(db, { maxEntries: 10, maxAgeMs: 60_000, now: () => 0 });
    await cache.load("setup", async () => "read before");
    const before = db.writes;
    await db.write(note("change"));
    expect(db.writes).toBe(before + 1);
    expect(cache.get("setup")).toBeUndefined();
  });

  it("moves the version when a write it runs inside of is not record-only", async () => {
    const before = db.writes;
    await db.write(async (writer) => db.write(note("record inside a change"), { recordOnly: true }).then(() => note("change")(writer)));
    expect(db.writes).toBe(before + 1);
  });
});

// A booking changes no business's set-up: the set-up kept for availability outlives it, the answers kept do not.
describe("a write that keeps the set-up", () => {
  const note = (writer: Writer) => ormOf(writer).run("insert into notes (what) values ('booked')").then(() => undefined);

  it("moves the write version but not the set-up version", async () => {
    const answers = versionedCache<string>(db, { maxEntries: 10, maxAgeMs: 60_000, now: () => 0 });
    const setup = versionedCache<string>({ get writes() { return db.setupWrites; } }, { maxEntries: 10, maxAgeMs: 60_000, now: () => 0 });
    await answers.load("month", async () => "slots before");
    await setup.load("tenant", async () => "set-up before");
    const [writes, setupWrites] = [db.writes, db.setupWrites];
    await db.transaction(note, { keepsSetup: true });
    await db.write(note, { keepsSetup: true });
    expect([db.writes, db.setupWrites]).toEqual([writes + 2, setupWrites]);
    expect(answers.get("month")).toBeUndefined();
    expect(setup.get("tenant")).toBe("set-up before");
  });

  it("is not what other writes are: they move both", async () => {
    const [writes, setupWrites] = [db.writes, db.setupWrites];
    await db.write(note);
    expect([db.writes, db.setupWrites]).toEqual([writes + 1, setupWrites + 1]);
  });
});
