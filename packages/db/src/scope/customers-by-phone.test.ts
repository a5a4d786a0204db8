import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, type Db } from "../client";
import * as schema from "../schema";
import { rowsOf } from "../testing";
import type { NewCustomer } from "./appointments";
import { createTenant } from "./tenants";
import { forTenant } from "./tenant-scope";

const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));
let dir: string;
let db: Db;

const save = (tenantId: string, customer: Partial<NewCustomer> & { id: string }) =>
  db.write((writer) => forTenant(writer, tenantId).saveCustomer({ name: "Jordan", email: null, phone: null, timeZone: null, locale: null, ...customer }));
const row = async (id: string) => (await rowsOf(db, schema.customers, { id }))[0];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-customers-"));
  db = await openDb(`file:${join(dir, "frontdesk.db")}`);
  await migrateDb(db, migrationsFolder);
  for (const id of ["ten_a", "ten_b"]) await db.write((writer) => createTenant(writer, { tenant: { id, name: id, timeZone: "UTC" } }));
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("saving a customer", () => {
  it("knows a caller by number alone, and the same number again as the same customer", async () => {
    expect(await save("ten_a", { id: "cus_p1", phone: "(415) 555-0142", phoneE164: "+14155550142" })).toBe("cus_p1");
    expect(await save("ten_a", { id: "cus_p2", name: "Someone else", phoneE164: "+14155550142", locale: "es" })).toBe("cus_p1");
    // Knowing the number fills in what is missing, and changes nothing else.
    expect(await row("cus_p1")).toMatchObject({ name: "Jordan", email: null, phone: "(415) 555-0142", phoneE164: "+14155550142", locale: "es" });
    expect(await forTenant(db, "ten_a").customerByPhone("+14155550142")).toMatchObject({ id: "cus_p1" });
  });

  it("knows a customer with an email by their email first, and gives them their number if nobody has it", async () => {
    expect(await save("ten_a", { id: "cus_e1", email: "ada@example.com" })).toBe("cus_e1");
    expect(await save("ten_a", { id: "cus_e2", email: "ada@example.com", phone: "+1 415 555 0150", phoneE164: "+14155550150" })).toBe("cus_e1");
    expect(await row("cus_e1")).toMatchObject({ email: "ada@example.com", phone: "+1 415 555 0150", phoneE164: "+14155550150" });
  });

  it("leaves a number that is another customer's with them", async () => {
    expect(await save("ten_a", { id: "cus_e3", email: "bo@example.com", phone: "415 555 0142", phoneE164: "+14155550142" })).toBe("cus_e3");
    expect(await row("cus_e3")).toMatchObject({ email: "bo@example.com", phone: "415 555 0142", phoneE164: null });
    expect(await forTenant(db, "ten_a").customerByPhone("+14155550142")).toMatchObject({ id: "cus_p1" });
  });

  it("keeps each business's callers apart", async () => {
    expect(await save("ten_b", { id: "cus_b1", phoneE164: "+14155550142" })).toBe("cus_b1");
    expect(await forTenant(db, "ten_b").customerByPhone("+14155550142")).toMatchObject({ id: "cus_b1", tenantId: "ten_b" });
    expect(await row("cus_p1")).toMatchObject({ tenantId: "ten_a", name: "Jordan" });
  });

  it("refuses a customer with neither an email nor a number", async () => {
    await expect(save("ten_a", { id: "cus_none" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "customer" });
    expect(await row("cus_none")).toBeUndefined();
  });

  it("forgets the number of an erased customer, so a new caller with it is a new customer", async () => {
    await db.write((writer) => forTenant(writer, "ten_a").anonymiseCustomer("cus_p1", 1));
    expect(await row("cus_p1")).toMatchObject({ phone: null, phoneE164: null, erasedAt: 1 });
    expect(await save("ten_a", { id: "cus_p3", phoneE164: "+14155550142" })).toBe("cus_p3");
  });
});
