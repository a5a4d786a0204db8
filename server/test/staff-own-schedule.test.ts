import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedSessionHeader } from "@frontdesk/core";
import { accountMessages, appointments, auditEntries, openDb, timeOff, workingHours, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn, person, type CallAnswer, type Person } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const password = "correct horse battery staple";
const month = { from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" };
const weekdays = Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday"].map((day) => [day, [{ start: "09:00", end: "17:00" }]]));
const mornings = { monday: [{ start: "08:00", end: "12:00" }] };

/** A caller of the matrix below: a member's cookie, or an embed session's secret. */
type Caller = (path: string, input?: unknown, mutation?: boolean) => Promise<CallAnswer>;

describe("a staff member's own schedule: they see and change theirs, and no colleague's", () => {
  let server: RunningServer;
  let db: Db;
  let owner: Person;
  let secretKey: string;
  const ids = { tenant: "", service: "", ada: "", ben: "", adaVisit: "", benVisit: "", benTimeOff: "", customerEmail: "cleo@shop.example" };
  /** Ada is linked to her staff record; Nell, also staff, to none. */
  const as: Record<"ada" | "nell" | "adaSession" | "unlinkedSession" | "owner", Caller> = {} as never;

  async function must(answer: Promise<CallAnswer>): Promise<any> {
    const settled = await answer;
    expect(settled, JSON.stringify(settled)).toMatchObject({ status: 200 });
    return settled.data;
  }
  const ownerDoes = (path: string, input: unknown) => must(owner.call(path, input, { mutation: true }));

  async function join(email: string, name: string, staffId?: string): Promise<Person> {
    await ownerDoes("team.invite", { email, role: "staff", ...(staffId ? { staffId } : {}) });
    const mails = await rowsOf(db, accountMessages, { recipient: email, kind: "invitation" });
    const token = new URL(linkIn(mails.at(-1)!.text)).searchParams.get("invitation")!;
    const joiner = person(server.url);
    expect((await joiner.auth("sign-up/email", { name, email, password })).status).toBe(200);
    await must(joiner.call("accounts.acceptInvitation", { token }, { mutation: true }));
    return joiner;
  }
  const byCookie = (someone: Person): Caller => (path, input, mutation = false) => someone.call(path, input, { mutation });
  async function bySession(staffId?: string): Promise<Caller> {
    const minted = await person(server.url).call("embedSessions.create", { widgets: ["fd-appointments"], role: "staff", ...(staffId ? { staffId } : {}) }, {
      mutation: true,
      headers: { authorization: `Bearer ${secretKey}` },
    });
    expect(minted.status, JSON.stringify(minted)).toBe(200);
    const someone = person(server.url);
    return (path, input, mutation = false) => someone.call(path, input, { mutation, headers: { [embedSessionHeader]: minted.data.clientSecret } });
  }
  const book = (staffId: string, start: string) =>
    ownerDoes("staff.book", { serviceId: ids.service, staffId, start, customer: { name: "Cleo", email: ids.customerEmail } }).then((booked) => booked.id as string);
  const listed = async (caller: Caller) => ((await must(caller("staff.appointments", month))) as { id: string }[]).map(({ id }) => id).sort();
  /** The calls refused to a member (by user id) as beyond their role, from the audit log. */
  const deniedCalls = async (userId: string) =>
    (await rowsOf(db, auditEntries, { tenantId: ids.tenant, outcome: "denied", errorCode: "ROLE_NOT_ALLOWED", actorId: userId })).map((entry) => entry.detail.call as string);

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    db = await openDb(server.databaseUrl);
    owner = person(server.url);
    expect((await owner.auth("sign-up/email", { name: "Olive", email: "owner@shop.example", password })).status).toBe(200);
    ids.tenant = (await ownerDoes("accounts.createBusiness", { name: "Shop", timeZone: "UTC" })).id;
    ids.service = (await ownerDoes("config.saveService", { name: "Cut", durationMin: 30 })).id;
    ids.ada = (await ownerDoes("config.saveStaff", { name: "Ada", serviceIds: [ids.service] })).id;
    ids.ben = (await ownerDoes("config.saveStaff", { name: "Ben", serviceIds: [ids.service] })).id;
    await ownerDoes("config.setBusinessHours", { hours: weekdays });
    for (const staffId of [ids.ada, ids.ben]) await ownerDoes("config.setStaffHours", { staffId, hours: weekdays });
    ids.adaVisit = await book(ids.ada, "2027-01-14T10:00:00Z");
    ids.benVisit = await book(ids.ben, "2027-01-14T11:00:00Z");
    ids.benTimeOff = (await ownerDoes("config.addTimeOff", { staffId: ids.ben, start: "2027-01-21T09:00:00Z", end: "2027-01-21T10:00:00Z" })).id;
    secretKey = (await ownerDoes("keys.createSecretKey", { name: "vendor", scopes: ["sessions:write"] })).key;
    as.ada = byCookie(await join("ada@shop.example", "Ada", ids.ada));
    as.nell = byCookie(await join("nell@shop.example", "Nell"));
    as.owner = byCookie(owner);
    as.adaSession = await bySession(ids.ada);
    as.unlinkedSession = await bySession();
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  it("shows the owner every appointment, and each staff member only their own", async () => {
    expect(await listed(as.owner)).toEqual([ids.adaVisit, ids.benVisit].sort());
    expect(await listed(as.ada)).toEqual([ids.adaVisit]);
    expect(await listed(as.adaSession)).toEqual([ids.adaVisit]);
    expect(await listed(as.nell)).toEqual([]);
    expect(await listed(as.unlinkedSession)).toEqual([]);
  });

  it("refuses a staffId filter for a colleague, and reads a colleague's appointment as not there", async () => {
    for (const caller of [as.ada, as.adaSession]) {
      expect(await caller("staff.appointments", { ...month, staffId: ids.ben })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED", field: "staffId" });
      expect(await caller("staff.appointments", { ...month, staffId: ids.ada })).toMatchObject({ status: 200, data: [{ id: ids.adaVisit }] });
      expect(await caller("staff.appointment", { appointmentId: ids.benVisit })).toMatchObject({ status: 404, code: "NOT_FOUND", field: "appointmentId" });
      expect(await caller("staff.appointment", { appointmentId: ids.adaVisit })).toMatchObject({ status: 200, data: { id: ids.adaVisit } });
    }
    expect(await as.nell("staff.appointment", { appointmentId: ids.adaVisit })).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("shows a customer's history with only the staff member's own appointments", async () => {
    const history = await must(as.ada("staff.customerHistory", { email: ids.customerEmail }));
    expect(history.appointments.map(({ id }: { id: string }) => id)).toEqual([ids.adaVisit]);
    expect((await must(as.owner("staff.customerHistory", { email: ids.customerEmail }))).appointments).toHaveLength(2);
    expect(await as.nell("staff.customerHistory", { email: ids.customerEmail })).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("refuses every change to a colleague's appointment, audits each refusal, and leaves the appointment as it was", async () => {
    const [before] = await rowsOf(db, appointments, { id: ids.benVisit });
    const changes: [string, unknown][] = [
      ["staff.approve", { appointmentId: ids.benVisit }],
      ["staff.reject", { appointmentId: ids.benVisit, reason: "No" }],
      ["staff.cancel", { appointmentId: ids.benVisit, reason: "No" }],
      ["staff.reschedule", { appointmentId: ids.benVisit, start: "2027-01-14T15:00:00Z" }],
      ["staff.markCompleted", { appointmentId: ids.benVisit }],
      ["staff.markNoShow", { appointmentId: ids.benVisit }],
      ["staff.setNotes", { appointmentId: ids.benVisit, notes: "Mine now" }],
    ];
    const ada = (await must(as.ada("accounts.me"))).user.id as string;
    const deniedBefore = (await deniedCalls(ada)).length;
    for (const [path, input] of changes) {
      expect(await as.ada(path, input, true), path).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED", field: "appointmentId" });
      expect(await as.adaSession(path, input, true), path).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED", field: "appointmentId" });
    }
    expect(await rowsOf(db, appointments, { id: ids.benVisit })).toEqual([before]);
    expect((await deniedCalls(ada)).slice(deniedBefore).sort()).toEqual(changes.map(([path]) => path).sort());
  });

  it("lets a staff member change their own appointment, and book only for themselves", async () => {
    expect(await as.ada("staff.setNotes", { appointmentId: ids.adaVisit, notes: "Likes it short" }, true)).toMatchObject({ status: 200 });
    const customer = { name: "Dan", email: "dan@shop.example" };
    const own = await must(as.ada("staff.book", { serviceId: ids.service, start: "2027-01-15T10:00:00Z", customer }, true));
    expect((await rowsOf(db, appointments, { id: own.id }))[0]!.staffId).toBe(ids.ada);
    const moved = await must(as.ada("staff.reschedule", { appointmentId: own.id, start: "2027-01-15T11:00:00Z" }, true));
    expect((await rowsOf(db, appointments, { id: moved.id }))[0]!.staffId).toBe(ids.ada);
    expect(await as.ada("staff.cancel", { appointmentId: own.id, reason: "Testing" }, true)).toMatchObject({ status: 200 });
    for (const caller of [as.ada, as.adaSession]) {
      const forBen = { serviceId: ids.service, staffId: ids.ben, start: "2027-01-15T12:00:00Z", customer };
      expect(await caller("staff.book", forBen, true)).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED", field: "staffId" });
    }
    expect(await as.nell("staff.book", { serviceId: ids.service, start: "2027-01-15T12:00:00Z", customer }, true)).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
  });

  it("lets a staff member set their own hours, dates and time off, though they lack config:write", async () => {
    for (const caller of [as.ada, as.adaSession]) {
      expect(await caller("config.setStaffHours", { staffId: ids.ada, hours: mornings }, true)).toMatchObject({ status: 200 });
      expect(await caller("config.setDateOverride", { staffId: ids.ada, date: "2027-01-22", ranges: [{ start: "10:00", end: "12:00" }] }, true)).toMatchObject({ status: 200 });
      expect(await caller("config.clearDateOverride", { staffId: ids.ada, date: "2027-01-22" }, true)).toMatchObject({ status: 200 });
      const added = await must(caller("config.addTimeOff", { staffId: ids.ada, start: "2027-01-20T09:00:00Z", end: "2027-01-20T10:00:00Z" }, true));
      expect(await caller("config.removeTimeOff", { id: added.id }, true)).toMatchObject({ status: 200 });
    }
    expect((await rowsOf(db, workingHours, { staffId: ids.ada })).map(({ startMin, endMin }) => [startMin, endMin])).toEqual([[480, 720]]);
    expect(await rowsOf(db, timeOff, { staffId: ids.ada })).toEqual([]);
    // The rest of the configuration stays beyond them.
    expect(await as.ada("config.setHoliday", { date: "2027-02-01", name: "Closed", ranges: [] }, true)).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await as.adaSession("config.saveStaff", { id: ids.ada, name: "Ada" }, true)).toMatchObject({ status: 403, code: "MISSING_SCOPE" });
  });

  it("refuses a colleague's hours, dates and time off, and every schedule change of a staff member linked to none", async () => {
    const bensHours = await rowsOf(db, workingHours, { staffId: ids.ben });
    const colleague: [string, unknown, string][] = [
      ["config.setStaffHours", { staffId: ids.ben, hours: mornings }, "staffId"],
      ["config.setDateOverride", { staffId: ids.ben, date: "2027-01-22", ranges: [] }, "staffId"],
      ["config.clearDateOverride", { staffId: ids.ben, date: "2027-01-22" }, "staffId"],
      ["config.addTimeOff", { staffId: ids.ben, start: "2027-01-20T09:00:00Z", end: "2027-01-20T10:00:00Z" }, "staffId"],
      ["config.removeTimeOff", { id: ids.benTimeOff }, "id"],
    ];
    for (const caller of [as.ada, as.adaSession, as.nell, as.unlinkedSession]) {
      for (const [path, input, field] of colleague) expect(await caller(path, input, true), path).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED", field });
    }
    for (const caller of [as.nell, as.unlinkedSession]) {
      expect(await caller("config.setStaffHours", { staffId: ids.ada, hours: mornings }, true)).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    }
    expect(await rowsOf(db, workingHours, { staffId: ids.ben })).toEqual(bensHours);
    expect(await rowsOf(db, timeOff, { id: ids.benTimeOff })).toHaveLength(1);
    const nell = (await must(as.nell("accounts.me"))).user.id;
    expect(await deniedCalls(nell)).toEqual(expect.arrayContaining(colleague.map(([path]) => path)));
  });

  it("keeps the owner's full access to every staff member's schedule", async () => {
    expect(await as.owner("config.setStaffHours", { staffId: ids.ben, hours: weekdays }, true)).toMatchObject({ status: 200 });
    expect(await as.owner("staff.setNotes", { appointmentId: ids.benVisit, notes: "Owner's note" }, true)).toMatchObject({ status: 200 });
  });
});
