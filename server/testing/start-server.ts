import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const serverEntry = fileURLToPath(new URL("../.output/server/index.mjs", import.meta.url));

/** The instant every test server's clock starts at unless a test names another: a Tuesday in mid-January 2027. */
export const testClockStart = "2027-01-12T14:00:00Z";

export interface RunningServer {
  url: string;
  /** The server process's id: a benchmark reads its CPU time. */
  pid: number;
  /** The server's clock now (it started at `FRONTDESK_CLOCK` and runs), to pin a browser page's clock to. */
  now(): number;
  databaseUrl: string;
  /** The demo tenant's secret key, printed once when the server seeded it. */
  readonly demoSecretKey: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built Nitro server on a free port with a fresh libSQL file, the demo seeded and a pinned clock, as `pnpm start`
 * would, but with per-client limits off (`RATE_LIMITS: "on"` turns them on).
 */
export async function startServer(env: Record<string, string | undefined> = {}, options: { nodeArgs?: string[] } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-test-"));
  const databaseUrl = `file:${join(dir, "frontdesk.db")}`;
  const clock = env.FRONTDESK_CLOCK ?? testClockStart;
  const offset = Date.parse(clock) - Date.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverEntry], {
    // Every test calls from 127.0.0.1, faster than any visitor: per-client limits are off unless a test turns them on.
    env: { ...withoutTestRunnerEnv(process.env), PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, FRONTDESK_CLOCK: clock, RATE_LIMITS: "off", SEED_DEMO: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /Listening on: (http:\/\/[^\s/]+)/.exec(output);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`The server exited with ${code} before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`The server did not listen within 20 s:\n${output}`)), 20_000).unref();
  });
  await waitForHealthy(url, child);

  return {
    url,
    pid: child.pid!,
    databaseUrl,
    get demoSecretKey() {
      const key = /Demo secret key \(shown once, keep it safe\): (sk_\S+)/.exec(output)?.[1];
      if (!key) throw new Error(`The server printed no demo secret key:\n${output}`);
      return key;
    },
    now: () => Date.now() + offset,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        // A graceful stop takes a moment; a test run must not wait on a server that lingers.
        const lingering = setTimeout(() => child.kill("SIGKILL"), 3_000);
        await exited;
        clearTimeout(lingering);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForHealthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error("The server exited while starting.");
    const response = await fetch(`${url}/healthz`).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// srvx stays silent under a test runner, and we read the port from its "Listening on" line.
function withoutTestRunnerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)));
}
