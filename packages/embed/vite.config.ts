import { defineConfig } from "vite";
import { define } from "./vite.shared";

// One classic script for site owners: no module loader or build step on the host page.
export default defineConfig({
  define,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2021",
    sourcemap: true,
    lib: { entry: "src/embed.ts", formats: ["iife"], name: "FrontdeskEmbed", fileName: () => "embed.js" },
  },
});
