import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBackOffice, type BackOffice } from "@frontdesk/server/testing/back-office";

let office: BackOffice;

beforeAll(async () => {
  office = await startBackOffice();
});

afterAll(async () => {
  await office?.stop();
});

const wizard = (page: Page) => page.locator("fd-business-setup");
/** A name set between Unicode isolates inside a sentence, as the widgets write them. */
const isolated = (text: string) => `\u2068${text}\u2069`;
const heading = (page: Page, name: string) => wizard(page).getByRole("heading", { name, level: 2 }).waitFor();

const recordCompletion = async (page: Page) => {
  await page.addInitScript(() =>
    document.addEventListener("fd-business-setup-completed", (event) => ((window as unknown as { completed: unknown }).completed = (event as CustomEvent).detail)),
  );
};

describe("<fd-business-setup>", () => {
  it("takes a new owner through hours, services, staff and keys, and saves each to the business", async () => {
    const owner = await office.signUp("Lia Owner", "lia@studio.example", "Lia's Studio");
    const page = await office.open(owner, "<fd-business-setup></fd-business-setup>", { before: recordCompletion });

    await heading(page, "When are you open?");
    expect(await wizard(page).getByRole("checkbox", { name: "Monday" }).isChecked()).toBe(true);
    expect(await wizard(page).getByRole("checkbox", { name: "Saturday" }).isChecked()).toBe(false);
    await wizard(page).getByLabel("Monday opens at").fill("08:00");
    await wizard(page).getByRole("checkbox", { name: "Friday" }).uncheck();
    await wizard(page).getByRole("checkbox", { name: "Saturday" }).check();
    await wizard(page).getByLabel("Saturday opens at").fill("10:00");
    await wizard(page).getByLabel("Saturday closes at").fill("14:00");
    await wizard(page).getByRole("button", { name: "Save the hours and continue" }).click();

    await heading(page, "What can customers book?");
    await wizard(page).getByLabel("Name").fill("Deep tissue massage");
    await wizard(page).getByLabel("Duration (minutes)").fill("45");
    await wizard(page).getByLabel("Price (optional)").fill("60,50");
    await wizard(page).getByLabel("Currency").fill("eur");
    await wizard(page).getByRole("button", { name: "Add this service" }).click();
    await wizard(page).getByText(`${isolated("Deep tissue massage")} was added.`).waitFor();
    await wizard(page).getByRole("button", { name: "Continue" }).click();

    await heading(page, "Who takes the appointments?");
    await wizard(page).getByLabel("Name").fill("Noa Petit");
    await wizard(page).getByRole("checkbox", { name: "Deep tissue massage" }).check();
    await wizard(page).getByRole("button", { name: "Add this person" }).click();
    await wizard(page).getByText(`${isolated("Noa Petit")} was added, working the business's opening hours.`).waitFor();
    await wizard(page).getByRole("button", { name: "Continue" }).click();

    await heading(page, "Keys for your website and your server");
    await wizard(page).getByLabel("Your website's address (several: one per line)").fill("https://studio.example\nhttps://www.studio.example");
    await wizard(page).getByRole("button", { name: "Make a publishable key" }).click();
    await wizard(page).getByText("Your publishable key is ready: put it in your website's booking form.").waitFor();
    const shownKey = (await wizard(page).locator("[part~=key]").first().textContent())!;
    expect(shownKey).toMatch(/^pk_/);
    expect(await wizard(page).locator(".snippet").textContent()).toContain(`<fd-booking publishable-key="${shownKey}"></fd-booking>`);

    await wizard(page).getByLabel("What the key is for (optional)").fill("Booking sync");
    await wizard(page).getByRole("button", { name: "Make a secret key" }).click();
    await wizard(page).getByText("Copy this key now: you will not see it again.").waitFor();
    const secretKey = (await wizard(page).locator("#secret-key").textContent())!;
    expect(secretKey).toMatch(/^sk_/);
    const { secretKeys } = (await owner.call("keys.list")).data as { secretKeys: { name: string; prefix: string }[] };
    expect(secretKeys).toMatchObject([{ name: "Booking sync", prefix: secretKey.slice(0, secretKeys[0]!.prefix.length) }]);
    // The key works for the business's own server.
    const asServer = await fetch(`${office.server.url}/trpc/config.get`, { headers: { authorization: `Bearer ${secretKey}` } });
    expect(((await asServer.json()) as { result: { data: { business: { name: string } } } }).result.data.business.name).toBe("Lia's Studio");
    // Shown once: after another step, the key is gone from the page.
    await wizard(page).getByRole("navigation", { name: "Set-up steps" }).getByRole("button", { name: /Staff/ }).click();
    await wizard(page).getByRole("navigation", { name: "Set-up steps" }).getByRole("button", { name: /Keys/ }).click();
    await wizard(page).getByRole("button", { name: "Make a secret key" }).waitFor();
    expect(await wizard(page).locator("#secret-key").count()).toBe(0);
    await wizard(page).getByRole("button", { name: "Finish" }).click();
    await heading(page, "Your business is set up");
    expect(await page.evaluate(() => (window as unknown as { completed: unknown }).completed)).toEqual({ publishableKey: shownKey });

    const config = (await owner.call("config.get")).data;
    const weekdays = { start: "09:00", end: "17:00" };
    const hours = { monday: [{ start: "08:00", end: "17:00" }], tuesday: [weekdays], wednesday: [weekdays], thursday: [weekdays], saturday: [{ start: "10:00", end: "14:00" }] };
    expect(config.businessHours).toEqual(hours);
    expect(config.services).toMatchObject([{ name: "Deep tissue massage", durationMin: 45, priceCents: 6050, currency: "EUR" }]);
    expect(config.staff).toMatchObject([{ name: "Noa Petit", serviceIds: [config.services[0].id], hours }]);
    expect(config.publishableKeys).toEqual([{ key: shownKey, allowedOrigins: ["https://studio.example", "https://www.studio.example"], revoked: false }]);
    await page.context().close();
  });

  it("opens at the first step with nothing saved, skips a step, and goes back to a finished one", async () => {
    const owner = await office.signUp("Max Owner", "max@garage.example", "Max's Garage");
    await owner.call("config.setBusinessHours", { hours: { monday: [{ start: "07:00", end: "15:00" }] } }, { mutation: true });
    const page = await office.open(owner, "<fd-business-setup></fd-business-setup>");

    await heading(page, "What can customers book?");
    const steps = wizard(page).getByRole("navigation", { name: "Set-up steps" });
    expect(await steps.getByRole("button", { name: "Opening hours (done)" }).count()).toBe(1);
    expect(await steps.locator("[aria-current=step]").textContent()).toContain("Services");

    // Nothing saved on this step yet: there is nothing to continue with, only to skip.
    expect(await wizard(page).getByRole("button", { name: "Continue" }).count()).toBe(0);
    await wizard(page).getByRole("button", { name: "Skip for now" }).click();
    await heading(page, "Who takes the appointments?");
    expect((await owner.call("config.get")).data.services).toEqual([]);

    await steps.getByRole("button", { name: "Opening hours (done)" }).click();
    await heading(page, "When are you open?");
    expect(await wizard(page).getByLabel("Monday opens at").inputValue()).toBe("07:00");
    expect(await wizard(page).getByRole("checkbox", { name: "Tuesday" }).isChecked()).toBe(false);
    // A step with something saved has no Skip: there is nothing to skip.
    expect(await wizard(page).getByRole("button", { name: "Skip for now" }).count()).toBe(0);
    await page.context().close();
  });

  it("says what is wrong with a service and saves nothing", async () => {
    const owner = await office.signUp("Ori Owner", "ori@salon.example", "Ori's Salon");
    await owner.call("config.setBusinessHours", { hours: { monday: [{ start: "09:00", end: "17:00" }] } }, { mutation: true });
    const page = await office.open(owner, "<fd-business-setup></fd-business-setup>");
    await heading(page, "What can customers book?");
    await wizard(page).getByLabel("Name").fill("Haircut");
    await wizard(page).getByLabel("Duration (minutes)").fill("3");
    await wizard(page).getByRole("button", { name: "Add this service" }).click();
    const duration = wizard(page).getByLabel("Duration (minutes)");
    await expect.poll(() => duration.getAttribute("aria-invalid")).toBe("true");
    expect(await wizard(page).locator("#service-duration-error").textContent()).toBe("Enter a duration of at least 5 minutes.");

    await duration.fill("30");
    await wizard(page).getByLabel("Currency").fill("EURO");
    await wizard(page).getByRole("button", { name: "Add this service" }).click();
    // The server's refusal, by the field it names.
    await wizard(page).locator("#service-currency-error").waitFor();
    expect(await wizard(page).locator("#service-currency-error").textContent()).toBe("Use a three-letter currency code such as USD.");
    expect((await owner.call("config.get")).data.services).toEqual([]);
    await page.context().close();
  });
});
