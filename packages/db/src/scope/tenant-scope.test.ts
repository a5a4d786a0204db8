import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, ormOf, type Db, type Writer } from "../client";
import * as schema from "../schema";
import { rowsOf } from "../testing";
import { recordAuditEntry } from "./audit";
import { createTenant } from "./tenants";
import { forTenant, type TenantScope, type TenantWriteScope } from "./tenant-scope";
import { calendarIdsOf, calendarReads, calendarTables, calendarWriteResults, calendarWrites, seedCalendar } from "./tenant-scope.calendar";
import { phoneLineIdsOf, phoneLineReads, phoneLineTables, phoneLineWriteResults, phoneLineWrites, seedPhoneLine } from "./tenant-scope.phone-line";

const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));
const monday10 = Date.parse("2030-01-07T10:00:00Z");
const hour = 3_600_000;
const versionOfB = 424_242;

/** Tenant B's ids, which tenant A's scope is given throughout. */
const b = {
  service: "svc_b",
  staff: "stf_b",
  location: "loc_b",
  appointment: "apt_b",
  hold: "apt_b_hold",
  idempotencyKey: "idem-b",
  customer: "cus_b",
  email: "bea@example.com",
  timeOff: "off_b",
  holidayDate: "2030-01-08",
  overrideDate: "2030-01-09",
  notification: "ntf_b",
  publishableKey: "pk_b",
  user: "usr_b",
  member: "mem_b",
  invitation: "inv_b",
  invitee: "new-b@example.com",
  auditEntry: "aud_b",
  webhookEndpoint: "whe_b",
  webhookDelivery: "msg_b",
  embedSession: "es_b",
};

/** Tenant A's own rows, alike but for their ids. */
const a: typeof b = {
  service: "svc_a",
  staff: "stf_a",
  location: "loc_a",
  appointment: "apt_a",
  hold: "apt_a_hold",
  idempotencyKey: "idem-a",
  customer: "cus_a",
  email: "ada@example.com",
  timeOff: "off_a",
  holidayDate: "2030-01-15",
  overrideDate: "2030-01-16",
  notification: "ntf_a",
  publishableKey: "pk_a",
  user: "usr_a",
  member: "mem_a",
  invitation: "inv_a",
  invitee: "new-a@example.com",
  auditEntry: "aud_a",
  webhookEndpoint: "whe_a",
  webhookDelivery: "msg_a",
  embedSession: "es_a",
};

/** The phone line's rows of each: numbers, agents, calls, approvals, ... */
const phoneA = phoneLineIdsOf("a");
const phoneB = phoneLineIdsOf("b");
/** Calendar sync's: a connected account, its calendar, busy blocks, an event link, a feed. */
const calendarA = calendarIdsOf("a");
const calendarB = calendarIdsOf("b");

/** B's embed session outlives A's, so that at `liveAt` only B has one live. */
const embedSessionExpiry: Record<string, number> = { ten_a: monday10 + hour, ten_b: monday10 + 10 * hour };
const liveAt = monday10 + 2 * hour;

let dir: string;
let db: Db;

async function seed(tenantId: string, ids: typeof b) {
  await db.write(async (writer) => {
    await createTenant(writer, {
      tenant: { id: tenantId, name: `Business ${tenantId}`, timeZone: "UTC" },
      publishableKeys: [{ key: ids.publishableKey, allowedOrigins: ["*"] }],
      services: [{ id: ids.service, name: "Cut", durationMin: 60 }],
      staff: [{ id: ids.staff, name: "Kim" }],
      staffServices: [{ staffId: ids.staff, serviceId: ids.service }],
      workingHours: [{ id: `wh_${tenantId}`, staffId: ids.staff, weekday: 1, startMin: 480, endMin: 1080 }],
      holidays: [{ id: `hol_${tenantId}`, date: ids.holidayDate, name: "Closed" }],
    });
    await ormOf(writer).insert(schema.users).values({ id: ids.user, name: "Kim", email: `kim@${tenantId}.example` });
    const scope = forTenant(writer, tenantId);
    await scope.addMember({ id: ids.member, userId: ids.user, role: "owner", staffId: ids.staff, createdAt: monday10 });
    await scope.addInvitation({ id: ids.invitation, email: ids.invitee, role: "staff", tokenHash: `token_${tenantId}`, expiresAt: monday10 + 100 * hour, createdAt: monday10 });
    await scope.addLocation(ids.location, { name: "Main", address: "" });
    await scope.replaceBusinessHours(ids.location, [{ weekday: 1, startMin: 480, endMin: 1080 }]);
    await scope.replaceDateOverride(ids.staff, ids.overrideDate, [{ start: 600, end: 720 }]);
    await scope.addTimeOff(ids.timeOff, { staffId: ids.staff, startAt: monday10 + 6 * hour, endAt: monday10 + 7 * hour, reason: "Dentist" });
    await scope.addSecretKey({ id: `key_${tenantId}`, hash: `hash_${tenantId}`, prefix: "sk_" });
    await scope.addEmbedSession({
      id: ids.embedSession,
      secretHash: `es_hash_${tenantId}`,
      widgets: ["fd-appointments"],
      role: "staff",
      scopes: ["bookings:read"],
      createdByKeyId: `key_${tenantId}`,
      createdAt: monday10,
      expiresAt: embedSessionExpiry[tenantId]!,
    });
    const customerId = await scope.saveCustomer({ id: ids.customer, name: "Bea", email: ids.email, phone: null, timeZone: null, locale: null });
    const span = { startAt: monday10, endAt: monday10 + hour, blockedStart: monday10, blockedEnd: monday10 + hour };
    await scope.insertAppointment({ id: ids.appointment, serviceId: ids.service, staffId: ids.staff, customerId, status: "confirmed", assignedBy: "policy", idempotencyKey: ids.idempotencyKey, ...span });
    const later = { startAt: monday10 + 2 * hour, endAt: monday10 + 3 * hour, blockedStart: monday10 + 2 * hour, blockedEnd: monday10 + 3 * hour };
    await scope.insertAppointment({ id: ids.hold, serviceId: ids.service, staffId: ids.staff, status: "held", expiresAt: monday10 + 100 * hour, holdClient: `client-${tenantId}`, ...later });
    await scope.recordEvent({ appointmentId: ids.appointment, at: monday10, actor: "customer", action: "booked" });
    await scope.withdrawReminders(ids.appointment);
    await scope.addNotifications([
      { id: ids.notification, appointmentId: ids.appointment, kind: "reminder", dedupeKey: `reminder:${ids.appointment}`, channel: "email", recipient: ids.email, subject: "See you", text: "Soon", sendAt: monday10, nextAttemptAt: monday10 },
    ]);
    await recordAuditEntry(writer, { id: ids.auditEntry, tenantId, at: monday10, actorKind: "manageLink", actorId: ids.appointment, action: "appointment.cancelled", outcome: "ok", ipHash: "hashed", userAgent: "phone" });
    await scope.addWebhookEndpoint({ id: ids.webhookEndpoint, url: "https://example.com/hooks", eventTypes: ["appointment.created"], secretSealed: "v1.x", createdAt: monday10, updatedAt: monday10 });
    await scope.addWebhookDeliveries([webhookDeliveryOf(ids)]);
    await scope.recordWebhookAttempt(attemptOf(ids.webhookDelivery, `wat_${tenantId}`), ids.webhookDelivery, { status: "pending", nextAttemptAt: monday10 });
    await seedPhoneLine(scope, tenantId === "ten_a" ? phoneA : phoneB, ids.appointment);
    await seedCalendar(scope, tenantId === "ten_a" ? calendarA : calendarB, { staff: ids.staff, appointment: ids.appointment });
  });
}

function webhookDeliveryOf(ids: typeof b) {
  return { id: ids.webhookDelivery, endpointId: ids.webhookEndpoint, eventId: `evt_${ids.webhookDelivery}`, eventType: "appointment.created", payload: "{}", jobKey: ids.webhookDelivery, createdAt: monday10 };
}
const attemptOf = (deliveryId: string, id: string) => ({ id, deliveryId, at: monday10, durationMs: 5, httpStatus: 500, error: "down", responseExcerpt: null });

const ownedTables = [
  schema.publishableKeys,
  schema.secretKeys,
  schema.locations,
  schema.holidays,
  schema.services,
  schema.staff,
  schema.staffServices,
  schema.workingHours,
  schema.dateOverrides,
  schema.timeOff,
  schema.businessHours,
  schema.customers,
  schema.appointments,
  schema.appointmentEvents,
  schema.notifications,
  schema.members,
  schema.invitations,
  schema.auditEntries,
  schema.webhookEndpoints,
  schema.webhookDeliveries,
  schema.webhookAttempts,
  schema.embedSessions,
  ...phoneLineTables,
  ...calendarTables,
] as const;

/** Everything tenant B owns, row by row. */
async function rowsOfB() {
  return {
    tenant: await rowsOf(db, schema.tenants, { id: "ten_b" }),
    owned: await Promise.all(ownedTables.map((table) => rowsOf(db, table, { tenantId: "ten_b" }))),
  };
}

/** Whether any value in a result names tenant B or one of its ids. */
function mentionsB(result: unknown): boolean {
  const text = JSON.stringify(result, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
  return text !== undefined && (text.includes("ten_b") || [...Object.values(b), ...Object.values(phoneB), ...Object.values(calendarB)].some((id) => text.includes(`"${id}"`)));
}

const spanAt = (start: number) => ({ startAt: start, endAt: start + hour, blockedStart: start, blockedEnd: start + hour });
const range = { fromMs: monday10 - 24 * hour, toMs: monday10 + 24 * hour, now: monday10 - 48 * hour };

/** Each read of the scope, asked about tenant B's rows. */
const reads: Record<string, (scope: TenantScope & Partial<TenantWriteScope>) => Promise<unknown>> = {
  tenant: (scope) => scope.tenant(),
  // B's version is set apart from A's in `beforeAll`: B's own version counts as naming B.
  setupVersion: async (scope) => ((await scope.setupVersion()) === versionOfB ? "ten_b" : null),
  configuration: (scope) => scope.configuration("2030-01-01", range.now),
  setup: (scope) => scope.setup("2030-01-01"),
  services: (scope) => scope.services(),
  service: (scope) => scope.service(b.service),
  staff: (scope) => scope.staff(),
  staffServices: (scope) => scope.staffServices(),
  staffForService: (scope) => scope.staffForService(b.service),
  // The ids it finds: B's scope finds B's, A's none.
  missingIds: async (scope) => {
    const missing = [...(await scope.missingIds("service", [b.service])), ...(await scope.missingIds("staff", [b.staff]))];
    return [b.service, b.staff].filter((id) => !missing.includes(id));
  },
  holidays: (scope) => scope.holidays("2030-01-01", "2030-01-31"),
  businessHours: (scope) => scope.businessHours(b.location),
  locations: (scope) => scope.locations(),
  location: (scope) => scope.location(b.location),
  workingHours: (scope) => scope.workingHours([b.staff]),
  dateOverrides: (scope) => scope.dateOverrides([b.staff], "2030-01-01", "2030-01-31"),
  timeOffEntry: (scope) => scope.timeOffEntry(b.timeOff),
  busy: (scope) => scope.busy([b.staff], range),
  activeBookingsOfService: (scope) => scope.activeBookingsOfService(b.service, range.fromMs, range.toMs, range.now),
  lastPolicyAssignments: (scope) => scope.lastPolicyAssignments([b.staff]),
  appointment: (scope) => scope.appointment(b.appointment),
  appointmentByIdempotencyKey: (scope) => scope.appointmentByIdempotencyKey(b.idempotencyKey),
  appointmentDetail: (scope) => scope.appointmentDetail(b.appointment),
  appointmentList: (scope) => scope.appointmentList({}),
  events: (scope) => scope.events(b.appointment),
  customer: (scope) => scope.customer(b.customer),
  customerByEmail: (scope) => scope.customerByEmail(b.email),
  outbox: (scope) => scope.outbox(),
  notificationsFor: (scope) => scope.notificationsFor([b.appointment]),
  notificationToDeliver: (scope) => scope.notificationToDeliver(b.notification),
  publishableKeys: (scope) => scope.publishableKeys(),
  secretKeys: (scope) => scope.secretKeys(),
  teamMembers: (scope) => scope.teamMembers(),
  memberOf: (scope) => scope.memberOf(b.user),
  member: (scope) => scope.member(b.member),
  pendingInvitations: (scope) => scope.pendingInvitations(range.now),
  invitation: (scope) => scope.invitation(b.invitation),
  auditEntries: (scope) => scope.auditEntries({ order: "newest", limit: 10 }),
  customerAppointments: (scope) => scope.customerAppointments(b.customer),
  eventsOfAppointments: (scope) => scope.eventsOfAppointments([b.appointment]),
  messagesTo: (scope) => scope.messagesTo([b.appointment], [b.email]),
  webhookEndpoints: (scope) => scope.webhookEndpoints(),
  webhookEndpoint: (scope) => scope.webhookEndpoint(b.webhookEndpoint),
  webhookDelivery: (scope) => scope.webhookDelivery(b.webhookDelivery),
  webhookDeliveries: (scope) => scope.webhookDeliveries({ limit: 10 }),
  webhookAttemptsFor: (scope) => scope.webhookAttemptsFor([b.webhookDelivery]),
  activeHolds: async (scope) => ((await scope.activeHolds!("client-ten_b")).byClient > 0 ? "ten_b" : "none"),
  liveEmbedSessionCount: async (scope) => ((await scope.liveEmbedSessionCount(liveAt)) > 0 ? "ten_b" : "none"),
  firstLiveEmbedSessionExpiry: async (scope) => ((await scope.firstLiveEmbedSessionExpiry(liveAt)) === embedSessionExpiry.ten_b ? "ten_b" : "none"),
  ...phoneLineReads(phoneB, b.appointment),
  ...calendarReads(calendarB, { staff: b.staff, appointment: b.appointment }),
};

/** Each write of the scope, aimed at tenant B's rows; what it returns must say it found nothing there. */
const writes: Record<string, (scope: TenantWriteScope) => Promise<unknown>> = {
  updatePolicies: (scope) => scope.updatePolicies({ name: "Taken over" }),
  saveService: (scope) => scope.saveService(b.service, { name: "Taken over", durationMin: 5 }, { isNew: false, staffIds: [] }),
  saveStaff: (scope) => scope.saveStaff(b.staff, { name: "Taken over" }, { isNew: false, serviceIds: [] }),
  archive: async (scope) => [await scope.archive("service", b.service), await scope.archive("staff", b.staff)],
  replaceStaffHours: (scope) => scope.replaceStaffHours(b.staff, null, []),
  replaceBusinessHours: (scope) => scope.replaceBusinessHours(b.location, []),
  addLocation: (scope) => scope.addLocation("loc_a_new", { name: "New", address: "" }),
  updateLocation: (scope) => scope.updateLocation(b.location, { name: "Taken over", address: "" }),
  removeLocation: (scope) => scope.removeLocation(b.location),
  clearDateOverride: (scope) => scope.clearDateOverride(b.staff, b.overrideDate),
  replaceDateOverride: (scope) => scope.replaceDateOverride(b.staff, b.overrideDate, []),
  addTimeOff: (scope) => scope.addTimeOff("off_a_new", { staffId: "stf_a", startAt: monday10, endAt: monday10 + hour, reason: "" }),
  removeTimeOff: (scope) => scope.removeTimeOff(b.timeOff),
  replaceHoliday: (scope) => scope.replaceHoliday("2030-01-10", "Ours", []),
  removeHoliday: (scope) => scope.removeHoliday(b.holidayDate),
  addPublishableKey: (scope) => scope.addPublishableKey("pk_a_new", ["*"], monday10),
  revokePublishableKey: (scope) => scope.revokePublishableKey(b.publishableKey, monday10),
  addSecretKey: (scope) => scope.addSecretKey({ id: "key_a_new", hash: "hash_a_new", prefix: "sk_" }),
  revokeSecretKey: (scope) => scope.revokeSecretKey("key_ten_b", monday10),
  markSecretKeyUsed: (scope) => scope.markSecretKeyUsed("key_ten_b", monday10),
  // Knowing B's customer's email must neither change B's customer nor return its id.
  saveCustomer: (scope) => scope.saveCustomer({ id: "cus_a_new", name: "Bea", email: b.email, phone: "+1 555 0100", timeZone: null, locale: null }),
  insertAppointment: (scope) =>
    scope.insertAppointment({ id: "apt_a_new", serviceId: a.service, staffId: a.staff, customerId: a.customer, status: "confirmed", ...spanAt(monday10 + 4 * hour) }),
  updateAppointment: (scope) => scope.updateAppointment(b.appointment, ["confirmed", "held"], { status: "cancelled" }),
  recordEvent: (scope) => scope.recordEvent({ appointmentId: "apt_a_new", at: monday10, actor: "staff", action: "note" }),
  withdrawReminders: (scope) => scope.withdrawReminders(b.appointment),
  addNotifications: (scope) =>
    scope.addNotifications([
      // B's dedupe key: unique per tenant, so it neither collides with nor replaces B's message.
      { id: "ntf_a_new", appointmentId: "apt_a_new", kind: "reminder", dedupeKey: `reminder:${b.appointment}`, channel: "email", recipient: "a@example.com", subject: "s", text: "t", sendAt: monday10, nextAttemptAt: monday10 },
    ]),
  updateNotification: (scope) => scope.updateNotification(b.notification, ["queued"], { status: "sent", sentAt: monday10 }),
  // B's person may join A too: that makes A's row, and leaves B's membership as it was.
  addMember: (scope) => scope.addMember({ id: "mem_a_new", userId: b.user, role: "staff", createdAt: monday10 }),
  updateMember: (scope) => scope.updateMember(b.member, { role: "staff" }),
  removeMember: (scope) => scope.removeMember(b.member),
  // Inviting the address B invited replaces only A's own open invitation to it.
  addInvitation: (scope) => scope.addInvitation({ id: "inv_a_new", email: b.invitee, role: "staff", tokenHash: "token_a_new", expiresAt: monday10 + hour, createdAt: monday10 }),
  closeInvitation: (scope) => scope.closeInvitation(b.invitation, "revoked"),
  forgetAuditOrigins: (scope) => scope.forgetAuditOrigins("manageLink", [b.appointment]),
  cancelUpcomingOf: (scope) => scope.cancelUpcomingOf(b.customer, 0, "Erased"),
  anonymiseAppointmentsOf: (scope) => scope.anonymiseAppointmentsOf(b.customer),
  removeMessages: (scope) => scope.removeMessages([b.notification]),
  anonymiseCustomer: (scope) => scope.anonymiseCustomer(b.customer, monday10),
  addWebhookEndpoint: (scope) =>
    scope.addWebhookEndpoint({ id: "whe_a_new", url: "https://example.com/a", eventTypes: ["appointment.created"], secretSealed: "v1.y", createdAt: monday10, updatedAt: monday10 }),
  updateWebhookEndpoint: (scope) => scope.updateWebhookEndpoint(b.webhookEndpoint, { url: "https://attacker.example/" }),
  removeWebhookEndpoint: (scope) => scope.removeWebhookEndpoint(b.webhookEndpoint),
  // A delivery to B's endpoint is not A's to add.
  addWebhookDeliveries: (scope) => scope.addWebhookDeliveries([{ ...webhookDeliveryOf(b), id: "msg_a_new", eventId: "evt_a_new" }]),
  updateWebhookDelivery: (scope) => scope.updateWebhookDelivery(b.webhookDelivery, b.webhookDelivery, { status: "failed" }),
  recordWebhookAttempt: (scope) => scope.recordWebhookAttempt(attemptOf(b.webhookDelivery, "wat_a_new"), b.webhookDelivery, { status: "delivered" }),
  countWebhookOutcome: (scope) => scope.countWebhookOutcome(b.webhookEndpoint, false, { after: 1, reason: "Taken over" }),
  addEmbedSession: (scope) =>
    scope.addEmbedSession({ id: "es_a_new", secretHash: "es_hash_a_new", widgets: ["fd-team"], role: "owner", scopes: [], createdByKeyId: "key_ten_a", createdAt: monday10, expiresAt: monday10 + hour }),
  revokeEmbedSession: (scope) => scope.revokeEmbedSession(b.embedSession, monday10),
  // Every session of A's lapsed by then, and none of B's may go with them.
  pruneEmbedSessions: (scope) => scope.pruneEmbedSessions(monday10 + 100 * hour),
  ...phoneLineWrites(phoneA, phoneB, b.appointment),
  ...calendarWrites(calendarA, calendarB, { staff: b.staff, appointment: b.appointment }),
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-isolation-"));
  db = await openDb(`file:${join(dir, "frontdesk.db")}`);
  await migrateDb(db, migrationsFolder);
  await seed("ten_a", a);
  await seed("ten_b", b);
  await db.write((writer) => ormOf(writer).update(schema.tenants).set({ setupVersion: versionOfB }).where(eq(schema.tenants.id, "ten_b")));
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a tenant scope", () => {
  it("covers every method of the scope in these checks", () => {
    const methods = db.write(async (writer) => Object.keys(forTenant(writer, "ten_a")).filter((key) => key !== "tenantId" && key !== "writer"));
    return expect(methods.then((names) => names.sort())).resolves.toEqual([...Object.keys(reads), ...Object.keys(writes)].sort());
  });

  it("reads tenant B's rows from B's own scope (so the checks below can fail)", async () => {
    for (const [name, read] of Object.entries(reads)) {
      const result = await db.write((writer) => read(forTenant(writer, "ten_b")));
      expect(mentionsB(result), name).toBe(true);
    }
  });

  it("reads nothing of another tenant's, by any read, from the database or inside a write", async () => {
    for (const [name, read] of Object.entries(reads)) {
      if (name !== "activeHolds") expect(mentionsB(await read(forTenant(db, "ten_a"))), `${name} (read scope)`).toBe(false);
      expect(mentionsB(await db.write((writer) => read(forTenant(writer, "ten_a")))), `${name} (write scope)`).toBe(false);
    }
  });

  it("changes nothing of another tenant's, by any write, and says it found nothing there", async () => {
    const before = await rowsOfB();
    const results: Record<string, unknown> = {};
    for (const [name, write] of Object.entries(writes)) results[name] = await db.write((writer) => write(forTenant(writer, "ten_a")));
    expect(await rowsOfB()).toEqual(before);
    expect(results).toMatchObject({
      archive: [false, false],
      updateLocation: false,
      removeLocation: false,
      clearDateOverride: false,
      removeTimeOff: false,
      removeHoliday: false,
      revokePublishableKey: false,
      revokeSecretKey: false,
      revokeEmbedSession: false,
      saveCustomer: "cus_a_new",
      updateAppointment: undefined,
      withdrawReminders: [],
      cancelUpcomingOf: [],
      anonymiseAppointmentsOf: [],
      updateWebhookEndpoint: false,
      removeWebhookEndpoint: false,
      addWebhookDeliveries: [],
      updateWebhookDelivery: false,
      recordWebhookAttempt: undefined,
      countWebhookOutcome: false,
      ...phoneLineWriteResults,
      ...calendarWriteResults,
    });
    // Nor is an attempt logged against B's delivery, nor a delivery added to B's endpoint, under A's name.
    expect(await rowsOf(db, schema.webhookAttempts, { id: "wat_a_new" })).toEqual([]);
    expect(await rowsOf(db, schema.webhookDeliveries, { id: "msg_a_new" })).toEqual([]);
    // What A wrote is A's: B's scope still sees only its own.
    const scopeB = forTenant(db, "ten_b");
    expect((await scopeB.customerByEmail(b.email))?.phone).toBeNull();
    expect((await scopeB.appointment(b.appointment))?.status).toBe("confirmed");
    expect(await scopeB.publishableKeys()).toMatchObject([{ key: b.publishableKey, revokedAt: null }]);
  });
});

describe("the write path", () => {
  it("gives write methods only to a scope made from a write's Writer", async () => {
    const readScope = forTenant(db, "ten_a");
    // @ts-expect-error a read scope has no write methods
    expect(readScope.insertAppointment).toBeUndefined();
    expect(Object.keys(writes).filter((name) => name in readScope)).toEqual([]);
    await db.write(async (writer) => expect(Object.keys(writes).every((name) => name in forTenant(writer, "ten_a"))).toBe(true));
  });

  it("refuses a Writer used after its write ended", async () => {
    let escaped: Writer | undefined;
    await db.write(async (writer) => {
      escaped = writer;
    });
    expect(() => forTenant(escaped!, "ten_a")).toThrow(/only inside the write/);
  });

  it("refuses a write scope kept after its write ended", async () => {
    let kept: TenantWriteScope | undefined;
    await db.write(async (writer) => {
      kept = forTenant(writer, "ten_a");
    });
    await expect(kept!.updatePolicies({ name: "Too late" })).rejects.toThrow(/only inside the write/);
    expect((await forTenant(db, "ten_a").tenant())?.name).not.toBe("Too late");
  });

  it("turns the overlap guard's refusal into SLOT_TAKEN", async () => {
    const clash = db.write((writer) =>
      forTenant(writer, "ten_b").insertAppointment({ id: "apt_b_clash", serviceId: b.service, staffId: b.staff, customerId: b.customer, status: "confirmed", startAt: monday10, endAt: monday10 + hour, blockedStart: monday10, blockedEnd: monday10 + hour }),
    );
    await expect(clash).rejects.toMatchObject({ name: "FrontdeskError", code: "SLOT_TAKEN", status: 409 });
  });

  it("turns a reused idempotency key into IDEMPOTENCY_KEY_REUSED", async () => {
    const later = monday10 + 4 * hour;
    const reused = db.write((writer) =>
      forTenant(writer, "ten_b").insertAppointment({ id: "apt_b_again", serviceId: b.service, staffId: b.staff, customerId: b.customer, status: "confirmed", idempotencyKey: b.idempotencyKey, startAt: later, endAt: later + hour, blockedStart: later, blockedEnd: later + hour }),
    );
    await expect(reused).rejects.toMatchObject({ name: "FrontdeskError", code: "IDEMPOTENCY_KEY_REUSED", status: 409 });
  });
});
