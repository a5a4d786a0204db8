// The call log and transcript search over 1,000,000 calls, end to end on the built server (REST, the secret key).
// Targets: a page p95 < 50 ms, a search p95 < 100 ms.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { callIntents, callOutcomes } from "@frontdesk/core";
import { migrateDb, openDb, tenantToken } from "@frontdesk/db";
import { issueSecretKey } from "../app/auth/secret-keys";
import { demoTenantId, seedDemoTenant } from "../app/demo/seed";
import { startServer, testClockStart } from "../testing/start-server";

// The libSQL client packages/db opens databases with, for the raw bulk insert below.
const { createClient } = createRequire(fileURLToPath(import.meta.resolve("@frontdesk/db")))("@libsql/client") as {
  createClient(config: { url: string }): {
    execute(statement: string | { sql: string; args: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
    batch(statements: { sql: string; args: unknown[] }[], mode: "write"): Promise<unknown>;
    close(): void;
  };
};

const total = Number(process.env.BENCH_CALLS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
/** One call in ten is another business's: every query must skip them. */
const otherTenantId = "ten_bench_other";
const chunk = 100_000;

// BENCH_KEEP=1 keeps the seeded file (its path is printed), to EXPLAIN the queries against it.
const keep = process.env.BENCH_KEEP === "1";
const dir = mkdtempSync(join(tmpdir(), "frontdesk-call-log-"));
const file = join(dir, "frontdesk.db");
const url = `file:${file}`;

const db = await openDb(url);
await migrateDb(db, fileURLToPath(new URL("../../packages/db/migrations", import.meta.url)));
const now = Date.parse(testClockStart);
await seedDemoTenant(db, now);
const key = await db.write(async (writer) => issueSecretKey(writer, demoTenantId));
db.close();

// Rows are made inside SQLite (a recursive count), a chunk per transaction: no row crosses into JavaScript.
const raw = createClient({ url });
await raw.execute({ sql: "insert into tenants (id, name, time_zone) values (?, 'Other', 'UTC')", args: [otherTenantId] });
const words = JSON.stringify(["cleaning", "filling", "whitening", "check-up", "implant", "consultation", "crown", "toothache", "bleeding", "braces", "limpieza", "empaste", "mañana", "niño", "después", "dolor"]);
const days = JSON.stringify(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "martes", "miércoles"]);
const intents = JSON.stringify(callIntents);
const outcomes = JSON.stringify(callOutcomes);
const started = performance.now();
for (let from = 0; from < total; from += chunk) {
  const to = Math.min(total, from + chunk) - 1;
  await raw.batch(
    [
      {
        sql: `with recursive n(i) as (select ? union all select i + 1 from n where i < ?)
              insert into calls (tenant_id, id, provider, provider_call_id, direction, from_e164, to_e164, status, seen, started_at, ended_at,
                duration_ms, intent, outcome, summary, created_at, updated_at)
              select case when i % 10 = 9 then ? else ? end, printf('cal_b%09d', i), 'retell', printf('pc_b%09d', i),
                case when i % 7 = 0 then 'outbound' else 'inbound' end, printf('+1555%07d', i % 10000000), '+15550199', 'ended', 7,
                ? - (? - i) * 30000, ? - (? - i) * 30000 + 95000, 95000,
                json_extract(?, '$[' || (i % 7) || ']'), json_extract(?, '$[' || (i % 3) || ']'), 'A caller asked about a visit.',
                ? - (? - i) * 30000, ? - (? - i) * 30000
              from n`,
        args: [BigInt(from), BigInt(to), otherTenantId, demoTenantId, ...[now, total, now, total].map(BigInt), intents, outcomes, ...[now, total, now, total].map(BigInt)],
      },
      {
        sql: `insert into call_transcripts (call_id, tenant_id, tenant_token, turns, text, updated_at)
              select id, tenant_id, case when tenant_id = ? then ? else ? end, json_array(
                  json_object('role', 'agent', 'text', 'Hello, Bright Smile, how can I help?', 'startSec', 0, 'endSec', 2, 'words', json_array()),
                  json_object('role', 'user', 'text', t, 'startSec', 3, 'endSec', 9, 'words', json_array())),
                'Agent: Hello, Bright Smile, how can I help?' || char(10) || 'Caller: ' || t, ended_at
              from (select id, tenant_id, ended_at, 'I would like an appointment for a ' || json_extract(?, '$[' || (i * 7919 % 16) || ']') || ' on ' ||
                       json_extract(?, '$[' || (i * 104729 % 8) || ']') || ', about the ' || json_extract(?, '$[' || (i * 31 % 16) || ']') ||
                       case when i % 10000 = 0 then ', and ask the orthodontist' else '' end || '.' as t
                    from (select id, tenant_id, ended_at, cast(substr(id, 6) as integer) as i from calls where id between printf('cal_b%09d', ?) and printf('cal_b%09d', ?)))`,
        args: [demoTenantId, tenantToken(demoTenantId), tenantToken(otherTenantId), words, days, words, BigInt(from), BigInt(to)],
      },
    ],
    "write",
  );
  process.stdout.write(`\rseeded ${to + 1} calls (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
await raw.execute("analyze");
const seedSeconds = (performance.now() - started) / 1000;
const deep = await raw.execute({
  sql: "select started_at, id from calls where tenant_id = ? and started_at is not null order by started_at desc, id desc limit 1 offset ?",
  args: [demoTenantId, BigInt(Math.floor(total * 0.45))],
});
raw.close();
console.log(`\nseeded ${total} calls with transcripts in ${seedSeconds.toFixed(0)} s; file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);

const server = await startServer({ DATABASE_URL: url, SEED_DEMO: "false" }, { nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean) });
const deepCursor = Buffer.from(JSON.stringify([Number(deep.rows[0]!.started_at), String(deep.rows[0]!.id)])).toString("base64url");

/** Milliseconds of each of `rounds` requests, one at a time, after a few not counted. */
async function timed(path: string): Promise<number[]> {
  const call = async () => {
    const response = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await response.json()) as { items?: unknown[] };
    if (response.status !== 200 || !body.items) throw new Error(`${path}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body.items.length;
  };
  for (let i = 0; i < 10; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const at = performance.now();
    await call();
    times.push(performance.now() - at);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const scenarios = [
  { name: "first page", path: "/calls?limit=50", target: 50 },
  { name: "deep page (45% in)", path: `/calls?limit=50&cursor=${deepCursor}`, target: 50 },
  { name: "filtered: outcome + intent", path: "/calls?limit=50&outcome=escalated&intent=book", target: 50 },
  { name: "filtered: agent (none match)", path: "/calls?limit=50&agentId=agt_nobody", target: 50 },
  { name: "filtered: one local day", path: `/calls?limit=50&from=${new Date(now - 30 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(now - 30 * 86_400_000).toISOString().slice(0, 10)}`, target: 50 },
  { name: "search: a word in every call", path: "/calls?limit=50&search=appointment", target: 100 },
  { name: "search: two words", path: "/calls?limit=50&search=limpieza%20martes", target: 100 },
  { name: "search: accents dropped (manana)", path: "/calls?limit=50&search=manana", target: 100 },
  { name: "search: rare word (1 in 10,000)", path: "/calls?limit=50&search=orthodontist", target: 100 },
  { name: "search + filter", path: "/calls?limit=50&search=implant&outcome=failed", target: 100 },
];
let failed = 0;
console.log(`\n${rounds} sequential requests each; ms`);
console.log(["scenario".padEnd(36), "p50".padStart(7), "p95".padStart(7), "p99".padStart(7), "target p95".padStart(11)].join(""));
try {
  for (const scenario of scenarios) {
    const times = await timed(scenario.path);
    const p95 = quantile(times, 0.95);
    if (p95 >= scenario.target) failed++;
    console.log(
      [scenario.name.padEnd(36), quantile(times, 0.5).toFixed(1).padStart(7), p95.toFixed(1).padStart(7), quantile(times, 0.99).toFixed(1).padStart(7), `< ${scenario.target}${p95 < scenario.target ? "" : " MISSED"}`.padStart(11)].join(""),
    );
  }
} finally {
  await server.stop();
  if (keep) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
if (failed > 0) {
  console.log(`${failed} scenario(s) missed the target.`);
  process.exitCode = 1;
}
