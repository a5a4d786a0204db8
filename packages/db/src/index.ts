export { defaultDatabaseUrl, migrateDb, openDb, type Db, type Reader, type Writer } from "./client";
export { accountsAdapter } from "./accounts-adapter";
export * from "./schema";
export * from "./scope";
export { randomId } from "./ids";
export * from "./versioned-cache";
