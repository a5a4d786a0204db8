import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, type FrontdeskAdminClient } from "@frontdesk/client";
import { embedSessionHeader, embedSessionScopes, type CreateEmbedSessionInput } from "@frontdesk/core";
import { person, type CallAnswer } from "../testing/accounts";
import { freePort } from "../testing/ports";
import { startServer, type RunningServer } from "../testing/start-server";

const vendorPage = "https://app.vendor.example";

let server: RunningServer;
let vendor: FrontdeskAdminClient;

beforeAll(async () => {
  const port = await freePort();
  server = await startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  vendor = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
  // The sandbox's Google consents for the staff member's address.
  await vendor.config.saveStaff.mutate({ id: "stf_patel", name: "Dr. Maya Patel", title: "Dentist", email: "maya.patel@brightsmile.example" });
});
afterAll(() => server?.stop());

type Caller = (path: string, input?: unknown, mutation?: boolean) => Promise<CallAnswer>;

/** A browser on the vendor's page, holding a session the vendor's server minted. */
async function session(input: CreateEmbedSessionInput): Promise<Caller> {
  const { clientSecret } = await vendor.embedSessions.create.mutate(input);
  const browser = person(server.url, vendorPage);
  return (path, body, mutation = false) => browser.call(path, body, { mutation, headers: { [embedSessionHeader]: clientSecret } });
}

describe("embed sessions for <fd-calendar-connections>", () => {
  it("are minted with config:read and config:write, of which a staff session keeps config:read alone", () => {
    expect(embedSessionScopes("owner", ["fd-calendar-connections"])).toEqual(["config:read", "config:write"]);
    expect(embedSessionScopes("staff", ["fd-calendar-connections"])).toEqual(["config:read"]);
  });

  it("let a staff session read its own staff member's connections and feed, and refuse another's", async () => {
    const patel = await session({ widgets: ["fd-calendar-connections"], role: "staff", staffId: "stf_patel", origins: [vendorPage] });
    expect(await patel("calendar.providers")).toMatchObject({ status: 200, data: { providers: expect.arrayContaining(["google"]) } });
    expect(await patel("calendar.connections", { staffId: "stf_patel" })).toMatchObject({ status: 200, data: [] });
    expect(await patel("calendar.connections")).toMatchObject({ status: 200, data: [] });
    const feed = await patel("calendarFeeds.get", { staffId: "stf_patel" }, true);
    expect(feed).toMatchObject({ status: 200, data: { url: expect.stringMatching(/\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/) } });
    expect(await patel("calendarFeeds.status", {})).toMatchObject({ status: 200, data: { exists: true } });

    expect(await patel("calendar.connections", { staffId: "stf_lee" })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await patel("calendarFeeds.get", { staffId: "stf_lee" }, true)).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await patel("calendarFeeds.status", { staffId: "stf_lee" })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await patel("calendar.sendConnectLink", { staffId: "stf_lee" }, true)).toMatchObject({ status: 403, code: "MISSING_SCOPE" });
    expect(await vendor.calendarFeeds.status.query({ staffId: "stf_lee" })).toEqual({ exists: false });
  });

  it("let an owner session read any staff member's connections and feed", async () => {
    const owner = await session({ widgets: ["fd-calendar-connections"], role: "owner" });
    expect(await owner("calendar.connections", { staffId: "stf_lee" })).toMatchObject({ status: 200, data: [] });
    expect(await owner("calendarFeeds.status", { staffId: "stf_lee" })).toMatchObject({ status: 200, data: { exists: false } });
    expect(await owner("config.get")).toMatchObject({ status: 200 });
    // An owner is no staff member: they send a connect link instead.
    expect(await owner("calendar.connect", { provider: "google" }, true)).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
  });

  it("refuse the calendar calls to a session minted for another widget, whatever its role", async () => {
    const staffForTeam = await session({ widgets: ["fd-team"], role: "staff", staffId: "stf_patel" });
    const ownerForSetup = await session({ widgets: ["fd-business-setup"], role: "owner" });
    for (const caller of [staffForTeam, ownerForSetup]) {
      for (const [path, input, mutation] of [
        ["calendar.providers", undefined, false],
        ["calendar.connections", { staffId: "stf_patel" }, false],
        ["calendar.connect", { provider: "google" }, true],
        ["calendar.sendConnectLink", { staffId: "stf_patel" }, true],
        ["calendarFeeds.get", { staffId: "stf_patel" }, true],
        ["calendarFeeds.status", { staffId: "stf_patel" }, false],
        ["calendarFeeds.rotate", { staffId: "stf_patel" }, true],
        ["calendarFeeds.revoke", { staffId: "stf_patel" }, true],
      ] as const) {
        expect(await caller(path, input, mutation), path).toMatchObject({ status: 403, code: "MISSING_SCOPE", field: "session" });
      }
    }
  });

  it("connect the staff member's own calendar from the session, back to the vendor's page it was minted for", async () => {
    const patel = await session({ widgets: ["fd-calendar-connections"], role: "staff", staffId: "stf_patel", origins: [vendorPage] });
    const started = await patel("calendar.connect", { provider: "google", returnTo: `${vendorPage}/settings/calendar?tab=2` }, true);
    expect(started.status, JSON.stringify(started)).toBe(200);
    // On the sandbox the URL is the callback with the fake's answer; it sends the browser back to the vendor's page.
    const back = new URL((await fetch(started.data.url, { redirect: "manual" })).headers.get("location")!);
    expect(`${back.origin}${back.pathname}`).toBe(`${vendorPage}/settings/calendar`);
    expect(back.searchParams.get("calendar")).toBe("connected");
    const listed = await patel("calendar.connections");
    expect(listed).toMatchObject({ status: 200, data: [{ id: back.searchParams.get("connection"), staffId: "stf_patel", provider: "google" }] });
    const connectionId = back.searchParams.get("connection")!;
    expect(await patel("calendar.disconnect", { connectionId }, true)).toMatchObject({ status: 200 });
  });

  it("refuse a returnTo on an origin the session was not minted for, and any page for a session minted for any origin", async () => {
    const patel = await session({ widgets: ["fd-calendar-connections"], role: "staff", staffId: "stf_patel", origins: [vendorPage] });
    expect(await patel("calendar.connect", { provider: "google", returnTo: "https://elsewhere.example/page" }, true)).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "returnTo" });
    const anywhere = await session({ widgets: ["fd-calendar-connections"], role: "staff", staffId: "stf_patel" });
    expect(await anywhere("calendar.connect", { provider: "google", returnTo: `${vendorPage}/settings` }, true)).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "returnTo" });
    // A path on this server stays allowed, as for a signed-in staff member.
    expect(await anywhere("calendar.connect", { provider: "google", returnTo: "/back-office" }, true)).toMatchObject({ status: 200 });
  });
});
