import { defineConfig, type Plugin } from "vite";
import { define } from "./vite.shared";

/**
 * `/widgets/<name>.js` stays the address pages use, as a one-line module that re-exports the build named for its
 * content: the stable address is cheap to revalidate, and the code behind it can be cached for good.
 */
const stableEntries: Plugin = {
  name: "frontdesk-stable-entries",
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== "chunk" || !chunk.isEntry) continue;
      this.emitFile({ type: "asset", fileName: `${chunk.name}.js`, source: `export * from "./${chunk.fileName}";\n` });
    }
  },
};

// One ES module per widget family, for pages and apps that load modules: /widgets/<name>.js.
export default defineConfig({
  define,
  plugins: [stableEntries],
  build: {
    outDir: "dist/widgets",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    lib: {
      entry: { booking: "src/modules/booking.ts", "booking-manage": "src/modules/booking-manage.ts", client: "src/modules/client.ts" },
      formats: ["es"],
      fileName: (_format, name) => `chunks/${name}-[hash].js`,
    },
    // Shared code (Lit, the client, the UI kit) and each language's strings load once, whichever widgets a page uses.
    // Everything under chunks/ is named for its content, so the server caches it as immutable.
    rollupOptions: { output: { chunkFileNames: "chunks/[name]-[hash].js" } },
  },
});
