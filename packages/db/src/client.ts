import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "./schema";

export type Schema = typeof schema;
export type DrizzleDb = LibSQLDatabase<Schema>;

export interface Db {
  /** For reads. Writes go through `write` so they never meet each other. */
  readonly orm: DrizzleDb;
  readonly client: Client;
  readonly url: string;
  /**
   * Runs `work` alone among this process's writes: SQLite has one writer, and a second would fail with
   * SQLITE_BUSY. A `write` inside another runs at once, as part of the outer one.
   */
  write<T>(work: (orm: DrizzleDb) => Promise<T>): Promise<T>;
  /**
   * A `write` whose statements commit together or not at all. `work` must use the `Db` it is given (and
   * scopes made from it): statements through the outer one would run outside the transaction.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /** How many writes this process has finished: a cheap "has anything changed since" for caches. */
  readonly writes: number;
  close(): void;
}

export const defaultDatabaseUrl = "file:./data/frontdesk.db";

export async function openDb(url: string = defaultDatabaseUrl, options: { authToken?: string } = {}): Promise<Db> {
  if (url.startsWith("file:") && url !== "file::memory:") mkdirSync(dirname(fileURLToPath(new URL(url, `file://${process.cwd()}/`))), { recursive: true });
  const client = createClient({ url, ...(options.authToken ? { authToken: options.authToken } : {}) });
  if (url.startsWith("file:")) {
    // One server process per file: its writes queue in `write`. Several processes share a libSQL server instead.
    await client.execute("PRAGMA journal_mode = WAL");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  const orm = drizzle(client, { schema });
  const write = serialised();
  let writes = 0;
  // Inside a transaction everything, nested writes and transactions included, goes through its connection.
  const within = (txOrm: DrizzleDb): Db => {
    const tx: Db = {
      orm: txOrm,
      client,
      url,
      write: (work) => work(txOrm),
      transaction: (work) => work(tx),
      get writes() {
        return writes;
      },
      close: () => undefined,
    };
    return tx;
  };
  const db: Db = {
    orm,
    client,
    url,
    write: (work) => write(() => work(orm)).finally(() => writes++),
    transaction: (work) => db.write(() => orm.transaction((txOrm) => work(within(txOrm as unknown as DrizzleDb)))),
    get writes() {
      return writes;
    },
    close: () => client.close(),
  };
  return db;
}

export async function migrateDb(db: Db, migrationsFolder: string): Promise<void> {
  await db.write((orm) => migrate(orm, { migrationsFolder }));
}

/** A FIFO async mutex, re-entrant within one async call chain: each call starts when the previous one settled. */
function serialised() {
  let tail: Promise<unknown> = Promise.resolve();
  const holding = new AsyncLocalStorage<true>();
  return <T>(work: () => Promise<T>): Promise<T> => {
    if (holding.getStore()) return work();
    const exclusive = () => holding.run(true, work);
    const run = tail.then(exclusive, exclusive);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The SQLite error behind a driver or ORM error, if any: drizzle wraps the libSQL error as `cause`. */
export function sqliteErrorOf(error: unknown): { code: string; extendedCode?: string; message: string } | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_")) {
      return { code, extendedCode: (e as { extendedCode?: string }).extendedCode, message: String((e as Error).message) };
    }
  }
  return undefined;
}
