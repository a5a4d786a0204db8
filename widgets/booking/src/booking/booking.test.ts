import { describe, expect, it } from "vitest";
import { bookableDays, focusedLabel, pickFirstDay, useBookingHost } from "./booking.test-helpers";

const widgets = useBookingHost();
const { open } = widgets;

describe("<fd-booking>", () => {
  it("books an appointment end to end and announces it with fd-booking-created", async () => {
    const page = await open();
    await page.evaluate(() => document.addEventListener("fd-booking-created", (event) => ((window as { created?: unknown }).created = (event as CustomEvent).detail)));

    await page.getByRole("button", { name: "Check-up & cleaning" }).click();
    await page.getByRole("button", { name: "Any available" }).click();
    const day = await pickFirstDay(page);
    const time = page.locator("fd-booking").getByRole("button", { name: /\d:\d\d/ }).first();
    const timeLabel = (await time.textContent())?.trim();
    await time.click();
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByRole("button", { name: "Book" }).click();

    await page.getByRole("heading", { name: "You're booked" }).waitFor();
    const confirmation = (await page.locator("fd-booking").locator(".confirmation").textContent()) ?? "";
    expect(confirmation).toContain("Check-up & cleaning");
    expect(confirmation).toContain("Ada Lovelace");
    expect(confirmation).toContain(day);
    expect(confirmation).toContain(timeLabel?.split(/\s/)[0]);
    const created = await page.evaluate(() => (window as { created?: Record<string, string> }).created);
    expect(created).toMatchObject({ appointmentId: expect.any(String), serviceId: "svc_checkup", staffId: expect.any(String) });
    expect(Date.parse(created!.end!) - Date.parse(created!.start!)).toBe(45 * 60_000);
    await page.context().close();
  });

  it("can be used with the keyboard alone, moving focus to each step's heading", async () => {
    const page = await open();
    await page.getByRole("button", { name: "Consultation" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focusedLabel(page)).toMatch(/^button:Check-up/);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await focusedLabel(page)).toBe("h2:Choose who you'd like to see");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    expect(await focusedLabel(page)).toBe("h2:Choose a date");

    await bookableDays(page).first().waitFor();
    for (let i = 0; i < 4; i++) await page.keyboard.press("Tab"); // zone, previous, next, the grid
    const first = await focusedLabel(page);
    expect(first).toMatch(/^button:\w+day, /);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    expect(await focusedLabel(page)).toBe(first);
    await page.keyboard.press("Enter");
    expect(await focusedLabel(page)).toBe("h2:Choose a time");

    await page.keyboard.press("Tab"); // zone
    await page.keyboard.press("Tab"); // first time
    await page.keyboard.press("Enter");
    expect(await focusedLabel(page)).toBe("h2:Your details");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Grace Hopper");
    await page.keyboard.press("Tab");
    await page.keyboard.type("grace@example.com");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "You're booked" }).waitFor();
    expect(await focusedLabel(page)).toBe("h2:You're booked");
    await page.context().close();
  });

  it("marks only days with open times as bookable, and shows times in the chosen zone", async () => {
    const page = await open('service="svc_consult"');
    await page.getByRole("button", { name: "Any available" }).click();
    await bookableDays(page).first().waitFor();
    const disabled = page.locator("fd-booking").getByRole("button", { name: /\d{4}$/, disabled: true });
    expect(await disabled.count()).toBeGreaterThan(0);

    await pickFirstDay(page);
    // The same day in another zone may have other times or none at all; either way not the same list.
    const times = async () => (await page.locator("fd-booking").locator(".time").allTextContents()).map((text) => text.trim()).join();
    const inBerlin = await times();
    expect(inBerlin).not.toBe("");
    await page.getByLabel("Time zone").selectOption("America/New_York");
    await expect.poll(times).not.toBe(inBerlin);
    await page.context().close();
  });

  it("ties validation messages to their inputs, from the browser and from the server", async () => {
    const page = await open('service="svc_filling"');
    await page.getByRole("button", { name: "Any available" }).click();
    await pickFirstDay(page);
    await page.locator("fd-booking").locator(".time").first().click();

    await page.getByRole("button", { name: "Book" }).click();
    const name = page.getByLabel("Name");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    const nameError = await name.getAttribute("aria-describedby");
    expect(await page.locator("fd-booking").locator(`#${nameError}`).textContent()).toBe("Enter your name.");
    expect(await focusedLabel(page)).toBe("input:");

    await name.fill("Zed");
    await page.getByLabel("Email").fill("zed@b.c"); // passes the browser's check, not the server's
    await page.getByRole("button", { name: "Book" }).click();
    const email = page.getByLabel("Email");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    const emailError = await email.getAttribute("aria-describedby");
    expect(await page.locator("fd-booking").locator(`#${emailError}`).textContent()).toMatch(/email address/);
    await page.context().close();
  });

  it("sends the customer back to the times when theirs was just taken", async () => {
    const attributes = 'service="svc_whitening" staff="stf_lee"';
    const [late, early] = [await open(attributes), await open(attributes)];
    // The late customer's hold request is lost, so nothing keeps the time for them.
    await late.route("**/trpc/booking.hold**", (route) => route.abort("connectionreset"));
    let label = "";
    for (const [page, name] of [[late, "Late"], [early, "Early"]] as const) {
      await pickFirstDay(page);
      const time = page.locator("fd-booking").locator(".time").first();
      label = (await time.textContent())?.trim() ?? "";
      await time.click();
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Email").fill(`${name.toLowerCase()}@example.com`);
    }
    await early.getByRole("button", { name: "Book" }).click();
    await early.getByRole("heading", { name: "You're booked" }).waitFor();

    await late.getByRole("button", { name: "Book" }).click();
    await late.getByRole("heading", { name: "Choose a time" }).waitFor();
    await late.getByRole("alert").filter({ hasText: "just booked" }).waitFor();
    await expect.poll(() => late.locator("fd-booking").locator(".loading").count()).toBe(0);
    expect(await late.locator("fd-booking").getByRole("button", { name: label, exact: true }).count()).toBe(0);
    await late.context().close();
    await early.context().close();
  });

  it("retries a submission lost to the network with the same idempotency key", async () => {
    const page = await open('service="svc_checkup"');
    const keys: string[] = [];
    let failures = 1;
    await page.route("**/trpc/booking.create**", async (route) => {
      keys.push((route.request().postDataJSON() as { idempotencyKey: string }).idempotencyKey);
      if (failures-- > 0) await route.abort("connectionreset");
      else await route.continue();
    });
    await page.getByRole("button", { name: "Any available" }).click();
    await pickFirstDay(page);
    await page.locator("fd-booking").locator(".time").last().click();
    await page.getByLabel("Name").fill("Net Split");
    await page.getByLabel("Email").fill("net@example.com");
    await page.getByRole("button", { name: "Book" }).click();
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { name: "You're booked" }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await page.context().close();
  });

  it("keeps its own look on a hostile page and fits 320 px without scrolling sideways", async () => {
    const page = await open("", 320);
    const service = page.getByRole("button", { name: "Check-up & cleaning" });
    await service.waitFor();
    const style = await service.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { transform: computed.textTransform, spacing: computed.letterSpacing, font: computed.fontFamily };
    });
    expect(style).toEqual({ transform: "none", spacing: "normal", font: expect.not.stringContaining("Comic") });
    await service.click();
    await page.getByRole("button", { name: "Any available" }).click();
    await bookableDays(page).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.context().close();
  });
});
