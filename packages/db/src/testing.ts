import { and, count, eq, getTableColumns, type SQL } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";
import type { Client } from "@libsql/client";
import { clientOf, ormOf, type Db } from "./client";

/**
 * Raw rows for tests, which check what the database holds whatever scope wrote it: exact-match filters on any
 * table, across tenants. Application code goes through `forTenant` and the scope modules instead.
 */

type Row<T extends SQLiteTable> = T["$inferSelect"];
type Match<T extends SQLiteTable> = Partial<Row<T>>;

function where<T extends SQLiteTable>(table: T, match: Match<T> | undefined): SQL | undefined {
  const columns = table as unknown as Record<string, Parameters<typeof eq>[0]>;
  return and(...Object.entries(match ?? {}).map(([key, value]) => eq(columns[key]!, value)));
}

/** The rows of `table` whose columns equal those in `match` (all rows without one). */
export async function rowsOf<T extends SQLiteTable>(db: Db, table: T, match?: Match<T>): Promise<Row<T>[]> {
  return (await ormOf(db).select().from(table as SQLiteTable).where(where(table, match))) as Row<T>[];
}

/** How many rows of `table` match. */
export async function countRows<T extends SQLiteTable>(db: Db, table: T, match?: Match<T>): Promise<number> {
  const [row] = await ormOf(db).select({ n: count() }).from(table as SQLiteTable).where(where(table, match));
  return row!.n;
}

/** Rows for one table, typed by it: what `insertRows` takes. */
export interface RowsFor<T extends SQLiteTable> {
  table: T;
  rows: T["$inferInsert"][];
}

export function rowsFor<T extends SQLiteTable>(table: T, ...rows: T["$inferInsert"][]): RowsFor<T> {
  return { table, rows };
}

/** Inserts rows, table after table in the order given, in one transaction. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function insertRows(db: Db, ...groups: RowsFor<any>[]): Promise<void> {
  await db.transaction(async (writer) => {
    const orm = ormOf(writer);
    for (const { table, rows } of groups) await orm.insert(table as SQLiteTable).values(rows as never);
  });
}

/** Sets columns on the rows of `table` that match (every row without a match). */
export async function updateRows<T extends SQLiteTable>(db: Db, table: T, set: Partial<T["$inferInsert"]>, match?: Match<T>): Promise<void> {
  await db.write(async (writer) => {
    await ormOf(writer).update(table as SQLiteTable).set(set as never).where(where(table, match));
  });
}

/** The libSQL client, for tests that speak SQL to a database of an older schema. */
export function sqlClientOf(db: Db): Client {
  return clientOf(db);
}

/** Every table a business owns rows in (those with a `tenant_id`). */
export function tenantOwnedTables(): SQLiteTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => value instanceof SQLiteTable && "tenantId" in getTableColumns(value));
}

/** Everything one business owns, row by row, its own row first, but for the tables in `except`: to tell whether anything of it changed. */
export async function rowsOwnedBy(db: Db, tenantId: string, except: SQLiteTable[] = []): Promise<unknown[][]> {
  return Promise.all([
    rowsOf(db, schema.tenants, { id: tenantId }),
    ...tenantOwnedTables()
      .filter((table) => !except.includes(table))
      .map((table) => rowsOf(db, table, { tenantId } as Match<SQLiteTable>)),
  ]);
}
