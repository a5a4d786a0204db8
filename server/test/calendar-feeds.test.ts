import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, toClientError, type FrontdeskAdminClient } from "@frontdesk/client";
import { startServer, type RunningServer } from "../testing/start-server";

let server: RunningServer;
let admin: FrontdeskAdminClient;

beforeAll(async () => {
  server = await startServer();
  admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
});
afterAll(() => server?.stop());

/** A free start for the staff member, a few days ahead. */
async function freeStart(staffId: string, serviceId: string, skip = 0): Promise<string> {
  const from = new Date(server.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(server.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await admin.staff.availability.query({ serviceId, staffId, from, to });
  return slots[skip]!.start;
}

/** The VEVENTs of an ICS text, unfolded, as property maps. */
function eventsOf(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") events.push(current!), (current = null);
    else if (current) {
      const colon = line.indexOf(":");
      current[line.slice(0, colon).split(";")[0]!] = line.slice(colon + 1);
    }
  }
  return events;
}

describe("a staff member's ICS feed", () => {
  it("serves their appointments as a calendar, pending ones tentative and cancelled ones cancelled", async () => {
    const feed = await admin.calendarFeeds.get.mutate({ staffId: "stf_lee" });
    expect(feed.url).toMatch(new RegExp(`^http://[^/]+/calendar/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    // Shown again as it was: only its hash is stored, the token is derived again.
    expect((await admin.calendarFeeds.get.mutate({ staffId: "stf_lee" })).url).toBe(feed.url);

    const kept = await admin.staff.book.mutate({ serviceId: "svc_checkup", staffId: "stf_lee", start: await freeStart("stf_lee", "svc_checkup"), customer: { name: "Noor Haddad", email: "noor@example.com", phone: "+1 555 0100" } });
    const dropped = await admin.staff.book.mutate({ serviceId: "svc_checkup", staffId: "stf_lee", start: await freeStart("stf_lee", "svc_checkup", 8), customer: { name: "Ivo Petrov", email: "ivo@example.com" } });
    await admin.staff.cancel.mutate({ appointmentId: dropped.id, reason: "Moved away" });

    const answer = await fetch(new URL(new URL(feed.url).pathname, server.url));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await answer.text();
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    const events = eventsOf(ics);
    const ofKept = events.find((event) => event.UID === `${kept.id}@frontdesk`)!;
    expect(ofKept).toMatchObject({ STATUS: "CONFIRMED", SUMMARY: "Check-up & cleaning — Noor Haddad" });
    expect(ofKept.DTSTART).toBe(kept.start.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z"));
    // The default policy tells the customer's name alone.
    expect(ics).not.toContain("noor@example.com");
    expect(ics).not.toContain("555 0100");
    expect(events.find((event) => event.UID === `${dropped.id}@frontdesk`)).toMatchObject({ STATUS: "CANCELLED" });

    // Unchanged: the same ETag, and a conditional read is a 304.
    const again = await fetch(new URL(new URL(feed.url).pathname, server.url), { headers: { "if-none-match": answer.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("follows the business's event-details policy", async () => {
    const feed = await admin.calendarFeeds.get.mutate({ staffId: "stf_lee" });
    await admin.config.updatePolicies.mutate({ calendarEventDetails: "none" });
    const ics = await (await fetch(new URL(new URL(feed.url).pathname, server.url))).text();
    expect(ics).not.toContain("Noor");
    expect(eventsOf(ics).some((event) => event.SUMMARY === "Check-up & cleaning")).toBe(true);
    await admin.config.updatePolicies.mutate({ calendarEventDetails: "full" });
    const full = await (await fetch(new URL(new URL(feed.url).pathname, server.url))).text();
    expect(full.replace(/\r\n[ \t]/g, "")).toContain("E-mail: noor@example.com");
    expect((await admin.config.get.query()).business.calendarEventDetails).toBe("full");
    const refused = await admin.config.updatePolicies.mutate({ calendarEventDetails: "everything" as "full" }).then(() => undefined, toClientError);
    expect(refused).toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
    await admin.config.updatePolicies.mutate({ calendarEventDetails: "name" });
  });

  it("answers 404 once revoked, and a rotated URL replaces the old one", async () => {
    const first = await admin.calendarFeeds.get.mutate({ staffId: "stf_romero" });
    const path = (url: string) => new URL(new URL(url).pathname, server.url);
    expect((await fetch(path(first.url))).status).toBe(200);
    const rotated = await admin.calendarFeeds.rotate.mutate({ staffId: "stf_romero" });
    expect(rotated.url).not.toBe(first.url);
    expect((await fetch(path(first.url))).status).toBe(404);
    expect((await fetch(path(rotated.url))).status).toBe(200);
    expect(await admin.calendarFeeds.revoke.mutate({ staffId: "stf_romero" })).toEqual({ revoked: true });
    expect((await fetch(path(rotated.url))).status).toBe(404);
    expect(await admin.calendarFeeds.status.query({ staffId: "stf_romero" })).toEqual({ exists: false });
    expect((await fetch(`${server.url}/calendar/feeds/not-a-real-token-at-all-000000.ics`)).status).toBe(404);
    const unknown = await admin.calendarFeeds.get.mutate({ staffId: "stf_nobody" }).then(() => undefined, toClientError);
    expect(unknown).toMatchObject({ code: "NOT_FOUND", field: "staffId" });
  });
});
