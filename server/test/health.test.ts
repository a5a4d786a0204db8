import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@frontdesk/db";
import { checkHealth } from "../app/health";

const dir = mkdtempSync(join(tmpdir(), "frontdesk-health-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the health check", () => {
  it("reports a database it can query as reachable, with its latency", async () => {
    const db = await openDb(`file:${join(dir, "up.db")}`);
    const { httpStatus, health } = await checkHealth(async () => db);
    db.close();
    expect(httpStatus).toBe(200);
    expect(health).toMatchObject({ status: "ok", database: { reachable: true, latencyMs: expect.any(Number) } });
  });

  it("answers a failing database with a short 503 and keeps the database's own error for the log", async () => {
    const db = await openDb(`file:${join(dir, "down.db")}`);
    db.close();
    const logged: unknown[][] = [];
    const { httpStatus, health } = await checkHealth(async () => db, (...data) => logged.push(data));

    expect(httpStatus).toBe(503);
    expect(health).toEqual({ status: "unavailable", version: expect.any(String), database: { reachable: false } });
    expect(logged).toHaveLength(1);
    expect(String(logged[0]![1])).toMatch(/closed/i);
  });
});
