import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createFrontdeskClient } from "@frontdesk/client";
import { startWidgetHost, type OpenOptions, type WidgetHost } from "@frontdesk/server/testing/widget-host";

const demoKey = "pk_demo_brightsmile";
const visitorZone = "Europe/Berlin";
let widgets: WidgetHost;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking publishable-key="${demoKey}" ${query.get("attributes") ?? ""}></fd-booking>`,
    timezoneId: visitorZone,
  });
});

afterAll(async () => {
  await widgets?.stop();
});

function open(attributes = "", width = 720, options: Omit<OpenOptions, "width"> = {}): Promise<Page> {
  return widgets.open({ attributes }, { width, ...options });
}

const bookableDays = (page: Page) => page.locator("fd-booking").getByRole("button", { name: /\d{4}$/, disabled: false });

async function pickFirstDay(page: Page): Promise<string> {
  const day = bookableDays(page).first();
  await day.waitFor();
  const label = (await day.getAttribute("aria-label")) ?? "";
  await day.click();
  await page.getByRole("heading", { name: "Choose a time" }).waitFor();
  return label;
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return `${element?.tagName.toLowerCase()}:${element?.getAttribute("aria-label") ?? element?.textContent?.trim()}`;
  });
}

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

/** The flow up to the details step, for a preselected service. */
async function toDetails(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Any available" }).click();
  await pickFirstDay(page);
  await page.locator("fd-booking").locator(".time").first().click();
  await page.getByRole("heading", { name: "Your details" }).waitFor();
}

describe("<fd-booking> options", () => {
  it("prefills the details form from the name, email and phone attributes", async () => {
    const page = await open('service="svc_consult" name="Ada Lovelace" email="ada@example.com" phone="+44 20 7946 0000"');
    await toDetails(page);
    expect(await page.getByLabel("Name").inputValue()).toBe("Ada Lovelace");
    expect(await page.getByLabel("Email").inputValue()).toBe("ada@example.com");
    expect(await page.getByLabel("Phone (optional)").inputValue()).toBe("+44 20 7946 0000");
    await page.getByRole("button", { name: "Book" }).click();
    await page.getByRole("heading", { name: "You're booked" }).waitFor();
    await page.context().close();
  });

  it("speaks Spanish with locale=\"es\", dates included", async () => {
    const page = await open('locale="es-MX" mode="popup"');
    await page.getByRole("button", { name: "Reservar una cita" }).click();
    await page.getByRole("heading", { name: "Elige un servicio" }).waitFor();
    await page.getByRole("button", { name: "Consultation" }).click();
    await page.getByRole("heading", { name: "Elige con quién quieres la cita" }).waitFor();
    await page.getByRole("button", { name: "Cualquier profesional" }).click();
    await page.getByRole("heading", { name: "Elige una fecha" }).waitFor();
    expect(await page.getByLabel("Zona horaria").count()).toBe(1);
    const day = page.locator("fd-booking [part~=day-available]").first();
    await day.waitFor();
    expect(await day.getAttribute("aria-label")).toMatch(/^(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d+ de \w+ de \d{4}$/);
    expect(await page.getByRole("button", { name: "Cerrar" }).count()).toBe(1);
    await page.context().close();
  });

  it("switches language when the locale attribute changes", async () => {
    const page = await open('locale="en-GB"');
    await page.getByRole("heading", { name: "Choose a service" }).waitFor();
    await page.evaluate(() => document.querySelector("fd-booking")!.setAttribute("locale", "es"));
    await page.getByRole("heading", { name: "Elige un servicio" }).waitFor();
    await page.context().close();
  });

  it("uses the dark palette with theme=\"dark\", and with theme=\"auto\" in a dark colour scheme", async () => {
    const surface = (page: Page) => page.locator("fd-booking [part~=base]").evaluate((element) => getComputedStyle(element).backgroundColor);
    const text = (page: Page) => page.locator("fd-booking [part~=base]").evaluate((element) => getComputedStyle(element).color);
    const dark = await open('theme="dark"');
    await dark.getByRole("button", { name: "Consultation" }).waitFor();
    expect(await surface(dark)).toBe("rgb(23, 28, 39)");
    expect(await text(dark)).toBe("rgb(232, 235, 242)");
    await dark.context().close();

    const auto = await open('theme="auto"', 720, { colorScheme: "dark" });
    await auto.getByRole("button", { name: "Consultation" }).waitFor();
    expect(await surface(auto)).toBe("rgb(23, 28, 39)");
    await auto.context().close();

    const light = await open('theme="auto"', 720, { colorScheme: "light" });
    await light.getByRole("button", { name: "Consultation" }).waitFor();
    expect(await surface(light)).toBe("rgb(255, 255, 255)");
    await light.context().close();
  });

  it("lets the page's own colours win over the dark defaults", async () => {
    const page = await open('theme="dark" style="--fd-color-surface: #000000; --fd-color-primary: #ff8800"');
    await page.getByRole("button", { name: "Consultation" }).click();
    await page.getByRole("button", { name: "Any available" }).click();
    const day = page.locator("fd-booking [part~=day-available]").first();
    await day.waitFor();
    expect(await page.locator("fd-booking .frame").evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(0, 0, 0)");
    expect(await day.evaluate((element) => getComputedStyle(element).color)).toBe("rgb(255, 136, 0)");
    await page.context().close();
  });

  it("shows a Powered by Frontdesk line unless hide-powered-by is set", async () => {
    const shown = await open();
    await shown.getByRole("button", { name: "Consultation" }).waitFor();
    expect(await shown.locator("fd-booking [part~=powered-by]").filter({ hasText: "Powered by Frontdesk" }).count()).toBe(1);
    await shown.context().close();

    const hidden = await open("hide-powered-by");
    await hidden.getByRole("button", { name: "Consultation" }).waitFor();
    expect(await hidden.locator("fd-booking [part~=powered-by]").count()).toBe(0);
    await hidden.context().close();
  });

  it("shows the seats left in a group session", async () => {
    const page = await open('service="svc_class"');
    await page.getByRole("button", { name: "Any available" }).click();
    await pickFirstDay(page);
    expect(await page.locator("fd-booking").locator(".time").first().textContent()).toMatch(/\d+ seats? left/);
    await page.context().close();
  });

  it("tells the customer a service needing approval was requested, not booked", async () => {
    const page = await open('service="svc_implant" name="Pat Pending" email="pat@example.com"');
    await toDetails(page);
    const created = page.evaluate(() => new Promise((resolve) => document.addEventListener("fd-booking-created", (event) => resolve((event as CustomEvent).detail))));
    await page.getByRole("button", { name: "Request appointment" }).click();
    await page.getByRole("heading", { name: "Request received" }).waitFor();
    expect(await page.locator("fd-booking").locator(".confirmation").textContent()).toContain("will confirm your appointment by email");
    expect(await created).toMatchObject({ status: "pending", serviceId: "svc_implant" });
    await page.context().close();
  });
});

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
