import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskClient } from "@frontdesk/client";
import { appointments, customers, openDb, services, staff, tenants, type Db } from "@frontdesk/db";
import { insertRows, rowsFor, sqlClientOf } from "@frontdesk/db/testing";
import { issueSecretKey } from "../app/auth/secret-keys";
import { manageLinks } from "../app/manage/manage-links";
import { appRouter } from "../app/router";
import { requestContext, type RequestContext } from "../app/trpc";
import { startTestApp, type TestApp } from "../testing/app-harness";
import { bookAndGetToken } from "../testing/manage-link";
import { startServer, type RunningServer } from "../testing/start-server";

const demoKey = "pk_demo_brightsmile";
const signingSecret = "principal-test-signing-secret";

interface Answer {
  status: number;
  data?: unknown;
  code?: string;
  field?: string;
  message?: string;
}

/** The answers of one HTTP request carrying one or more calls, as a developer with curl would see them. */
async function callOver(url: string, calls: { path: string; input?: unknown }[], headers: Record<string, string> = {}): Promise<Answer[]> {
  const inputs = Object.fromEntries(calls.map((call, at) => [at, call.input ?? null]));
  const response = await fetch(`${url}/trpc/${calls.map((call) => call.path).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`, { headers });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string; data: { httpStatus: number; frontdesk: { code: string; field?: string } } } }[];
  return body.map((answer) =>
    answer.error
      ? { status: answer.error.data.httpStatus, message: answer.error.message, ...answer.error.data.frontdesk }
      : { status: 200, data: answer.result!.data },
  );
}

describe("principals on the running server", () => {
  let server: RunningServer;
  let db: Db;
  const call = (path: string, input: unknown, headers: Record<string, string> = {}) => callOver(server.url, [{ path, input }], headers).then(([answer]) => answer!);

  beforeAll(async () => {
    server = await startServer({ FRONTDESK_SECRET: signingSecret });
    db = await openDb(server.databaseUrl);
  });
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  describe("a website visitor", () => {
    it("is named by the publishable key, and reaches its business's catalogue", async () => {
      expect(await call("booking.catalog", undefined, { "x-frontdesk-key": demoKey, origin: "https://clinic.example" })).toMatchObject({
        status: 200,
        data: { business: { name: "BrightSmile Dental (demo)" } },
      });
    });

    it("without a key, or with an unknown one, gets UNKNOWN_PUBLISHABLE_KEY as before", async () => {
      expect(await call("booking.catalog", undefined)).toEqual({
        status: 401,
        code: "UNKNOWN_PUBLISHABLE_KEY",
        field: "publishableKey",
        message: "Missing publishable key: set the publishable-key attribute to your pk_… key.",
      });
      expect(await call("booking.catalog", undefined, { "x-frontdesk-key": "pk_never_issued" })).toEqual({
        status: 401,
        code: "UNKNOWN_PUBLISHABLE_KEY",
        field: "publishableKey",
        message: "This publishable key is unknown or revoked. Copy the current key from your dashboard.",
      });
    });

    it("on a page the key does not allow gets ORIGIN_NOT_ALLOWED as before", async () => {
      const admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
      const { key } = await admin.config.createPublishableKey.mutate({ allowedOrigins: ["https://clinic.example"] });
      expect(await call("booking.catalog", undefined, { "x-frontdesk-key": key, origin: "https://clinic.example" })).toMatchObject({ status: 200 });
      expect(await call("booking.catalog", undefined, { "x-frontdesk-key": key, origin: "https://elsewhere.example" })).toEqual({
        status: 403,
        code: "ORIGIN_NOT_ALLOWED",
        field: "origin",
        message: "This key may not be used on https://elsewhere.example. Add the site to the key's allowed origins.",
      });
    });
  });

  describe("a business server", () => {
    it("is named by the secret key, and reaches its business's configuration", async () => {
      expect(await call("config.get", undefined, { authorization: `Bearer ${server.demoSecretKey}` })).toMatchObject({
        status: 200,
        data: { business: { name: "BrightSmile Dental (demo)" } },
      });
    });

    it("without a key, with a wrong one or with a publishable key gets UNKNOWN_SECRET_KEY as before", async () => {
      const refused = {
        status: 401,
        code: "UNKNOWN_SECRET_KEY",
        field: "authorization",
        message: "Send your secret key as `Authorization: Bearer sk_…`; this one is missing, unknown or revoked.",
      };
      expect(await call("config.get", undefined)).toEqual(refused);
      expect(await call("config.get", undefined, { authorization: "Bearer sk_forged" })).toEqual(refused);
      expect(await call("staff.appointments", { from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" }, { "x-frontdesk-key": demoKey })).toEqual(refused);
    });

    it("of another business reaches only its own data", async () => {
      await insertRows(db, rowsFor(tenants, { id: "ten_keyed_salon", name: "Keyed Salon", timeZone: "Europe/Berlin" }));
      const salonKey = await db.write((writer) => issueSecretKey(writer, "ten_keyed_salon"));
      const [salon, demo] = await Promise.all([
        call("config.get", undefined, { authorization: `Bearer ${salonKey}` }),
        call("config.get", undefined, { authorization: `Bearer ${server.demoSecretKey}` }),
      ]);
      expect(salon).toMatchObject({ status: 200, data: { business: { name: "Keyed Salon" }, services: [], staff: [] } });
      expect(demo).toMatchObject({ status: 200, data: { business: { name: "BrightSmile Dental (demo)" } } });
    });
  });

  describe("a manage-link holder", () => {
    let salonToken: string;
    beforeAll(async () => {
      salonToken = await salonAppointment();
    });

    /** Another business with one confirmed appointment, written as the server would; its link is signed like the server's. */
    async function salonAppointment(): Promise<string> {
      const startAt = server.now() + 5 * 86_400_000;
      await insertRows(
        db,
        rowsFor(tenants, { id: "ten_linked_salon", name: "Linked Salon", timeZone: "Europe/Berlin" }),
        rowsFor(services, { tenantId: "ten_linked_salon", id: "svc_salon_cut", name: "Haircut", durationMin: 30 }),
        rowsFor(staff, { tenantId: "ten_linked_salon", id: "stf_salon_mia", name: "Mia" }),
        rowsFor(customers, { tenantId: "ten_linked_salon", id: "cus_salon_ada", name: "Ada Salon", email: "ada.salon@example.com" }),
        rowsFor(appointments, {
          tenantId: "ten_linked_salon",
          id: "apt_salon_cut",
          serviceId: "svc_salon_cut",
          staffId: "stf_salon_mia",
          customerId: "cus_salon_ada",
          status: "confirmed",
          startAt,
          endAt: startAt + 30 * 60_000,
          blockedStart: startAt,
          blockedEnd: startAt + 30 * 60_000,
        }),
      );
      return manageLinks(signingSecret, server.url).tokenFor("apt_salon_cut");
    }

    it("reaches the one appointment its token names, in its business, whatever keys the request also carries", async () => {
      const visitor = createFrontdeskClient({ baseUrl: server.url, publishableKey: demoKey });
      const demo = await bookAndGetToken(server, visitor, "Lina Principal");

      // One request, two links of two businesses, and a key of one of them: each call answers from its own link.
      const [demoAnswer, salonAnswer] = await callOver(
        server.url,
        [
          { path: "manage.get", input: { token: demo.token } },
          { path: "manage.get", input: { token: salonToken } },
        ],
        { "x-frontdesk-key": demoKey, authorization: `Bearer ${server.demoSecretKey}` },
      );
      expect(demoAnswer).toMatchObject({ status: 200, data: { id: demo.appointmentId, business: { name: "BrightSmile Dental (demo)" } } });
      expect(salonAnswer).toMatchObject({ status: 200, data: { id: "apt_salon_cut", customerName: "Ada Salon", business: { name: "Linked Salon" } } });
    });

    it("cannot turn one business's token towards another's appointment", async () => {
      const visitor = createFrontdeskClient({ baseUrl: server.url, publishableKey: demoKey });
      const demo = await bookAndGetToken(server, visitor, "Mo Forger");
      const signature = demo.token.slice(demo.token.lastIndexOf(".") + 1);
      const invalid = { status: 401, code: "INVALID_MANAGE_LINK", field: "token", message: "This link is not valid. Open the link from your most recent confirmation email." };
      expect(await call("manage.get", { token: `apt_salon_cut.${signature}` })).toEqual(invalid);
      const cancel = await fetch(`${server.url}/trpc/manage.cancel`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: `apt_salon_cut.${signature}` }),
      });
      expect(cancel.status).toBe(401);
      expect(await call("manage.get", { token: salonToken })).toMatchObject({ status: 200, data: { id: "apt_salon_cut", status: "confirmed" } });
    });
  });

  it("resolves each principal of a mixed batch for its own calls", async () => {
    const answers = await callOver(
      server.url,
      [{ path: "booking.catalog" }, { path: "config.get" }, { path: "booking.catalog" }],
      { "x-frontdesk-key": demoKey, authorization: `Bearer ${server.demoSecretKey}` },
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers[1]).toMatchObject({ data: { publishableKeys: expect.arrayContaining([expect.objectContaining({ key: demoKey })]) } });
  });
});

describe("principals in the request path", () => {
  let t: TestApp;
  let secretKey: string;

  beforeEach(async () => {
    t = await startTestApp();
    secretKey = await t.db.write((orm) => issueSecretKey(orm, t.tenantId));
  });
  afterEach(() => t.close());

  /** One HTTP request through the same tRPC handler and context as the server's route, on a real libSQL file. */
  async function answer(path: string, headers: Record<string, string>, shape: (context: RequestContext) => RequestContext = (context) => context, body?: unknown) {
    const request = new Request(`http://frontdesk.test/trpc/${path}`, {
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }),
    });
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      req: request,
      router: appRouter,
      createContext: () => shape(requestContext(t.app, request, { allow() {} })),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  /** The SQL reads the database runs while `work` does, by the table they name (a key's first use also records it: a write). */
  async function statementsDuring(work: () => Promise<unknown>, table: string): Promise<number> {
    const client = sqlClientOf(t.db);
    const execute = client.execute.bind(client);
    let seen = 0;
    client.execute = ((statement: string | { sql: string }, ...rest: unknown[]) => {
      const sql = typeof statement === "string" ? statement : statement.sql;
      if (/^\s*select\b/i.test(sql) && sql.includes(`"${table}"`)) seen++;
      return (execute as (...args: unknown[]) => ReturnType<typeof execute>)(statement, ...rest);
    }) as typeof client.execute;
    try {
      await work();
    } finally {
      client.execute = execute;
    }
    return seen;
  }

  it("looks the secret key up once for a batch of calls, not once per call", async () => {
    const batch = "config.get,staff.appointments,config.get?batch=1&input=" + encodeURIComponent(JSON.stringify({ 1: { from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" } }));
    let outcomes: string[] = [];
    const lookups = await statementsDuring(async () => {
      const { body } = await answer(batch, { authorization: `Bearer ${secretKey}` });
      outcomes = (body as { error?: unknown }[]).map((call) => (call.error ? "failed" : "answered"));
    }, "secret_keys");
    expect(outcomes).toEqual(["answered", "answered", "answered"]);
    expect(lookups).toBe(1);
    // One call alone looks it up once too: the batch shares the lookup rather than skipping it.
    expect(await statementsDuring(() => answer("config.get", { authorization: `Bearer ${secretKey}` }), "secret_keys")).toBe(1);
  });

  it("refuses a business server whose key lacks the scope a call needs, naming the call and the scope", async () => {
    const readOnly = (context: RequestContext): RequestContext => ({
      ...context,
      principals: { ...context.principals, business: async () => ({ ...(await context.principals.business()), scopes: ["config:read", "bookings:read"] }) },
    });
    expect(await answer("config.get", { authorization: `Bearer ${secretKey}` }, readOnly)).toMatchObject({ status: 200 });
    const refused = await answer("config.updatePolicies", { authorization: `Bearer ${secretKey}` }, readOnly, { holdMinutes: 7 });
    expect(refused).toMatchObject({
      status: 403,
      body: {
        error: {
          message: "This key may not call config.updatePolicies: it lacks the config:write scope. Use a key that has it.",
          data: { frontdesk: { code: "MISSING_SCOPE", field: "authorization" } },
        },
      },
    });
    expect((await t.app.config.get(t.tenantId)).business.holdMinutes).toBe(5);
    // The full key, as every key is today, may make the change.
    expect(await answer("config.updatePolicies", { authorization: `Bearer ${secretKey}` }, undefined, { holdMinutes: 7 })).toMatchObject({ status: 200 });
    expect((await t.app.config.get(t.tenantId)).business.holdMinutes).toBe(7);
  });
});
