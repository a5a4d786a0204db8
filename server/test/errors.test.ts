import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskClient, toClientError, type FrontdeskAdminClient } from "@frontdesk/client";
import { appointments, openDb, publishableKeys, tenants, type Db } from "@frontdesk/db";
import { eq } from "drizzle-orm";
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
  const salonKey = await db.write(async (orm) => {
    await orm.insert(tenants).values({ id: "ten_salon", name: "Other Salon", timeZone: "Europe/Berlin" });
    await orm.insert(publishableKeys).values({ tenantId: "ten_salon", key: "pk_salon", allowedOrigins: ["*"] });
    return issueSecretKey(orm, "ten_salon");
  });
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
    const statusOf = async () => (await db.orm.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, hold.holdId)))[0]?.status;
    expect(await statusOf()).toBe("held");

    await customerPage.releaseHold(hold.holdId);
    expect(await statusOf()).toBe("expired");
    // Going back twice changes nothing and is no error.
    await customerPage.releaseHold(hold.holdId);
  });
});
