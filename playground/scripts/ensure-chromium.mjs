// Browser tests drive Debian's Chromium; install it when missing (the test runner cannot download browsers).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = "/usr/bin/chromium";
if (existsSync(chromium)) process.exit(0);

const sudo = process.getuid?.() === 0 ? "" : "sudo ";
console.log(`Installing Chromium for the browser tests (${sudo}apt-get install chromium)…`);
execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: "inherit" });
if (!existsSync(chromium)) {
  console.error(`Chromium is still missing at ${chromium}.`);
  process.exit(1);
}
