import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FrontdeskError } from "@frontdesk/core";
import { startTestApp, type TestApp } from "../testing/app-harness";

// Tuesday 1 December 2026, 9:00 in New York: the demo clinic's zone.
const start = Date.parse("2026-12-01T14:00:00Z");
const dayMs = 86_400_000;
let t: TestApp;

beforeEach(async () => {
  t = await startTestApp({ start });
});
afterEach(() => t.close());

const day = (offset: number) => new Date(start + offset * dayMs).toISOString().slice(0, 10);

async function failure(promise: Promise<unknown>): Promise<FrontdeskError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FrontdeskError);
  return error as FrontdeskError;
}

async function bookedWithToken() {
  const { slots } = await t.app.booking.availability(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", from: day(3), to: day(10) });
  const appointment = await t.app.booking.create(await t.tenant(), {
    serviceId: "svc_consult",
    staffId: "stf_patel",
    start: slots[0]!.start,
    customer: { name: "Lina Link", email: "lina@example.com" },
  });
  const [confirmation] = (await t.app.notifications.outbox(t.tenantId)).filter((row) => row.kind === "confirmation");
  const token = new URL(/https?:\/\/\S+token=\S+/.exec(confirmation!.text)![0]).searchParams.get("token")!;
  return { appointment, token };
}

describe("a customer's manage link", () => {
  it("still opens the appointment 30 days after it ended", async () => {
    const { appointment, token } = await bookedWithToken();
    t.clock.set(Date.parse(appointment.end) + 30 * dayMs);
    await expect(t.app.manage.get(token)).resolves.toMatchObject({ id: appointment.id, status: "confirmed" });
  });

  it("has expired after that, with a code the widget can explain", async () => {
    const { appointment, token } = await bookedWithToken();
    t.clock.set(Date.parse(appointment.end) + 30 * dayMs + 1);
    const error = await failure(t.app.manage.get(token));
    expect(error).toMatchObject({ code: "MANAGE_LINK_EXPIRED", field: "token", status: 401 });
    expect(error.message).toMatch(/expired/);
    expect((await failure(t.app.manage.cancel(token))).code).toBe("MANAGE_LINK_EXPIRED");
  });

  it("lives on with its appointment when the appointment moves later", async () => {
    const { appointment, token } = await bookedWithToken();
    const { slots } = await t.app.manage.availability(token, { from: day(20), to: day(27) });
    const moved = await t.app.manage.reschedule(token, slots[0]!.start);
    t.clock.set(Date.parse(appointment.end) + 31 * dayMs);
    await expect(t.app.manage.get(token)).resolves.toMatchObject({ id: appointment.id, start: moved.start });
  });
});
