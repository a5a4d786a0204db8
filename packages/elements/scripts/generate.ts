import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { docsFile, generate } from "../src/outputs";

const here = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { out: { type: "string" }, write: { type: "boolean" } } });
if (!values.out && !values.write) {
  console.error("Usage: generate.ts --out <dir> (the build: the files the server serves under /widgets/) | --write (the copies kept in the repository, and docs/embedding.md)");
  process.exit(2);
}

const { files, docs } = generate();
const target = values.write ? here : join(here, values.out!);
for (const [name, text] of Object.entries(files)) {
  mkdirSync(dirname(join(target, name)), { recursive: true });
  writeFileSync(join(target, name), text);
}
if (values.write) writeFileSync(docsFile, docs);
console.log(`custom-elements.json and what is made from it: ${Object.keys(files).length} files in ${target}${values.write ? ", and docs/embedding.md" : ""}`);
