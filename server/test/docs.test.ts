import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskClient } from "@frontdesk/client";
import { codeBlocks } from "../testing/docs";
import { bookAndGetToken } from "../testing/manage-link";
import { startServer, type RunningServer } from "../testing/start-server";

const run = promisify(execFile);
let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

/** Runs a docs example as a reader would, with tsx, on a clock that reads the test server's date. */
function runExample(file: URL, env: Record<string, string> = {}) {
  const pinnedClock = new URL("../testing/pinned-clock.mjs", import.meta.url).pathname;
  return run("pnpm", ["exec", "tsx", "--import", pinnedClock, file.pathname], {
    cwd: new URL("..", import.meta.url).pathname,
    env: { ...process.env, FRONTDESK_CLOCK: new Date(server.now()).toISOString(), ...env },
  });
}

describe("docs/api.md", () => {
  it("its client example books an appointment as written", async () => {
    const [example] = codeBlocks("api.md", "ts");
    const dir = new URL("./.snippets/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    const file = new URL("api-example.mts", dir);
    writeFileSync(file, example!.replace("http://localhost:3000", server.url));
    try {
      const { stdout } = await runExample(file);
      expect(stdout).toMatch(/^Booked Consultation with .+ at \d{4}-\d{2}-\d{2}T/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("its configuration example sets up a service and approves requests", async () => {
    const example = codeBlocks("api.md", "ts").find((block) => block.includes("createFrontdeskAdminClient"))!;
    const secretKey = /Demo secret key \(shown once, keep it safe\): (sk_\S+)/.exec(server.output())![1]!;
    const dir = new URL("./.snippets/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    const file = new URL("admin-example.mts", dir);
    writeFileSync(file, example.replace("http://localhost:3000", server.url));
    try {
      const { stdout } = await runExample(file, { FRONTDESK_SECRET_KEY: secretKey });
      expect(stdout).toMatch(/^Added svc_\S+ with stf_\S+; approved \d+ requests/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("its curl example gets the documented validation error", async () => {
    const curl = codeBlocks("api.md", "sh").find((block) => block.includes("booking.create"))!;
    const body = /-d '(.+)'/.exec(curl)![1]!;
    const response = await fetch(`${server.url}/trpc/booking.create`, {
      method: "POST",
      headers: { "x-frontdesk-key": "pk_demo_brightsmile", "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.data.frontdesk).toEqual({ code: "VALIDATION_FAILED", field: "customer.email" });
  });
});

describe("docs/privacy.md", () => {
  it("its examples export and erase a customer, and find both in the audit log, as written", async () => {
    const visitor = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" });
    await bookAndGetToken(server, visitor, "Rosa Privacy");
    const [example] = codeBlocks("privacy.md", "ts");
    const dir = new URL("./.snippets/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    const file = new URL("privacy-example.mts", dir);
    writeFileSync(file, example!.replace("http://localhost:3000", server.url));
    try {
      const { stdout } = await runExample(file, { FRONTDESK_SECRET_KEY: server.demoSecretKey, CUSTOMER_EMAIL: "rosa.privacy@example.com" });
      const [exported, erased, ...entries] = stdout.trimEnd().split("\n");
      expect(exported).toMatch(/^Exported cus_\S+: 1 appointments, [1-9]\d* messages$/);
      expect(erased).toMatch(/^Erased cus_\S+: 1 appointments kept anonymised, 1 cancelled$/);
      expect(entries.map((line) => line.split(" ").slice(2).join(" "))).toEqual([
        expect.stringMatching(/^sk_\S+ customer\.erased cus_\S+ ok$/),
        expect.stringMatching(/^sk_\S+ customer\.exported cus_\S+ ok$/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const shell = codeBlocks("privacy.md", "sh")[0]!;
    const day = 86_400_000;
    const script = shell
      .replace(/^FROM=\S+ TO=\S+$/m, `FROM=${new Date(server.now() - day).toISOString()} TO=${new Date(server.now() + 60_000).toISOString()}`)
      .replace("http://localhost:3000", server.url);
    const { stdout: csv } = await run("bash", ["-c", script], { env: { ...process.env, FRONTDESK_SECRET_KEY: server.demoSecretKey } });
    const [header, ...rows] = csv.trimEnd().split("\r\n");
    expect(header).toBe("id,at,actorKind,actorId,action,targetType,targetId,outcome,errorCode,ipHash,userAgent,detail");
    expect(rows.filter((row) => row.includes(",customer.erased,"))).toHaveLength(1);
    expect(csv).not.toContain("rosa.privacy@example.com");
  });
});

describe("docs/rest-api.md", () => {
  /** Runs a shell example with bash, as a developer pastes it, against the test server with the demo's secret key. */
  async function runShell(example: string) {
    const { stdout } = await run("bash", ["-euo", "pipefail", "-c", example], {
      env: { ...process.env, FRONTDESK_URL: server.url, FRONTDESK_SECRET_KEY: server.demoSecretKey },
    });
    return stdout;
  }
  const example = (route: string) => codeBlocks("rest-api.md", "sh").find((block) => block.includes(route))!;

  it("its availability example finds the time the booking example books, and the booking example books it", async () => {
    const { slots } = JSON.parse(await runShell(example("/api/v1/availability")));
    const booking = example("/api/v1/bookings");
    const start = /"start":"([^"]+)"/.exec(booking)![1]!;
    expect(slots.map((slot: { start: string }) => slot.start)).toContain(start);

    const booked = JSON.parse(await runShell(booking));
    expect(booked).toMatchObject({ status: "confirmed", start, serviceId: "svc_consult", customerName: "Ada Lovelace" });
    // Its idempotency key makes the example safe to run twice: the same booking comes back.
    expect(JSON.parse(await runShell(booking)).id).toBe(booked.id);
  });

  it("its key example makes a key with the scopes it names, shown once", async () => {
    const made = JSON.parse(await runShell(example("/api/v1/keys/secret")));
    expect(made).toMatchObject({ name: "Website backend", scopes: ["bookings:read", "bookings:write"], key: expect.stringMatching(/^sk_/) });
  });
});
