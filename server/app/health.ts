import type { Db } from "@frontdesk/db";
import { version } from "./version";

export interface Health {
  status: "ok" | "unavailable";
  version: string;
  database: { reachable: true; latencyMs: number } | { reachable: false };
}

/**
 * What `/healthz` answers: whether the database can be queried, and how fast. A failure's detail goes to the log
 * only: a database error can name hosts, paths or credentials, and anyone may ask.
 */
export async function checkHealth(db: () => Promise<Db>, log: (...data: unknown[]) => void = console.error): Promise<{ httpStatus: 200 | 503; health: Health }> {
  const started = performance.now();
  try {
    await (await db()).ping();
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { httpStatus: 200, health: { status: "ok", version, database: { reachable: true, latencyMs } } };
  } catch (error) {
    log("Health check failed: the database could not be queried:", error);
    return { httpStatus: 503, health: { status: "unavailable", version, database: { reachable: false } } };
  }
}
