import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { define } from "./vite.shared.ts";

/** Which module defines each tag a page may use: embed.js loads a tag's module when the page first shows that tag. */
const tagModules: Record<string, string> = {
  "fd-booking": "booking",
  "fd-booking-manage": "booking-manage",
  "fd-provider": "provider",
  "fd-business-setup": "team",
  "fd-team": "team",
  "fd-api-keys": "team",
  "fd-calendar-connections": "team",
  "fd-call-log": "calls",
  "fd-call-detail": "calls",
  "fd-approvals": "calls",
  "fd-phone-numbers": "phone",
  "fd-agents": "phone",
  "fd-sign-in": "sign-in",
  "fd-account": "sign-in",
  "fd-back-office": "sign-in",
};
/** Modules with an address of their own, `/widgets/<name>.js`, for pages and apps that import them. */
const published = ["booking", "booking-manage", "client", "team", "sign-in", "calls", "phone"];

/** The files embed.js loads for each tag, relative to /widgets/: read by vite.config.ts (embed.js) and scripts/report-size.mjs. */
export const widgetFilesManifest = fileURLToPath(new URL(".widgets.json", import.meta.url));

/**
 * `/widgets/<name>.js` stays the address pages use, as a one-line module that re-exports the build named for its
 * content: the stable address is cheap to revalidate, and the code behind it can be cached for good.
 */
const stableEntries: Plugin = {
  name: "frontdesk-stable-entries",
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== "chunk" || !chunk.isEntry || !published.includes(chunk.name)) continue;
      this.emitFile({ type: "asset", fileName: `${chunk.name}.js`, source: `export * from "./${chunk.fileName}";\n` });
    }
  },
};

/** Each tag's module and every chunk it imports, so embed.js fetches them all at once instead of one import at a time. */
const widgetFiles: Plugin = {
  name: "frontdesk-widget-files",
  generateBundle(_options, bundle) {
    const chunks = new Map(Object.values(bundle).flatMap((chunk) => (chunk.type === "chunk" ? [[chunk.fileName, chunk] as const] : [])));
    const withImports = (fileName: string, files = new Set<string>()): Set<string> => {
      if (files.has(fileName)) return files;
      files.add(fileName);
      for (const imported of chunks.get(fileName)?.imports ?? []) withImports(imported, files);
      return files;
    };
    const entries = new Map([...chunks.values()].filter((chunk) => chunk.isEntry).map((chunk) => [chunk.name, chunk.fileName]));
    const files = Object.fromEntries(Object.entries(tagModules).map(([tag, module]) => [tag, [...withImports(entries.get(module)!)]]));
    writeFileSync(widgetFilesManifest, JSON.stringify(files, null, 2) + "\n");
  },
};

/** Names for the chunks the widgets share, by what they hold, so that a page's network log reads for itself. */
function chunkName(moduleIds: readonly string[], facade: string | null): string {
  if (facade?.includes("/ui/src/locales/")) return "locale-[name]";
  const holds = (path: string) => moduleIds.some((id) => id.includes(path));
  if (holds("/node_modules/lit-html/")) return "shared-lit";
  // The QR encoder, loaded only when someone turns on two-step verification.
  if (holds("/node_modules/uqr/")) return "qr-code";
  if (holds("/packages/ui/src/")) return "shared-ui";
  if (holds("/packages/client/src/")) return "shared-client";
  return "[name]";
}

// One ES module per widget family: /widgets/<name>.js for pages and apps that load modules, and what embed.js loads.
export default defineConfig({
  define,
  plugins: [stableEntries, widgetFiles],
  build: {
    outDir: "dist/widgets",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    lib: {
      entry: Object.fromEntries([...new Set([...published, ...Object.values(tagModules)])].map((name) => [name, `src/modules/${name}.ts`])),
      formats: ["es"],
      fileName: (_format, name) => `chunks/${name}-[hash].js`,
    },
    rollupOptions: {
      output: {
        // Shared code (Lit, the client, the UI kit) and each language's strings load once, whichever widgets a page uses.
        // Everything under chunks/ is named for its content, so the server caches it as immutable.
        chunkFileNames: (chunk) => `chunks/${chunkName(chunk.moduleIds, chunk.facadeModuleId)}-[hash].js`,
        // These files are loaded by browsers, not bundled again, so they lose the whitespace a library build keeps.
        minify: true,
        comments: false,
      },
    },
  },
});
