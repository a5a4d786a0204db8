import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

/**
 * What a site owner's page pays for the widgets, checked after every build: the build fails when a budget is exceeded.
 * Usage: node scripts/report-size.mjs [--summary] [package dir], which holds dist/ and .widgets.json (default: this
 * package); --summary leaves out the size of each file.
 */
const budgets = {
  /** embed.js itself: every page with the snippet downloads it, whatever it shows. */
  loaderBrotli: 6 * 1024,
  /** A page with only <fd-booking>, in English: embed.js, the booking module and the shared chunks (Lit among them). */
  bookingPageGzip: 40 * 1024,
};

const args = process.argv.slice(2);
const root = resolve(args.find((arg) => !arg.startsWith("--")) ?? fileURLToPath(new URL("..", import.meta.url)));
const dist = join(root, "dist");
const widgetFiles = JSON.parse(readFileSync(join(root, ".widgets.json"), "utf8"));
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const size = (file) => {
  const bytes = readFileSync(file);
  // As the server compresses them at build time (nitro's compressPublicAssets, zlib's defaults): brotli quality 11 for
  // browsers, gzip level 6 for the rest.
  return { raw: bytes.length, gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length };
};
const sizes = (...parts) => parts.reduce((sum, part) => ({ raw: sum.raw + part.raw, gzip: sum.gzip + part.gzip, brotli: sum.brotli + part.brotli }));
const line = ({ raw, gzip, brotli }) => `${kb(raw)} raw, ${kb(brotli)} brotli, ${kb(gzip)} gzip`;

// The ES modules share chunks, so a page pays for an entry plus the chunks it imports, once.
const modules = join(dist, "widgets");
const files = new Map(
  readdirSync(modules, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".js"))
    .sort()
    .map((name) => [name.replaceAll("\\", "/"), size(join(modules, name))]),
);
if (!args.includes("--summary")) for (const [name, file] of files) console.log(`  widgets/${name}: ${line(file)}`);

const loader = size(join(dist, "embed.js"));
console.log(`embed.js (the loader): ${line(loader)} (budget ${kb(budgets.loaderBrotli)} brotli)`);
const pages = Object.fromEntries(
  Object.entries(widgetFiles).map(([tag, names]) => [tag, sizes(loader, ...names.map((name) => files.get(name) ?? { raw: 0, gzip: 0, brotli: 0 }))]),
);
for (const [tag, page] of Object.entries(pages)) {
  const budget = tag === "fd-booking" ? ` (budget ${kb(budgets.bookingPageGzip)} gzip)` : "";
  console.log(`a page with only <${tag}>, English: ${line(page)} on the wire, embed.js and ${widgetFiles[tag].length} files${budget}`);
}

const missing = Object.values(widgetFiles).flat().filter((name) => !files.has(name));
const over = [
  ...(missing.length ? [`.widgets.json names files that were not built: ${missing.join(", ")}`] : []),
  ...(loader.brotli > budgets.loaderBrotli ? [`embed.js is ${kb(loader.brotli)} brotli, over its budget of ${kb(budgets.loaderBrotli)}`] : []),
  ...((pages["fd-booking"]?.gzip ?? 0) > budgets.bookingPageGzip
    ? [`a page with only <fd-booking> loads ${kb(pages["fd-booking"].gzip)} gzip, over its budget of ${kb(budgets.bookingPageGzip)}`]
    : []),
];
if (!pages["fd-booking"]) over.push(".widgets.json has no files for <fd-booking>");
for (const reason of over) console.error(reason);
if (over.length) process.exit(1);
