import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient } from "@frontdesk/client";
import { seriousViolations } from "@frontdesk/server/testing/axe";
import { freePort } from "@frontdesk/server/testing/ports";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";
import { openDemoLine } from "../testing/phone-line";

let host: WidgetHost;
let bookingCall: string;

beforeAll(async () => {
  // A SaaS vendor's page on another origin, with the embed session its server minted for the person in front of it.
  // The phone line's webhooks come back to the server's public address, so it is the real one.
  const port = await freePort();
  host = await startWidgetHost({
    env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
    timezoneId: "America/New_York",
    element: (query) => `<fd-provider api-base="${query.get("server")}" client-secret="${query.get("secret")}"><fd-call-log></fd-call-log></fd-provider>`,
  });
  const line = await openDemoLine(host.server);
  bookingCall = await line.simulate("book-cleaning-next-tuesday");
  for (let round = 0; round < 150 && (await line.rest("GET", `/calls/${bookingCall}`)).body.recordingStatus !== "stored"; round++) await new Promise((resolve) => setTimeout(resolve, 100));
}, 120_000);

afterAll(async () => {
  await host?.stop();
});

const vendor = () => createFrontdeskAdminClient({ baseUrl: host.server.url, secretKey: host.server.demoSecretKey });

describe("<fd-call-log> inside <fd-provider> with an embed session, on a vendor's page", () => {
  it("lists the calls, opens one, plays its recording and approves its booking", async () => {
    const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-call-log"], role: "admin", origins: [host.hostUrl] });
    const page = await host.open({ server: host.server.url, secret: session.clientSecret });
    const log = page.locator("fd-call-log");
    await log.locator(`#call-${bookingCall}`).click();
    const detail = log.locator("fd-call-detail");
    await detail.locator("[part~=turn]").first().waitFor();
    expect({ violations: await seriousViolations(page) }).toEqual({ violations: [] });

    await detail.getByRole("button", { name: "Listen to the recording" }).click();
    expect(await detail.locator("audio[controls]").getAttribute("src")).toMatch(/^blob:/);
    await detail.getByRole("button", { name: "Approve" }).click();
    await detail.getByText("Approved. The caller is told.").waitFor();
    await page.context().close();
  });

  it("tells a session minted for other widgets that it may not read the calls", async () => {
    const session = await vendor().embedSessions.create.mutate({ widgets: ["fd-team"], role: "admin", origins: [host.hostUrl] });
    const page = await host.open({ server: host.server.url, secret: session.clientSecret });
    await page.locator("fd-call-log").getByText("This session may not do this.", { exact: false }).waitFor();
    await page.context().close();
  });
});
