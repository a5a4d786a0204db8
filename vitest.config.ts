import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "integrations/*/src/**/*.test.ts"],
        },
      },
    ],
  },
});
