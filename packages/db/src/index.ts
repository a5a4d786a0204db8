export { defaultDatabaseUrl, migrateDb, openDb, type OpenDbOptions, withWriteCompanion, type Db, type Reader, type Writer, type WriteCompanion, type WriteOptions } from "./client";
export { accountsAdapter } from "./accounts-adapter";
export * from "./schema";
export * from "./scope";
export { randomId } from "./ids";
export * from "./versioned-cache";
