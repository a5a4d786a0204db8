import { fileURLToPath } from "node:url";
import { defineConfig } from "nitro";

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const anyOrigin = { "access-control-allow-origin": "*" };
/** Addresses site owners paste into pages: cached briefly, so a new release reaches every page within minutes. */
const shortLived = { ...anyOrigin, "cache-control": "public, max-age=300" };
/** Files named for their content never change under their name. */
const immutable = { ...anyOrigin, "cache-control": "public, max-age=31536000, immutable" };

export default defineConfig({
  serverDir: "./",
  compatibilityDate: "2026-09-01",
  // The widgets' browser bundles: /embed.js and /widgets/*.js, built by packages/embed; beside them the elements'
  // custom-elements.json, editor data and framework types, made by packages/elements.
  publicAssets: [
    { dir: fromHere("../packages/embed/dist"), baseURL: "/" },
    { dir: fromHere("../packages/elements/dist"), baseURL: "/widgets/" },
  ],
  // Brotli and gzip copies made at build time, picked by Accept-Encoding; each has its own ETag.
  compressPublicAssets: { gzip: true, brotli: true },
  routeRules: {
    "/embed.js": { headers: shortLived },
    "/widgets/**": { headers: shortLived },
    "/widgets/chunks/**": { headers: immutable },
    // TypeScript declarations, which the file's extension alone would serve as video (.ts is MPEG transport stream).
    "/widgets/types/**": { headers: { ...shortLived, "content-type": "text/plain; charset=utf-8" } },
  },
  experimental: { tasks: true },
  runtimeConfig: {
    migrationsFolder: fromHere("../packages/db/migrations"),
  },
});
