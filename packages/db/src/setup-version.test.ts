import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, type Db } from "./client";
import { businessHours, dateOverrides, workingHours } from "./schema/schedules";
import { services, staff, staffServices } from "./schema/catalog";
import { holidays, locations, tenants } from "./schema/tenants";
import { createTenant, forTenant } from "./scope";
import { insertRows, rowsFor, sqlClientOf, updateRows } from "./testing";

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

// A booking trusts its set-up snapshot only while `tenants.setup_version` is the snapshot's: every change to the
// set-up, by any process, must move it, and a change to anything else must not.
describe("the set-up version", () => {
  let dir: string;
  let db: Db;
  const tenantId = "ten_version";
  const version = () => forTenant(db, tenantId).setupVersion();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-setup-version-"));
    db = await openDb(`file:${join(dir, "db.sqlite")}`);
    await migrateDb(db, migrationsFolder);
    await db.transaction((tx) => createTenant(tx, { tenant: { id: tenantId, name: "Version Dental", timeZone: "Europe/Berlin" } }));
    await db.transaction((tx) => createTenant(tx, { tenant: { id: "ten_other", name: "Other", timeZone: "UTC" } }));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("moves on every insert, update and delete of each set-up table, and on a change of the business's own row", async () => {
    const changes: [string, () => Promise<unknown>][] = [
      ["a service", () => insertRows(db, rowsFor(services, { tenantId, id: "svc_v", name: "Check-up", durationMin: 30 }))],
      ["a staff member", () => insertRows(db, rowsFor(staff, { tenantId, id: "stf_v", name: "Ana" }))],
      ["who performs it", () => insertRows(db, rowsFor(staffServices, { tenantId, serviceId: "svc_v", staffId: "stf_v" }))],
      ["working hours", () => insertRows(db, rowsFor(workingHours, { tenantId, id: "wh_v", staffId: "stf_v", weekday: 1, startMin: 540, endMin: 1020 }))],
      ["a date override", () => insertRows(db, rowsFor(dateOverrides, { tenantId, id: "do_v", staffId: "stf_v", date: "2031-05-05", startMin: null, endMin: null }))],
      ["opening hours", () => insertRows(db, rowsFor(businessHours, { tenantId, id: "bh_v", weekday: 1, startMin: 480, endMin: 1080 }))],
      ["a holiday", () => insertRows(db, rowsFor(holidays, { tenantId, id: "hol_v", date: "2031-12-25", name: "Christmas" }))],
      ["a location", () => insertRows(db, rowsFor(locations, { tenantId, id: "loc_v", name: "Main street" }))],
      ["a service's length", () => updateRows(db, services, { durationMin: 45 }, { id: "svc_v" })],
      ["working hours moved", () => updateRows(db, workingHours, { endMin: 960 }, { id: "wh_v" })],
      ["the business's notice", () => updateRows(db, tenants, { minNoticeMin: 120 }, { id: tenantId })],
      ["a holiday removed", () => sqlClientOf(db).execute({ sql: "delete from holidays where id = ?", args: ["hol_v"] })],
      ["a performer removed", () => sqlClientOf(db).execute({ sql: "delete from staff_services where tenant_id = ?", args: [tenantId] })],
    ];
    for (const [what, change] of changes) {
      const before = await version();
      await change();
      expect(await version(), what).toBe(before! + 1);
    }
  });

  it("stays where it is for bookings and for other businesses' changes", async () => {
    const before = await version();
    await insertRows(db, rowsFor(services, { tenantId: "ten_other", id: "svc_other", name: "Other", durationMin: 30 }));
    await forTenant(db, tenantId).setup("2031-01-01");
    expect(await version()).toBe(before);
  });

  it("is read inside a write on the write's own connection: its change is seen there, and gone with a rollback", async () => {
    const before = (await version())!;
    const seen = await db
      .transaction(async (tx) => {
        await forTenant(tx, tenantId).updatePolicies({ horizonDays: 30 });
        const inside = await forTenant(tx, tenantId).setupVersion();
        throw Object.assign(new Error("rolled back"), { inside });
      })
      .catch((error: { inside: number }) => error.inside);
    expect(seen).toBe(before + 1);
    expect(await version()).toBe(before);
    // The same prepared statement still works on the database and in the next write.
    await db.transaction(async (tx) => expect(await forTenant(tx, tenantId).setupVersion()).toBe(before));
  });
});
