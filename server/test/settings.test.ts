import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSettings } from "../app/settings";
import { serverEntry, startServer } from "../testing/start-server";

const dir = mkdtempSync(join(tmpdir(), "frontdesk-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the built server with `env` and resolves with what it printed and its exit code once it exits. */
function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)));
  const child = spawn(process.execPath, [serverEntry], {
    env: { ...clean, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "frontdesk.db")}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output })));
}

describe("a server started with a wrong setting", () => {
  it("stops at once with exit code 1, naming each wrong variable and what it expects", async () => {
    const { code, output } = await startExpectingExit({ TASK_INTERVAL_SECONDS: "soon", RATE_LIMITS: "maybe" });
    expect(code).toBe(1);
    expect(output).toContain('TASK_INTERVAL_SECONDS must be a number of seconds greater than 0, such as 30; got "soon".');
    expect(output).toContain('RATE_LIMITS must be "on" or "off"; got "maybe".');
    expect(output).not.toContain("Listening on");
  });

  it("never creates or migrates the database it was pointed at", async () => {
    const { code } = await startExpectingExit({ DATABASE_URL: `file:${join(dir, "untouched", "frontdesk.db")}`, FRONTDESK_CLOCK: "tomorrow" });
    expect(code).toBe(1);
    expect(readdirSync(dir)).not.toContain("untouched");
  });

  it("does not print a secret it cannot use", async () => {
    const { code, output } = await startExpectingExit({ SMTP_URL: "mail.example.com:587 password=hunter2" });
    expect(code).toBe(1);
    expect(output).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
    expect(output).not.toContain("hunter2");
  });

  it("starts as before when every setting is right", async () => {
    const server = await startServer({ TASK_INTERVAL_SECONDS: "2.5", TRUST_PROXY: "1", SEED_DEMO: "true", SMTP_URL: "" });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe("the settings' defaults", () => {
  it("are the ones docs/server.md lists", () => {
    const defaults = readSettings({});
    expect(defaults).toMatchObject({
      port: 3000,
      databaseUrl: "file:./data/frontdesk.db",
      publicUrl: "http://localhost:3000",
      smtp: undefined,
      seedDemo: false,
      demo: { publishableKey: "pk_demo_brightsmile", timeZone: "America/New_York" },
      taskIntervalMs: 30_000,
      limits: { trustedProxies: 0, perClient: true },
      clockStart: undefined,
    });
    expect(readSettings({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
  });
});
