import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeBlocks } from "../testing/docs";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

async function appointmentsWith(clientSecret: string, origin: string): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" }));
  const response = await fetch(`${server.url}/trpc/staff.appointments?input=${input}`, { headers: { "x-frontdesk-session": clientSecret, origin } });
  return response.status;
}

describe("docs/saas-embedding.md", () => {
  let vendor: ChildProcess | undefined;
  const dir = new URL("./.snippets-saas/", import.meta.url);
  afterAll(() => {
    vendor?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("its Node server mints a session with the secret key, which the front end then calls with from its origin alone", async () => {
    const example = codeBlocks("saas-embedding.md", "ts").find((block) => block.includes("createFrontdeskAdminClient"))!;
    mkdirSync(dir, { recursive: true });
    const file = new URL("vendor-server.mts", dir);
    writeFileSync(file, example.replace("http://localhost:3000", server.url));
    const port = await freePort();
    vendor = spawn("pnpm", ["exec", "tsx", file.pathname], {
      cwd: new URL("..", import.meta.url).pathname,
      env: { ...process.env, FRONTDESK_SECRET_KEY: server.demoSecretKey, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      vendor!.stdout!.on("data", (chunk) => {
        output += chunk;
        if (output.includes(`Minting Frontdesk sessions on port ${port}`)) resolve();
      });
      vendor!.stderr!.on("data", (chunk) => (output += chunk));
      vendor!.once("exit", (code) => reject(new Error(`The example exited with ${code}:\n${output}`)));
    });

    const response = await fetch(`http://127.0.0.1:${port}/frontdesk-session`, { method: "POST" });
    expect(response.status).toBe(200);
    const { clientSecret, expiresAt } = (await response.json()) as { clientSecret: string; expiresAt: string };
    expect(Date.parse(expiresAt) - server.now()).toBeGreaterThan(29 * 60_000);
    expect(await appointmentsWith(clientSecret, "https://app.vendor.example")).toBe(200);
    expect(await appointmentsWith(clientSecret, "https://elsewhere.example")).toBe(403);
    expect(JSON.stringify({ clientSecret, expiresAt })).not.toContain(server.demoSecretKey);
  });

  it("its curl example mints a session", async () => {
    const curl = codeBlocks("saas-embedding.md", "sh").find((block) => block.includes("embedSessions.create"))!;
    const body = /-d '(.+)'/.exec(curl)![1]!;
    const response = await fetch(`${server.url}/trpc/embedSessions.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.demoSecretKey}`, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(200);
    expect((await response.json()).result.data).toMatchObject({ id: expect.stringMatching(/^es_/), clientSecret: expect.stringMatching(/^es_/) });
  });
});
