// `pnpm test:dates`: the whole suite under faketime (Debian's package) at instants where date code breaks,
// each in another machine time zone. Tests pin their own clocks; this proves none of them reads the real date.
// One spring-forward and one fall-back night are enough here: the zone and slot tests in packages/core cover both directions in several zones.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// `--ci` runs the three marked `ci` (a DST night, a year's end a day ahead in the machine's zone, a leap day in a
// half-hour zone), so that CI stays well inside its time; without it, all five.
const all = [
  { at: "2027-02-01T00:30:00Z", zone: "Europe/Berlin", why: "the 1st of a month, early UTC" },
  { at: "2027-03-14T06:59:30Z", zone: "UTC", why: "New York springs forward", ci: true },
  { at: "2027-10-31T00:59:30Z", zone: "America/Los_Angeles", why: "Berlin falls back" },
  { at: "2027-12-31T23:30:00Z", zone: "Pacific/Kiritimati", why: "New Year's Eve, 23:30 UTC", ci: true },
  { at: "2028-02-29T12:00:00Z", zone: "Asia/Kolkata", why: "a leap day", ci: true },
];
const instants = process.argv.includes("--ci") ? all.filter((instant) => instant.ci) : all;

if (!existsSync("/usr/bin/faketime")) {
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  console.log(`Installing faketime (${sudo}apt-get install faketime)…`);
  execFileSync("sh", ["-c", `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime`], { stdio: "inherit" });
}

// faketime reads its start time as wall-clock time in the process's own zone.
const wallClock = (at, zone) => new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "medium" }).format(new Date(at));

const build = spawnSync("pnpm", ["build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
if (build.status !== 0) process.exit(build.status ?? 1);

const failed = [];
for (const { at, zone, why } of instants) {
  // One clock for the whole machine: without FAKETIME_DONT_RESET each process (a server, a browser, a test worker)
  // would start its own at the instant, and a server started a minute into the run would be a minute behind its tests.
  const env = { ...process.env, TZ: zone, FRONTDESK_SKIP_BUILD: "1", FAKETIME_DONT_RESET: "1" };
  const faked = ["-f", `@${wallClock(at, zone)}`];
  const seen = execFileSync("faketime", [...faked, process.execPath, "-p", "new Date().toISOString()"], { env, encoding: "utf8" }).trim();
  if (Math.abs(Date.parse(seen) - Date.parse(at)) > 60_000) throw new Error(`faketime started at ${seen}, not ${at} (TZ=${zone}).`);

  console.log(`\n── ${at} (${why}), TZ=${zone} ──`);
  const run = spawnSync("faketime", [...faked, "pnpm", "exec", "vitest", "run"], { stdio: "inherit", env });
  if (run.status !== 0) failed.push(`${at} (${why}), TZ=${zone}`);
}

if (failed.length) {
  console.error(`\nThe suite failed at:\n  ${failed.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nThe suite passed at all ${instants.length} instants.`);
