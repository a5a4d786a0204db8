import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import * as core from "@frontdesk/core";
import { availabilityOutput, configOutput, customerHistoryOutput, staffAppointmentsOutput } from "@frontdesk/core";
import { createFrontdeskClient } from "@frontdesk/client";
import { declaredOutput, declaredSchemaOf } from "../app/auth/procedures";
import { appRouter } from "../app/router";
import { startTestApp, type TestApp } from "../testing/app-harness";
import { startServer, type RunningServer } from "../testing/start-server";

/** The calls that take no input at all; every other one must declare it. */
const takeNoInput = ["booking.catalog", "config.get", "sandbox.outbox", "keys.list", "accounts.me", "team.members", "team.invitations", "operators.usage", "embedSessions.current", "agents.list", "agents.voices", "connections.list", "knowledge.list", "numbers.portingRequests", "calls.live", "calls.liveNow", "calendar.providers"];

/** The calls deliberately not on the REST API (`/api/v1`), which is for a business's server and its secret key. */
const notOnRest: Record<string, string> = {
  "booking.catalog": "a web page's call with a publishable key; servers read GET /config",
  "booking.availability": "a web page's call with a publishable key; servers use GET /availability (staff.availability)",
  "booking.hold": "holds keep a time while a visitor fills in the widget's form; a server books at once",
  "booking.releaseHold": "see booking.hold",
  "booking.create": "a web page's booking with a publishable key; servers use POST /bookings (staff.book)",
  "manage.get": "the customer's manage link: its token is the credential, not a secret key",
  "manage.availability": "see manage.get",
  "manage.reschedule": "see manage.get",
  "manage.cancel": "see manage.get",
  "accounts.me": "a signed-in person's own account, by the session cookie: not a business's server",
  "accounts.createBusiness": "see accounts.me",
  "accounts.acceptInvitation": "see accounts.me",
  "operators.usage": "the server's operators, signed in: they act across businesses, which no business's key does",
  "operators.businesses": "see operators.usage",
  "operators.people": "see operators.usage",
  "operators.suspendBusiness": "see operators.usage",
  "operators.reactivateBusiness": "see operators.usage",
  "operators.suspendPerson": "see operators.usage",
  "operators.reactivatePerson": "see operators.usage",
  "operators.portingRequests": "see operators.usage",
  "operators.letterOfAuthorization": "see operators.usage",
  "operators.setPortingStatus": "see operators.usage",
  "operators.suspendNumber": "see operators.usage",
  "operators.reinstateNumber": "see operators.usage",
  "embedSessions.current": "the browser's own embed session, by its client secret: not a business's server",
  "calls.live": "a subscription (server-sent events) for the back office and widgets; servers page GET /calls",
  "calls.liveNow": "the live view once, for widgets that poll (an embed session's header cannot ride on EventSource)",
  "calendar.connect": "a staff member's own consent, in their browser; a server mails them a link instead (POST /staff/{staffId}/calendar-connect-link)",
};

const coreSchemas = new Set<unknown>(Object.values(core).filter((value) => value instanceof z.ZodType));
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[]; output?: unknown } }>);

describe("every procedure of the app router", () => {
  it("is found: the walk sees the routers' procedures", () => {
    expect(procedures.map(([path]) => path)).toEqual(expect.arrayContaining(["booking.availability", "config.updatePolicies", "manage.cancel", "staff.approve"]));
  });

  it("declares its input as schemas from @frontdesk/core, unless it takes none", () => {
    const wrong = procedures
      .filter(([path, procedure]) => {
        const inputs = procedure._def.inputs;
        if (takeNoInput.includes(path)) return inputs.length > 0;
        return inputs.length === 0 || !inputs.every((input) => coreSchemas.has(input));
      })
      .map(([path]) => path);
    expect(wrong).toEqual([]);
  });

  it("has a REST route (OpenAPI meta with a summary), unless it is listed as not on REST with a reason", () => {
    const routed = (procedure: unknown) => {
      const openapi = (procedure as { _def: { meta?: { openapi?: { path?: string; summary?: string } } } })._def.meta?.openapi;
      return Boolean(openapi?.path && openapi.summary);
    };
    expect(procedures.filter(([path, procedure]) => !(path in notOnRest) && !routed(procedure)).map(([path]) => path)).toEqual([]);
    // The list holds only calls that exist and really are off REST.
    expect(Object.keys(notOnRest).filter((path) => !procedures.some(([name, procedure]) => name === path && !routed(procedure)))).toEqual([]);
  });

  it("declares its output as a schema from @frontdesk/core", () => {
    const wrong = procedures.filter(([, procedure]) => !coreSchemas.has(declaredSchemaOf(procedure._def.output))).map(([path]) => path);
    expect(wrong).toEqual([]);
  });
});

/** Parsing keeps only what the schema names: an answer that parses back to itself has nothing the contract leaves out. */
function expectToFit(schema: z.ZodType, answer: unknown) {
  expect(schema.parse(answer)).toEqual(answer);
}

describe("booking.availability's answers, which are not re-checked on the way out", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it("are passed on as they are: the declared schema is not run on them", () => {
    const declared = declaredOutput(availabilityOutput);
    const notAnAvailability = { slots: "none" };
    expect(declared.parse(notAnAvailability)).toBe(notAnAvailability);
    expect(declaredSchemaOf(declared)).toBe(availabilityOutput);
    expect(() => availabilityOutput.parse(notAnAvailability)).toThrow();
  });

  it("fit its declared schema, for every service and staff choice, over a month and over the longest range", async () => {
    const visitor = createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" });
    const day = (days: number) => new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);
    const { services } = await visitor.catalog();
    let slots = 0;
    let groupSlots = 0;
    for (const service of services) {
      for (const staffId of [undefined, ...service.staffIds]) {
        for (const [from, to] of [[day(1), day(31)], [day(0), day(62)]] as const) {
          const answer = await visitor.availability({ serviceId: service.id, ...(staffId ? { staffId } : {}), from, to });
          expectToFit(availabilityOutput, answer);
          slots += answer.slots.length;
          groupSlots += answer.slots.filter((slot) => slot.seatsLeft !== undefined).length;
        }
      }
    }
    // Real answers, group sessions' seats among them: not a handful of empty months.
    expect(slots).toBeGreaterThan(1000);
    expect(groupSlots).toBeGreaterThan(0);
  });
});

describe("the answers that had no output schema before", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it("fit them without losing a field: configuration, the staff list and a customer's history", async () => {
    const day = (days: number) => new Date(t.clock.now() + days * 86_400_000).toISOString().slice(0, 10);
    const tenant = await t.tenant();
    await t.app.config.setHoliday(t.tenantId, { date: day(9), name: "Inventory", ranges: [{ start: 540, end: 720 }] });
    await t.app.config.saveLocation(t.tenantId, { name: "Harbour", address: "1 Quay St" });
    const { slots } = await t.app.booking.availability(tenant, { serviceId: "svc_consult", from: day(2), to: day(9) });
    const booked = await t.app.booking.create(tenant, { serviceId: "svc_consult", start: slots[0]!.start, customer: { name: "Ada Fit", email: "ada.fit@example.com" } });
    await t.app.lifecycle.setNotes(tenant, booked.id, "Prefers mornings.");

    expectToFit(configOutput, await t.app.config.get(t.tenantId));
    const listed = await t.app.appointments.forStaff(tenant, { from: new Date(t.clock.now()).toISOString(), to: `${day(30)}T00:00:00Z` });
    expect(listed.map((appointment) => appointment.id)).toContain(booked.id);
    expectToFit(staffAppointmentsOutput, listed);
    const history = await t.app.lifecycle.customerHistory(tenant, { email: "ada.fit@example.com" });
    expect(history.appointments[0]!.events.length).toBeGreaterThan(0);
    expectToFit(customerHistoryOutput, history);
  });
});
