import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FrontdeskError } from "@frontdesk/core";
import { appointments, services, workingHours } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { startTestApp, type TestApp } from "../testing/app-harness";

// Tuesday 1 December 2026, 9:00 in New York.
const start = Date.parse("2026-12-01T14:00:00Z");
const serviceIds = ["svc_checkup", "svc_consult", "svc_filling", "svc_whitening", "svc_implant", "svc_class"];
const zone = "America/New_York";
const day = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);

/** Refusals a customer or staff member can meet in normal use; anything else is a defect. */
const expectedRefusals = new Set(["SLOT_TAKEN", "HOLD_EXPIRED", "TOO_SOON", "START_IN_PAST", "INVALID_TRANSITION", "CHANGE_WINDOW_CLOSED", "NOT_FOUND"]);

type Command =
  | { kind: "book"; service: number; slot: number; anyStaff: boolean }
  | { kind: "hold"; service: number; slot: number }
  | { kind: "bookHeld"; pick: number }
  | { kind: "cancel"; pick: number }
  | { kind: "reschedule"; pick: number; slot: number }
  | { kind: "decide"; pick: number; approve: boolean }
  | { kind: "wait"; minutes: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("book" as const), service: fc.nat(5), slot: fc.nat(200), anyStaff: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("hold" as const), service: fc.nat(5), slot: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bookHeld" as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reschedule" as const), pick: fc.nat(50), slot: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("decide" as const), pick: fc.nat(50), approve: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wait" as const), minutes: fc.integer({ min: 1, max: 180 }) }) },
);

function wallClock(instant: number): { date: string; weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

async function run(t: TestApp, step: Command, holds: string[]): Promise<void> {
  const { app } = t;
  const active = async () =>
    (await rowsOf(t.db, appointments)).filter((a) => a.status === "pending" || a.status === "confirmed");
  const slotsOf = async (serviceId: string) => (await app.booking.availability(await t.tenant(), { serviceId, from: day(0), to: day(6) })).slots;
  const customer = { name: "Prop Tester", email: `c${holds.length}-${Math.random().toString(36).slice(2)}@example.com` };
  switch (step.kind) {
    case "book": {
      const serviceId = serviceIds[step.service]!;
      const open = await slotsOf(serviceId);
      const slot = open[step.slot % Math.max(open.length, 1)];
      if (!slot) return;
      await app.booking.create(await t.tenant(), { serviceId, start: slot.start, customer, ...(step.anyStaff ? {} : { staffId: slot.staffIds.at(-1)! }) });
      return;
    }
    case "hold": {
      const serviceId = serviceIds[step.service]!;
      const open = await slotsOf(serviceId);
      const slot = open[step.slot % Math.max(open.length, 1)];
      if (!slot) return;
      const hold = await app.booking.hold(await t.tenant(), { serviceId, start: slot.start });
      holds.push(`${hold.holdId}|${serviceId}|${hold.start}`);
      return;
    }
    case "bookHeld": {
      const entry = holds[step.pick % Math.max(holds.length, 1)];
      if (!entry) return;
      const [holdId, serviceId, holdStart] = entry.split("|") as [string, string, string];
      await app.booking.create(await t.tenant(), { serviceId, start: holdStart, holdId, customer });
      return;
    }
    case "cancel": {
      const list = await active();
      const target = list[step.pick % Math.max(list.length, 1)];
      if (target) await app.lifecycle.cancel(await t.tenant(), target.id, { actor: "staff" });
      return;
    }
    case "reschedule": {
      const list = await active();
      const target = list[step.pick % Math.max(list.length, 1)];
      if (!target) return;
      // The times this appointment can move to: its own staff member's when the customer chose them.
      const staffId = target.assignedBy === "customer" ? { staffId: target.staffId } : {};
      const { slots: open } = await app.booking.availability(await t.tenant(), { serviceId: target.serviceId, from: day(0), to: day(6), ...staffId }, target.id);
      const slot = open[step.slot % Math.max(open.length, 1)];
      if (slot) await app.lifecycle.reschedule(await t.tenant(), target.id, slot.start, { actor: "staff" });
      return;
    }
    case "decide": {
      const list = (await active()).filter((a) => a.status === "pending");
      const target = list[step.pick % Math.max(list.length, 1)];
      if (!target) return;
      if (step.approve) await app.lifecycle.approve(await t.tenant(), target.id);
      else await app.lifecycle.reject(await t.tenant(), target.id, "Fully booked that week.");
      return;
    }
    case "wait":
      t.clock.advance(step.minutes * 60_000);
      await app.lifecycle.expirePending();
  }
}

async function checkInvariants(t: TestApp): Promise<void> {
  const now = t.clock.now();
  const all = await rowsOf(t.db, appointments);
  const capacity = new Map((await rowsOf(t.db, services)).map((s) => [s.id, s.capacity]));
  const keeping = all.filter((a) => a.status === "pending" || a.status === "confirmed" || (a.status === "held" && a.expiresAt! > now));

  // No staff member is double-booked beyond a group session's capacity, buffers included.
  for (const a of keeping) {
    for (const b of keeping) {
      if (a.id >= b.id || a.staffId !== b.staffId) continue;
      const overlap = a.blockedStart < b.blockedEnd && b.blockedStart < a.blockedEnd;
      const sameSession = a.serviceId === b.serviceId && a.startAt === b.startAt && capacity.get(a.serviceId)! > 1;
      expect(overlap && !sameSession, `${a.id} overlaps ${b.id}`).toBe(false);
    }
    const seats = keeping.filter((b) => b.staffId === a.staffId && b.serviceId === a.serviceId && b.startAt === a.startAt).length;
    expect(seats).toBeLessThanOrEqual(capacity.get(a.serviceId)!);
  }

  // Every offered slot is inside the person's hours and the opening hours, off holidays, and clear of their bookings.
  const hours = await rowsOf(t.db, workingHours);
  const closed = new Set([day(10)]);
  for (const serviceId of serviceIds) {
    const { slots } = await t.app.booking.availability(await t.tenant(), { serviceId, from: day(0), to: day(6) });
    for (const slot of slots) {
      const from = Date.parse(slot.start);
      const to = Date.parse(slot.end);
      const begin = wallClock(from);
      const end = wallClock(to - 1);
      expect(closed.has(begin.date)).toBe(false);
      expect(begin.minutes).toBeGreaterThanOrEqual(begin.weekday === 6 ? 600 : 480);
      expect(end.minutes).toBeLessThan(19 * 60);
      for (const staffId of slot.staffIds) {
        const inRange = hours.some((h) => h.staffId === staffId && h.weekday === begin.weekday && h.startMin <= begin.minutes && end.minutes < h.endMin);
        expect(inRange, `${slot.start} outside ${staffId}'s hours`).toBe(true);
        const blocking = keeping.filter(
          (a) => a.staffId === staffId && a.blockedStart < to && from < a.blockedEnd && !(a.serviceId === serviceId && a.startAt === from && capacity.get(serviceId)! > 1),
        );
        expect(blocking.map((a) => a.id), `${slot.start} for ${staffId} meets a booking`).toEqual([]);
      }
    }
  }
}

describe("booking, holding, cancelling and rescheduling in any order", () => {
  it("never double-books beyond capacity and only ever offers free times inside working and opening hours", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(command, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const t = await startTestApp({ start });
        try {
          const holds: string[] = [];
          for (const batch of batches) {
            // Each batch runs concurrently, as requests from several visitors and staff would.
            const outcomes = await Promise.allSettled(batch.map((step) => run(t, step, holds)));
            for (const outcome of outcomes) {
              if (outcome.status === "rejected") {
                const error = outcome.reason;
                if (!(error instanceof FrontdeskError) || !expectedRefusals.has(error.code)) throw error;
              }
            }
          }
          await checkInvariants(t);
        } finally {
          await t.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
