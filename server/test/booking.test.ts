import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskClient, FrontdeskClientError, type CreateBookingInput, type FrontdeskClient } from "@frontdesk/client";
import { appointments, openDb, publishableKeys, services, staff, staffServices, tenants, workingHours, type Db } from "@frontdesk/db";
import { countRows, insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { startServer, type RunningServer } from "../testing/start-server";

const demoKey = "pk_demo_brightsmile";
let server: RunningServer;
let db: Db;
let clinic: FrontdeskClient;

beforeAll(async () => {
  server = await startServer();
  db = await openDb(server.databaseUrl);
  clinic = createFrontdeskClient({ baseUrl: server.url, publishableKey: demoKey });
});

afterAll(async () => {
  db?.close();
  await server?.stop();
});

const customer = { name: "Ada Lovelace", email: "ada@example.com", phone: "+1 415 555 0100" };

function dateAfter(days: number): string {
  return new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

async function openSlots(serviceId: string, staffId?: string, from = dateAfter(1), to = dateAfter(30)) {
  const { slots } = await clinic.availability({ serviceId, from, to, ...(staffId ? { staffId } : {}) });
  return slots;
}

async function appointmentCount(): Promise<number> {
  return countRows(db, appointments);
}

async function failure(promise: Promise<unknown>): Promise<FrontdeskClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FrontdeskClientError);
  return error as FrontdeskClientError;
}

describe("the server", () => {
  it("reports health with the database reachable and its version", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", version: expect.any(String), database: { reachable: true } });
  });

  it("serves the embed script", async () => {
    const response = await fetch(`${server.url}/embed.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(await response.text()).toContain("fd-booking");
  });

  it("prints the demo publishable key on first start", () => {
    expect(server.output()).toContain(`Demo publishable key: ${demoKey}`);
  });
});

describe("the catalogue", () => {
  it("lists the demo clinic's services with the staff who perform them", async () => {
    const catalog = await clinic.catalog();
    expect(catalog.business).toMatchObject({ timeZone: "America/New_York", sandbox: true });
    expect(catalog.services.map((s) => [s.name, s.durationMin, s.capacity, s.requiresApproval])).toEqual([
      ["Check-up & cleaning", 45, 1, false],
      ["Consultation", 30, 1, false],
      ["Filling", 60, 1, false],
      ["Teeth whitening", 90, 1, false],
      ["Implant assessment", 60, 1, true],
      ["Family brushing class", 60, 6, false],
    ]);
    expect(catalog.staff).toHaveLength(3);
    const checkup = catalog.services.find((s) => s.id === "svc_checkup")!;
    expect(checkup.staffIds).toEqual(["stf_patel", "stf_lee"]);
  });
});

describe("booking", () => {
  it("books an open slot, after which the slot is gone", async () => {
    const [slot] = await openSlots("svc_filling", "stf_romero");
    const appointment = await clinic.createBooking({ serviceId: "svc_filling", staffId: "stf_romero", start: slot!.start, customer });
    expect(appointment).toMatchObject({ status: "confirmed", staffId: "stf_romero", start: slot!.start, serviceName: "Filling" });
    expect(Date.parse(appointment.end) - Date.parse(appointment.start)).toBe(60 * 60_000);

    const after = await openSlots("svc_filling", "stf_romero");
    expect(after.some((s) => s.start === slot!.start)).toBe(false);
    const [row] = await rowsOf(db, appointments, { id: appointment.id });
    expect(row).toMatchObject({ tenantId: "ten_demo_brightsmile", status: "confirmed", channel: "web" });
  });

  it("assigns someone free when the customer picks any available staff", async () => {
    const slot = (await openSlots("svc_checkup")).find((s) => s.staffIds.length === 2)!;
    const first = await clinic.createBooking({ serviceId: "svc_checkup", start: slot.start, customer });
    const second = await clinic.createBooking({ serviceId: "svc_checkup", start: slot.start, customer: { ...customer, email: "bo@example.com" } });
    expect(new Set([first.staffId, second.staffId])).toEqual(new Set(slot.staffIds));
    const third = await failure(clinic.createBooking({ serviceId: "svc_checkup", start: slot.start, customer }));
    expect(third.code).toBe("SLOT_TAKEN");
  });

  it("gives an any-staff booking to the person least busy that day", async () => {
    const day = dateAfter(12);
    const shared = (await openSlots("svc_checkup", undefined, day, dateAfter(20))).filter((s) => s.staffIds.length === 2);
    const [first, later] = [shared[0]!, shared.find((s) => s.start.slice(0, 10) === shared[0]!.start.slice(0, 10) && s.start >= addMinutes(shared[0]!.start, 60))!];
    const busiest = later.staffIds[0]!;
    await clinic.createBooking({ serviceId: "svc_checkup", staffId: busiest, start: first.start, customer });
    const assigned = await clinic.createBooking({ serviceId: "svc_checkup", start: later.start, customer });
    expect(assigned.staffId).toBe(later.staffIds.find((id) => id !== busiest));
  });

  it("makes one booking of a retried submission with the same idempotency key", async () => {
    const [slot] = await openSlots("svc_consult", "stf_patel", dateAfter(3));
    const input: CreateBookingInput = { serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start, customer, idempotencyKey: "retry-key-0001" };
    const before = await appointmentCount();
    const [a, b] = await Promise.all([clinic.createBooking(input), clinic.createBooking(input)]);
    const c = await clinic.createBooking(input);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await appointmentCount()).toBe(before + 1);

    const reused = await failure(clinic.createBooking({ ...input, start: (await openSlots("svc_consult", "stf_patel", dateAfter(3)))[0]!.start }));
    expect(reused).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", field: "idempotencyKey" });
  });
});

describe("concurrent bookings", () => {
  it("lets exactly one of 50 simultaneous bookings of one slot succeed; the rest get SLOT_TAKEN", async () => {
    const [slot] = await openSlots("svc_whitening", "stf_lee", dateAfter(5));
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        clinic.createBooking({ serviceId: "svc_whitening", staffId: "stf_lee", start: slot!.start, customer: { ...customer, email: `racer${i}@example.com` } }),
      ),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const lost = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason as FrontdeskClientError] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => [e.code, e.status])).toEqual(Array.from({ length: 49 }, () => ["SLOT_TAKEN", 409]));
  });

  it("books 50 different slots at once", async () => {
    const slots = await openSlots("svc_consult", "stf_romero", dateAfter(1), dateAfter(40));
    const distinct: typeof slots = [];
    for (const slot of slots) if (!distinct.length || slot.start >= distinct.at(-1)!.end) distinct.push(slot);
    expect(distinct.length).toBeGreaterThanOrEqual(50);
    const before = await appointmentCount();
    const results = await Promise.allSettled(
      distinct.slice(0, 50).map((slot, i) =>
        clinic.createBooking({ serviceId: "svc_consult", staffId: "stf_romero", start: slot.start, customer: { ...customer, email: `p${i}@example.com` } }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await appointmentCount()).toBe(before + 50);
  });
});

describe("bad input", () => {
  let slot: { start: string };
  const base = () => ({ serviceId: "svc_consult", staffId: "stf_patel", start: slot.start, customer }) satisfies CreateBookingInput;

  beforeAll(async () => {
    slot = (await openSlots("svc_consult", "stf_patel", dateAfter(7)))[0]!;
  });

  async function rejected(input: unknown, client = clinic) {
    const before = await appointmentCount();
    const error = await failure(client.createBooking(input as CreateBookingInput));
    expect(await appointmentCount()).toBe(before);
    expect(error.message.length).toBeGreaterThan(10);
    return { code: error.code, field: error.field, status: error.status };
  }

  it("refuses an unknown publishable key", async () => {
    const stranger = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_unknown" });
    expect(await rejected(base(), stranger)).toEqual({ code: "UNKNOWN_PUBLISHABLE_KEY", field: "publishableKey", status: 401 });
  });

  it("refuses a page on an origin the key does not allow", async () => {
    await insertRows(db, rowsFor(publishableKeys, { tenantId: "ten_demo_brightsmile", key: "pk_only_clinic_site", allowedOrigins: ["https://clinic.example"] }));
    const fromOrigin = (origin: string): typeof fetch => (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as object), origin } });
    const elsewhere = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_only_clinic_site", fetch: fromOrigin("https://evil.example") });
    expect(await rejected(base(), elsewhere)).toEqual({ code: "ORIGIN_NOT_ALLOWED", field: "origin", status: 403 });
    const home = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_only_clinic_site", fetch: fromOrigin("https://clinic.example") });
    await expect(home.catalog()).resolves.toMatchObject({ services: expect.any(Array) });
  });

  it.each([
    ["an unknown service", { serviceId: "svc_nope" }, { code: "UNKNOWN_SERVICE", field: "serviceId", status: 404 }],
    ["staff who don't offer the service", { serviceId: "svc_checkup", staffId: "stf_romero" }, { code: "UNKNOWN_STAFF", field: "staffId", status: 404 }],
    ["unknown staff", { staffId: "stf_nope" }, { code: "UNKNOWN_STAFF", field: "staffId", status: 404 }],
    ["a malformed email", { customer: { ...customer, email: "ada@" } }, { code: "VALIDATION_FAILED", field: "customer.email", status: 400 }],
    ["a malformed phone", { customer: { ...customer, phone: "call me" } }, { code: "VALIDATION_FAILED", field: "customer.phone", status: 400 }],
    ["a missing name", { customer: { email: customer.email } }, { code: "VALIDATION_FAILED", field: "customer.name", status: 400 }],
    ["a missing start", { start: undefined }, { code: "VALIDATION_FAILED", field: "start", status: 400 }],
    ["a start that is not a date-time", { start: "tomorrow at 9" }, { code: "VALIDATION_FAILED", field: "start", status: 400 }],
  ])("refuses %s", async (_, change, expected) => {
    expect(await rejected({ ...base(), ...change })).toEqual(expected);
  });

  it("refuses a start off the slot grid", async () => {
    const offGrid = new Date(Date.parse(slot.start) + 7 * 60_000).toISOString();
    expect(await rejected({ ...base(), start: offGrid })).toEqual({ code: "SLOT_NOT_ON_GRID", field: "start", status: 400 });
  });

  it("refuses a start in the past", async () => {
    expect(await rejected({ ...base(), start: new Date(server.now() - 86_400_000).toISOString() })).toEqual({ code: "START_IN_PAST", field: "start", status: 400 });
  });

  it("refuses a start beyond the booking horizon", async () => {
    expect(await rejected({ ...base(), start: new Date(server.now() + 90 * 86_400_000).toISOString() })).toEqual({
      code: "BEYOND_HORIZON",
      field: "start",
      status: 400,
    });
  });

  it("refuses availability ranges that end before they start", async () => {
    const error = await failure(clinic.availability({ serviceId: "svc_consult", from: dateAfter(5), to: dateAfter(2) }));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", field: "to", status: 400 });
  });
});

describe("tenant isolation", () => {
  it("does not let one business's key see or book another's services", async () => {
    await insertRows(
      db,
      rowsFor(tenants, { id: "ten_other", name: "Other Salon", timeZone: "Europe/Berlin" }),
      rowsFor(publishableKeys, { tenantId: "ten_other", key: "pk_other", allowedOrigins: ["*"] }),
      rowsFor(services, { tenantId: "ten_other", id: "svc_cut", name: "Haircut", durationMin: 30 }),
      rowsFor(staff, { tenantId: "ten_other", id: "stf_kim", name: "Kim" }),
      rowsFor(staffServices, { tenantId: "ten_other", staffId: "stf_kim", serviceId: "svc_cut" }),
      rowsFor(workingHours, { tenantId: "ten_other", id: "wh_kim", staffId: "stf_kim", weekday: 1, startMin: 540, endMin: 1020 }),
    );
    const salon = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_other" });
    expect((await salon.catalog()).services.map((s) => s.id)).toEqual(["svc_cut"]);
    const error = await failure(salon.availability({ serviceId: "svc_consult", from: dateAfter(1), to: dateAfter(7) }));
    expect(error).toMatchObject({ code: "UNKNOWN_SERVICE", status: 404 });
    const crossStaff = await failure(salon.availability({ serviceId: "svc_cut", staffId: "stf_patel", from: dateAfter(1), to: dateAfter(7) }));
    expect(crossStaff).toMatchObject({ code: "UNKNOWN_STAFF", status: 404 });
  });
});
