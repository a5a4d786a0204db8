import { fileURLToPath } from "node:url";
import { defineConfig } from "nitro";

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  serverDir: "./",
  compatibilityDate: "2026-09-01",
  // The widgets' browser bundles: /embed.js and /widgets/*.js, built by packages/embed.
  publicAssets: [{ dir: fromHere("../packages/embed/dist"), baseURL: "/", maxAge: 300 }],
  routeRules: {
    "/widgets/**": { headers: { "access-control-allow-origin": "*" } },
    "/embed.js": { headers: { "access-control-allow-origin": "*" } },
  },
  experimental: { tasks: true },
  runtimeConfig: {
    migrationsFolder: fromHere("../packages/db/migrations"),
  },
});
