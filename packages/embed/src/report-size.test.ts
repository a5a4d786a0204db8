import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../scripts/report-size.mjs", import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Text that does not compress: `bytes` random bytes, written out in base64. */
const noise = (bytes: number) => randomBytes(bytes).toString("base64");

/** A build's output as the size report reads it: embed.js, the chunks under widgets/, and which files each tag loads. */
function build(files: { loader: string; booking: string; shared: string }): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), "frontdesk-embed-size-"));
  dirs.push(root);
  mkdirSync(join(root, "dist/widgets/chunks"), { recursive: true });
  writeFileSync(join(root, "dist/embed.js"), files.loader);
  writeFileSync(join(root, "dist/widgets/chunks/booking-abc.js"), files.booking);
  writeFileSync(join(root, "dist/widgets/chunks/shared-abc.js"), files.shared);
  writeFileSync(join(root, "dist/widgets/chunks/booking-manage-abc.js"), noise(80 * 1024));
  const widgets = { "fd-booking": ["chunks/booking-abc.js", "chunks/shared-abc.js"], "fd-booking-manage": ["chunks/booking-manage-abc.js", "chunks/shared-abc.js"] };
  writeFileSync(join(root, ".widgets.json"), JSON.stringify(widgets));
  const run = spawnSync(process.execPath, [script, root], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

const withinBudgets = { loader: noise(2 * 1024), booking: noise(10 * 1024), shared: noise(20 * 1024) };

describe("the embed build's size budgets", () => {
  it("passes a build within them and reports the loader and the booking page, whatever the other widgets weigh", () => {
    const { status, output } = build(withinBudgets);
    expect(output).toMatch(/^embed\.js \(the loader\): 2\.7 kB raw, 2\.\d kB brotli, 2\.\d kB gzip \(budget 6\.0 kB brotli\)$/m);
    expect(output).toMatch(/^a page with only <fd-booking>, English: 42\.7 kB raw, .* gzip on the wire, embed\.js and 2 files \(budget 40\.0 kB gzip\)$/m);
    expect(status).toBe(0);
  });

  it("fails a build whose loader is over 6 kB brotli", () => {
    const { status, output } = build({ ...withinBudgets, loader: noise(8 * 1024) });
    expect(output).toMatch(/embed\.js is \d+\.\d kB brotli, over its budget of 6\.0 kB/);
    expect(status).toBe(1);
  });

  it("fails a build whose booking page is over 40 kB gzip", () => {
    const { status, output } = build({ ...withinBudgets, shared: noise(30 * 1024) });
    expect(output).toMatch(/a page with only <fd-booking> loads \d+\.\d kB gzip, over its budget of 40\.0 kB/);
    expect(status).toBe(1);
  });
});
