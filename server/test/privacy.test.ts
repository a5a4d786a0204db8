import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appointments, auditEntries, customers, jobs, notifications, tenants } from "@frontdesk/db";
import { countRows, insertRows, rowsFor, rowsOf, sqlClientOf } from "@frontdesk/db/testing";
import { issueSecretKey } from "../app/auth/secret-keys";
import { startTestApp, type TestApp } from "../testing/app-harness";
import { bookDemo, callApp, type CallOptions } from "../testing/app-calls";

let t: TestApp;
let secretKey: string;
const call = (path: string, options: CallOptions = {}) => callApp(t.app, path, { ...options, headers: { authorization: `Bearer ${secretKey}` } });
const change = (path: string, input: unknown) => call(path, { input, change: true });

const ada = { name: "Ada Quillfeather", email: "ada.quillfeather@example.com", phone: "+1 415 555 0199" };
const bob = { name: "Bob Marchetti", email: "bob.marchetti@example.com" };

/** Every table and column of the database, found in its schema: a table added later is searched too. */
async function tablesAndColumns(): Promise<{ table: string; columns: string[] }[]> {
  const client = sqlClientOf(t.db);
  const tables = await client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'");
  return Promise.all(
    tables.rows.map(async ({ name }) => ({
      table: String(name),
      columns: (await client.execute(`pragma table_info("${String(name)}")`)).rows.map((column) => String(column.name)),
    })),
  );
}

/** Where a value appears in any column of any table (case-insensitively), as `table.column`. */
async function whereFound(value: string): Promise<string[]> {
  const client = sqlClientOf(t.db);
  const found: string[] = [];
  for (const { table, columns } of await tablesAndColumns()) {
    for (const column of columns) {
      const { rows } = await client.execute({ sql: `select count(*) as n from "${table}" where instr(lower(cast("${column}" as text)), lower(?)) > 0`, args: [value] });
      if (Number(rows[0]!.n) > 0) found.push(`${table}.${column}`);
    }
  }
  return found;
}

beforeEach(async () => {
  t = await startTestApp();
  secretKey = await t.db.write((writer) => issueSecretKey(writer, t.tenantId));
});
afterEach(() => t.close());

/** Ada with two appointments (notes, a staff note, one cancelled) and their messages; Bob with one; another business's customer with Ada's address. */
async function seedCustomers() {
  const first = await bookDemo(t, ada, 3, "Nervous about needles");
  const second = await bookDemo(t, ada, 6);
  const other = await bookDemo(t, bob, 4);
  expect(await change("staff.setNotes", { appointmentId: first.id, notes: "Ada asked for the morning slot" })).toMatchObject({ status: 200 });
  expect(await change("staff.cancel", { appointmentId: second.id, reason: "Clinic closed" })).toMatchObject({ status: 200 });
  await insertRows(
    t.db,
    rowsFor(tenants, { id: "ten_elsewhere", name: "Elsewhere Clinic", timeZone: "Europe/Berlin" }),
    rowsFor(customers, { tenantId: "ten_elsewhere", id: "cus_elsewhere_ada", name: ada.name, email: ada.email }),
  );
  const [adaRow] = await rowsOf(t.db, customers, { tenantId: t.tenantId, email: ada.email });
  return { first, second, other, adaId: adaRow!.id };
}

describe("customers.export", () => {
  it("holds the customer's record, appointments with their history, and their messages: nothing of anyone else", async () => {
    const { first, second, other, adaId } = await seedCustomers();
    const exported = await call("customers.export", { input: { email: ada.email } });
    expect(exported.status).toBe(200);
    const data = exported.data;
    expect(data).toMatchObject({
      schemaVersion: 1,
      generatedAt: new Date(t.clock.now()).toISOString(),
      business: { id: t.tenantId },
      customer: { id: adaId, name: ada.name, email: ada.email, phone: ada.phone, erasedAt: null },
    });
    expect(Object.keys(data.sources)).toEqual(["appointments", "messages", "calls", "callerMessages"]);
    const exportedAppointments = data.sources.appointments as { id: string; notes: string; staffNotes: string; status: string; events: { action: string }[] }[];
    expect(exportedAppointments.map((appointment) => appointment.id).sort()).toEqual([first.id, second.id].sort());
    expect(exportedAppointments.find((appointment) => appointment.id === first.id)).toMatchObject({ notes: "Nervous about needles", staffNotes: "Ada asked for the morning slot" });
    expect(exportedAppointments.find((appointment) => appointment.id === second.id)!.events.map((event) => event.action)).toContain("cancelled");
    const messages = data.sources.messages as { recipient: string; appointmentId: string; kind: string }[];
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(new Set(messages.map((message) => message.recipient))).toEqual(new Set([ada.email]));
    expect(messages.map((message) => message.kind)).toContain("cancelled");
    const text = JSON.stringify(data);
    for (const foreign of [bob.email, bob.name, other.id, "cus_elsewhere_ada", "ten_elsewhere"]) expect(text).not.toContain(foreign);
    // An export is a read worth recording: who took the customer's data, when.
    expect(await rowsOf(t.db, auditEntries, { action: "customer.exported" })).toEqual([expect.objectContaining({ targetType: "customer", targetId: adaId, outcome: "ok" })]);
  });

  it("reads another business's customer as not found, by id or by e-mail", async () => {
    await seedCustomers();
    expect(await call("customers.export", { input: { customerId: "cus_elsewhere_ada" } })).toMatchObject({ status: 404, code: "NOT_FOUND", field: "customerId" });
    expect(await call("customers.export", { input: { email: "nobody@example.com" } })).toMatchObject({ status: 404, code: "NOT_FOUND", field: "email" });
    expect(await call("customers.export", { input: {} })).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "email" });
  });
});

describe("customers.erase", () => {
  it("refuses while the customer has upcoming appointments, naming them, and changes nothing", async () => {
    const { first, adaId } = await seedCustomers();
    const refused = await change("customers.erase", { customerId: adaId });
    expect(refused).toMatchObject({ status: 409, code: "CUSTOMER_HAS_UPCOMING", field: "cancelUpcoming" });
    expect(refused.message).toContain(first.id);
    expect(await rowsOf(t.db, customers, { id: adaId })).toEqual([expect.objectContaining({ name: ada.name, erasedAt: null })]);
    expect(await rowsOf(t.db, auditEntries, { action: "customer.erased" })).toEqual([expect.objectContaining({ targetId: adaId, outcome: "failed", errorCode: "CUSTOMER_HAS_UPCOMING" })]);
  });

  it("keeps the appointments, anonymised, and leaves no trace of the name, e-mail or phone in any table", async () => {
    const { first, second, other, adaId } = await seedCustomers();
    const traces = [ada.name, ada.email, ada.phone, "Nervous about needles", "Ada asked for the morning slot"];
    // The search sees them before: it is able to fail.
    expect(await whereFound(ada.email)).toEqual(expect.arrayContaining(["customers.email", "notifications.recipient"]));
    expect(await whereFound("Ada asked for the morning slot")).toEqual(expect.arrayContaining(["appointments.staff_notes", "appointment_events.detail"]));
    const appointmentsBefore = await countRows(t.db, appointments);

    const erased = await change("customers.erase", { email: ada.email, cancelUpcoming: true });
    expect(erased).toMatchObject({ status: 200, data: { customerId: adaId, erased: true, appointmentsAnonymised: 2, appointmentsCancelled: [first.id] } });
    expect(erased.data.messagesRemoved).toBeGreaterThanOrEqual(3);
    // The reminder of the upcoming appointment was still to be sent.
    expect(erased.data.jobsCancelled).toBeGreaterThanOrEqual(1);

    // The other business's customer, who shares Ada's address, is untouched; with that row set aside, nothing is left of her.
    expect(await rowsOf(t.db, customers, { id: "cus_elsewhere_ada" })).toEqual([expect.objectContaining({ name: ada.name, email: ada.email })]);
    await sqlClientOf(t.db).execute("delete from customers where id = 'cus_elsewhere_ada'");
    for (const trace of traces) expect({ trace, found: await whereFound(trace) }).toEqual({ trace, found: [] });
    expect(await countRows(t.db, appointments)).toBe(appointmentsBefore);
    expect(await rowsOf(t.db, appointments, { id: first.id })).toEqual([expect.objectContaining({ customerId: adaId, status: "cancelled", notes: "", staffNotes: "" })]);
    expect(await rowsOf(t.db, appointments, { id: second.id })).toEqual([expect.objectContaining({ customerId: adaId, status: "cancelled", statusReason: null })]);
    expect(await rowsOf(t.db, customers, { id: adaId })).toEqual([expect.objectContaining({ name: "Erased customer", phone: null, erasedAt: t.clock.now() })]);
    // Nothing is left to send to her: every delivery job of a removed message is withdrawn or was done.
    const removed = new Set((await rowsOf(t.db, jobs, { kind: "notification.deliver" })).map((job) => job.key));
    const left = new Set((await rowsOf(t.db, notifications)).map((row) => row.id));
    const orphans = (await rowsOf(t.db, jobs, { kind: "notification.deliver", status: "queued" })).filter((job) => !left.has(job.key));
    expect(removed.size).toBeGreaterThan(left.size);
    expect(orphans).toEqual([]);
    // Bob is untouched.
    expect(await whereFound(bob.email)).toEqual(expect.arrayContaining(["customers.email", "notifications.recipient"]));
    expect(await rowsOf(t.db, appointments, { id: other.id })).toEqual([expect.objectContaining({ status: other.status })]);
    expect(await rowsOf(t.db, auditEntries, { action: "customer.erased", outcome: "ok" })).toEqual([
      expect.objectContaining({ tenantId: t.tenantId, actorKind: "business", targetType: "customer", targetId: adaId }),
    ]);
  });

  it("forgets where the customer's own manage-link calls came from", async () => {
    const { first, adaId } = await seedCustomers();
    const token = t.app.links.tokenFor(first.id);
    await callApp(t.app, "manage.cancel", { input: { token }, change: true, ip: "203.0.113.50", headers: { "user-agent": "Ada's phone" } });
    expect(await rowsOf(t.db, auditEntries, { actorKind: "manageLink" })).toEqual([expect.objectContaining({ userAgent: "Ada's phone", ipHash: expect.any(String) })]);
    expect(await change("customers.erase", { customerId: adaId })).toMatchObject({ status: 200 });
    expect(await rowsOf(t.db, auditEntries, { actorKind: "manageLink" })).toEqual([expect.objectContaining({ actorId: first.id, userAgent: null, ipHash: null })]);
  });

  it("erased once, answers the same id again with nothing changed", async () => {
    const { adaId } = await seedCustomers();
    expect(await change("customers.erase", { customerId: adaId, cancelUpcoming: true })).toMatchObject({ status: 200, data: { erased: true } });
    const again = await change("customers.erase", { customerId: adaId, cancelUpcoming: true });
    expect(again).toMatchObject({ status: 200, data: { customerId: adaId, erased: false, appointmentsAnonymised: 0, messagesRemoved: 0, appointmentsCancelled: [] } });
    expect(await call("customers.export", { input: { customerId: adaId } })).toMatchObject({
      status: 200,
      data: { customer: { name: "Erased customer", phone: null, erasedAt: new Date(t.clock.now()).toISOString() }, sources: { messages: [] } },
    });
  });

  it("reads another business's customer as not found, and erases nothing there", async () => {
    await seedCustomers();
    expect(await change("customers.erase", { customerId: "cus_elsewhere_ada", cancelUpcoming: true })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await rowsOf(t.db, customers, { id: "cus_elsewhere_ada" })).toEqual([expect.objectContaining({ name: ada.name })]);
  });
});
