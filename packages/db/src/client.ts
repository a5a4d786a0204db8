import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client, type Transaction } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The ORM behind the handles: used by the scope modules of this package only, never handed out. */
export type DrizzleDb = LibSQLDatabase<Schema>;

declare const reading: unique symbol;
declare const writing: unique symbol;

/** Something queries read through: the database itself, or a write in progress (whose reads see its own changes). */
export interface Reader {
  readonly [reading]: true;
}

/**
 * A write in progress, handed to the work of `Db.write` and `Db.transaction`: only scopes made from it have write
 * methods, so a write outside the serialised path does not type-check. It stops working when its write ends.
 */
export interface Writer extends Reader {
  readonly [writing]: true;
}

export interface WriteOptions {
  /**
   * The write only records what happened (a tool call's claim and answer, a provider event as received), which no
   * cache built on `writes` reads: it leaves `writes` where it is, so a phone call's bookkeeping does not throw away
   * the business's cached set-up on every request. A write that changes anything else must not say so.
   */
  recordOnly?: boolean;
  /**
   * The write changes bookings, holds, messages or jobs, and nothing of any business's set-up, policies or keys: it
   * moves `writes` but not `setupWrites`, so the set-up kept for availability survives a booking. A write that may
   * change anything else (or calls work that might) must not say so.
   */
  keepsSetup?: boolean;
}

export interface Db extends Reader {
  readonly url: string;
  /**
   * Runs `work` alone among this process's writes: SQLite has one writer, and a second would fail with
   * SQLITE_BUSY. A `write` inside another runs at once, as part of the outer one.
   */
  write<T>(work: (writer: Writer) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * A `write` whose statements commit together or not at all. `work` must use the `Writer` it is given (and
   * scopes made from it): statements through the `Db` would run outside the transaction.
   */
  transaction<T>(work: (tx: Writer) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** How many writes this process has finished (but `recordOnly` ones): a cheap "has anything changed since" for caches. */
  readonly writes: number;
  /** How many of those writes may have changed a business's set-up, policies or keys (all but the `keepsSetup` ones). */
  readonly setupWrites: number;
  /** Resolves if the database answers a query at all. */
  ping(): Promise<void>;
  close(): void;
}

export const defaultDatabaseUrl = "file:./data/frontdesk.db";

const orms = new WeakMap<Reader, DrizzleDb>();
const writers = new WeakSet<Reader>();
const clients = new WeakMap<Db, Client>();

/** The ORM a handle reads (and, for a `Writer`, writes) through. Internal to this package. */
export function ormOf(handle: Reader): DrizzleDb {
  const orm = orms.get(handle);
  if (!orm) throw new Error("This database handle is no longer usable: a Writer works only inside the write it was given to.");
  return orm;
}

export function isWriter(handle: Reader): handle is Writer {
  return writers.has(handle);
}

/** The libSQL client of a database. Internal to this package (and its testing entry). */
export function clientOf(db: Db): Client {
  return clients.get(db)!;
}

/** What an ORM's statements run on: the database's own, or an open transaction's connection. */
interface Connection {
  root: DrizzleDb;
  tx: Transaction | null;
}
const connections = new WeakMap<DrizzleDb, Connection>();
/** A stand-in for an ORM (a write scope's, revoked with its write) answers this key with the ORM it stands for. */
export const ormBehind = Symbol("ormBehind");

/**
 * A query whose SQL is built once per database and then run by any handle on it: inside a write's transaction it
 * runs on that transaction's connection. Drizzle prepares a query per session, and each write is a transaction of
 * its own, so a query prepared there would be built again on every write; building the SQL of a hot query costs
 * more than SQLite takes to run it. Values go in through `sql.placeholder`.
 */
export function preparedQuery<Prepared extends object>(build: (orm: DrizzleDb) => { prepare(): Prepared }): (orm: DrizzleDb) => Prepared {
  const built = new WeakMap<DrizzleDb, Prepared>();
  return (orm) => {
    const connection = connections.get((orm as { [ormBehind]?: DrizzleDb })[ormBehind] ?? orm);
    if (!connection) throw new Error("This ORM is not one of an open database.");
    let query = built.get(connection.root);
    if (!query) built.set(connection.root, (query = build(connection.root).prepare()));
    // A libSQL prepared query runs on its `tx` when it has one, else on the client.
    return connection.tx ? (Object.create(query, { tx: { value: connection.tx } }) as Prepared) : query;
  };
}

/** The open transaction behind a drizzle transaction object (a libSQL session keeps it as `tx`). */
function transactionOf(txOrm: unknown): Transaction {
  const tx = (txOrm as { session?: { tx?: Transaction } }).session?.tx;
  if (!tx) throw new Error("drizzle's libSQL transaction no longer exposes its connection: see preparedQuery.");
  return tx;
}

/** Hands `work` a Writer over `orm` that is revoked when the work settles, so it cannot outlive its write. */
async function withWriter<T>(orm: DrizzleDb, work: (writer: Writer) => Promise<T>): Promise<T> {
  const writer = Object.freeze({}) as Writer;
  orms.set(writer, orm);
  writers.add(writer);
  try {
    return await work(writer);
  } finally {
    orms.delete(writer);
  }
}

/** How long a write waits for another process's write to the same file before it fails with SQLITE_BUSY. */
const busyTimeoutMs = 5_000;

export interface OpenDbOptions {
  authToken?: string;
  /**
   * When a commit to a `file:` database reaches the disk. `normal` (the default): at the WAL's checkpoints, so a commit
   * costs no fsync and a crash of the process loses nothing, but a power cut may take the last commits back (never
   * corrupting the file). `full`: at every commit, about 3 ms each on these machines, during which the process waits.
   */
  synchronous?: "normal" | "full";
}

export async function openDb(url: string = defaultDatabaseUrl, options: OpenDbOptions = {}): Promise<Db> {
  if (url.startsWith("file:") && url !== "file::memory:") mkdirSync(dirname(fileURLToPath(new URL(url, `file://${process.cwd()}/`))), { recursive: true });
  const client = createClient({
    url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    // This process's writes never meet each other (they queue in `write`), so the busy timeout only ever waits for
    // another process's write to the file: a backup, a maintenance script, a test writing its fixtures. Without it
    // the write would fail at once with SQLITE_BUSY.
    ...(url.startsWith("file:") ? { timeout: busyTimeoutMs } : {}),
  });
  if (url.startsWith("file:")) {
    // One server process per file: its writes queue in `write`. Several processes share a libSQL server instead.
    await client.execute("PRAGMA journal_mode = WAL");
    // A per-connection setting, and the client opens more connections as reads meet a transaction in progress.
    const synchronous = `PRAGMA synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`;
    if ("onEachConnection" in client && typeof client.onEachConnection === "function") client.onEachConnection(synchronous);
    else await client.execute(synchronous);
  }
  await client.execute("PRAGMA foreign_keys = ON");
  const orm = drizzle(client, { schema });
  connections.set(orm, { root: orm, tx: null });
  const write = serialised();
  let writes = 0;
  let setupWrites = 0;
  const counted = (options: WriteOptions | undefined) => () => {
    if (options?.recordOnly) return;
    writes++;
    if (!options?.keepsSetup) setupWrites++;
  };
  const db = {
    url,
    write: <T>(work: (writer: Writer) => Promise<T>, options?: WriteOptions) =>
      write((outermost) => withWriter(orm, withCompanion(work, outermost))).finally(counted(options)),
    transaction: <T>(work: (tx: Writer) => Promise<T>, options?: WriteOptions) =>
      write((outermost) =>
        orm.transaction((txOrm) => {
          connections.set(txOrm as unknown as DrizzleDb, { root: orm, tx: transactionOf(txOrm) });
          return withWriter(txOrm as unknown as DrizzleDb, withCompanion(work, outermost));
        }),
      ).finally(counted(options)),
    get writes() {
      return writes;
    },
    get setupWrites() {
      return setupWrites;
    },
    async ping() {
      await client.execute("select 1");
    },
    close: () => client.close(),
  } as unknown as Db;
  orms.set(db, orm);
  clients.set(db, client);
  return db;
}

export async function migrateDb(db: Db, migrationsFolder: string): Promise<void> {
  await db.write((writer) => migrate(ormOf(writer), { migrationsFolder }));
}

/** Work that must commit with whatever a call writes: it runs at the end of each outermost write of that call, inside it. */
export type WriteCompanion = (writer: Writer) => Promise<void>;
const companions = new AsyncLocalStorage<WriteCompanion>();

/**
 * Runs `call` so that every outermost `write` or `transaction` it makes also runs `companion`, after its own work and
 * in the same write (inside the transaction, for one): e.g. the audit entry of the call commits with its change.
 */
export function withWriteCompanion<T>(companion: WriteCompanion, call: () => Promise<T>): Promise<T> {
  return companions.run(companion, call);
}

function withCompanion<T>(work: (writer: Writer) => Promise<T>, outermost: boolean): (writer: Writer) => Promise<T> {
  const companion = outermost ? companions.getStore() : undefined;
  if (!companion) return work;
  return async (writer) => {
    const result = await work(writer);
    await companion(writer);
    return result;
  };
}

/** A FIFO async mutex, re-entrant within one async call chain: each call starts when the previous one settled. */
function serialised() {
  let tail: Promise<unknown> = Promise.resolve();
  const holding = new AsyncLocalStorage<true>();
  return <T>(work: (outermost: boolean) => Promise<T>): Promise<T> => {
    if (holding.getStore()) return work(false);
    const exclusive = () => holding.run(true, () => work(true));
    const run = tail.then(exclusive, exclusive);
    tail = run.catch(() => undefined);
    return run;
  };
}
