import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const dir = mkdtempSync(join(tmpdir(), "frontdesk-sandbox-restart-"));
const database = { DATABASE_URL: `file:${join(dir, "frontdesk.db")}`, FRONTDESK_SANDBOX_PROVIDERS: "on" };
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rest(url: string, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as Record<string, any>;
  expect(response.status, JSON.stringify(answer)).toBe(200);
  return answer;
}

const failedChecks = (result: Record<string, any>) => (result.checks as { ok: boolean }[]).filter((check) => !check.ok);

describe("the sandbox's own providers", () => {
  it("still have the numbers and agents a business published after the server restarts, so its calls still play", async () => {
    // The same address both times: the agents were published with tool URLs on it.
    const port = await freePort();
    const env = { ...database, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` };
    server = await startServer(env);
    const key = server.demoSecretKey;
    const first = (method: string, path: string, body?: unknown) => rest(server!.url, key, method, path, body);
    const agent = await first("POST", "/agents", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo" } });
    await first("POST", `/agents/${agent.id}/publish`, {});
    await first("POST", `/agents/${agent.id}/activate`, {});
    const number = await first("POST", "/numbers", { phoneNumber: "+14155550100" });
    await first("PATCH", `/numbers/${number.id}`, { agentId: agent.id, status: "active" });
    await first("POST", "/knowledge", { kind: "qa", title: "Is there parking?", body: "Yes: free parking behind the building." });
    await first("POST", "/knowledge", { kind: "qa", title: "Which insurance do you accept?", body: "Delta Dental, Cigna, Aetna and MetLife." });
    expect(failedChecks(await first("POST", "/calls/simulate", { scenarioId: "knowledge-question" }))).toEqual([]);
    await server.stop();

    server = await startServer(env);
    const again = (method: string, path: string, body?: unknown) => rest(server!.url, key, method, path, body);
    expect(failedChecks(await again("POST", "/calls/simulate", { scenarioId: "knowledge-question" }))).toEqual([]);
    expect((await again("GET", "/calls")).items).toHaveLength(2);
  });
});
