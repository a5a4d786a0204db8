import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Most test files wait on a server and a browser of their own: one more file than cores keeps the cores busy.
    maxWorkers: Math.max(3, availableParallelism()),
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "integrations/*/src/**/*.test.ts"],
          exclude: ["**/node_modules/**"],
        },
      },
      {
        test: {
          name: "server",
          include: ["server/test/**/*.test.ts", "playground/test/**/*.test.ts", "widgets/*/src/**/*.test.ts"],
          globalSetup: ["server/testing/build.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // A browser on a busy machine can take seconds to show what a poll waits for, as Playwright's own waits allow.
          expect: { poll: { timeout: 10_000 } },
          // These tests run real servers, browsers and child processes side by side: one that times out on a
          // machine busy with the others gets one more run. A test that fails twice fails.
          retry: 1,
        },
      },
    ],
  },
});
