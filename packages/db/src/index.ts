export * from "./client";
export * from "./schema";
export * from "./tenant-scope";
export { randomId } from "./ids";
export * from "./versioned-cache";
