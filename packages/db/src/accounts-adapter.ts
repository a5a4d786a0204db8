import type { BetterAuthOptions } from "@better-auth/core";
import type { DBAdapter } from "@better-auth/core/db/adapter";
import { drizzleAdapter } from "@better-auth/drizzle-adapter";
import { ormOf, type Db } from "./client";
import { accounts, passkeys, sessions, twoFactors, users, verifications } from "./schema/accounts";

/** The accounts library's tables, by the plural model names it looks them up by. */
const accountTables = { users, sessions, accounts, verifications, twoFactors, passkeys };

const writeMethods = ["create", "update", "updateMany", "delete", "deleteMany", "consumeOne", "incrementOne"] as const;

/**
 * The database adapter for the accounts library (better-auth), on this database: its reads go straight to the file,
 * and each of its writes (single statements: it opens no transactions) takes its turn in the `Db`'s write queue, so it
 * never meets one of ours half-way and fails with SQLITE_BUSY. Never call the library from inside one of our writes.
 */
export function accountsAdapter(db: Db): (options: BetterAuthOptions) => DBAdapter<BetterAuthOptions> {
  const library = drizzleAdapter(ormOf(db), { provider: "sqlite", usePlural: true, schema: accountTables, transaction: false });
  return (options) => {
    const adapter = library(options);
    for (const name of writeMethods) {
      const write = adapter[name] as (...args: unknown[]) => Promise<unknown>;
      (adapter as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => db.write(() => write.apply(adapter, args));
    }
    return adapter;
  };
}
