import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskClient, toClientError, type FrontdeskAdminClient } from "@frontdesk/client";
import { startServer, type RunningServer } from "../testing/start-server";

let server: RunningServer;
let admin: FrontdeskAdminClient;
const clinic = () => createFrontdeskClient({ baseUrl: server.url, publishableKey: "pk_demo_brightsmile" });

beforeAll(async () => {
  server = await startServer();
  admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
});
afterAll(() => server?.stop());

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeDefined();
  const { code, field, status } = toClientError(error);
  return { code, field, status };
}

/** The next date (business zone, New York) that falls on `weekday` (0 = Sunday), at least `after` days ahead. */
function nextWeekday(weekday: number, after = 2): string {
  const date = new Date(server.now() + after * 86_400_000);
  while (date.getUTCDay() !== weekday) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

describe("the secret key", () => {
  it("is printed once at first start and authorises configuration", async () => {
    const config = await admin.config.get.query();
    expect(config.business).toMatchObject({ name: "BrightSmile Dental (demo)", timeZone: "America/New_York" });
    expect(config.staff.find((s) => s.id === "stf_patel")!.hours.monday).toEqual([
      { start: "09:00", end: "12:30" },
      { start: "13:30", end: "17:00" },
    ]);
  });

  it("is required: a wrong one, or a publishable key, is refused", async () => {
    const forged = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: "sk_forged" });
    expect(await failure(forged.config.get.query())).toEqual({ code: "UNKNOWN_SECRET_KEY", field: "authorization", status: 401 });
    const response = await fetch(`${server.url}/trpc/config.get`, { headers: { "x-frontdesk-key": "pk_demo_brightsmile" } });
    expect(response.status).toBe(401);
  });
});

describe("configuration", () => {
  it("refuses overlapping or backwards hours, naming the field, and changes nothing", async () => {
    const before = await admin.config.get.query();
    expect(
      await failure(
        admin.config.setStaffHours.mutate({
          staffId: "stf_patel",
          hours: { monday: [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "17:00" }] },
        }),
      ),
    ).toEqual({ code: "VALIDATION_FAILED", field: "hours.monday.1.start", status: 400 });
    expect(
      await failure(admin.config.setStaffHours.mutate({ staffId: "stf_patel", hours: { tuesday: [{ start: "17:00", end: "09:00" }] } })),
    ).toEqual({ code: "VALIDATION_FAILED", field: "hours.tuesday.0.end", status: 400 });
    expect(await failure(admin.config.setStaffHours.mutate({ staffId: "stf_patel", hours: { monday: [{ start: "9am", end: "17:00" }] } }))).toEqual({
      code: "VALIDATION_FAILED",
      field: "hours.monday.0.start",
      status: 400,
    });
    expect(await failure(admin.config.updatePolicies.mutate({ timeZone: "Mars/Olympus_Mons" }))).toEqual({
      code: "VALIDATION_FAILED",
      field: "timeZone",
      status: 400,
    });
    expect(await failure(admin.config.setStaffHours.mutate({ staffId: "stf_nobody", hours: {} }))).toEqual({
      code: "UNKNOWN_STAFF",
      field: "staffId",
      status: 404,
    });
    expect(await admin.config.get.query()).toEqual(before);
  });

  it("sets up a new service and staff member that customers can book at once", async () => {
    const { id: serviceId } = await admin.config.saveService.mutate({ name: "Night guard fitting", durationMin: 40, bufferAfterMin: 20 });
    const { id: staffId } = await admin.config.saveStaff.mutate({ name: "Dr. Ines Okafor", title: "Dentist", serviceIds: [serviceId] });
    await admin.config.setStaffHours.mutate({ staffId, hours: { thursday: [{ start: "10:00", end: "12:00" }] } });

    const thursday = nextWeekday(4);
    const { slots } = await clinic().availability({ serviceId, from: thursday, to: thursday });
    // 40 minutes + 20 after, on a 15-minute grid from 10:00 (15:00Z in winter, 14:00Z in summer), ending by 12:00.
    const local = slots.map((s) => new Date(s.start).toLocaleTimeString("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }));
    expect(local).toEqual(["10:00", "10:15", "10:30", "10:45", "11:00", "11:15"]);

    const catalog = await clinic().catalog();
    expect(catalog.services.find((s) => s.id === serviceId)).toMatchObject({ name: "Night guard fitting", staffIds: [staffId] });
  });

  it("shows new hours in the very next availability answer, though the same question was just answered", async () => {
    const { id: serviceId } = await admin.config.saveService.mutate({ name: "Retainer check", durationMin: 30, slotIntervalMin: 30 });
    const { id: staffId } = await admin.config.saveStaff.mutate({ name: "Dr. Early Bird", serviceIds: [serviceId] });
    await admin.config.setStaffHours.mutate({ staffId, hours: { friday: [{ start: "09:00", end: "10:00" }] } });
    const friday = nextWeekday(5);
    const times = async () =>
      (await clinic().availability({ serviceId, from: friday, to: friday })).slots.map((s) =>
        new Date(s.start).toLocaleTimeString("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }),
      );
    // Asked twice, so the answer and the business's set-up are both in the server's memory.
    expect(await times()).toEqual(["09:00", "09:30"]);
    expect(await times()).toEqual(["09:00", "09:30"]);

    await admin.config.setStaffHours.mutate({ staffId, hours: { friday: [{ start: "14:00", end: "15:00" }] } });
    expect(await times()).toEqual(["14:00", "14:30"]);
    await admin.config.saveService.mutate({ id: serviceId, name: "Retainer fitting", durationMin: 30, slotIntervalMin: 30 });
    expect((await clinic().catalog()).services.find((s) => s.id === serviceId)?.name).toBe("Retainer fitting");
  });

  it("limits bookable times to opening hours and honours a holiday's special hours", async () => {
    const [service, staffMember] = await Promise.all([
      admin.config.saveService.mutate({ name: "Quick polish", durationMin: 30 }),
      admin.config.saveStaff.mutate({ name: "Pat Doe" }),
    ]);
    await admin.config.saveStaff.mutate({ id: staffMember.id, name: "Pat Doe", serviceIds: [service.id] });
    await admin.config.setStaffHours.mutate({ staffId: staffMember.id, hours: { wednesday: [{ start: "07:00", end: "20:00" }] } });
    const wednesday = nextWeekday(3);
    const times = async () =>
      (await clinic().availability({ serviceId: service.id, from: wednesday, to: wednesday })).slots.map((s) =>
        new Date(s.start).toLocaleTimeString("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }),
      );
    // The demo clinic opens 8:00–19:00 on weekdays.
    expect((await times())[0]).toBe("08:00");
    expect((await times()).at(-1)).toBe("18:30");

    await admin.config.setHoliday.mutate({ date: wednesday, name: "Half day", ranges: [{ start: "09:00", end: "11:00" }] });
    expect(await times()).toEqual(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30"]);
    await admin.config.setHoliday.mutate({ date: wednesday, name: "Closed" });
    expect(await times()).toEqual([]);
  });
});

describe("locations", () => {
  it("offer only the hours a person works at the chosen place, within that place's opening hours", async () => {
    const downtown = await admin.config.saveLocation.mutate({ name: "Downtown", address: "1 Main St" });
    const harbour = await admin.config.saveLocation.mutate({ name: "Harbour", address: "9 Pier Rd" });
    const { id: serviceId } = await admin.config.saveService.mutate({ name: "Mouthguard check", durationMin: 30, slotIntervalMin: 30 });
    const { id: staffId } = await admin.config.saveStaff.mutate({ name: "Dr. Two Places", serviceIds: [serviceId] });
    await admin.config.setStaffHours.mutate({ staffId, locationId: downtown.id, hours: { monday: [{ start: "09:00", end: "11:00" }] } });
    await admin.config.setStaffHours.mutate({ staffId, locationId: harbour.id, hours: { tuesday: [{ start: "09:00", end: "12:00" }] } });
    await admin.config.setBusinessHours.mutate({ locationId: harbour.id, hours: { tuesday: [{ start: "10:00", end: "12:00" }] } });

    const from = nextWeekday(1);
    const to = nextWeekday(2, 3);
    const at = async (locationId?: string) =>
      (await clinic().availability({ serviceId, from, to, ...(locationId ? { locationId } : {}) })).slots.map((s) =>
        new Date(s.start).toLocaleString("en-GB", { timeZone: "America/New_York", weekday: "short", hour: "2-digit", minute: "2-digit" }),
      );
    expect(await at(downtown.id)).toEqual(["Mon 09:00", "Mon 09:30", "Mon 10:00", "Mon 10:30"]);
    expect(await at(harbour.id)).toEqual(["Tue 10:00", "Tue 10:30", "Tue 11:00", "Tue 11:30"]);
    expect((await clinic().catalog()).locations.map((l) => l.name)).toEqual(["Downtown", "Harbour"]);

    const [slot] = (await clinic().availability({ serviceId, from, to, locationId: harbour.id })).slots;
    const booked = await clinic().createBooking({ serviceId, locationId: harbour.id, start: slot!.start, customer: { name: "Lu", email: "lu@example.com" } });
    expect(booked.status).toBe("confirmed");
    const error = await failure(clinic().availability({ serviceId, from, to, locationId: "loc_nowhere" }));
    expect(error).toEqual({ code: "UNKNOWN_LOCATION", field: "locationId", status: 404 });
  });

  it("offer every start over a place's hours and untied hours saved separately that overlap", async () => {
    const { id: locationId } = await admin.config.saveLocation.mutate({ name: "Uptown", address: "5 Hill Rd" });
    const { id: serviceId } = await admin.config.saveService.mutate({ name: "Long consult", durationMin: 60, slotIntervalMin: 60 });
    const { id: staffId } = await admin.config.saveStaff.mutate({ name: "Dr. Overlap", serviceIds: [serviceId] });
    await admin.config.setStaffHours.mutate({ staffId, locationId, hours: { monday: [{ start: "09:00", end: "12:00" }] } });
    await admin.config.setStaffHours.mutate({ staffId, hours: { monday: [{ start: "10:30", end: "13:00" }] } });

    const monday = nextWeekday(1);
    const { slots } = await clinic().availability({ serviceId, locationId, from: monday, to: monday });
    const times = slots.map((s) => new Date(s.start).toLocaleTimeString("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }));
    expect(times).toEqual(["09:00", "10:00", "11:00", "12:00"]);
    const noon = await clinic().createBooking({ serviceId, locationId, start: slots[3]!.start, customer: { name: "Noor", email: "noor@example.com" } });
    expect(noon.status).toBe("confirmed");
  });
});

describe("staff", () => {
  it("see pending requests and approve them", async () => {
    const [slot] = (await clinic().availability({ serviceId: "svc_implant", from: nextWeekday(1), to: nextWeekday(1, 9) })).slots;
    const request = await clinic().createBooking({ serviceId: "svc_implant", start: slot!.start, customer: { name: "Max", email: "max@example.com" } });
    expect(request.status).toBe("pending");
    const from = new Date(server.now()).toISOString();
    const to = new Date(server.now() + 30 * 86_400_000).toISOString();
    const pending = await admin.staff.appointments.query({ from, to, statuses: ["pending"] });
    expect(pending.map((a) => a.id)).toContain(request.id);
    await expect(admin.staff.approve.mutate({ appointmentId: request.id })).resolves.toMatchObject({ status: "confirmed" });
    expect(await failure(admin.staff.approve.mutate({ appointmentId: request.id }))).toMatchObject({ code: "INVALID_TRANSITION", status: 409 });
  });

  it("cannot reach another business's appointments", async () => {
    expect(await failure(admin.staff.cancel.mutate({ appointmentId: "apt_someone_elses" }))).toMatchObject({ code: "NOT_FOUND", status: 404 });
  });
});

describe("the sandbox outbox", () => {
  it("shows the messages a sandbox business would have sent", async () => {
    const messages = await admin.sandbox.outbox.query();
    expect(messages.some((m) => m.kind === "pending" && m.recipient === "max@example.com")).toBe(true);
    expect(messages.find((m) => m.kind === "approved")).toMatchObject({ hasCalendarFile: true, subject: expect.stringMatching(/^\[Sandbox\]/) });
  });
});

describe("the manage page", () => {
  it("is served for links when the business has no page of its own", async () => {
    const response = await fetch(`${server.url}/manage?token=abc`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<fd-booking-manage>");
  });
});
