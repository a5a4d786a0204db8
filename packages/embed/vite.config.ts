import { readFileSync } from "node:fs";
import { defineConfig } from "vite";
import { widgetFilesManifest } from "./vite.modules.config.ts";
import { define } from "./vite.shared.ts";

// Built after vite.modules.config.ts, which names the files of each tag's module.
const widgetFiles = JSON.parse(readFileSync(widgetFilesManifest, "utf8")) as Record<string, string[]>;

// One small classic script for site owners: no module loader or build step on the host page. It loads each widget's
// module (and the shared chunks) from /widgets/ when the page first shows the widget's tag.
export default defineConfig({
  define: { ...define, __FRONTDESK_WIDGET_FILES__: JSON.stringify(widgetFiles) },
  build: {
    outDir: "dist",
    // dist/widgets holds the modules built before this.
    emptyOutDir: false,
    target: "es2021",
    sourcemap: true,
    lib: { entry: "src/embed.ts", formats: ["iife"], name: "FrontdeskEmbed", fileName: () => "embed.js" },
  },
});
