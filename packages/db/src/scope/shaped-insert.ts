import { sql, type Placeholder } from "drizzle-orm";
import { preparedQuery, type DrizzleDb } from "../client";

/** Statements one insert keeps, at most: a call site gives the same columns each time, so a few shapes serve it. */
const maxShapes = 16;

/**
 * An insert of one row whose statement is built once for each set of columns given, then run with the row's values:
 * a column left out (or `undefined`) takes its default, as in drizzle's own insert. For inserts on hot paths, where
 * building the statement cost more than SQLite takes to run it.
 */
export function shapedInsert<Row extends object, Result>(build: (orm: DrizzleDb, values: Record<string, Placeholder>) => { prepare(): { all(values: Record<string, unknown>): Promise<Result[]> } }) {
  const shapes = new Map<string, ReturnType<typeof preparedQuery<{ all(values: Record<string, unknown>): Promise<Result[]> }>>>();
  return (orm: DrizzleDb, row: Row): Promise<Result[]> => {
    const values = row as Record<string, unknown>;
    const columns = Object.keys(values).filter((column) => values[column] !== undefined);
    const shape = columns.join(",");
    let query = shapes.get(shape);
    if (!query) {
      if (shapes.size >= maxShapes) shapes.delete(shapes.keys().next().value!);
      shapes.set(shape, (query = preparedQuery((root) => build(root, Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)]))))));
    }
    return query(orm).all(values);
  };
}
