import { describe, expect, it } from "vitest";
import { createFrontdeskClient } from "@frontdesk/client";
import { demoKey, pickFirstDay, toDetails, useBookingHost } from "./booking.test-helpers";

const widgets = useBookingHost();
const { open } = widgets;

describe("<fd-booking> holds", () => {
  it("holds the chosen time with a countdown, and books with the hold", async () => {
    const page = await open('service="svc_consult" name="Holden Time" email="holden@example.com"');
    const held = page.waitForResponse("**/trpc/booking.hold**");
    await toDetails(page);
    const { holdId } = (await (await held).json()).result.data as { holdId: string };
    const timer = page.locator("fd-booking [part~=hold]");
    await expect.poll(() => timer.textContent()).toMatch(/We're holding this time for you: [45]:\d\d/);
    expect(await page.getByRole("status").filter({ hasText: "We're holding this time for you for 5 minutes." }).count()).toBe(1);

    const booking = page.waitForRequest("**/trpc/booking.create**");
    await page.getByRole("button", { name: "Book" }).click();
    expect((await booking).postDataJSON()).toMatchObject({ holdId, locale: "en-US" });
    await page.getByRole("heading", { name: "You're booked" }).waitFor();
    await page.context().close();
  });

  it("releases the hold when the customer goes back", async () => {
    const page = await open('service="svc_consult"');
    const held = page.waitForResponse("**/trpc/booking.hold**");
    await toDetails(page);
    const { holdId } = (await (await held).json()).result.data as { holdId: string };
    const released = page.waitForRequest("**/trpc/booking.releaseHold**");
    await page.getByRole("button", { name: "Back" }).click();
    expect((await released).postDataJSON()).toEqual({ holdId });
    await page.getByRole("heading", { name: "Choose a time" }).waitFor();
    await page.context().close();
  });

  it("sends the customer back to the times when their hold ended and someone else took the time", async () => {
    const page = await open('service="svc_whitening" staff="stf_lee" name="Lapsed Hold" email="lapsed@example.com"');
    const held = page.waitForResponse("**/trpc/booking.hold**");
    await pickFirstDay(page);
    await page.locator("fd-booking").locator(".time").first().click();
    const hold = (await (await held).json()).result.data as { holdId: string; start: string };
    // What a lapsed hold leaves behind: the time free again, and another customer booking it.
    const client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: demoKey });
    await client.releaseHold(hold.holdId);
    await client.createBooking({ serviceId: "svc_whitening", staffId: "stf_lee", start: hold.start, customer: { name: "Quick", email: "quick@example.com" } });

    await page.getByRole("button", { name: "Book" }).click();
    await page.getByRole("heading", { name: "Choose a time" }).waitFor();
    await page.getByRole("alert").filter({ hasText: "We could not hold that time any longer" }).waitFor();
    await page.context().close();
  });

  it("says when the hold has lapsed, announces only the start, the last minute and the end, and still lets the customer book", async () => {
    const page = await open('service="svc_filling" name="Slow Typer" email="slow@example.com"');
    await toDetails(page);
    const timer = page.locator("fd-booking [part~=hold]");
    await expect.poll(() => timer.textContent()).toMatch(/holding this time for you: [45]:\d\d/);
    const announcement = page.locator("fd-booking .fd-sr-only[role=status]");
    expect(await announcement.textContent()).toBe("We're holding this time for you for 5 minutes.");
    await page.clock.fastForward("02:00");
    expect(await announcement.textContent()).toBe("We're holding this time for you for 5 minutes.");
    await page.clock.fastForward("02:30");
    await expect.poll(() => announcement.textContent()).toBe("1 minute left to finish your booking.");
    await page.clock.fastForward("01:00");
    await expect.poll(() => timer.textContent()).toContain("We're no longer holding this time");
    expect(await announcement.textContent()).toContain("We're no longer holding this time");

    await page.getByRole("button", { name: "Book" }).click();
    await page.getByRole("heading", { name: "You're booked" }).waitFor();
    await page.context().close();
  });

  it("books without a hold when the business is already holding as many times as it allows", async () => {
    // A hold flood from many places fills the business's ceiling on held times, weeks ahead.
    const client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: demoKey });
    const dayAfter = (days: number) => new Date(widgets.server.now() + days * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await client.availability({ serviceId: "svc_consult", staffId: "stf_romero", from: dayAfter(30), to: dayAfter(50) });
    const separate: typeof slots = [];
    for (const slot of slots) if (!separate.length || slot.start >= separate.at(-1)!.end) separate.push(slot);
    const holdIds: string[] = [];
    for (const slot of separate) {
      const full = await client.hold({ serviceId: "svc_consult", staffId: "stf_romero", start: slot.start }).then(
        (hold) => void holdIds.push(hold.holdId),
        (error: { code?: string }) => error.code === "TOO_MANY_HOLDS",
      );
      if (full) break;
    }
    try {
      const page = await open('service="svc_checkup" name="Hold Less" email="holdless@example.com"');
      const refused = page.waitForResponse("**/trpc/booking.hold**");
      await toDetails(page);
      expect((await (await refused).json()).error.data.frontdesk.code).toBe("TOO_MANY_HOLDS");
      expect(await page.locator("fd-booking [part~=hold]").count()).toBe(0);
      const booking = page.waitForRequest("**/trpc/booking.create**");
      await page.getByRole("button", { name: "Book" }).click();
      expect((await booking).postDataJSON()).not.toHaveProperty("holdId");
      await page.getByRole("heading", { name: "You're booked" }).waitFor();
      await page.context().close();
    } finally {
      for (const holdId of holdIds) await client.releaseHold(holdId);
    }
  });
});
