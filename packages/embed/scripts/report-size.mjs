import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

// The budget a site owner's page pays for embed.js: every widget in one script (each language's strings load apart).
const budgetBytes = 40 * 1024;
const dist = new URL("../dist/", import.meta.url);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const size = (file) => {
  const bytes = readFileSync(file);
  // Brotli is what browsers get from the server (compressed at build time, quality 11); gzip is for the rest.
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
};

const embed = size(new URL("embed.js", dist));
console.log(`embed.js: ${kb(embed.raw)} raw, ${kb(embed.brotli)} brotli, ${kb(embed.gzip)} gzip (budget ${kb(budgetBytes)} gzip)`);

// The ES modules share chunks, so a page pays for an entry plus the chunks it imports, once.
const modules = fileURLToPath(new URL("widgets/", dist));
for (const path of readdirSync(modules, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".js")).sort()) {
  const { raw, gzip, brotli } = size(join(modules, path));
  console.log(`  widgets/${path}: ${kb(raw)} raw, ${kb(brotli)} brotli, ${kb(gzip)} gzip`);
}

if (embed.gzip > budgetBytes) {
  console.error("embed.js is over its size budget.");
  process.exit(1);
}
