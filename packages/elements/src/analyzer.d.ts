// The analyzer's own declarations do not name its programmatic API.
import type { Module, Package } from "custom-elements-manifest/schema";

declare module "@custom-elements-manifest/analyzer" {
  export function create(options: { modules: unknown[]; plugins?: unknown[]; context?: Record<string, unknown> }): Package;
  /** The TypeScript the analyzer parses with (its own, older than the repository's). */
  export const ts: typeof import("typescript");
  export type { Module };
}
