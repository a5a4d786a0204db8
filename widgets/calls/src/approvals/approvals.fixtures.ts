import { expect } from "vitest";
import { demoOwner, startBackOffice, type BackOffice, type SignedUp } from "@frontdesk/server/testing/back-office";

export const demo = "ten_demo_brightsmile";
export const demoZone = "America/New_York";
const day = 86_400_000;

/** A REST call under /api/v1 with the demo business's secret key (the business's own server, for set-up and checks). */
export async function rest(office: BackOffice, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${office.server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${office.server.demoSecretKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = await response.json();
  expect(response.status, JSON.stringify(answer)).toBe(200);
  return answer;
}


/** The demo's phone line: an agent that asks staff to approve its bookings (the default), published, on a bought number. */
export async function openPhoneLine(office: BackOffice): Promise<void> {
  const agent = await rest(office, "POST", "/agents", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo" } });
  await rest(office, "POST", `/agents/${agent.id}/publish`, {});
  await rest(office, "POST", `/agents/${agent.id}/activate`, {});
  const number = await rest(office, "POST", "/numbers", { phoneNumber: "+14155550100" });
  await rest(office, "PATCH", `/numbers/${number.id}`, { agentId: agent.id, status: "active" });
}

/** The free starts of the implant consultation (a service that needs approval) a few days ahead. */
export async function implantSlots(office: BackOffice, daysAhead = 6): Promise<string[]> {
  const date = new Date(office.server.now() + daysAhead * day).toISOString().slice(0, 10);
  const free = await rest(office, "GET", `/availability?serviceId=svc_implant&from=${date}&to=${date}`);
  return free.slots.map((slot: { start: string }) => slot.start);
}

/** A web booking of the first free implant consultation some days ahead; it waits for approval. Answers the appointment's id. */
export async function bookOnTheWeb(office: BackOffice, name: string, email: string, daysAhead = 6): Promise<string> {
  const start = (await implantSlots(office, daysAhead))[0];
  expect(start, `a free implant consultation ${daysAhead} days ahead`).toBeDefined();
  const response = await fetch(`${office.server.url}/trpc/booking.create`, {
    method: "POST",
    headers: { "x-frontdesk-key": "pk_demo_brightsmile", origin: "https://site.example", "content-type": "application/json" },
    body: JSON.stringify({ serviceId: "svc_implant", start, customer: { name, email } }),
  });
  const answer = await response.json();
  expect(response.status, JSON.stringify(answer)).toBe(200);
  return answer.result.data.id;
}

/** The pending approval of an appointment. */
export async function approvalOf(office: BackOffice, appointmentId: string): Promise<{ id: string; status: string }> {
  const page = await rest(office, "GET", "/approvals?limit=100");
  const found = page.items.find((item: { appointmentId: string }) => item.appointmentId === appointmentId);
  expect(found, JSON.stringify(page)).toBeDefined();
  return found;
}

/** The wall-clock date and time of an instant in the demo's zone, as the date and time fields take them. */
export function wallClock(instant: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: demoZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The server with the demo business, its phone line open, and an owner of it signed in. */
export async function startDemoOffice(): Promise<{ office: BackOffice; owner: SignedUp }> {
  const office = await startBackOffice();
  const owner = await demoOwner(office, "Rosa Patel", "rosa@brightsmile.example");
  await openPhoneLine(office);
  return { office, owner };
}
