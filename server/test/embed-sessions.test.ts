import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiScopes, embedSessionHeader, embedSessionTtl, maxLiveEmbedSessions } from "@frontdesk/core";
import { appointments, customers, embedSessions, openDb, services, staff, tenants, type Db } from "@frontdesk/db";
import { countRows, insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { issueSecretKey } from "../app/auth/secret-keys";
import { startTestApp, type TestApp } from "../testing/app-harness";
import { freePort } from "../testing/ports";
import { startServer, testClockStart, type RunningServer } from "../testing/start-server";

interface Answer {
  status: number;
  data?: any;
  code?: string;
  field?: string;
  message?: string;
}

const vendorOrigin = "https://app.vendor.example";
const month = { from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" };
const minutes = (count: number) => count * 60_000;

/** One call over HTTP, as a browser or a vendor's server sends it; queries as GET, changes as POST. */
async function callOn(url: string, type: "query" | "mutation", path: string, input: unknown, headers: Record<string, string>): Promise<Answer> {
  const response =
    type === "query"
      ? await fetch(`${url}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers })
      : await fetch(`${url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(input ?? null) });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string; data: { httpStatus: number; frontdesk: { code: string; field?: string } } } };
  return body.error
    ? { status: body.error.data.httpStatus, message: body.error.message, ...body.error.data.frontdesk }
    : { status: 200, data: body.result!.data };
}

describe("embed sessions on the running server", () => {
  let dir: string;
  let databaseUrl: string;
  let port: number;
  let server: RunningServer;
  let secretKey: string;
  let db: Db;

  const session = (clientSecret: string, origin?: string) => ({ [embedSessionHeader]: clientSecret, ...(origin ? { origin } : {}) });
  const asServer = (key = secretKey) => ({ authorization: `Bearer ${key}` });
  const query = (path: string, input: unknown, headers: Record<string, string>) => callOn(server.url, "query", path, input, headers);
  const mutate = (path: string, input: unknown, headers: Record<string, string>) => callOn(server.url, "mutation", path, input, headers);
  async function mint(input: Record<string, unknown>, key = secretKey): Promise<{ id: string; clientSecret: string; expiresAt: string }> {
    const answer = await mutate("embedSessions.create", input, asServer(key));
    expect(answer.status).toBe(200);
    return answer.data;
  }

  /** The same database, on the same port, with the server's clock started at `clock`: time passing for every session. */
  async function restartAt(clock: string): Promise<void> {
    await server.stop();
    server = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port), FRONTDESK_CLOCK: clock });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-embed-"));
    databaseUrl = `file:${join(dir, "frontdesk.db")}`;
    port = await freePort();
    server = await startServer({ DATABASE_URL: databaseUrl, PORT: String(port) });
    secretKey = server.demoSecretKey;
    db = await openDb(databaseUrl);
  });
  afterAll(async () => {
    db?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("mints a session with the secret key, whose client secret alone then calls a staff procedure from the vendor's page", async () => {
    const minted = await mint({ widgets: ["fd-appointments"], role: "admin" });
    expect(minted.clientSecret).toMatch(/^es_[\w-]{43}$/);
    expect(Date.parse(minted.expiresAt) - Date.parse(testClockStart)).toBeGreaterThanOrEqual(minutes(30) - minutes(1));
    expect(Date.parse(minted.expiresAt) - Date.parse(testClockStart)).toBeLessThanOrEqual(minutes(30) + minutes(1));

    const listed = await query("staff.appointments", month, session(minted.clientSecret, vendorOrigin));
    expect(listed).toMatchObject({ status: 200, data: expect.any(Array) });
    expect(await query("embedSessions.current", undefined, session(minted.clientSecret, vendorOrigin))).toEqual({
      status: 200,
      data: {
        id: minted.id,
        expiresAt: minted.expiresAt,
        widgets: ["fd-appointments"],
        role: "admin",
        staffId: null,
        // The admin's scopes that the appointments widget needs.
        scopes: ["config:read", "bookings:read", "bookings:write"],
      },
    });
  });

  it("stores only the hash of the client secret, and who minted it", async () => {
    const minted = await mint({ widgets: ["fd-team"], role: "owner" });
    const [row] = await rowsOf(db, embedSessions, { id: minted.id });
    expect(JSON.stringify(row)).not.toContain(minted.clientSecret);
    expect(row).toMatchObject({ tenantId: "ten_demo_brightsmile", createdByKeyId: expect.stringMatching(/^key_/), role: "owner", origins: null });
  });

  it("refuses bad input with the field at fault, and mints nothing", async () => {
    const before = await countRows(db, embedSessions);
    const bad = (input: unknown) => mutate("embedSessions.create", input, asServer());
    expect(await bad({ widgets: ["fd-appointments"], role: "owner", ttlSeconds: embedSessionTtl.maxSeconds + 1 })).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      field: "ttlSeconds",
    });
    expect(await bad({ widgets: [], role: "owner" })).toMatchObject({ status: 400, field: "widgets" });
    expect(await bad({ widgets: ["fd-nope"], role: "owner" })).toMatchObject({ status: 400, field: "widgets.0" });
    expect(await bad({ widgets: ["fd-appointments"], role: "admin", staffId: "stf_patel" })).toMatchObject({ status: 400, field: "staffId" });
    expect(await bad({ widgets: ["fd-appointments"], role: "owner", origins: ["https://app.vendor.example/dashboard"] })).toMatchObject({ status: 400, field: "origins.0" });
    expect(await bad({ widgets: ["fd-appointments"], role: "staff", staffId: "stf_nobody" })).toMatchObject({ status: 404, code: "UNKNOWN_STAFF", field: "staffId" });
    expect(await countRows(db, embedSessions)).toBe(before);
  });

  it("is minted only with a secret key: a session, or a page without a key, cannot mint one", async () => {
    const { clientSecret } = await mint({ widgets: ["fd-api-keys"], role: "owner" });
    const input = { widgets: ["fd-api-keys"], role: "owner" };
    expect(await mutate("embedSessions.create", input, session(clientSecret))).toMatchObject({ status: 401, code: "UNKNOWN_SECRET_KEY" });
    expect(await mutate("embedSessions.create", input, { "x-frontdesk-key": "pk_demo_brightsmile" })).toMatchObject({ status: 401, code: "UNKNOWN_SECRET_KEY" });
  });

  it("gives a session only the scopes its widgets need, whatever its role", async () => {
    const team = await mint({ widgets: ["fd-team"], role: "owner" });
    expect(await query("team.members", undefined, session(team.clientSecret))).toMatchObject({ status: 200 });
    expect(await query("config.get", undefined, session(team.clientSecret))).toMatchObject({ status: 200 });
    for (const [path, input] of [["staff.appointments", month], ["audit.list", {}], ["keys.list", undefined], ["sandbox.outbox", undefined]] as const) {
      expect(await query(path, input, session(team.clientSecret)), path).toMatchObject({ status: 403, code: "MISSING_SCOPE", field: "session" });
    }
    expect(await mutate("config.updatePolicies", { minNoticeMin: 0 }, session(team.clientSecret))).toMatchObject({
      status: 403,
      message: "This embed session (role owner, for fd-team) may not call config.updatePolicies: it lacks the config:write scope.",
    });

    const both = await mint({ widgets: ["fd-team", "fd-api-keys"], role: "admin" });
    expect(await query("embedSessions.current", undefined, session(both.clientSecret))).toMatchObject({
      data: { scopes: ["config:read", "keys:write", "keys:read", "team:read", "team:write", "webhooks:read", "webhooks:write"] },
    });
    expect(await query("keys.list", undefined, session(both.clientSecret))).toMatchObject({ status: 200 });
    // A staff session for the team widget gets no team scope: its role has none.
    const staff = await mint({ widgets: ["fd-team"], role: "staff", staffId: "stf_patel" });
    expect(await query("embedSessions.current", undefined, session(staff.clientSecret))).toMatchObject({ data: { scopes: ["config:read"] } });
  });

  it("gives a staff session its role's scopes: it reads and books, but changes no configuration and no keys", async () => {
    const { clientSecret } = await mint({ widgets: ["fd-appointments"], role: "staff", staffId: "stf_patel" });
    expect(await query("staff.appointments", month, session(clientSecret))).toMatchObject({ status: 200 });
    expect(await query("config.get", undefined, session(clientSecret))).toMatchObject({ status: 200 });
    expect(await mutate("config.updatePolicies", { minNoticeMin: 0 }, session(clientSecret))).toEqual({
      status: 403,
      code: "MISSING_SCOPE",
      field: "session",
      message: "This embed session (role staff, for fd-appointments) may not call config.updatePolicies: it lacks the config:write scope.",
    });
    expect(await mutate("config.createPublishableKey", { allowedOrigins: ["*"] }, session(clientSecret))).toMatchObject({ status: 403, code: "MISSING_SCOPE" });
    expect(await query("sandbox.outbox", undefined, session(clientSecret))).toMatchObject({ status: 403, code: "MISSING_SCOPE" });
    expect(await query("embedSessions.current", undefined, session(clientSecret))).toMatchObject({ data: { role: "staff", staffId: "stf_patel" } });
  });

  it("answers UNKNOWN_EMBED_SESSION once revoked, or for a secret never minted", async () => {
    const { id, clientSecret } = await mint({ widgets: ["fd-appointments"], role: "owner" });
    expect(await mutate("embedSessions.revoke", { id }, asServer())).toEqual({ status: 200, data: { ok: true } });
    const unknown = {
      status: 401,
      code: "UNKNOWN_EMBED_SESSION",
      field: "session",
      message: "This embed session is unknown or was revoked. Mint a new one on your server.",
    };
    expect(await query("staff.appointments", month, session(clientSecret))).toEqual(unknown);
    expect(await query("staff.appointments", month, session(`es_${"x".repeat(43)}`))).toEqual(unknown);
    expect(await mutate("embedSessions.revoke", { id }, asServer())).toMatchObject({ status: 404, code: "NOT_FOUND", field: "id" });
  });

  it("is used only from the origins it was minted for", async () => {
    const { clientSecret } = await mint({ widgets: ["fd-appointments"], role: "admin", origins: [vendorOrigin] });
    expect(await query("staff.appointments", month, session(clientSecret, vendorOrigin))).toMatchObject({ status: 200 });
    expect(await query("staff.appointments", month, session(clientSecret, "https://elsewhere.example"))).toEqual({
      status: 403,
      code: "ORIGIN_NOT_ALLOWED",
      field: "origin",
      message: "This embed session may not be used on https://elsewhere.example. Mint it with this origin among its origins.",
    });
  });

  it("keeps the secret-key path as it was: a key still wins, and a request with neither is told to send its key", async () => {
    expect(await query("config.get", undefined, { ...asServer(), ...session("es_forged") })).toMatchObject({ status: 200 });
    expect(await query("config.get", undefined, {})).toMatchObject({ status: 401, code: "UNKNOWN_SECRET_KEY", field: "authorization" });
  });

  describe("of another business", () => {
    let salonKey: string;
    beforeAll(async () => {
      const startAt = Date.parse(testClockStart) + 5 * 86_400_000;
      await insertRows(
        db,
        rowsFor(tenants, { id: "ten_embed_salon", name: "Embed Salon", timeZone: "Europe/Berlin" }),
        rowsFor(services, { tenantId: "ten_embed_salon", id: "svc_embed_cut", name: "Haircut", durationMin: 30 }),
        rowsFor(staff, { tenantId: "ten_embed_salon", id: "stf_embed_mia", name: "Mia" }),
        rowsFor(customers, { tenantId: "ten_embed_salon", id: "cus_embed_ada", name: "Ada Salon", email: "ada.salon@example.com" }),
        rowsFor(appointments, {
          tenantId: "ten_embed_salon",
          id: "apt_embed_cut",
          serviceId: "svc_embed_cut",
          staffId: "stf_embed_mia",
          customerId: "cus_embed_ada",
          status: "pending",
          startAt,
          endAt: startAt + minutes(30),
          blockedStart: startAt,
          blockedEnd: startAt + minutes(30),
        }),
      );
      salonKey = await db.write((writer) => issueSecretKey(writer, "ten_embed_salon"));
    });

    it("finds none of the other's ids: appointments, staff, sessions", async () => {
      const demo = await mint({ widgets: ["fd-appointments"], role: "owner" });
      expect(await mutate("staff.approve", { appointmentId: "apt_embed_cut" }, session(demo.clientSecret))).toMatchObject({ status: 404, code: "NOT_FOUND" });
      const listed = await query("staff.appointments", { from: "2027-01-01T00:00:00Z", to: "2027-03-01T00:00:00Z" }, session(demo.clientSecret));
      expect(listed.data.map((appointment: { id: string }) => appointment.id)).not.toContain("apt_embed_cut");

      expect(await mutate("embedSessions.create", { widgets: ["fd-appointments"], role: "staff", staffId: "stf_patel" }, asServer(salonKey))).toMatchObject({
        status: 404,
        code: "UNKNOWN_STAFF",
      });
      expect(await mutate("embedSessions.revoke", { id: demo.id }, asServer(salonKey))).toMatchObject({ status: 404, code: "NOT_FOUND" });
      expect(await query("embedSessions.current", undefined, session(demo.clientSecret))).toMatchObject({ status: 200 });

      const salon = await mint({ widgets: ["fd-appointments"], role: "owner" }, salonKey);
      expect(await query("config.get", undefined, session(salon.clientSecret))).toMatchObject({ status: 200, data: { business: { name: "Embed Salon" } } });
      expect(await mutate("staff.approve", { appointmentId: "apt_embed_cut" }, session(salon.clientSecret))).toMatchObject({ status: 200, data: { status: "confirmed" } });
    });
  });

  // Last: it moves the server's clock on.
  it("answers EMBED_SESSION_EXPIRED once the server's clock passes the session's lifetime, and a longer-lived one still works", async () => {
    const short = await mint({ widgets: ["fd-appointments"], role: "admin" });
    const hour = await mint({ widgets: ["fd-appointments"], role: "admin", ttlSeconds: embedSessionTtl.maxSeconds });
    await restartAt(new Date(Date.parse(short.expiresAt) + minutes(1)).toISOString());

    expect(await query("staff.appointments", month, session(short.clientSecret))).toEqual({
      status: 401,
      code: "EMBED_SESSION_EXPIRED",
      field: "session",
      message: "This embed session has expired. Fetch a new client secret from your server and try again.",
    });
    expect(await query("staff.appointments", month, session(hour.clientSecret))).toMatchObject({ status: 200 });
    const fresh = await mint({ widgets: ["fd-appointments"], role: "admin" });
    expect(await query("staff.appointments", month, session(fresh.clientSecret))).toMatchObject({ status: 200 });
  });
});

describe("the embed sessions one business may hold", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const liveRow = (at: number, id: string) => ({
    tenantId: t.tenantId,
    id,
    secretHash: `hash_${id}`,
    widgets: ["fd-appointments" as const],
    role: "staff" as const,
    scopes: [],
    createdByKeyId: "key_test",
    createdAt: at,
    expiresAt: at + minutes(10) + Number(id.slice(3)) * 1000,
  });

  it(`are at most ${maxLiveEmbedSessions} live at once: the next is refused until one lapses, and lapsed ones are pruned after a day`, async () => {
    const at = t.clock.now();
    const live = Array.from({ length: maxLiveEmbedSessions - 1 }, (_, n) => liveRow(at, `es_${n}`));
    const longLapsed = { ...liveRow(at - 2 * 86_400_000, "es_9999"), expiresAt: at - 2 * 86_400_000 };
    await insertRows(t.db, rowsFor(embedSessions, ...live, longLapsed));
    const tenant = await t.tenant();

    await t.app.embedSessions.create(tenant, "key_test", { widgets: ["fd-team"], role: "owner" });
    expect(await countRows(t.db, embedSessions, { id: "es_9999" })).toBe(0);
    const refused = await t.app.embedSessions.create(tenant, "key_test", { widgets: ["fd-team"], role: "owner" }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "TOO_MANY_EMBED_SESSIONS", status: 429, retryAfterSeconds: 600 });
    expect(await countRows(t.db, embedSessions)).toBe(maxLiveEmbedSessions);

    await t.app.embedSessions.revoke(t.tenantId, "es_0");
    await expect(t.app.embedSessions.create(tenant, "key_test", { widgets: ["fd-team"], role: "owner" })).resolves.toMatchObject({ id: expect.any(String) });
  });
});
