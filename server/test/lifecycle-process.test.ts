import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, openDb } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { freePort } from "../testing/ports";
import { serverEntry, testClockStart } from "../testing/start-server";

const dir = mkdtempSync(join(tmpdir(), "frontdesk-lifecycle-"));
const databaseFile = join(dir, "frontdesk.db");
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/** User plus system CPU time the process has used, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
}

const healthy = (url: string) =>
  fetch(`${url}/healthz`)
    .then((response) => (response.ok ? true : undefined))
    .catch(() => undefined);

describe("the built server with its output piped into a reader that went away (`pnpm start | head`)", () => {
  let port: number;
  let url: string;
  let server: ChildProcess;
  let exited: Promise<number>;
  let signalled: number;
  let appointmentId: string;

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // srvx's graceful stop is skipped under CI or TEST; a production server has neither.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$|CI$)/.test(name)));
    server = child = spawn(process.execPath, [serverEntry], {
      env: { ...env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${databaseFile}`, FRONTDESK_CLOCK: testClockStart, SEED_DEMO: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Both pipes close before the server writes its first line: every line it logs from now on fails with EPIPE.
    server.stdout!.destroy();
    server.stderr!.destroy();
  });

  it("answers /healthz", async () => {
    await until("the server to answer /healthz", () => healthy(url));
  });

  it("does not spin: over a second of polling it uses little CPU time", async () => {
    const cpuBefore = cpuMs(server.pid!);
    const since = performance.now();
    while (performance.now() - since < 1000) {
      expect(await healthy(url)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A process spinning on its log errors would use about one second of CPU per second.
    expect((cpuMs(server.pid!) - cpuBefore) / (performance.now() - since)).toBeLessThan(0.3);
  });

  it("on SIGTERM stops taking connections, yet finishes the booking it was receiving", async () => {
    const from = new Date(Date.parse(testClockStart) + 3 * 86_400_000).toISOString().slice(0, 10);
    const open = await fetch(`${url}/trpc/booking.availability?input=${encodeURIComponent(JSON.stringify({ serviceId: "svc_consult", from, to: from }))}`, {
      headers: { "x-frontdesk-key": "pk_demo_brightsmile" },
    });
    const [slot] = (await open.json()).result.data.slots as { start: string }[];
    const body = JSON.stringify({ serviceId: "svc_consult", start: slot!.start, customer: { name: "Sig Term", email: "sig@example.com" } });
    const booking = request(`${url}/trpc/booking.create`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-frontdesk-key": "pk_demo_brightsmile", expect: "100-continue" },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      booking.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, text }));
      });
      booking.on("error", reject);
    });
    // "100 Continue": the server has the request and waits for its body.
    await new Promise((resolve) => booking.once("continue", resolve));

    signalled = performance.now();
    exited = new Promise((resolve) => server.once("exit", () => resolve(performance.now() - signalled)));
    server.kill("SIGTERM");
    await until("the server to stop taking connections", async () => ((await accepts(port)) ? undefined : true));
    booking.end(body);

    const answer = await answered;
    expect(answer.status).toBe(200);
    appointmentId = JSON.parse(answer.text).result.data.id;
  });

  it("then closes the database, keeping the booking, and exits within a few seconds", async () => {
    expect(await exited).toBeLessThan(4000);
    // A database closed cleanly has folded its write-ahead log back into the file.
    expect(existsSync(`${databaseFile}-wal`)).toBe(false);
    const db = await openDb(`file:${databaseFile}`);
    const [row] = await rowsOf(db, appointments, { id: appointmentId });
    db.close();
    expect(row?.status).toBe("confirmed");
  });
});
