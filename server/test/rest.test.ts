import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, toClientError } from "@frontdesk/client";
import { apiScopes, type ApiScope } from "@frontdesk/core";
import { openDb, publishableKeys, tenants, type Db } from "@frontdesk/db";
import { insertRows, rowsFor } from "@frontdesk/db/testing";
import { issueSecretKey } from "../app/auth/secret-keys";
import { rates } from "../app/http/limits";
import { startServer, type RunningServer } from "../testing/start-server";

let server: RunningServer;
let db: Db;
/** The demo clinic's key, made before keys had scopes: it may do everything. */
let clinicKey: string;
/** Another business on the same server. */
let salonKey: string;

beforeAll(async () => {
  server = await startServer();
  db = await openDb(server.databaseUrl);
  clinicKey = server.demoSecretKey;
  await insertRows(
    db,
    rowsFor(tenants, { id: "ten_rest_salon", name: "Other Salon", timeZone: "Europe/Berlin" }),
    rowsFor(publishableKeys, { tenantId: "ten_rest_salon", key: "pk_rest_salon", allowedOrigins: ["*"] }),
  );
  salonKey = await db.write((writer) => issueSecretKey(writer, "ten_rest_salon"));
});

afterAll(async () => {
  db?.close();
  await server?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A REST call as a business's server makes it: JSON in, JSON out, the key as a bearer token. */
async function rest(method: string, path: string, options: { key?: string | null; body?: unknown; raw?: string } = {}): Promise<Answer> {
  const key = options.key === undefined ? clinicKey : options.key;
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const sends = options.body !== undefined || options.raw !== undefined;
  if (sends) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}/api/v1${path}`, { method, headers, ...(sends ? { body: options.raw ?? JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const day = (days: number) => new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);
const customer = { name: "Rita Rest", email: "rita.rest@example.com" };

async function freeSlot(days = 3, key = clinicKey): Promise<string> {
  const answer = await rest("GET", `/availability?serviceId=svc_consult&from=${day(days)}&to=${day(days + 7)}`, { key });
  expect(answer.status).toBe(200);
  return answer.body.slots[0].start;
}

async function keyWith(scopes: ApiScope[], name = "test"): Promise<string> {
  const made = await rest("POST", "/keys/secret", { body: { name, scopes } });
  expect(made.status).toBe(200);
  return made.body.key;
}

describe("the OpenAPI document at /api/v1/openapi.json", () => {
  let document: any;
  beforeAll(async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    document = await response.json();
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(document.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it("gives every operation an id, a summary, a tag, the bearer key and our error body", () => {
    const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.map(({ route }) => route)).toEqual(
      expect.arrayContaining(["GET /availability", "POST /bookings", "GET /appointments", "GET /appointments/{appointmentId}", "POST /appointments/{appointmentId}/cancel", "GET /config", "GET /keys"]),
    );
    const lacking = operations.filter(
      ({ operation }) =>
        !operation.operationId || !operation.summary || !operation.tags?.length || JSON.stringify(operation.security) !== '[{"bearerAuth":[]}]' || operation.responses["401"]?.$ref !== "#/components/responses/Error401",
    );
    expect(lacking.map(({ route }) => route)).toEqual([]);
    expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(["Appointment", "StaffAppointment", "Configuration", "SecretKey", "Error"]));
  });
});

describe("booking over REST with a secret key", () => {
  it("reads availability and books; the same time again is 409 SLOT_TAKEN as { code, message, field }", async () => {
    const start = await freeSlot();
    const booked = await rest("POST", "/bookings", { body: { serviceId: "svc_consult", start, customer } });
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({ status: "confirmed", start, serviceId: "svc_consult", customerName: customer.name });

    const again = await rest("POST", "/bookings", { body: { serviceId: "svc_consult", staffId: booked.body.staffId, start, customer } });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ code: "SLOT_TAKEN", message: expect.any(String), field: "start" });

    const read = await rest("GET", `/appointments/${booked.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: booked.body.id, customerEmail: customer.email, channel: "staff" });
    const from = new Date(server.now()).toISOString();
    const listed = await rest("GET", `/appointments?from=${from}&to=${day(30)}T00:00:00Z&statuses=confirmed&statuses=pending`);
    expect(listed.body.map((appointment: { id: string }) => appointment.id)).toContain(booked.body.id);

    const cancelled = await rest("POST", `/appointments/${booked.body.id}/cancel`, { body: { reason: "Asked by phone." } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
  });

  it("answers a key without the scope with 403 MISSING_SCOPE, before reading the input", async () => {
    const readOnly = await keyWith(["bookings:read"]);
    expect((await rest("GET", `/availability?serviceId=svc_consult&from=${day(3)}&to=${day(4)}`, { key: readOnly })).status).toBe(200);
    const refused = await rest("POST", "/bookings", { key: readOnly, body: { serviceId: "svc_consult", start: "not a time", customer } });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ code: "MISSING_SCOPE", message: expect.stringContaining("bookings:write"), field: "authorization" });
  });

  it("answers an unknown key, and no key, with 401", async () => {
    for (const key of ["sk_never_issued", null]) {
      const answer = await rest("GET", "/config", { key });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ code: "UNKNOWN_SECRET_KEY", message: expect.any(String), field: "authorization" });
    }
  });

  it("takes no session cookie for a key: REST is for servers", async () => {
    const response = await fetch(`${server.url}/api/v1/config`, { headers: { cookie: "better-auth.session_token=any.value" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "UNKNOWN_SECRET_KEY", field: "authorization" });
  });

  it("reads another business's appointment as 404, and cannot cancel it", async () => {
    const start = await freeSlot(5);
    const booked = await rest("POST", "/bookings", { body: { serviceId: "svc_consult", start, customer } });
    const read = await rest("GET", `/appointments/${booked.body.id}`, { key: salonKey });
    expect(read.status).toBe(404);
    expect(read.body).toEqual({ code: "NOT_FOUND", message: expect.any(String), field: "appointmentId" });
    expect((await rest("POST", `/appointments/${booked.body.id}/cancel`, { key: salonKey, body: {} })).status).toBe(404);
    expect((await rest("GET", `/appointments/${booked.body.id}`)).body.status).toBe("confirmed");
  });

  it("answers bad input with 400 naming the field", async () => {
    const start = await freeSlot();
    const answer = await rest("POST", "/bookings", { body: { serviceId: "svc_consult", start, customer: { name: "Rita", email: "not-an-email" } } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: "VALIDATION_FAILED", message: expect.any(String), field: "customer.email" });
    const range = await rest("GET", `/availability?serviceId=svc_consult&from=${day(3)}&to=${day(2)}`);
    expect(range.body).toMatchObject({ code: "VALIDATION_FAILED", field: "to" });
  });

  it("takes numbers and booleans as JSON, not as strings, over REST and tRPC alike", async () => {
    const service = { name: "Strings", durationMin: "30", requiresApproval: "false" };
    const answer = await rest("POST", "/config/services", { body: service });
    expect(answer.status).toBe(400);
    expect(answer.body.field).toBe("durationMin");
    const admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: clinicKey });
    const overTrpc = await admin.config.saveService.mutate({ ...service, durationMin: 30 } as never).then(() => undefined, toClientError);
    expect(overTrpc).toMatchObject({ code: "VALIDATION_FAILED", field: "requiresApproval" });
  });

  it("answers malformed JSON, an unknown route and a body that is not JSON with their own codes, never a stack", async () => {
    const malformed = await rest("POST", "/bookings", { raw: "{" });
    expect(malformed).toMatchObject({ status: 400, body: { code: "INVALID_JSON" } });
    const unknown = await rest("GET", "/nothing-here");
    expect(unknown).toMatchObject({ status: 404, body: { code: "UNKNOWN_ROUTE" } });
    const form = await fetch(`${server.url}/api/v1/bookings`, { method: "POST", headers: { authorization: `Bearer ${clinicKey}`, "content-type": "text/plain" }, body: "x" });
    expect(form.status).toBe(415);
    for (const body of [malformed.body, unknown.body, await form.json()]) expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(["code", "message"]));
    expect(JSON.stringify([malformed.body, unknown.body])).not.toMatch(/stack|\.ts:\d/);
  });

  it("refuses a body above 1 MB with 413, and one above 64 kB without a valid key", async () => {
    const padded = (size: number) => JSON.stringify({ holdMinutes: 5 }).padEnd(size, " ");
    expect((await rest("PATCH", "/config/policies", { raw: padded(500_000) })).status).toBe(200);
    const tooLarge = await rest("PATCH", "/config/policies", { raw: padded(1_100_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toEqual({ code: "REQUEST_TOO_LARGE", message: expect.any(String), field: "body" });
    expect((await rest("PATCH", "/config/policies", { key: "sk_forged", raw: padded(100_000) })).status).toBe(413);
  });
});

describe("secret keys and their scopes", () => {
  it("makes a key with the scopes asked for, shows its value once and lists it by prefix", async () => {
    const made = await rest("POST", "/keys/secret", { body: { name: "Website backend", scopes: ["bookings:read", "bookings:write", "bookings:read"] } });
    expect(made.body).toMatchObject({ name: "Website backend", scopes: ["bookings:read", "bookings:write"], lastUsedAt: null, revokedAt: null });
    expect(made.body.key).toMatch(/^sk_/);
    const listed = await rest("GET", "/keys");
    const entry = listed.body.secretKeys.find((key: { id: string }) => key.id === made.body.id);
    expect(entry).toEqual({ id: made.body.id, prefix: made.body.key.slice(0, 10), name: "Website backend", scopes: ["bookings:read", "bookings:write"], createdAt: made.body.createdAt, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key);
    // The demo's key was made before scopes: listed without a list, it may do everything.
    expect(listed.body.secretKeys.find((key: { prefix: string }) => key.prefix === server.demoSecretKey.slice(0, 10))).toMatchObject({ scopes: null });
    expect(listed.body.publishableKeys).toEqual(expect.arrayContaining([expect.objectContaining({ key: "pk_demo_brightsmile", revokedAt: null })]));
  });

  it("records when a key was last used, at most once a minute", async () => {
    const key = await keyWith(["config:read", "keys:write"]);
    const lastUsed = async () => (await rest("GET", "/keys")).body.secretKeys.find((entry: { prefix: string }) => entry.prefix === key.slice(0, 10)).lastUsedAt;
    expect((await rest("GET", "/config", { key })).status).toBe(200);
    // A later write of the same process queues behind the recording of the use.
    await rest("POST", "/keys/secret", { key, body: { scopes: ["config:read"] } });
    const first = await lastUsed();
    expect(Date.parse(first)).toBeGreaterThan(server.now() - 60_000);
    await rest("GET", "/config", { key });
    await rest("POST", "/keys/secret", { key, body: { scopes: ["config:read"] } });
    expect(await lastUsed()).toBe(first);
  });

  it("never makes a key that may do more than the key making it", async () => {
    const limited = await keyWith(["keys:write", "bookings:read"]);
    const answer = await rest("POST", "/keys/secret", { key: limited, body: { scopes: ["bookings:read", "config:write"] } });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ code: "MISSING_SCOPE", message: expect.stringContaining("config:write"), field: "scopes" });
    expect((await rest("POST", "/keys/secret", { key: limited, body: { scopes: ["bookings:read"] } })).status).toBe(200);
  });

  it("stops a revoked key at once; another business's key id reads as 404", async () => {
    const made = await rest("POST", "/keys/secret", { body: { scopes: ["config:read"] } });
    expect((await rest("GET", "/config", { key: made.body.key })).status).toBe(200);
    expect((await rest("POST", `/keys/secret/${made.body.id}/revoke`, { key: salonKey, body: {} })).status).toBe(404);
    expect((await rest("POST", `/keys/secret/${made.body.id}/revoke`, { body: {} })).body).toEqual({ ok: true });
    expect((await rest("GET", "/config", { key: made.body.key })).body).toMatchObject({ code: "UNKNOWN_SECRET_KEY" });
    const listed = (await rest("GET", "/keys")).body.secretKeys.find((key: { id: string }) => key.id === made.body.id);
    expect(listed.revokedAt).not.toBeNull();
  });

  it("lets a key made before scopes call every scope's routes", async () => {
    expect(apiScopes).toContain("keys:read");
    for (const [method, path] of [["GET", "/config"], ["GET", "/keys"], ["GET", "/sandbox/outbox"], ["GET", `/appointments?from=${day(0)}T00:00:00Z&to=${day(1)}T00:00:00Z`]] as const) {
      expect((await rest(method, path)).status).toBe(200);
    }
  });

  it("manages publishable keys over REST and tRPC, under the same names", async () => {
    const made = await rest("POST", "/keys/publishable", { body: { allowedOrigins: ["https://clinic.example"] } });
    expect(made.body.key).toMatch(/^pk_/);
    const admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: clinicKey });
    expect(await admin.config.revokePublishableKey.mutate({ key: made.body.key })).toEqual({ ok: true });
    expect((await rest("POST", `/keys/publishable/${made.body.key}/revoke`, { key: salonKey, body: {} })).status).toBe(404);
  });
});

describe("REST rate limits", () => {
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await startServer({ RATE_LIMITS: "on" });
  });
  afterAll(() => limited?.stop());

  it("count secret-key calls in the secret bucket, bad keys' too, and answer 429 with Retry-After", async () => {
    // A forged key is refused at once, so the calls outrun the bucket's refill; it is counted before it is looked at.
    const call = () => fetch(`${limited.url}/api/v1/config`, { headers: { authorization: "Bearer sk_forged" } });
    const answers: Response[] = [];
    // In parallel batches: faster than the bucket refills, so the burst runs out.
    while (!answers.some((answer) => answer.status !== 401) && answers.length < 20 * rates.secret.burst) answers.push(...(await Promise.all(Array.from({ length: 50 }, call))));
    expect(answers.slice(0, rates.secret.burst).map((answer) => answer.status)).toEqual(Array(rates.secret.burst).fill(401));
    const refused = answers.find((answer) => answer.status !== 401)!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ code: "RATE_LIMITED", message: expect.any(String) });
  });
});
