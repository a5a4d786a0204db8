import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import type { Person } from "@frontdesk/server/testing/accounts";
import { startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";
import { joinDemo, openDemoLine, type DemoLine } from "../testing/phone-line";

let office: BackOffice;
let line: DemoLine;
let staff: Person;
let callId: string;

beforeAll(async () => {
  office = await startBackOffice();
  line = await openDemoLine(office.server);
  callId = await line.simulate("escalate-to-human");
  staff = await joinDemo(office, "Sam Staff", "sam@brightsmile.example", "staff");
  // The recording is fetched from the provider after the call ends.
  for (let round = 0; round < 150 && (await line.rest("GET", `/calls/${callId}`)).body.recordingStatus !== "stored"; round++) await new Promise((resolve) => setTimeout(resolve, 100));
}, 120_000);

afterAll(async () => {
  await office?.stop();
});

const recordingUrl = () => `${office.server.url}/api/v1/calls/${callId}/recording`;

describe("<fd-call-detail>", () => {
  it("shows what the call was about, how it ended, its cost and talk time", async () => {
    const page = await office.open(staff, `<fd-call-detail call="${callId}"></fd-call-detail>`, { width: 1000 });
    const facts = page.locator("fd-call-detail [part~=facts]");
    await facts.waitFor();
    const text = await facts.textContent();
    for (const label of ["Outcome", "Passed to a person", "Reason for calling", "Agent talked", "Caller talked", "Cost", "How it ended"]) expect(text).toContain(label);
    expect(text).toMatch(/% sure/);
    await page.context().close();
  });

  it("plays the recording for a staff member, fetched with their session cookie", async () => {
    const page = await office.open(staff, `<fd-call-detail call="${callId}"></fd-call-detail>`, { width: 1000 });
    const detail = page.locator("fd-call-detail");
    await detail.getByRole("button", { name: "Listen to the recording" }).click();
    const player = detail.locator("audio[controls]");
    await player.waitFor();
    expect(await player.getAttribute("src")).toMatch(/^blob:/);
    await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.readyState)).toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((audio: HTMLAudioElement) => audio.duration)).toBeGreaterThan(0);
    await page.context().close();
  });

  it("answers the recording to whoever may read the call, and to no one else", async () => {
    const vendor = createFrontdeskAdminClient({ baseUrl: office.server.url, secretKey: office.server.demoSecretKey });
    const withCalls = await vendor.embedSessions.create.mutate({ widgets: ["fd-call-detail"], role: "staff", origins: ["https://vendor.example"] });
    const withoutCalls = await vendor.embedSessions.create.mutate({ widgets: ["fd-team"], role: "admin", origins: ["https://vendor.example"] });
    const fetchWith = (secret: string) => fetch(recordingUrl(), { headers: { "x-frontdesk-session": secret, origin: "https://vendor.example" } });

    const played = await fetchWith(withCalls.clientSecret);
    expect(played.status).toBe(200);
    expect(played.headers.get("content-type")).toBe("audio/wav");
    expect(played.headers.get("access-control-allow-origin")).toBe("https://vendor.example");
    const refused = await fetchWith(withoutCalls.clientSecret);
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({ status: 403, body: { code: "MISSING_SCOPE" } });
    expect((await fetch(recordingUrl())).status).toBe(401);
    const cookie = [...staff.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    expect((await fetch(recordingUrl(), { headers: { cookie } })).status).toBe(200);
  });
});
