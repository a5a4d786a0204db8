import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberScopes, type ApiScope } from "@frontdesk/core";
import { accountMessages, auditEntries, openDb, type Db } from "@frontdesk/db";
import { rowsOf, rowsOwnedBy } from "@frontdesk/db/testing";
import { appRouter } from "../app/router";
import type { Access } from "../app/trpc";
import { linkIn, person, type CallAnswer, type Person } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";
import { aimedAtTheColleague, echoesTheCallersInput, inputsAimedAt, notAimedAtAnotherBusiness, type AIds } from "./authorization.inputs";

const password = "correct horse battery staple";
type Route = { method: string; path: string };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: { access?: Access; openapi?: Route } } }>).map(
  ([path, procedure]) => ({ path, mutation: procedure._def.type === "mutation", access: procedure._def.meta?.access, route: procedure._def.meta?.openapi }),
);

/** A procedure's REST request for `input`: path parameters filled in, the rest as the query (GET, DELETE) or the JSON body. */
function restRequest(route: Route, input: unknown): { url: string; init: RequestInit } {
  const rest = { ...((input ?? {}) as Record<string, unknown>) };
  const path = route.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = String(rest[name]);
    delete rest[name];
    return encodeURIComponent(value);
  });
  if (route.method === "GET" || route.method === "DELETE") {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(rest)) for (const one of [value].flat()) query.append(name, String(one));
    return { url: `${path}${query.size ? `?${query}` : ""}`, init: { method: route.method } };
  }
  return { url: path, init: { method: route.method, headers: { "content-type": "application/json" }, body: JSON.stringify(rest) } };
}


describe("authorization: every procedure, as every other business and every role", () => {
  let server: RunningServer;
  let db: Db;
  let a: AIds;
  const people: Record<string, Person> = {};
  const restKeys = { b: "" };
  /** Each caller, and how it calls: its cookie, or a key in the headers. */
  const callers: Record<string, (path: string, input: unknown, mutation: boolean) => Promise<CallAnswer>> = {};

  async function signUp(email: string, name: string): Promise<Person> {
    const someone = person(server.url);
    expect((await someone.auth("sign-up/email", { name, email, password })).status).toBe(200);
    return someone;
  }

  async function must(answer: Promise<CallAnswer>): Promise<any> {
    const settled = await answer;
    expect(settled, JSON.stringify(settled)).toMatchObject({ status: 200 });
    return settled.data;
  }

  async function join(owner: Person, email: string, name: string, role: "admin" | "staff", staffId?: string): Promise<Person> {
    await must(owner.call("team.invite", { email, role, ...(staffId ? { staffId } : {}) }, { mutation: true }));
    const mails = await rowsOf(db, accountMessages, { recipient: email, kind: "invitation" });
    const token = new URL(linkIn(mails.at(-1)!.text)).searchParams.get("invitation")!;
    const joiner = await signUp(email, name);
    await must(joiner.call("accounts.acceptInvitation", { token }, { mutation: true }));
    return joiner;
  }

  /** A business with a service, a staff member, hours, a key, an appointment, time off, a holiday and a team. */
  async function business(prefix: string) {
    const owner = await signUp(`owner@${prefix}.example`, `${prefix} owner`);
    const tenantId = (await must(owner.call("accounts.createBusiness", { name: `${prefix} shop`, timeZone: "UTC" }, { mutation: true }))).id as string;
    const config = (path: string, input: unknown) => must(owner.call(`config.${path}`, input, { mutation: true }));
    const serviceId = (await config("saveService", { name: `${prefix} cut`, durationMin: 30 })).id as string;
    const staffId = (await config("saveStaff", { name: `${prefix} barber`, serviceIds: [serviceId] })).id as string;
    // Before the booking, so that the booking makes a delivery to it.
    const webhookEndpointId = (await must(owner.call("webhooks.createEndpoint", { url: `http://127.0.0.1:9/${prefix}`, eventTypes: ["appointment.created"] }, { mutation: true }))).id as string;
    const secretKey = await must(owner.call("keys.createSecretKey", { name: `${prefix} server`, scopes: ["bookings:read", "sessions:write", "config:read", "team:read"] }, { mutation: true }));
    const weekdays = Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday"].map((day) => [day, [{ start: "09:00", end: "17:00" }]]));
    await config("setStaffHours", { staffId, hours: weekdays });
    await config("setBusinessHours", { hours: weekdays });
    const colleagueStaffId = (await config("saveStaff", { name: `${prefix} colleague`, serviceIds: [serviceId] })).id as string;
    await config("setStaffHours", { staffId: colleagueStaffId, hours: weekdays });
    const colleagueTimeOffId = (await config("addTimeOff", { staffId: colleagueStaffId, start: "2027-01-21T09:00:00Z", end: "2027-01-21T10:00:00Z" })).id as string;
    const publishableKey = (await config("createPublishableKey", { allowedOrigins: ["*"] })).key as string;
    const timeOffId = (await config("addTimeOff", { staffId, start: "2027-01-21T09:00:00Z", end: "2027-01-21T10:00:00Z" })).id as string;
    await config("setHoliday", { date: "2027-02-01", name: "Closed", ranges: [] });
    await config("setDateOverride", { staffId, date: "2027-01-22", ranges: [{ start: "10:00", end: "12:00" }] });
    const visitor = { "x-frontdesk-key": publishableKey };
    const customerEmail = `customer@${prefix}.example`;
    const booked = await fetch(`${server.url}/trpc/booking.create`, {
      method: "POST",
      headers: { ...visitor, "content-type": "application/json" },
      body: JSON.stringify({ serviceId, staffId, start: "2027-01-14T10:00:00Z", customer: { name: "Cleo", email: customerEmail } }),
    }).then((response) => response.json() as Promise<{ result: { data: { id: string } } }>);
    const bookedWithColleague = await fetch(`${server.url}/trpc/booking.create`, {
      method: "POST",
      headers: { ...visitor, "content-type": "application/json" },
      body: JSON.stringify({ serviceId, staffId: colleagueStaffId, start: "2027-01-14T10:00:00Z", customer: { name: "Cleo", email: customerEmail } }),
    }).then((response) => response.json() as Promise<{ result: { data: { id: string } } }>);
    const held = await fetch(`${server.url}/trpc/booking.hold`, {
      method: "POST",
      headers: { ...visitor, "content-type": "application/json" },
      body: JSON.stringify({ serviceId, staffId, start: "2027-01-14T16:00:00Z" }),
    }).then((response) => response.json() as Promise<{ result: { data: { holdId: string } } }>);
    const configuration = await must(owner.call("config.get"));
    const staffMember = await join(owner, `staff@${prefix}.example`, `${prefix} staff`, "staff", staffId);
    const admin = await join(owner, `admin@${prefix}.example`, `${prefix} admin`, "admin");
    const invitationId = (await must(owner.call("team.invite", { email: `later@${prefix}.example`, role: "staff" }, { mutation: true }))).id as string;
    const members = (await must(owner.call("team.members"))) as { id: string; userId: string; role: string }[];
    const history = await must(owner.call("staff.customerHistory", { email: customerEmail }));
    const deliveries = await must(owner.call("webhooks.deliveries", { endpointId: webhookEndpointId }));
    const minted = await person(server.url).call("embedSessions.create", { widgets: ["fd-booking"], role: "owner" }, { mutation: true, headers: { authorization: `Bearer ${secretKey.key}` } });
    expect(minted.status, JSON.stringify(minted)).toBe(200);
    const agent = await must(owner.call("agents.create", { config: { name: `${prefix} agent`, type: "receptionist", voiceId: "retell-Cimo" } }, { mutation: true }));
    const agentVersion = await must(owner.call("agents.publish", { agentId: agent.id }, { mutation: true }));
    const providerAgentId = (await must(owner.call("agents.get", { agentId: agent.id }))).providerAgentId as string;
    const knowledgeEntryId = (await must(owner.call("knowledge.add", { kind: "qa", title: `${prefix} parking`, body: "Behind the shop." }, { mutation: true }))).id as string;
    const phone = { a: { number: "+14155550111", porting: "+13125550161" }, b: { number: "+14155550112", porting: "+13125550162" } }[prefix as "a" | "b"];
    const number = await must(owner.call("numbers.buy", { phoneNumber: phone.number }, { mutation: true }));
    const porting = await must(owner.call("numbers.requestPorting", { phoneNumber: phone.porting, currentCarrier: "Old Telco", accountNumber: "1" }, { mutation: true }));
    const ids: AIds = {
      tenantId,
      serviceId,
      staffId,
      locationId: configuration.locations[0].id,
      appointmentId: booked.result.data.id,
      holdId: held.result.data.holdId,
      customerId: history.customer.id,
      customerEmail,
      timeOffId,
      holidayDate: "2027-02-01",
      overrideDate: "2027-01-22",
      publishableKey,
      ownerMemberId: members.find((member) => member.role === "owner")!.id,
      staffMemberId: members.find((member) => member.role === "staff")!.id,
      invitationId,
      ownerUserId: members.find((member) => member.role === "owner")!.userId,
      secretKeyId: secretKey.id,
      webhookEndpointId,
      webhookDeliveryId: deliveries[0].id,
      embedSessionId: minted.data.id,
      colleagueStaffId,
      colleagueAppointmentId: bookedWithColleague.result.data.id,
      colleagueTimeOffId,
      agentId: agent.id,
      agentVersionId: agentVersion.id,
      providerAgentId,
      knowledgeEntryId,
      // A's alone, made once both businesses are set up (below).
      connectionId: "",
      phoneNumberId: number.id,
      phoneE164: phone.number,
      portingE164: phone.porting,
      portingRequestId: porting.id,
    };
    return { ids, owner, admin, staffMember, publishableKey, secretKey: secretKey.key as string, embedSession: minted.data.clientSecret as string };
  }

  /** Everything A owns, row by row; but its audit log, which records a refused call of its own members as it should. */
  const snapshotOfA = async () => JSON.stringify(await rowsOwnedBy(db, a.tenantId, [auditEntries]));
  /** Whether an answer names any of A's ids or its customer (its dates are B's too, so they tell nothing). */
  const mentionsA = (answer: CallAnswer) => {
    const { holidayDate: _holiday, overrideDate: _override, ...ids } = a;
    return Object.values(ids).some((id) => JSON.stringify(answer.data ?? null).includes(id));
  };

  beforeAll(async () => {
    const port = await freePort();
    // No periodic task while the matrix runs: a webhook retry due a minute after setup would change A's rows between a
    // call's before and after, and read as that call's doing.
    server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: "1", FRONTDESK_WEBHOOKS_ALLOW_HTTP: "1", TASK_INTERVAL_SECONDS: "86400" });
    db = await openDb(server.databaseUrl);
    const businessA = await business("a");
    const businessB = await business("b");
    a = businessA.ids;
    // A's own Retell account (live, so unreachable here): only A's, and last, since from then on A's agents speak to it.
    a.connectionId = (await must(businessA.owner.call("connections.connectRetell", { apiKey: "key_a_own_retell_account" }, { mutation: true }))).id as string;
    Object.assign(people, { aStaff: businessA.staffMember, aAdmin: businessA.admin });
    for (const [name, who] of Object.entries({ bOwner: businessB.owner, bAdmin: businessB.admin, bStaff: businessB.staffMember, stranger: await signUp("stranger@c.example", "Stranger") })) {
      callers[name] = (path, input, mutation) => who.call(path, input ?? undefined, { mutation });
    }
    const headerCaller = (headers: Record<string, string>) => (path: string, input: unknown, mutation: boolean) => person(server.url).call(path, input ?? undefined, { mutation, headers });
    callers.bWebsite = headerCaller({ "x-frontdesk-key": businessB.publishableKey });
    restKeys.b = businessB.secretKey;
    callers.bSecretKey = headerCaller({ authorization: `Bearer ${businessB.secretKey}` });
    callers.bEmbedSession = headerCaller({ "x-frontdesk-session": businessB.embedSession });
    callers.demoSecretKey = headerCaller({ authorization: `Bearer ${server.demoSecretKey}` });
    callers.anonymous = headerCaller({});
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  it("has an input aimed at A, or a stated reason, for every procedure, and every procedure says who may call it", () => {
    const missing = procedures.filter(({ path }) => !(path in inputsAimedAt) && !(path in notAimedAtAnotherBusiness)).map(({ path }) => path);
    expect(missing).toEqual([]);
    expect(procedures.filter(({ access }) => !access).map(({ path }) => path)).toEqual([]);
  });

  it("lets no other business, person or key read or change anything of A's", async () => {
    const breaches: string[] = [];
    let calls = 0;
    for (const { path, mutation } of procedures) {
      const input = inputsAimedAt[path];
      if (!input) continue;
      for (const [caller, call] of Object.entries(callers)) {
        const before = await snapshotOfA();
        const answer = await call(path, input(a), mutation);
        calls++;
        if (mentionsA(answer) && !echoesTheCallersInput.has(path)) breaches.push(`${caller} read A's data through ${path}`);
        if ((await snapshotOfA()) !== before) breaches.push(`${caller} changed A's data through ${path} (${answer.status})`);
        if (answer.status >= 500) breaches.push(`${caller} got ${answer.status} from ${path}: ${answer.message}`);
      }
    }
    expect(breaches).toEqual([]);
    expect(calls).toBe(Object.keys(inputsAimedAt).length * Object.keys(callers).length);
  }, 300_000);

  it("lets no other business's key read or change anything of A's through the REST routes either", async () => {
    const routes = procedures.filter((procedure) => procedure.route && inputsAimedAt[procedure.path]);
    const keys = { bSecretKey: restKeys.b, demoSecretKey: server.demoSecretKey, none: "" };
    const breaches: string[] = [];
    for (const { path, route } of routes) {
      for (const [caller, key] of Object.entries(keys)) {
        const before = await snapshotOfA();
        const { url, init } = restRequest(route!, inputsAimedAt[path]!(a));
        const response = await fetch(`${server.url}/api/v1${url}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(key ? { authorization: `Bearer ${key}` } : {}) } });
        const body = await response.text();
        const { holidayDate: _holiday, overrideDate: _override, ...ids } = a;
        // An error may repeat the id the caller sent ("no service with the id …"); an answer must not carry A's.
        if (response.ok && !echoesTheCallersInput.has(path) && Object.values(ids).some((id) => body.includes(id))) breaches.push(`${caller} read A's data through ${route!.method} ${route!.path}`);
        if ((await snapshotOfA()) !== before) breaches.push(`${caller} changed A's data through ${route!.method} ${route!.path} (${response.status})`);
        if (response.status >= 500) breaches.push(`${caller} got ${response.status} from ${route!.method} ${route!.path}`);
      }
    }
    expect(breaches).toEqual([]);
    // Every REST route is one of the procedures: the matrix covers them all.
    expect(routes.length).toBe(procedures.filter((procedure) => procedure.route).length);
  }, 300_000);

  it("refuses A's own members every call beyond their role, and changes nothing", async () => {
    const refusedAsExpected: string[] = [];
    const breaches: string[] = [];
    for (const [role, member] of [["staff", people.aStaff!], ["admin", people.aAdmin!]] as const) {
      for (const { path, mutation, access } of procedures) {
        if (access?.who !== "business" || memberScopes[role].includes(access.scope as ApiScope)) continue;
        // A staff member may call these for their own staff record, which the inputs aim at: the next test covers them.
        if (role === "staff" && access.ownStaff) continue;
        const before = await snapshotOfA();
        const answer = await member.call(path, inputsAimedAt[path]!(a) ?? undefined, { mutation });
        if (answer.code !== "ROLE_NOT_ALLOWED") breaches.push(`${role} called ${path}: ${answer.status} ${answer.code ?? ""}`);
        else refusedAsExpected.push(`${role} ${path}`);
        if ((await snapshotOfA()) !== before) breaches.push(`${role} changed A's data through ${path}`);
      }
      // Operators' calls are beyond every member.
      for (const { path, mutation } of procedures.filter(({ access }) => access?.who === "operator")) {
        const answer = await member.call(path, inputsAimedAt[path]!(a) ?? undefined, { mutation });
        if (answer.code !== "ROLE_NOT_ALLOWED") breaches.push(`${role} called ${path}: ${answer.status}`);
      }
    }
    expect(breaches).toEqual([]);
    // Each refusal is in A's log, with the member who tried.
    const denied = await rowsOf(db, auditEntries, { tenantId: a.tenantId, outcome: "denied", errorCode: "ROLE_NOT_ALLOWED" });
    expect(denied.length).toBeGreaterThanOrEqual(refusedAsExpected.length);
    // Staff lack config:write, keys:write, outbox:read and the team's scopes: the matrix really refused something.
    expect(refusedAsExpected.length).toBeGreaterThan(20);
  }, 300_000);

  it("lets A's staff member see and change their own schedule alone, refusing and auditing each try at a colleague's", async () => {
    const staffMember = people.aStaff!;
    const colleague = [a.colleagueStaffId, a.colleagueAppointmentId, a.colleagueTimeOffId];
    const mentionsColleague = (answer: CallAnswer) => colleague.some((id) => JSON.stringify(answer.data ?? null).includes(id));
    const breaches: string[] = [];
    const own = (await staffMember.call("staff.appointments", { from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z" })).data as { id: string }[];
    if (!own.some(({ id }) => id === a.appointmentId) || own.some(({ id }) => id === a.colleagueAppointmentId)) breaches.push(`staff.appointments listed ${JSON.stringify(own.map(({ id }) => id))}`);
    const history = await staffMember.call("staff.customerHistory", { email: a.customerEmail });
    if (history.status !== 200 || mentionsColleague(history)) breaches.push(`staff.customerHistory: ${history.status} ${JSON.stringify(history.data ?? history.code)}`);

    const userId = (await staffMember.call("accounts.me")).data.user.id as string;
    const deniedOfMember = async () => (await rowsOf(db, auditEntries, { tenantId: a.tenantId, outcome: "denied", actorId: userId })).map((entry) => entry.detail.call);
    const deniedBefore = (await deniedOfMember()).length;
    for (const { path, mutation } of procedures) {
      const aimed = aimedAtTheColleague[path];
      if (!aimed) continue;
      const before = await snapshotOfA();
      const answer = await staffMember.call(path, aimed.input(a), { mutation });
      if (answer.code !== aimed.refusal) breaches.push(`staff called ${path} on a colleague's: ${answer.status} ${answer.code ?? ""}`);
      if (mentionsColleague(answer)) breaches.push(`staff read a colleague's through ${path}`);
      if ((await snapshotOfA()) !== before) breaches.push(`staff changed a colleague's through ${path}`);
    }
    const refusedByRole = Object.entries(aimedAtTheColleague).filter(([, { refusal }]) => refusal === "ROLE_NOT_ALLOWED").map(([path]) => path);
    expect((await deniedOfMember()).slice(deniedBefore).sort()).toEqual(refusedByRole.sort());

    // Their own hours, dates and time off they change, without config:write.
    for (const { path, access, mutation } of procedures.filter(({ access }) => access?.ownStaff)) {
      const answer = await staffMember.call(path, inputsAimedAt[path]!(a), { mutation });
      if (answer.status !== 200 || memberScopes.staff.includes(access!.scope!)) breaches.push(`staff could not call ${path} for their own: ${answer.status} ${answer.code ?? ""}`);
    }
    expect(breaches).toEqual([]);
    expect(Object.keys(aimedAtTheColleague).every((path) => procedures.some((procedure) => procedure.path === path))).toBe(true);
  }, 120_000);

  it("would see a breach: A's own admin reads A's data and changes it through the same inputs", async () => {
    const before = await snapshotOfA();
    expect(mentionsA(await people.aAdmin!.call("staff.customerHistory", inputsAimedAt["staff.customerHistory"]!(a)))).toBe(true);
    expect((await people.aAdmin!.call("config.setHoliday", inputsAimedAt["config.setHoliday"]!(a), { mutation: true })).status).toBe(200);
    expect(await snapshotOfA()).not.toBe(before);
    // The colleague's appointment and schedule are there to be refused: an admin reaches them through the same inputs.
    expect((await people.aAdmin!.call("staff.appointment", aimedAtTheColleague["staff.appointment"]!.input(a))).data?.id).toBe(a.colleagueAppointmentId);
    expect((await people.aAdmin!.call("config.removeTimeOff", aimedAtTheColleague["config.removeTimeOff"]!.input(a), { mutation: true })).status).toBe(200);
  });

  it("keeps an admin from changing or removing an owner", async () => {
    expect(await people.aAdmin!.call("team.updateMember", { memberId: a.ownerMemberId, role: "staff" }, { mutation: true })).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
    expect(await people.aAdmin!.call("team.removeMember", { memberId: a.ownerMemberId }, { mutation: true })).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
    expect(await people.aAdmin!.call("team.invite", { email: "boss@a.example", role: "owner" }, { mutation: true })).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
  });
});
