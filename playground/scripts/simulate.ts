/**
 * `pnpm simulate <scenario> [--server URL] [--key sk_…] [--list]`: plays a scripted call on a sandbox business's phone
 * line through a running server (`POST /api/v1/calls/simulate`), then prints the call's id and each check.
 * Without `--key` it uses the demo's secret key that `pnpm start` keeps in data/demo-secret-key (readable by you alone).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { shippedScenarios, testOnlyScenarioIds } from "@frontdesk/retell/scenarios";

const usage = "Usage: pnpm simulate <scenario> [--server URL] [--key sk_…] [--number num_…] [--caller +1…]   |   pnpm simulate --list";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    server: { type: "string", default: process.env.FRONTDESK_URL ?? `http://localhost:${process.env.PORT ?? "3000"}` },
    key: { type: "string" },
    number: { type: "string" },
    caller: { type: "string" },
    list: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

if (values.list) {
  const testOnly = new Set<string>(testOnlyScenarioIds);
  for (const [id, scenario] of shippedScenarios) console.log(`${id.padEnd(28)} ${scenario.title.en}${testOnly.has(id) ? " (tests only)" : ""}`);
  process.exit(0);
}

const [scenarioId] = positionals;
if (!scenarioId) {
  console.error(usage);
  process.exit(2);
}

const key = values.key ?? process.env.FRONTDESK_SECRET_KEY ?? keptDemoKey();
if (!key) {
  console.error("No secret key: pass --key sk_… (or set FRONTDESK_SECRET_KEY). `pnpm start` keeps the demo's in data/demo-secret-key.");
  process.exit(2);
}

const response = await fetch(`${values.server.replace(/\/$/, "")}/api/v1/calls/simulate`, {
  method: "POST",
  headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
  body: JSON.stringify({ scenarioId, ...(values.number ? { numberId: values.number } : {}), ...(values.caller ? { callerNumber: values.caller } : {}) }),
}).catch((error: Error) => {
  console.error(`Could not reach ${values.server} (${error.message}). Is the server running (pnpm start)?`);
  process.exit(1);
});

const body = (await response.json().catch(() => ({}))) as {
  callId?: string;
  passed?: boolean;
  skipped?: string;
  checks?: { name: string; ok: boolean; expected: unknown; actual: unknown }[];
  code?: string;
  message?: string;
  field?: string;
};
if (!response.ok) {
  console.error(`${response.status} ${body.code ?? ""}: ${body.message ?? "the server refused the call"}${body.field ? ` (field ${body.field})` : ""}`);
  process.exit(1);
}

console.log(`Call ${body.callId}`);
for (const check of body.checks ?? []) {
  console.log(`  ${check.ok ? "pass" : "FAIL"}  ${check.name}${check.ok ? "" : `: expected ${JSON.stringify(check.expected)}, got ${JSON.stringify(check.actual)}`}`);
}
console.log(body.skipped ? `skipped: ${body.skipped}` : body.passed ? "passed" : "failed");
process.exit(body.passed || body.skipped ? 0 : 1);

function keptDemoKey(): string | undefined {
  try {
    return readFileSync(fileURLToPath(new URL("../../data/demo-secret-key", import.meta.url)), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}
