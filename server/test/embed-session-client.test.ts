import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskSessionClient, toClientError } from "@frontdesk/client";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

// The session client as a vendor's own code (or <fd-provider>) uses it, against the running server; the server's clock
// moves on by restarting it on the same database and port.

const month = { from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" };
let dir: string;
let databaseUrl: string;
let port: number;
let server: RunningServer;
let secretKey: string;

async function restartAt(instant: number): Promise<void> {
  await server.stop();
  server = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port), FRONTDESK_CLOCK: new Date(instant).toISOString() });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-session-client-"));
  databaseUrl = `file:${join(dir, "frontdesk.db")}`;
  port = await freePort();
  server = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port) });
  secretKey = server.demoSecretKey;
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the embed session client", () => {
  const mint = () => createFrontdeskAdminClient({ baseUrl: server.url, secretKey }).embedSessions.create.mutate({ widgets: ["fd-appointments"], role: "admin" });

  it("without a client secret or fetchClientSecret, says so as UNKNOWN_EMBED_SESSION before sending anything", async () => {
    const client = createFrontdeskSessionClient({ baseUrl: server.url });
    const error = toClientError(await client.api.staff.appointments.query(month).catch((caught: unknown) => caught));
    expect(error).toMatchObject({ code: "UNKNOWN_EMBED_SESSION", field: "session" });
  });

  it("fetches one secret for calls made at once, and tells the session's role and expiry", async () => {
    let fetched = 0;
    const client = createFrontdeskSessionClient({ baseUrl: server.url, fetchClientSecret: async () => (fetched++, (await mint()).clientSecret) });
    const answers = await Promise.all([client.api.staff.appointments.query(month), client.api.config.get.query(), client.current()]);
    expect(answers[2]).toMatchObject({ role: "admin", widgets: ["fd-appointments"] });
    expect(fetched).toBe(1);
  });

  it("with a client secret alone, reports EMBED_SESSION_EXPIRED once it lapses; with fetchClientSecret too, carries on with a new one", async () => {
    const given = await mint();
    let fetched = 0;
    const alone = createFrontdeskSessionClient({ baseUrl: server.url, clientSecret: given.clientSecret });
    // Its clock stays ten minutes before the first session's end: only the server's answer tells it the session lapsed.
    const renewed = createFrontdeskSessionClient({
      baseUrl: server.url,
      clientSecret: given.clientSecret,
      fetchClientSecret: async () => (fetched++, (await mint()).clientSecret),
      now: () => Date.parse(given.expiresAt) - 10 * 60_000,
    });
    await expect(alone.api.staff.appointments.query(month)).resolves.toEqual(expect.any(Array));
    await expect(renewed.api.staff.appointments.query(month)).resolves.toEqual(expect.any(Array));
    expect(fetched).toBe(0);

    await restartAt(Date.parse(given.expiresAt) + 60_000);
    const error = toClientError(await alone.api.staff.appointments.query(month).catch((caught: unknown) => caught));
    expect(error).toMatchObject({ code: "EMBED_SESSION_EXPIRED", status: 401 });
    await expect(renewed.api.staff.appointments.query(month)).resolves.toEqual(expect.any(Array));
    expect(fetched).toBe(1);
    expect(Date.parse((await renewed.current()).expiresAt)).toBeGreaterThan(Date.parse(given.expiresAt));
  });
});
