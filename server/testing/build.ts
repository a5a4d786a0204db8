import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Vitest global setup: tests run against a fresh build of the embed bundle and the server, never a stale one. */
export default function setup(): void {
  if (process.env.FRONTDESK_SKIP_BUILD === "1") return;
  const root = fileURLToPath(new URL("../..", import.meta.url));
  // The test runner sets NODE_ENV=test, which would make Vite pick Lit's development build.
  execFileSync("pnpm", ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
