import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clientOf, openDb, type Db } from "./client";

// PRAGMA synchronous is a setting of each connection, and the client opens another whenever a read meets a
// transaction in progress: every one must commit as the database was opened to.
describe("when commits reach the disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-synchronous-"));
  const opened: Db[] = [];
  afterAll(() => {
    for (const db of opened) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The setting of the transaction's connection and of one opened beside it while the transaction is open. */
  async function settingsOf(db: Db): Promise<number[]> {
    const client = clientOf(db);
    const tx = await client.transaction("write");
    try {
      const inside = Number((await tx.execute("PRAGMA synchronous")).rows[0]!.synchronous);
      const beside = Number((await client.execute("PRAGMA synchronous")).rows[0]!.synchronous);
      return [inside, beside];
    } finally {
      await tx.rollback();
    }
  }

  it("at checkpoints by default, on every connection (1 is NORMAL)", async () => {
    const db = await openDb(`file:${join(dir, "normal.db")}`);
    opened.push(db);
    expect(await settingsOf(db)).toEqual([1, 1]);
  });

  it("at every commit when asked, on every connection (2 is FULL)", async () => {
    const db = await openDb(`file:${join(dir, "full.db")}`, { synchronous: "full" });
    opened.push(db);
    expect(await settingsOf(db)).toEqual([2, 2]);
  });
});
