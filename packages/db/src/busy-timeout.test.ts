import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientOf, openDb, type Db } from "./client";

// Another process (a backup, a script, a test writing fixtures) holding the file's write lock for a moment makes this
// process's write wait for it, rather than fail at once with SQLITE_BUSY.
describe("a write while another process writes to the same file", () => {
  let dir: string;
  let file: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-busy-"));
    file = join(dir, "db.sqlite");
    db = await openDb(`file:${file}`);
    await clientOf(db).execute("create table t (who text not null)");
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("waits for the other's commit, and both writes are kept", async () => {
    const client = fileURLToPath(import.meta.resolve("@libsql/client"));
    const script = `
      const { createClient } = await import(${JSON.stringify(client)});
      const db = createClient({ url: ${JSON.stringify(`file:${file}`)} });
      const tx = await db.transaction("write");
      await tx.execute("insert into t (who) values ('other process')");
      console.log("locked");
      await new Promise((resolve) => setTimeout(resolve, 400));
      await tx.commit();
      db.close();`;
    const other = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<number | null>((resolve) => other.on("exit", resolve));
    await new Promise<void>((resolve) => other.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve()));

    await db.write(() => clientOf(db).execute("insert into t (who) values ('this process')"));
    expect(await exited).toBe(0);
    const rows = (await clientOf(db).execute("select who from t order by rowid")).rows.map((row) => row.who);
    expect(rows).toEqual(["other process", "this process"]);
  });
});
