import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { localeFilesManifest } from "./vite.locales.config.ts";
import { define } from "./vite.shared";

// Built after vite.locales.config.ts, which names each language's file.
const localeFiles = JSON.parse(readFileSync(localeFilesManifest, "utf8")) as Record<string, string>;

// One classic script for site owners: no module loader or build step on the host page.
export default defineConfig({
  define: { ...define, __FRONTDESK_LOCALE_FILES__: JSON.stringify(localeFiles) },
  // The languages are fetched by the pages that show them rather than carried in every copy of the script.
  resolve: { alias: [{ find: /^\.\/locale-loaders$/, replacement: fileURLToPath(new URL("src/remote-locales.ts", import.meta.url)) }] },
  build: {
    outDir: "dist",
    // dist/widgets holds the modules and language files built before this.
    emptyOutDir: false,
    target: "es2021",
    sourcemap: true,
    lib: { entry: "src/embed.ts", formats: ["iife"], name: "FrontdeskEmbed", fileName: () => "embed.js" },
  },
});
