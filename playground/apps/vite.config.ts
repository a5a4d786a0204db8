import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The demo website's framework pages: /react/ (React 19) and /vue/ (Vue 3), served by playground/server.ts from dist/.
export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react(), vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith("fd-") } } })],
  build: {
    outDir: here("../dist"),
    emptyOutDir: true,
    rollupOptions: { input: { react: here("react/index.html"), vue: here("vue/index.html") } },
  },
});
