import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { pickFirstDay, toDetails, useBookingHost } from "./booking.test-helpers";

const widgets = useBookingHost();
const { open } = widgets;

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
