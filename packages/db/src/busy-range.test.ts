import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, type Db } from "./client";
import { createTenant, forTenant } from "./scope";

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
const hour = 3_600_000;
const day = Date.parse("2031-03-10T00:00:00Z");

// The busy-time query reads appointments by their start, from a bound before the range (scope/appointments.ts):
// the longest block a service allows, 24 hours and 4 hours of buffer each side, must still be found.
describe("busy time of a range", () => {
  let dir: string;
  let db: Db;
  const tenantId = "ten_busy";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-busy-"));
    db = await openDb(`file:${join(dir, "db.sqlite")}`);
    await migrateDb(db, migrationsFolder);
    await db.transaction((tx) =>
      createTenant(tx, {
        tenant: { id: tenantId, name: "Busy", timeZone: "UTC" },
        services: [{ id: "svc_long", name: "Retreat", durationMin: 1440, bufferBeforeMin: 240, bufferAfterMin: 240 }],
        staff: [{ id: "stf_a", name: "Ana" }],
      }),
    );
    const book = (id: string, start: number) =>
      db.write((writer) =>
        forTenant(writer, tenantId).insertAppointment({
          id, serviceId: "svc_long", staffId: "stf_a", status: "held", expiresAt: day + 365 * 24 * hour, startAt: start, endAt: start + 24 * hour,
          blockedStart: start - 4 * hour, blockedEnd: start + 28 * hour, createdAt: 0,
        }),
      );
    await book("apt_reaches_in", day - 27 * hour); // blocked from 31 h before the day until 1 h into it
    await book("apt_over_before", day - 60 * hour);
    await book("apt_inside", day + 30 * hour);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds the longest appointment a service allows that began before the range, and none that ended before it", async () => {
    const { booked } = await forTenant(db, tenantId).busy(["stf_a"], { fromMs: day, toMs: day + 24 * hour, now: 0 });
    expect(booked.map((row) => row.id)).toEqual(["apt_reaches_in"]);
    const later = await forTenant(db, tenantId).busy(["stf_a"], { fromMs: day + 24 * hour, toMs: day + 72 * hour, now: 0 });
    expect(later.booked.map((row) => row.id).sort()).toEqual(["apt_inside"]);
  });
});
