import type { BatchItem } from "drizzle-orm/batch";
import type { DrizzleDb } from "../client";

/** Runs the statements as one transaction: a replacement never leaves half the old and half the new behind. */
export function atomically(orm: DrizzleDb, statements: BatchItem<"sqlite">[]) {
  return orm.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}
