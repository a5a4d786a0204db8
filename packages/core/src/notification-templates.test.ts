import { describe, expect, it } from "vitest";
import { addToCalendarLinks } from "./calendar-files";
import { renderNotification, renderSms, type NotificationData } from "./notification-templates";
import { notificationKinds } from "./vocabulary";

// 13:30 UTC on Monday 16 March 2026: 9:30 in New York (EDT), 14:30 in Berlin (CET).
const start = Date.UTC(2026, 2, 16, 13, 30);
const end = start + 30 * 60_000;
const manageUrl = "https://bella.test/manage/apt_1?token=abc&lang=en";
const calendarLinks = addToCalendarLinks({ start, end, title: "Haircut — Bella Salon", details: "With Sam" });

function data(overrides: Partial<NotificationData> = {}): NotificationData {
  return {
    customerTimeZone: "America/New_York",
    businessName: "Bella Salon",
    businessTimeZone: "America/New_York",
    customerName: "Ana",
    serviceName: "Haircut",
    staffName: "Sam",
    start,
    end,
    manageUrl,
    calendarLinks,
    ...overrides,
  };
}

/** ICU writes narrow and thin no-break spaces around times; compare with plain ones. */
function plain(value: string): string {
  return value.replace(/[\u202F\u2009\u00A0]/g, " ");
}

describe("renderNotification", () => {
  it.each(notificationKinds)("renders a %s message with a subject, text and html", (kind) => {
    const message = renderNotification(kind, data({ previousStart: start - 86_400_000, reason: "Fully booked" }));
    expect(message.subject).not.toBe("");
    expect(message.text).toContain("Ana");
    expect(message.text).toContain("Haircut");
    expect(message.html).toMatch(/^<!doctype html>/);
    expect(message.html).toContain("Bella Salon");
  });

  it("gives every kind its own English subject", () => {
    const subjects = notificationKinds.map((kind) => renderNotification(kind, data()).subject);
    expect(new Set(subjects.filter((s) => !s.startsWith("Confirmed:"))).size).toBe(subjects.length - 2);
    expect(plain(renderNotification("confirmation", data()).subject)).toBe("Confirmed: Haircut on Mon, Mar 16, 9:30 AM");
    expect(plain(renderNotification("reminder", data()).subject)).toBe("Reminder: your appointment on Mon, Mar 16, 9:30 AM");
  });

  it("shows the time in the customer's zone, with the zone's name", () => {
    const { text } = renderNotification("confirmation", data());
    expect(plain(text)).toContain("When: Monday, March 16, 2026, 9:30 – 10:00 AM (Eastern Time)");
  });

  it("shows the same instant as a different wall time in New York and in Berlin", () => {
    const newYork = plain(renderNotification("confirmation", data()).text);
    const berlin = plain(renderNotification("confirmation", data({ customerTimeZone: "Europe/Berlin", businessTimeZone: "Europe/Berlin" })).text);
    expect(newYork).toContain("9:30");
    expect(newYork).not.toContain("2:30 PM");
    expect(berlin).toContain("2:30 – 3:00 PM (Central European Time)");
    expect(berlin).not.toContain("9:30");
  });

  it("adds the business's local time when the customer is in another zone", () => {
    const { text } = renderNotification("confirmation", data({ businessTimeZone: "Europe/Berlin" }));
    expect(plain(text)).toContain("Local time at Bella Salon: Mar 16, 2026, 2:30 PM (Central European Time)");
    expect(plain(renderNotification("confirmation", data()).text)).not.toContain("Local time at");
  });

  it("writes Spanish for a Spanish-speaking customer, with Spanish dates", () => {
    const message = renderNotification("confirmation", data({ locale: "es", customerTimeZone: "Europe/Madrid", businessTimeZone: "Europe/Madrid" }));
    expect(plain(message.subject)).toBe("Confirmada: Haircut el lun, 16 mar, 14:30");
    expect(message.text).toContain("Hola, Ana:");
    expect(plain(message.text)).toContain("Cuándo: lunes, 16 de marzo de 2026, 14:30–15:00 (hora de Europa central)");
    expect(message.text).toContain("Gestionar o cancelar tu cita");
    expect(message.html).toContain('<html lang="es">');
  });

  it("follows the customer's regional variant of Spanish for times", () => {
    const { text } = renderNotification("reminder", data({ locale: "es-MX" }));
    expect(plain(text)).toContain("Te recordamos tu cita de Haircut con Sam en Bella Salon.");
    expect(plain(text)).toMatch(/9:30.*a\.\s?m\./);
  });

  it("falls back to English for a language it has no words for, and for a malformed tag", () => {
    for (const locale of ["fr-FR", "not a locale!", ""]) {
      const message = renderNotification("cancelled", data({ locale }));
      expect(message.subject).toMatch(/^Cancelled: Haircut on /);
      expect(message.html).toContain('<html lang="en">');
    }
  });

  it("falls back to the business's zone when the customer's zone is unknown", () => {
    const { text } = renderNotification("confirmation", data({ customerTimeZone: "Mars/Olympus_Mons", businessTimeZone: "Europe/Berlin" }));
    expect(plain(text)).toContain("2:30 – 3:00 PM (Central European Time)");
  });

  it("puts the manage link and the add-to-calendar links in the text version", () => {
    const { text, html } = renderNotification("confirmation", data());
    expect(text).toContain(`Manage or cancel your appointment:\n${manageUrl}`);
    expect(text).toContain(`Google Calendar: ${calendarLinks.google}`);
    expect(text).toContain(`Outlook.com: ${calendarLinks.outlook}`);
    expect(text).toContain(`Office 365: ${calendarLinks.office365}`);
    expect(html).toContain(`href="${manageUrl.replace(/&/g, "&#38;")}"`);
    expect(html).toContain(`href="${calendarLinks.google.replace(/&/g, "&#38;")}"`);
  });

  it("offers no calendar links for a request still awaiting confirmation", () => {
    const { text } = renderNotification("pending", data());
    expect(text).toContain("awaiting confirmation");
    expect(text).toContain("Manage or withdraw your request");
    expect(text).not.toContain("Google Calendar");
  });

  it("offers neither manage nor calendar links once the appointment is off", () => {
    for (const kind of ["rejected", "expired", "cancelled"] as const) {
      const { text, html } = renderNotification(kind, data());
      expect(text).not.toContain(manageUrl);
      expect(text).not.toContain("Google Calendar");
      expect(html).not.toContain("href=");
    }
  });

  it("gives the reason for a declined request", () => {
    const { text, html } = renderNotification("rejected", data({ reason: "Sam is away that week" }));
    expect(text).toContain("Reason: Sam is away that week");
    expect(html).toContain("Sam is away that week");
    expect(renderNotification("rejected", data({ reason: null })).text).not.toContain("Reason:");
  });

  it("says an expired request lapsed without being confirmed", () => {
    const { subject, text } = renderNotification("expired", data());
    expect(subject).toMatch(/^Request expired: /);
    expect(text).toContain("was not confirmed in time");
  });

  it("shows a rescheduled appointment's new and previous times", () => {
    const previousStart = Date.UTC(2026, 2, 13, 19, 0);
    const { subject, text } = renderNotification("rescheduled", data({ previousStart }));
    expect(plain(subject)).toBe("Rescheduled: Haircut now on Mon, Mar 16, 9:30 AM");
    expect(plain(text)).toContain("Previously: Friday, March 13, 2026 at 3:00 PM (Eastern Time)");
  });

  it("marks sandbox messages in the subject and the body", () => {
    const message = renderNotification("confirmation", data({ sandbox: true }));
    expect(message.subject).toMatch(/^\[Sandbox\] Confirmed: /);
    expect(message.text).toContain("sandbox");
    expect(renderNotification("confirmation", data({ sandbox: true, locale: "es" })).subject).toMatch(/^\[Sandbox\] Confirmada: /);
  });

  it("escapes every interpolated value in the html", () => {
    const hostile = '<script>alert("x")</script>';
    const { html, text } = renderNotification(
      "rejected",
      data({ customerName: hostile, businessName: `Bella & ${hostile}`, serviceName: hostile, staffName: "<b>Sam</b>", reason: hostile }),
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    expect(html).toContain("Bella &#38; ");
    // The text version is not markup: it keeps the name as written.
    expect(text).toContain(`Hi ${hostile},`);
  });

  it("never turns a non-web manage URL into a link", () => {
    const { html, text } = renderNotification("confirmation", data({ manageUrl: "javascript:alert(1)" }));
    expect(html).not.toContain("javascript:");
    expect(text).not.toContain("javascript:");
  });
});

describe("renderSms", () => {
  it.each(notificationKinds)("writes a %s message as one short text naming the business", (kind) => {
    const sms = renderSms(kind, data({ reason: "Fully booked" }));
    expect(sms.text.startsWith("Bella Salon: ")).toBe(true);
    expect(sms.text.length).toBeLessThanOrEqual(306);
    expect(sms.text.includes(manageUrl)).toBe(kind !== "rejected" && kind !== "expired" && kind !== "cancelled");
  });

  it("says the time in the customer's zone and language, and why it was cancelled", () => {
    const sms = renderSms("cancelled", data({ locale: "es-MX", customerTimeZone: "Europe/Berlin", reason: "La doctora está enferma" }));
    expect(plain(sms.text)).toBe("Bella Salon: Cancelada: Haircut el lun 16 de mar, 2:30 p.m. Motivo: La doctora está enferma.");
  });

  it("marks a sandbox business's texts", () => {
    expect(renderSms("confirmation", data({ sandbox: true })).text).toMatch(/^Bella Salon: \[Sandbox\] /);
  });
});
