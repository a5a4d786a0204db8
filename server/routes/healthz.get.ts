import { defineHandler } from "nitro";
import { useApp } from "../app/context";
import { version } from "../app/version";

export default defineHandler(async () => {
  const started = performance.now();
  try {
    const { db } = await useApp();
    await db.client.execute("select 1");
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { status: "ok", version, database: { reachable: true, latencyMs } };
  } catch (error) {
    return Response.json(
      { status: "unavailable", version, database: { reachable: false, error: (error as Error).message } },
      { status: 503 },
    );
  }
});
