import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FrontdeskError, type CreateBookingInput } from "@frontdesk/core";
import { appointments, approvals, forTenant, notifications, openDb, randomId } from "@frontdesk/db";
import { rowsOf, sqlClientOf } from "@frontdesk/db/testing";
import { startTestApp, type TestApp } from "../testing/app-harness";

// Tuesday 1 December 2026, 9:00 in New York: the demo clinic's zone.
const start = Date.parse("2026-12-01T14:00:00Z");
const customer = { name: "Ada Lovelace", email: "ada@example.com" };
let t: TestApp;

beforeEach(async () => {
  t = await startTestApp({ start });
});
afterEach(() => t.close());

const day = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);

async function slots(serviceId: string, staffId?: string, from = day(1), to = day(8)) {
  return (await t.app.booking.availability(await t.tenant(), { serviceId, from, to, ...(staffId ? { staffId } : {}) })).slots;
}

async function book(input: Partial<CreateBookingInput> & { serviceId: string; start: string }) {
  return t.app.booking.create(await t.tenant(), { customer, ...input } as Parameters<typeof t.app.booking.create>[1]);
}

async function failure(promise: Promise<unknown>): Promise<FrontdeskError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FrontdeskError);
  return error as FrontdeskError;
}

async function outbox(kind?: string) {
  const rows = await t.app.notifications.outbox(t.tenantId);
  return kind ? rows.filter((row) => row.kind === kind) : rows;
}

function tokenFrom(text: string): string {
  return new URL(/https?:\/\/\S+token=\S+/.exec(text)![0]).searchParams.get("token")!;
}

describe("holds", () => {
  it("keep a time from other customers until the holder books it", async () => {
    const [slot] = await slots("svc_consult", "stf_patel");
    const hold = await t.app.booking.hold(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    expect(Date.parse(hold.expiresAt) - t.clock.now()).toBe(5 * 60_000);
    expect((await slots("svc_consult", "stf_patel")).some((s) => s.start === slot!.start)).toBe(false);

    const other = await failure(book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start, customer: { name: "Bo", email: "bo@example.com" } }));
    expect(other.code).toBe("SLOT_TAKEN");

    const booked = await book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start, holdId: hold.holdId });
    expect(booked).toMatchObject({ id: hold.holdId, status: "confirmed" });
  });

  it("lapse by themselves, giving the time back", async () => {
    const [slot] = await slots("svc_consult", "stf_patel");
    const hold = await t.app.booking.hold(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    t.clock.advance(5 * 60_000);
    expect((await slots("svc_consult", "stf_patel")).some((s) => s.start === slot!.start)).toBe(true);

    await book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start, customer: { name: "Bo", email: "bo@example.com" } });
    const late = await failure(book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start, holdId: hold.holdId }));
    expect(late).toMatchObject({ code: "HOLD_EXPIRED", field: "start" });
  });

  it("still book a lapsed hold's time when nobody else took it", async () => {
    const [slot] = await slots("svc_consult", "stf_patel");
    const hold = await t.app.booking.hold(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    t.clock.advance(6 * 60_000);
    const booked = await book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start, holdId: hold.holdId });
    expect(booked.status).toBe("confirmed");
  });

  it("are released when the customer goes back", async () => {
    const [slot] = await slots("svc_consult", "stf_patel");
    const hold = await t.app.booking.hold(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    await t.app.booking.releaseHold(await t.tenant(), hold.holdId);
    expect((await slots("svc_consult", "stf_patel")).some((s) => s.start === slot!.start)).toBe(true);
  });
});

describe("approval", () => {
  it("keeps a booking that needs approval pending, holding its slot, and tells the customer", async () => {
    const [slot] = await slots("svc_implant");
    const request = await book({ serviceId: "svc_implant", start: slot!.start });
    expect(request.status).toBe("pending");
    expect((await slots("svc_implant")).some((s) => s.start === slot!.start)).toBe(false);
    expect(await outbox("pending")).toHaveLength(1);
  });

  it("confirms on approval, tells the customer, and schedules the reminder", async () => {
    const [slot] = await slots("svc_implant", undefined, day(3), day(8));
    const request = await book({ serviceId: "svc_implant", start: slot!.start });
    const approved = await t.app.lifecycle.approve(await t.tenant(), request.id);
    expect(approved.status).toBe("confirmed");
    expect(await outbox("approved")).toHaveLength(1);
    const [reminder] = await outbox("reminder");
    expect(reminder).toMatchObject({ status: "queued", sendAt: Date.parse(slot!.start) - 24 * 3_600_000 });
  });

  it("frees the slot on rejection and gives the customer the reason", async () => {
    const [slot] = await slots("svc_implant");
    const request = await book({ serviceId: "svc_implant", start: slot!.start });
    const rejected = await t.app.lifecycle.reject(await t.tenant(), request.id, "Please see your own dentist for an X-ray first.");
    expect(rejected.status).toBe("rejected");
    expect((await slots("svc_implant")).some((s) => s.start === slot!.start)).toBe(true);
    const [message] = await outbox("rejected");
    expect(message!.text).toContain("X-ray first");
  });

  it("lets an unapproved request lapse after the business's expiry time", async () => {
    const [slot] = await slots("svc_implant", undefined, day(3), day(8));
    const request = await book({ serviceId: "svc_implant", start: slot!.start });
    t.clock.advance(24 * 3_600_000 - 1);
    expect(await t.app.lifecycle.expirePending()).toBe(0);
    t.clock.advance(1);
    expect(await t.app.lifecycle.expirePending()).toBe(1);
    const [row] = await rowsOf(t.db, appointments, { id: request.id });
    expect(row!.status).toBe("expired");
    expect(await outbox("expired")).toHaveLength(1);
    expect(await failure(t.app.lifecycle.approve(await t.tenant(), request.id))).toMatchObject({ code: "INVALID_TRANSITION" });
  });

  it("lets a move or cancellation nobody decided lapse at the appointment's time, and leaves a message waiting", async () => {
    const [slot] = await slots("svc_consult", "stf_patel", day(2), day(2));
    const booked = await book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    const startAt = Date.parse(booked.start);
    const ids = { move: randomId("apr"), cancel: randomId("apr"), message: randomId("apr"), note: randomId("msg") };
    await t.db.write(async (writer) => {
      const scope = forTenant(writer, t.tenantId);
      await scope.addApproval({ id: ids.move, kind: "reschedule", appointmentId: booked.id, proposal: { start: new Date(startAt + 86_400_000).toISOString() }, createdAt: t.clock.now(), expiresAt: startAt });
      await scope.addApproval({ id: ids.cancel, kind: "cancel", appointmentId: booked.id, proposal: {}, createdAt: t.clock.now(), expiresAt: startAt });
      await scope.addCallerMessage({ id: ids.note, name: "Mo", phoneE164: "+15550177", message: "Call me back", reason: "caller_asked", createdAt: t.clock.now() });
      await scope.addApproval({ id: ids.message, kind: "message", messageId: ids.note, createdAt: t.clock.now() });
    });
    const statuses = async () => Object.fromEntries((await rowsOf(t.db, approvals, { tenantId: t.tenantId })).map((row) => [row.id, row.status]));
    t.clock.set(startAt - 1);
    await t.app.lifecycle.expirePending();
    expect(await statuses()).toMatchObject({ [ids.move]: "pending", [ids.cancel]: "pending", [ids.message]: "pending" });
    t.clock.set(startAt);
    await t.app.lifecycle.expirePending();
    expect(await statuses()).toMatchObject({ [ids.move]: "expired", [ids.cancel]: "expired", [ids.message]: "pending" });
    expect((await rowsOf(t.db, appointments, { id: booked.id }))[0]).toMatchObject({ status: "confirmed", startAt });
  });
});

describe("group sessions", () => {
  it("fill exactly to capacity when 50 customers book the last seats at once", async () => {
    const [session] = await slots("svc_class");
    expect(session!.seatsLeft).toBe(6);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => book({ serviceId: "svc_class", start: session!.start, customer: { name: `Family ${i}`, email: `f${i}@example.com` } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(6);
    const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as FrontdeskError).code] : []));
    expect(new Set(codes)).toEqual(new Set(["SLOT_TAKEN"]));
    expect((await slots("svc_class")).some((s) => s.start === session!.start)).toBe(false);
  });

  it("show the seats left", async () => {
    const [session] = await slots("svc_class");
    await book({ serviceId: "svc_class", start: session!.start });
    const [again] = (await slots("svc_class")).filter((s) => s.start === session!.start);
    expect(again!.seatsLeft).toBe(5);
  });
});

describe("the customer's manage link", () => {
  async function bookedWithToken() {
    const [slot] = await slots("svc_filling", "stf_romero", day(3), day(10));
    const appointment = await book({ serviceId: "svc_filling", staffId: "stf_romero", start: slot!.start });
    const [confirmation] = await outbox("confirmation");
    return { appointment, token: tokenFrom(confirmation!.text) };
  }

  it("shows the appointment and lets the customer reschedule it", async () => {
    const { appointment, token } = await bookedWithToken();
    const managed = await t.app.manage.get(token);
    expect(managed).toMatchObject({ id: appointment.id, canChange: true, business: { timeZone: "America/New_York" } });

    const { slots: open } = await t.app.manage.availability(token, { from: day(3), to: day(12) });
    expect(open.some((s) => s.start === appointment.start)).toBe(true);
    const target = open.find((s) => s.start > appointment.start)!;
    const moved = await t.app.manage.reschedule(token, target.start);
    expect(moved).toMatchObject({ start: target.start, status: "confirmed", staffId: "stf_romero" });

    const [notice] = await outbox("rescheduled");
    expect(notice!.ics).toContain("SEQUENCE:1");
    const reminders = await outbox("reminder");
    expect(reminders.map((r) => [r.status, r.sendAt]).sort()).toEqual(
      [
        ["cancelled", Date.parse(appointment.start) - 24 * 3_600_000],
        ["queued", Date.parse(target.start) - 24 * 3_600_000],
      ].sort(),
    );
  });

  it("lets the customer cancel, freeing the time and withdrawing the reminder", async () => {
    const { appointment, token } = await bookedWithToken();
    const cancelled = await t.app.manage.cancel(token, "Feeling better");
    expect(cancelled).toMatchObject({ status: "cancelled", canChange: false });
    expect((await slots("svc_filling", "stf_romero", day(3), day(10))).some((s) => s.start === appointment.start)).toBe(true);
    const [notice] = await outbox("cancelled");
    expect(notice!.ics).toContain("METHOD:CANCEL");
    expect((await outbox("reminder")).every((r) => r.status === "cancelled")).toBe(true);
  });

  it("refuses changes inside the cancellation window, while staff still can", async () => {
    const { appointment, token } = await bookedWithToken();
    t.clock.set(Date.parse(appointment.start) - 23 * 3_600_000);
    const managed = await t.app.manage.get(token);
    expect(managed.canChange).toBe(false);
    expect(managed.cannotChangeReason).toMatch(/24 hours/);
    expect(await failure(t.app.manage.cancel(token))).toMatchObject({ code: "CHANGE_WINDOW_CLOSED" });
    await expect(t.app.lifecycle.cancel(await t.tenant(), appointment.id, { actor: "staff", reason: "Dentist ill" })).resolves.toMatchObject({
      status: "cancelled",
    });
  });

  it("refuses a forged or altered token", async () => {
    const { token } = await bookedWithToken();
    expect(await failure(t.app.manage.get(token.slice(0, -2) + "xx"))).toMatchObject({ code: "INVALID_MANAGE_LINK", field: "token" });
    expect(await failure(t.app.manage.get("apt_nothing.abc"))).toMatchObject({ code: "INVALID_MANAGE_LINK" });
  });
});

describe("after the appointment", () => {
  it("staff mark it completed or a no-show only once it has started, and keep notes", async () => {
    const [slot] = await slots("svc_consult", "stf_patel");
    const appointment = await book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    expect(await failure(t.app.lifecycle.markCompleted(await t.tenant(), appointment.id))).toMatchObject({ code: "INVALID_TRANSITION" });
    t.clock.set(Date.parse(slot!.start) + 60_000);
    await expect(t.app.lifecycle.markNoShow(await t.tenant(), appointment.id)).resolves.toMatchObject({ status: "no_show" });
    await t.app.lifecycle.setNotes(await t.tenant(), appointment.id, "Called twice, no answer.");

    const history = await t.app.lifecycle.customerHistory(await t.tenant(), { email: customer.email });
    expect(history.appointments).toHaveLength(1);
    expect(history.appointments[0]).toMatchObject({ status: "no_show", staffNotes: "Called twice, no answer." });
    expect(history.appointments[0]!.events.map((e) => e.action)).toEqual(["booked", "no_show", "note"]);
  });
});

describe("reminders", () => {
  it("are sent when they fall due", async () => {
    const [slot] = await slots("svc_consult", "stf_patel", day(3), day(8));
    await book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    await t.app.notifications.settled();
    await t.app.notifications.deliverDue();
    expect((await outbox("reminder"))[0]!.status).toBe("queued");
    t.clock.set(Date.parse(slot!.start) - 24 * 3_600_000);
    expect(await t.app.notifications.deliverDue()).toMatchObject({ sent: 1 });
    const [reminder] = await rowsOf(t.db, notifications, { kind: "reminder" });
    expect(reminder).toMatchObject({ status: "sent", transport: "outbox" });
  });
});

describe("limits and assignment", () => {
  it("stop offering a person once they reach their daily limit", async () => {
    await t.app.config.saveStaff(t.tenantId, { id: "stf_romero", name: "Dr. Lucas Romero", title: "Dentist", maxPerDay: 1 });
    const [first] = await slots("svc_consult", "stf_romero", day(2), day(2));
    await book({ serviceId: "svc_consult", staffId: "stf_romero", start: first!.start });
    expect(await slots("svc_consult", "stf_romero", day(2), day(2))).toEqual([]);
    expect((await slots("svc_consult", "stf_romero", day(3), day(3))).length).toBeGreaterThan(0);
  });

  it("stop offering a person for the rest of the week once they reach their weekly limit, also when one later day is asked for", async () => {
    await t.app.config.saveStaff(t.tenantId, { id: "stf_romero", name: "Dr. Lucas Romero", title: "Dentist", maxPerWeek: 1 });
    // Wednesday 2 and Friday 4 December are one week (from Monday); Wednesday 9 December is in the next.
    expect((await slots("svc_consult", "stf_romero", day(3), day(3))).length).toBeGreaterThan(0);
    const [first] = await slots("svc_consult", "stf_romero", day(1), day(1));
    await book({ serviceId: "svc_consult", staffId: "stf_romero", start: first!.start });
    expect(await slots("svc_consult", "stf_romero", day(3), day(3))).toEqual([]);
    expect((await slots("svc_consult", "stf_romero", day(8), day(8))).length).toBeGreaterThan(0);
  });

  it("hand any-staff bookings out in turn under round robin", async () => {
    await t.app.config.updatePolicies(t.tenantId, { assignmentPolicy: "round_robin" });
    const shared = (await slots("svc_checkup", undefined, day(1), day(1))).filter((s) => s.staffIds.length === 2);
    const spaced = [shared[0]!, shared.find((s) => Date.parse(s.start) >= Date.parse(shared[0]!.start) + 3_600_000)!];
    const assigned = [];
    for (const [i, slot] of spaced.entries()) {
      t.clock.advance(1_000);
      assigned.push((await book({ serviceId: "svc_checkup", start: slot.start, customer: { name: `R${i}`, email: `r${i}@example.com` } })).staffId);
    }
    expect(new Set(assigned).size).toBe(2);
  });
});

describe("set-up changed by another process", () => {
  it("is what a booking goes by, though this process's snapshot of the set-up is still fresh", async () => {
    const [slot] = await slots("svc_consult", "stf_patel", day(1), day(1));
    // Another process (a maintenance script, a second server on the file) takes Dr. Patel's working hours away.
    const other = await openDb(t.db.url);
    try {
      await sqlClientOf(other).execute({ sql: "delete from working_hours where tenant_id = ? and staff_id = ?", args: [t.tenantId, "stf_patel"] });
    } finally {
      other.close();
    }
    expect((await slots("svc_consult", "stf_patel", day(1), day(1))).map((s) => s.start)).toContain(slot!.start);
    expect((await failure(book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start }))).code).toBe("SLOT_NOT_ON_GRID");
    expect((await failure(t.app.booking.hold(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start }))).code).toBe("SLOT_NOT_ON_GRID");
  });

  it("ends a service another process archived, inside the booking's write", async () => {
    const [slot] = await slots("svc_consult", undefined, day(1), day(1));
    const other = await openDb(t.db.url);
    try {
      await sqlClientOf(other).execute({ sql: "update services set active = 0 where tenant_id = ? and id = ?", args: [t.tenantId, "svc_consult"] });
    } finally {
      other.close();
    }
    expect((await failure(book({ serviceId: "svc_consult", start: slot!.start }))).code).toBe("UNKNOWN_SERVICE");
    expect(await rowsOf(t.db, appointments, { tenantId: t.tenantId, serviceId: "svc_consult" })).toEqual([]);
  });
});

describe("busy time", () => {
  it("keeps a staff member's time off and booked appointments out of their open times, and only theirs", async () => {
    const before = await slots("svc_checkup", undefined, day(1), day(1));
    const shared = before.filter((slot) => slot.staffIds.includes("stf_patel") && slot.staffIds.includes("stf_lee"));
    const [booked, away] = [shared[0]!, shared.find((slot) => Date.parse(slot.start) >= Date.parse(shared[0]!.end) + 3_600_000)!];
    await book({ serviceId: "svc_checkup", staffId: "stf_patel", start: booked.start });
    const { id } = await t.app.config.addTimeOff(t.tenantId, { staffId: "stf_patel", start: away.start, end: away.end, reason: "" });

    const during = await slots("svc_checkup", undefined, day(1), day(1));
    const at = (start: string) => during.find((slot) => slot.start === start)?.staffIds;
    expect(at(booked.start)).toEqual(["stf_lee"]);
    expect(at(away.start)).toEqual(["stf_lee"]);
    // Dr. Patel is still offered outside the appointment and the time off.
    expect(during.filter((slot) => slot.staffIds.includes("stf_patel")).length).toBeGreaterThan(0);
    // Booking checks read the same busy time inside their write.
    expect((await failure(book({ serviceId: "svc_checkup", staffId: "stf_patel", start: away.start }))).code).toBe("SLOT_TAKEN");

    await t.app.config.removeTimeOff(t.tenantId, id);
    expect((await slots("svc_checkup", undefined, day(1), day(1))).find((slot) => slot.start === away.start)?.staffIds).toEqual(["stf_patel", "stf_lee"]);
  });
});

describe("the booking horizon", () => {
  const inNewYork = (instant: string) => new Date(instant).toLocaleString("sv-SE", { timeZone: "America/New_York" }).slice(0, 16);

  /** The last start Dr. Patel offers with a 2-day horizon, seen at `utcInstant`, and the same time a day later. */
  async function horizonSeenAt(utcInstant: string) {
    await t.app.config.updatePolicies(t.tenantId, { horizonDays: 2 });
    t.clock.set(Date.parse(utcInstant));
    const open = await slots("svc_consult", "stf_patel", "2026-12-01", "2026-12-05");
    const last = open[open.length - 1]!;
    const dayAfter = new Date(Date.parse(last.start) + 86_400_000).toISOString();
    return { last, dayAfter };
  }

  for (const [when, utcInstant] of [
    ["07:00", "2026-12-01T12:00:00Z"],
    ["23:59", "2026-12-02T04:59:00Z"],
  ] as const) {
    it(`runs to the end of Thursday when a customer looks on Tuesday at ${when}, and the booking check agrees`, async () => {
      const { last, dayAfter } = await horizonSeenAt(utcInstant);
      expect(inNewYork(last.start)).toBe("2026-12-03 16:30");
      await expect(book({ serviceId: "svc_consult", staffId: "stf_patel", start: last.start })).resolves.toMatchObject({ status: "confirmed" });
      expect((await failure(book({ serviceId: "svc_consult", staffId: "stf_patel", start: dayAfter }))).code).toBe("BEYOND_HORIZON");
    });
  }
});

describe("races and edge cases", () => {
  it("hold a daily limit under concurrent bookings", async () => {
    await t.app.config.saveStaff(t.tenantId, { id: "stf_romero", name: "Dr. Lucas Romero", title: "Dentist", maxPerDay: 1 });
    const open = await slots("svc_consult", "stf_romero", day(2), day(2));
    const results = await Promise.allSettled(
      [open[0]!, open.at(-1)!].map((slot, i) =>
        book({ serviceId: "svc_consult", staffId: "stf_romero", start: slot.start, customer: { name: `L${i}`, email: `l${i}@example.com` } }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("keep the reminder when an appointment is moved away and back again", async () => {
    const [first, second] = await slots("svc_consult", "stf_patel", day(3), day(3));
    const appointment = await book({ serviceId: "svc_consult", staffId: "stf_patel", start: first!.start });
    await t.app.lifecycle.reschedule(await t.tenant(), appointment.id, second!.start, { actor: "staff" });
    await t.app.lifecycle.reschedule(await t.tenant(), appointment.id, first!.start, { actor: "staff" });
    const queued = (await outbox("reminder")).filter((r) => r.status === "queued");
    expect(queued.map((r) => r.sendAt)).toEqual([Date.parse(first!.start) - 24 * 3_600_000]);
  });

  it("refuse to approve a request that has already lapsed", async () => {
    const [slot] = await slots("svc_implant", undefined, day(3), day(8));
    const request = await book({ serviceId: "svc_implant", start: slot!.start });
    t.clock.advance(25 * 3_600_000);
    expect(await failure(t.app.lifecycle.approve(await t.tenant(), request.id))).toMatchObject({ code: "INVALID_TRANSITION" });
  });

  it("let staff reschedule onto a time an abandoned hold had kept", async () => {
    const open = await slots("svc_consult", "stf_patel", day(3), day(3));
    const first = open[0]!;
    const second = open.find((s) => s.start >= first.end)!;
    const appointment = await book({ serviceId: "svc_consult", staffId: "stf_patel", start: first!.start });
    await t.app.booking.hold(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: second!.start });
    t.clock.advance(6 * 60_000);
    await expect(t.app.lifecycle.reschedule(await t.tenant(), appointment.id, second!.start, { actor: "staff" })).resolves.toMatchObject({
      start: second!.start,
    });
  });

  it("bump the calendar sequence on cancellation so calendars drop the event", async () => {
    const [slot] = await slots("svc_consult", "stf_patel", day(3), day(3));
    const appointment = await book({ serviceId: "svc_consult", staffId: "stf_patel", start: slot!.start });
    await t.app.lifecycle.cancel(await t.tenant(), appointment.id, { actor: "staff" });
    expect((await outbox("cancelled"))[0]!.ics).toContain("SEQUENCE:1");
  });

  it("refuse a manage-link search over an unbounded range", async () => {
    const { manageAvailabilityInput } = await import("@frontdesk/core");
    expect(manageAvailabilityInput.safeParse({ token: "x".repeat(30), from: "0001-01-01", to: "9999-12-31" }).success).toBe(false);
  });

  it("treat a repeated id in a service's staff list as one", async () => {
    const { serviceConfig } = await import("@frontdesk/core");
    const input = serviceConfig.parse({ id: "svc_consult", name: "Consultation", durationMin: 30, staffIds: ["stf_patel", "stf_patel"] });
    await t.app.config.saveService(t.tenantId, input);
    expect((await t.app.booking.catalog(await t.tenant())).services.find((s) => s.id === "svc_consult")!.staffIds).toEqual(["stf_patel"]);
  });
});
