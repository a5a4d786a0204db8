import { readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const localesDir = fileURLToPath(new URL("../ui/src/locales/", import.meta.url));
const languages = readdirSync(localesDir)
  .filter((file) => file.endsWith(".ts") && file !== "locale-codes.ts")
  .map((file) => file.replace(/\.ts$/, ""));

/** Where embed.js finds each language's file: read by vite.config.ts, which builds embed.js after this. */
export const localeFilesManifest = fileURLToPath(new URL(".locales.json", import.meta.url));

const manifest: Plugin = {
  name: "frontdesk-locale-manifest",
  generateBundle(_options, bundle) {
    const files = Object.fromEntries(
      Object.values(bundle).flatMap((chunk) => (chunk.type === "chunk" && chunk.isEntry ? [[chunk.name.replace(/^locale-/, ""), chunk.fileName]] : [])),
    );
    writeFileSync(localeFilesManifest, JSON.stringify(files, null, 2) + "\n");
  },
};

// embed.js is one classic script: each language's strings are a module of their own, fetched only by pages that show it.
export default defineConfig({
  plugins: [manifest],
  build: {
    outDir: "dist/widgets",
    emptyOutDir: false,
    target: "es2021",
    sourcemap: true,
    lib: {
      entry: Object.fromEntries(languages.map((language) => [`locale-${language}`, `${localesDir}${language}.ts`])),
      formats: ["es"],
      fileName: (_format, name) => `chunks/${name}-[hash].js`,
    },
    rollupOptions: { output: { chunkFileNames: "chunks/[name]-[hash].js" } },
  },
});
