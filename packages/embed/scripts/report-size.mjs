import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

// The budget a site owner's page pays for the booking widget.
const budgetBytes = 40 * 1024;
const file = new URL("../dist/embed.js", import.meta.url);
const bytes = readFileSync(file);
const gzipped = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`embed.js: ${kb(bytes.length)} raw, ${kb(gzipped)} gzip (budget ${kb(budgetBytes)} gzip)`);
if (gzipped > budgetBytes) {
  console.error("embed.js is over its size budget.");
  process.exit(1);
}
