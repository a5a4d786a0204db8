import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskClient, toClientError, type FrontdeskAdminClient } from "@frontdesk/client";
import { errorStatus } from "@frontdesk/core";
import { appointments, openDb, publishableKeys, tenants, type Db } from "@frontdesk/db";
import { insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { issueSecretKey } from "../app/auth/secret-keys";
import { startServer, type RunningServer } from "../testing/start-server";

let server: RunningServer;
let db: Db;
let clinicKey: string;
let clinic: FrontdeskAdminClient;
/** Another business on the same server, trying the clinic's ids. */
let salon: FrontdeskAdminClient;

beforeAll(async () => {
  server = await startServer();
  db = await openDb(server.databaseUrl);
  clinicKey = /Demo secret key \(shown once, keep it safe\): (sk_\S+)/.exec(server.output())![1]!;
  clinic = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: clinicKey });
  await insertRows(
    db,
    rowsFor(tenants, { id: "ten_salon", name: "Other Salon", timeZone: "Europe/Berlin" }),
    rowsFor(publishableKeys, { tenantId: "ten_salon", key: "pk_salon", allowedOrigins: ["*"] }),
  );
  const salonKey = await db.write((writer) => issueSecretKey(writer, "ten_salon"));
  salon = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: salonKey });
});

afterAll(async () => {
  db?.close();
  await server?.stop();
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeDefined();
  const { code, field, status, message } = toClientError(error);
  return { code, field, status, message };
}

function dateAfter(days: number): string {
  return new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const demoKey = { "x-frontdesk-key": "pk_demo_brightsmile" };

/** A raw HTTP call, as a developer with curl would make it. */
async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}/trpc/${path}`, { ...init, headers: { ...demoKey, ...init.headers } });
  const body = (await response.json()) as { error: { message: string; data: { frontdesk: { code: string; field?: string } } } };
  return { status: response.status, message: body.error.message, ...body.error.data.frontdesk };
}

const post = (path: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  call(path, { method: "POST", body, headers });
const query = (path: string, input: unknown) => call(`${path}?input=${encodeURIComponent(JSON.stringify(input))}`);

describe("removing something that is not there", () => {
  it("answers 404 for another business's location, time off, date override, holiday and key, and leaves them in place", async () => {
    const { id: locationId } = await clinic.config.saveLocation.mutate({ name: "Harbour", address: "1 Quay St" });
    const start = new Date(server.now() + 86_400_000).toISOString();
    const { id: timeOffId } = await clinic.config.addTimeOff.mutate({ staffId: "stf_patel", start, end: new Date(Date.parse(start) + 3_600_000).toISOString() });
    await clinic.config.setDateOverride.mutate({ staffId: "stf_patel", date: dateAfter(3), ranges: [] });
    await clinic.config.setHoliday.mutate({ date: dateAfter(5), name: "Staff training" });
    const { key } = await clinic.config.createPublishableKey.mutate({ allowedOrigins: ["https://clinic.example"] });
    const before = await clinic.config.get.query();

    expect(await failure(salon.config.removeLocation.mutate({ id: locationId }))).toMatchObject({ code: "UNKNOWN_LOCATION", field: "id", status: 404 });
    expect(await failure(salon.config.removeTimeOff.mutate({ id: timeOffId }))).toMatchObject({ code: "NOT_FOUND", field: "id", status: 404 });
    expect(await failure(salon.config.removeHoliday.mutate({ date: dateAfter(5) }))).toMatchObject({ code: "NOT_FOUND", field: "date", status: 404 });
    expect(await failure(salon.config.revokePublishableKey.mutate({ key }))).toMatchObject({ code: "NOT_FOUND", field: "key", status: 404 });
    // The salon has no such staff member: the override is not even looked for.
    expect(await failure(salon.config.clearDateOverride.mutate({ staffId: "stf_patel", date: dateAfter(3) }))).toMatchObject({
      code: "UNKNOWN_STAFF",
      field: "staffId",
      status: 404,
      message: "This business has no staff member with the id stf_patel.",
    });
    expect(await clinic.config.get.query()).toEqual(before);
  });

  it("answers 404 for ids and dates the business never had, and removes those it has", async () => {
    expect(await failure(clinic.config.removeLocation.mutate({ id: "loc_nowhere" }))).toMatchObject({ code: "UNKNOWN_LOCATION", status: 404 });
    expect(await failure(clinic.config.removeTimeOff.mutate({ id: "off_never" }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await failure(clinic.config.clearDateOverride.mutate({ staffId: "stf_patel", date: dateAfter(9) }))).toMatchObject({
      code: "NOT_FOUND",
      field: "date",
      status: 404,
    });
    expect(await failure(clinic.config.removeHoliday.mutate({ date: dateAfter(9) }))).toMatchObject({ code: "NOT_FOUND", field: "date" });
    expect(await failure(clinic.config.revokePublishableKey.mutate({ key: "pk_never_issued" }))).toMatchObject({ code: "NOT_FOUND", field: "key" });

    await clinic.config.setHoliday.mutate({ date: dateAfter(9), name: "Inventory" });
    await clinic.config.removeHoliday.mutate({ date: dateAfter(9) });
    expect((await clinic.config.get.query()).holidays.map((holiday) => holiday.date)).not.toContain(dateAfter(9));
  });

  it("answers 404 for a hold another business placed or nobody placed, and releases the customer's own", async () => {
    const customerPage = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" });
    const { slots } = await customerPage.availability({ serviceId: "svc_consult", from: dateAfter(1), to: dateAfter(8) });
    const hold = await customerPage.hold({ serviceId: "svc_consult", start: slots[0]!.start });
    const otherPage = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_salon" });

    expect(await failure(otherPage.releaseHold(hold.holdId))).toMatchObject({ code: "NOT_FOUND", field: "holdId", status: 404 });
    expect(await failure(customerPage.releaseHold("apt_never"))).toMatchObject({ code: "NOT_FOUND", field: "holdId", status: 404 });
    const statusOf = async () => (await rowsOf(db, appointments, { id: hold.holdId }))[0]?.status;
    expect(await statusOf()).toBe("held");

    await customerPage.releaseHold(hold.holdId);
    expect(await statusOf()).toBe("expired");
    // Going back twice changes nothing and is no error.
    await customerPage.releaseHold(hold.holdId);
  });
});

describe("error messages", () => {
  it("tell a person how to send JSON when the body is not JSON, without the parser's words", async () => {
    const answer = await post("booking.create", '{"serviceId": "svc_consult", start: 1}');
    expect(answer).toMatchObject({ status: 400, code: "INVALID_JSON" });
    expect(answer.message).toBe("The input is not valid JSON. Send it as JSON, url-encoded in ?input= for a GET, as the body for a POST.");
    expect(await call(`booking.availability?input=${encodeURIComponent("{serviceId")}`)).toMatchObject({ status: 400, code: "INVALID_JSON" });
  });

  it("name the field and say what to put there, instead of the validator's wording", async () => {
    const booking = { serviceId: "svc_consult", start: "2027-01-20T15:00:00Z", customer: { name: null, email: "ada@example.com" } };
    expect(await post("booking.create", JSON.stringify(booking))).toEqual({
      status: 400,
      code: "VALIDATION_FAILED",
      field: "customer.name",
      message: "Use text here, not null.",
    });
    expect(await post("booking.create", JSON.stringify({ ...booking, customer: { email: "ada@example.com" } }))).toMatchObject({
      field: "customer.name",
      message: "This is required.",
    });
  });

  it("say how to send the input when there is none", async () => {
    expect(await call("booking.availability")).toEqual({
      status: 400,
      code: "VALIDATION_FAILED",
      message: "Send this call's input as a JSON object, url-encoded in ?input= for a GET, as the body for a POST.",
    });
  });

  it("name a date that is not on the calendar instead of reading it as another", async () => {
    expect(await query("booking.availability", { serviceId: "svc_consult", from: "2026-11-31", to: "2026-12-02" })).toEqual({
      status: 400,
      code: "VALIDATION_FAILED",
      field: "from",
      message: "There is no 2026-11-31: November 2026 has 30 days.",
    });
    expect(await query("booking.availability", { serviceId: "svc_consult", from: "2026-12-01", to: "2026-12-32" })).toMatchObject({
      field: "to",
      message: "There is no 2026-12-32: December 2026 has 31 days.",
    });
  });

  it("refuse a line break in a customer's name with the field", async () => {
    const booking = { serviceId: "svc_consult", start: "2027-01-20T15:00:00Z", customer: { name: "Ada\r\nLovelace", email: "ada@example.com" } };
    expect(await post("booking.create", JSON.stringify(booking))).toEqual({
      status: 400,
      code: "VALIDATION_FAILED",
      field: "customer.name",
      message: "Keep this to one line: remove the line break.",
    });
  });

  it("say which method to use: 405 for a change sent with GET or a query sent with POST", async () => {
    expect(await call("booking.create")).toEqual({
      status: 405,
      code: "METHOD_NOT_ALLOWED",
      message: "booking.create changes data: call it with POST, the input as a JSON body.",
    });
    expect(await post("booking.catalog", "{}")).toEqual({
      status: 405,
      code: "METHOD_NOT_ALLOWED",
      message: "booking.catalog reads data: call it with GET, the input url-encoded in ?input=.",
    });
  });

  it("ask for JSON: 415 for a body of another type", async () => {
    expect(await post("booking.create", "name=Ada", { "content-type": "application/x-www-form-urlencoded" })).toEqual({
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "Send the input as JSON, with the header content-type: application/json.",
    });
  });

  it("say there is no such call: 404 UNKNOWN_PROCEDURE", async () => {
    expect(await call("booking.nope")).toEqual({
      status: 404,
      code: "UNKNOWN_PROCEDURE",
      message: "There is no call named booking.nope. See the API reference for the calls there are.",
    });
  });

  it("never pass on a validator's or a parser's wording", async () => {
    const answers = await Promise.all([
      post("config.updatePolicies", JSON.stringify({ slotIntervalMin: 1, assignmentPolicy: "x" }), {
        "content-type": "application/json",
        authorization: `Bearer ${clinicKey}`,
      }),
      post("booking.create", "[]"),
      post("booking.create", JSON.stringify({ serviceId: 5 })),
      post("booking.hold", JSON.stringify({ serviceId: "svc_consult", start: "tomorrow" })),
      query("booking.availability", { serviceId: "", from: "2026-03-01", to: "2026-03-02" }),
      query("booking.availability", { serviceId: "svc_consult", staffId: "x".repeat(65), from: "2026-03-01", to: "2026-03-02" }),
    ]);
    for (const answer of answers) {
      expect(answer.message).not.toMatch(/Invalid input|expected \w+, received|Too (big|small)|position \d+|Unsupported|No procedure/);
      expect(answer.message).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe("docs/api.md", () => {
  it("lists every error code the API answers with, with its HTTP status", () => {
    const api = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
    const documented = Object.fromEntries([...api.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((row) => [row[1], Number(row[2])]));
    expect(documented).toEqual(errorStatus);
  });
});
