import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createFrontdeskClient, type FrontdeskClient } from "@frontdesk/client";
import { bookAndGetToken } from "@frontdesk/server/testing/manage-link";
import { startWidgetHost, type WidgetHost } from "@frontdesk/server/testing/widget-host";

let widgets: WidgetHost;
let client: FrontdeskClient;

beforeAll(async () => {
  widgets = await startWidgetHost({
    element: (query) => `<fd-booking-manage locale="es" ${query.get("attributes") ?? ""}></fd-booking-manage>`,
    timezoneId: "Europe/Berlin",
  });
  client = createFrontdeskClient({ baseUrl: widgets.server.url, publishableKey: "pk_demo_brightsmile" });
});

afterAll(async () => {
  await widgets?.stop();
});

const widget = (page: Page) => page.locator("fd-booking-manage");
const openWith = (token: string) => widgets.open({ attributes: `token="${token}"` });

/** No sentence of the server's, which are English, made it onto the page. */
async function expectNoEnglish(page: Page): Promise<void> {
  expect(await widget(page).locator(".frame").innerText()).not.toMatch(/\b(This|The|Changes|Please|link)\b/);
}

describe("<fd-booking-manage> in Spanish says in its own words what the server answered", () => {
  it("a damaged link", async () => {
    const page = await openWith("apt_doesnotexist.c2lnbmF0dXJlLXRoYXQtaXMtd3Jvbmc");
    await widget(page).locator("[part~=error]").filter({ hasText: "Este enlace ya no funciona." }).waitFor();
    await expectNoEnglish(page);
    await page.context().close();
  });

  it("an incomplete link", async () => {
    const page = await openWith("apt_cut-short");
    await widget(page).locator("[part~=error]").filter({ hasText: "Este enlace está incompleto." }).waitFor();
    await expectNoEnglish(page);
    await page.context().close();
  });

  it("an appointment that was cancelled", async () => {
    const { token } = await bookAndGetToken(widgets.server, client, "Cancelada Antes");
    await client.manage.cancel(token);
    const page = await openWith(token);
    await widget(page).locator(".reason").filter({ hasText: "Esta cita se ha cancelado." }).waitFor();
    await expectNoEnglish(page);
    await page.context().close();
  });

  it("an appointment inside the business's notice window, with its hours", async () => {
    const { token } = await bookAndGetToken(widgets.server, client, "Muy Pronto", { daysAhead: 0 });
    const page = await openWith(token);
    // The Spanish text arrives from the server after the first paint.
    await widget(page).locator(".reason").filter({ hasText: "Solo se pueden" }).waitFor();
    expect(await widget(page).locator(".reason").textContent()).toBe(
      "Solo se pueden hacer cambios hasta 24 horas antes de la cita. Llama a BrightSmile Dental (demo).",
    );
    await expectNoEnglish(page);
    await page.context().close();
  });

  it("a cancellation refused because the appointment was cancelled meanwhile", async () => {
    const { token } = await bookAndGetToken(widgets.server, client, "Doble Clic");
    const page = await openWith(token);
    await page.getByRole("button", { name: "Cancelar la cita" }).click();
    await client.manage.cancel(token);
    await widget(page).getByRole("button", { name: "Cancelar la cita" }).click();
    await widget(page).locator("[part~=error]").filter({ hasText: "Esta cita ya no se puede cambiar en línea." }).waitFor();
    await widget(page).locator(".reason").filter({ hasText: "Esta cita se ha cancelado." }).waitFor();
    await expectNoEnglish(page);
    await page.context().close();
  });

  it("a new time announced under a heading that says it moved", async () => {
    const { token } = await bookAndGetToken(widgets.server, client, "Nueva Hora");
    const page = await openWith(token);
    await page.getByRole("button", { name: "Cambiar la cita" }).click();
    await widget(page).locator("[part~=day-available]").first().click();
    await widget(page).locator("[part~=time]").first().click();
    await page.getByRole("button", { name: "Cambiar mi cita" }).click();
    await page.getByRole("heading", { name: "Tu cita se ha cambiado" }).waitFor();
    expect(await widget(page).locator(".announcement").textContent()).toMatch(/^Ahora es el \w+, \d+ de \w+ de 2027, .*Te hemos enviado un correo con la nueva hora\.$/);
    await page.context().close();
  });
});
