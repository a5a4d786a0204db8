import { defineConfig } from "vite";
import { define } from "./vite.shared";

// One ES module per widget family, for pages and apps that load modules: /widgets/<name>.js.
export default defineConfig({
  define,
  build: {
    outDir: "dist/widgets",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    lib: {
      entry: { booking: "src/modules/booking.ts", "booking-manage": "src/modules/booking-manage.ts", client: "src/modules/client.ts" },
      formats: ["es"],
      fileName: (_format, name) => `${name}.js`,
    },
    // Shared code (Lit, the client, the UI kit) and each language's strings load once, whichever widgets a page uses.
    rollupOptions: { output: { chunkFileNames: "chunks/[name]-[hash].js" } },
  },
});
