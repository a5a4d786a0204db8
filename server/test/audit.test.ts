import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { maxAuditExportEntries, type AuditEntry } from "@frontdesk/core";
import { auditEntries, tenants } from "@frontdesk/db";
import { countRows, insertRows, rowsFor, rowsOf } from "@frontdesk/db/testing";
import { auditedCalls } from "../app/audit/audited-calls";
import { issueSecretKey, secretKeyPrefix } from "../app/auth/secret-keys";
import { appRouter } from "../app/router";
import type { RequestContext } from "../app/trpc";
import { startTestApp, type TestApp } from "../testing/app-harness";
import { bookDemo, callApp, type CallOptions } from "../testing/app-calls";

let t: TestApp;
let secretKey: string;
const auth = () => ({ authorization: `Bearer ${secretKey}`, "user-agent": "clinic-backend/2.1" });
const call = (path: string, options: CallOptions = {}) => callApp(t.app, path, { ...options, headers: { ...auth(), ...options.headers } });
const change = (path: string, input: unknown, options: CallOptions = {}) => call(path, { ...options, input, change: true });
const entries = () => rowsOf(t.db, auditEntries);

/** The request's key, with only these scopes. */
const onlyScopes = (...scopes: string[]) => (context: RequestContext): RequestContext => ({
  ...context,
  principals: { ...context.principals, business: async () => ({ ...(await context.principals.business()), scopes: scopes as never }) },
});

beforeEach(async () => {
  t = await startTestApp();
  secretKey = await t.db.write((writer) => issueSecretKey(writer, t.tenantId));
});
afterEach(() => t.close());

describe("the audit log records each change", () => {
  it("with who made it, what and to what, and where from (hashed), in one entry", async () => {
    const saved = await change("config.saveService", { name: "Night clinic", durationMin: 30 }, { ip: "203.0.113.9" });
    expect(saved.status).toBe(200);
    const [entry, ...more] = await entries();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      tenantId: t.tenantId,
      at: t.clock.now(),
      actorKind: "business",
      actorId: secretKeyPrefix(secretKey),
      action: "config.service_saved",
      targetType: "service",
      // A creation's target is the id it answered with.
      targetId: saved.data.id,
      outcome: "ok",
      errorCode: null,
      userAgent: "clinic-backend/2.1",
      detail: { call: "config.saveService" },
    });
    expect(entry!.ipHash).toMatch(/^[\w-]{22}$/);
    expect(JSON.stringify(entry)).not.toContain("203.0.113");
    expect(JSON.stringify(entry)).not.toContain(secretKey.slice(10));
  });

  it("in the change's own write: the entry takes no write of its own", async () => {
    const { data } = await change("config.saveService", { name: "Short-lived", durationMin: 15 });
    const before = t.db.writes;
    expect(await change("config.archiveService", { id: data.id })).toMatchObject({ status: 200 });
    expect(t.db.writes - before).toBe(1);
    expect((await entries()).filter((entry) => entry.action === "config.service_archived")).toEqual([expect.objectContaining({ targetId: data.id, outcome: "ok" })]);
  });

  it("the same caller's address hashes alike, another's differently", async () => {
    await change("config.updatePolicies", { holdMinutes: 6 }, { ip: "203.0.113.9" });
    await change("config.updatePolicies", { holdMinutes: 7 }, { ip: "203.0.113.9" });
    await change("config.updatePolicies", { holdMinutes: 8 }, { ip: "198.51.100.4" });
    const hashes = (await entries()).sort((a, b) => a.id.localeCompare(b.id)).map((entry) => entry.ipHash);
    expect(new Set(hashes).size).toBe(2);
  });

  it("of staff on an appointment, and a refused one as failed with its code, leaving the appointment as it was", async () => {
    const booked = await bookDemo(t, { name: "Ines Audit", email: "ines.audit@example.com" });
    expect(await change("staff.cancel", { appointmentId: booked.id, reason: "Dentist ill" })).toMatchObject({ status: 200 });
    expect(await change("staff.cancel", { appointmentId: booked.id })).toMatchObject({ status: 409, code: "INVALID_TRANSITION" });
    const log = (await entries()).sort((a, b) => a.at - b.at || (a.outcome === "ok" ? -1 : 1));
    expect(log.map(({ action, targetType, targetId, outcome, errorCode }) => ({ action, targetType, targetId, outcome, errorCode }))).toEqual([
      { action: "appointment.cancelled", targetType: "appointment", targetId: booked.id, outcome: "ok", errorCode: null },
      { action: "appointment.cancelled", targetType: "appointment", targetId: booked.id, outcome: "failed", errorCode: "INVALID_TRANSITION" },
    ]);
    // The reason is the customer's business: the entry keeps ids only.
    expect(JSON.stringify(log)).not.toContain("Dentist ill");
  });

  it("of a customer through their manage link, with the appointment as the actor", async () => {
    const booked = await bookDemo(t, { name: "Mona Link", email: "mona.link@example.com" }, 5);
    const token = t.app.links.tokenFor(booked.id);
    expect(await callApp(t.app, "manage.cancel", { input: { token }, change: true })).toMatchObject({ status: 200 });
    expect(await entries()).toEqual([expect.objectContaining({ tenantId: t.tenantId, actorKind: "manageLink", actorId: booked.id, action: "appointment.cancelled", outcome: "ok" })]);
  });

  it("but not a read", async () => {
    expect(await call("config.get")).toMatchObject({ status: 200 });
    expect(await call("staff.appointments", { input: { from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" } })).toMatchObject({ status: 200 });
    expect(await countRows(t.db, auditEntries)).toBe(0);
  });

  it("names every change the routers make: none is logged under its bare path", () => {
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    const changes = procedures.filter(([, procedure]) => procedure._def.type === "mutation").map(([path]) => path);
    expect(changes.length).toBeGreaterThan(25);
    // The website's own booking calls are the customer's, kept in the appointment's history.
    expect(changes.filter((path) => !auditedCalls[path] && !path.startsWith("booking."))).toEqual([]);
  });
});

describe("the audit log records each denied call", () => {
  it("an unknown secret key against no business, with nothing of the key", async () => {
    const forged = "sk_forged_but_long_enough_to_look_real";
    expect(await change("config.updatePolicies", { holdMinutes: 9 }, { headers: { authorization: `Bearer ${forged}` } })).toMatchObject({ status: 401, code: "UNKNOWN_SECRET_KEY" });
    expect(await entries()).toEqual([
      expect.objectContaining({ tenantId: null, actorKind: "business", actorId: null, action: "config.policies_updated", outcome: "denied", errorCode: "UNKNOWN_SECRET_KEY" }),
    ]);
    expect(JSON.stringify(await entries())).not.toContain("forged");
  });

  it("a key without the scope, against its business, for a read too; nothing else changes", async () => {
    const readOnly = onlyScopes("config:read");
    expect(await change("config.updatePolicies", { holdMinutes: 9 }, { shape: readOnly })).toMatchObject({ status: 403, code: "MISSING_SCOPE" });
    expect(await call("audit.list", { shape: readOnly })).toMatchObject({ status: 403, code: "MISSING_SCOPE" });
    expect((await t.app.config.get(t.tenantId)).business.holdMinutes).toBe(5);
    const log = await entries();
    expect(log.map(({ tenantId, actorId, action, outcome, errorCode }) => ({ tenantId, actorId, action, outcome, errorCode })).sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { tenantId: t.tenantId, actorId: secretKeyPrefix(secretKey), action: "audit.list", outcome: "denied", errorCode: "MISSING_SCOPE" },
      { tenantId: t.tenantId, actorId: secretKeyPrefix(secretKey), action: "config.policies_updated", outcome: "denied", errorCode: "MISSING_SCOPE" },
    ]);
  });
});

describe("audit.list", () => {
  /** Entries at ten-second steps, oldest first; two share each instant, to page across ties. */
  async function seedEntries(count: number, tenantId = t.tenantId) {
    const start = t.clock.now() - 86_400_000;
    const rows = Array.from({ length: count }, (_, n) => ({
      id: `aud_${tenantId}_${String(n).padStart(5, "0")}`,
      tenantId,
      at: start + Math.floor((n + 1) / 2) * 10_000,
      actorKind: "business" as const,
      actorId: n % 3 === 0 ? "sk_other00" : "sk_main000",
      action: n % 4 === 0 ? "key.created" : "config.service_saved",
      outcome: "ok" as const,
    }));
    for (let at = 0; at < rows.length; at += 500) await insertRows(t.db, rowsFor(auditEntries, ...rows.slice(at, at + 500)));
    return rows;
  }

  it("pages through every entry once, newest first, however many share an instant", async () => {
    const seeded = await seedEntries(11);
    const seen: AuditEntry[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call("audit.list", { input: { limit: 3, ...(cursor ? { cursor } : {}) } });
      expect(page.status).toBe(200);
      seen.push(...page.data.entries);
      cursor = page.data.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen.map((entry) => entry.id)).toEqual(seeded.map((row) => row.id).reverse());
  });

  it("filters by time, actor and action family, and only ever shows the caller's business", async () => {
    await insertRows(t.db, rowsFor(tenants, { id: "ten_other_audit", name: "Other", timeZone: "Europe/Berlin" }));
    const seeded = await seedEntries(12);
    await seedEntries(4, "ten_other_audit");
    const ids = async (input: Record<string, unknown>) => ((await call("audit.list", { input })).data.entries as AuditEntry[]).map((entry) => entry.id).sort();
    const expected = (keep: (row: (typeof seeded)[number]) => boolean) => seeded.filter(keep).map((row) => row.id).sort();
    expect(await ids({})).toEqual(expected(() => true));
    expect(await ids({ action: "key.created" })).toEqual(expected((row) => row.action === "key.created"));
    expect(await ids({ action: "config.*" })).toEqual(expected((row) => row.action.startsWith("config.")));
    expect(await ids({ actorId: "sk_other00" })).toEqual(expected((row) => row.actorId === "sk_other00"));
    const from = new Date(seeded[4]!.at).toISOString();
    const to = new Date(seeded[8]!.at).toISOString();
    expect(await ids({ from, to })).toEqual(expected((row) => row.at >= seeded[4]!.at && row.at < seeded[8]!.at));
  });

  it("refuses a page larger than 200 and a cursor it did not make", async () => {
    expect(await call("audit.list", { input: { limit: 201 } })).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "limit" });
    expect(await call("audit.list", { input: { cursor: "bm90LWEtY3Vyc29y" } })).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "cursor" });
  });

  describe("audit.export", () => {
    const range = () => ({ from: new Date(t.clock.now() - 2 * 86_400_000).toISOString(), to: new Date(t.clock.now()).toISOString() });

    it("gives JSON lines or CSV of a range, oldest first, and is itself recorded", async () => {
      const seeded = await seedEntries(3);
      const lines = await call("audit.export", { input: range() });
      expect(lines.data).toMatchObject({ format: "jsonl", count: 3, nextFrom: null });
      expect((lines.data.content as string).trimEnd().split("\n").map((line) => JSON.parse(line).id)).toEqual(seeded.map((row) => row.id));
      const csv = await call("audit.export", { input: { ...range(), format: "csv" } });
      const [header, ...rows] = (csv.data.content as string).trimEnd().split("\r\n");
      expect(header).toBe("id,at,actorKind,actorId,action,targetType,targetId,outcome,errorCode,ipHash,userAgent,detail");
      expect(rows.map((row) => row.split(",")[0])).toEqual(seeded.map((row) => row.id));
      expect((await entries()).filter((entry) => entry.action === "audit.exported")).toHaveLength(2);
    });

    it(`holds at most ${maxAuditExportEntries} entries, and the rest from where it stopped, none twice`, async () => {
      const seeded = await seedEntries(maxAuditExportEntries + 3);
      const first = await call("audit.export", { input: range() });
      expect(first.data.count).toBeLessThanOrEqual(maxAuditExportEntries);
      expect(first.data.nextFrom).not.toBeNull();
      const rest = await call("audit.export", { input: { ...range(), from: first.data.nextFrom } });
      const idsOf = (content: string) => content.trimEnd().split("\n").map((line) => JSON.parse(line).id as string);
      const exported = [...idsOf(first.data.content), ...idsOf(rest.data.content)].filter((id) => id.startsWith("aud_ten"));
      expect(exported).toEqual(seeded.map((row) => row.id));
    });

    it("refuses a range longer than 31 days", async () => {
      expect(await call("audit.export", { input: { from: "2026-11-01T00:00:00Z", to: "2027-01-01T00:00:00Z" } })).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "to" });
    });

    it("writes CSV a spreadsheet will not run as a formula", async () => {
      await change("config.updatePolicies", { holdMinutes: 6 }, { headers: { "user-agent": '=HYPERLINK("http://evil.example","x")' } });
      const csv = (await call("audit.export", { input: { ...range(), to: new Date(t.clock.now() + 1).toISOString(), format: "csv" } })).data.content as string;
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    });
  });
});
