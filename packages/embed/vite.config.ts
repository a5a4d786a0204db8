import { readFileSync } from "node:fs";
import { defineConfig } from "vite";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

// One classic script for site owners: no module loader or build step on the host page.
export default defineConfig({
  define: { __FRONTDESK_VERSION__: JSON.stringify(version) },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2021",
    sourcemap: true,
    lib: {
      entry: "src/embed.ts",
      formats: ["iife"],
      name: "FrontdeskEmbed",
      fileName: () => "embed.js",
    },
  },
});
