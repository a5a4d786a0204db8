import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskClient } from "@frontdesk/client";
import { bookAndGetToken } from "@frontdesk/server/testing/manage-link";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let widgets: WidgetHost;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) =>
      query.get("token")
        ? `<fd-booking-manage token="${query.get("token")}"></fd-booking-manage>`
        : `<fd-booking publishable-key="pk_demo_brightsmile" service="svc_consult"></fd-booking>`,
    timezoneId: "Europe/Berlin",
    // Sunday 31 January, 23:00 in Berlin: the clinic is closed on Sundays, so January has no times left.
    env: { FRONTDESK_CLOCK: "2027-01-31T22:00:00Z" },
  });
});

afterAll(async () => {
  await widgets?.stop();
});

describe("the date step opens on the first month that has times", () => {
  it("in <fd-booking>, for a visitor whose month has none left", async () => {
    const page = await widgets.open({});
    await page.getByRole("button", { name: "Any available" }).click();
    await page.getByRole("heading", { name: "Choose a date" }).waitFor();
    await expect.poll(() => page.locator("fd-booking fd-calendar .title").textContent()).toBe("February 2027");
    await page.locator("fd-booking [part~=day-available]").first().waitFor();
    expect(await page.getByText("No times available this month").count()).toBe(0);
    await page.context().close();
  });

  it("in <fd-booking-manage>, when rescheduling", async () => {
    const client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: "pk_demo_brightsmile" });
    const { token } = await bookAndGetToken(widgets.server, client, "Late January");
    const page = await widgets.open({ token });
    await page.getByRole("button", { name: "Reschedule" }).click();
    await page.getByRole("heading", { name: "Choose a new date" }).waitFor();
    await expect.poll(() => page.locator("fd-booking-manage fd-calendar .title").textContent()).toBe("February 2027");
    await page.locator("fd-booking-manage [part~=day-available]").first().waitFor();
    await page.context().close();
  });
});
