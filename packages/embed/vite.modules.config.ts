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
    lib: { entry: { booking: "src/modules/booking.ts" }, formats: ["es"], fileName: (_format, name) => `${name}.js` },
  },
});
