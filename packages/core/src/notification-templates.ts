/**
 * The words of every message a customer gets about an appointment, in their language (English or
 * Spanish, English for anything else) and with times in their own zone. Pure: the server stores
 * what this returns and sends it later, so everything the message needs comes in `data`.
 */
import type { CalendarLinks } from "./calendar-files";

export const notificationKinds = [
  "confirmation",
  "pending",
  "approved",
  "rejected",
  "expired",
  "reminder",
  "rescheduled",
  "cancelled",
] as const;

export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationData {
  /** BCP 47 tag of the customer, e.g. `es-MX`; unsupported languages get English. */
  locale?: string;
  /** IANA zone the customer booked in; times are shown in it. */
  customerTimeZone: string;
  businessName: string;
  /** IANA zone of the business; its local time is added when it differs from the customer's. */
  businessTimeZone: string;
  customerName: string;
  serviceName: string;
  staffName: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  /** Epoch ms of the time a rescheduled appointment had before. */
  previousStart?: number;
  /** Why a request was declined or an appointment cancelled, in the business's words. */
  reason?: string | null;
  manageUrl?: string;
  calendarLinks?: CalendarLinks;
  /** Messages from a sandbox tenant say so, so nobody mistakes them for a real booking. */
  sandbox?: boolean;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

interface Phrase {
  business: string;
  service: string;
  staff: string;
  /** Short start time for subject lines. */
  when: string;
}

interface KindMessages {
  subject: (p: Phrase) => string;
  heading: string;
  intro: (p: Phrase) => string;
  closing?: string;
  /** The appointment still stands, so the customer can manage it and put it in a calendar. */
  active: boolean;
}

interface Messages {
  greeting: (name: string) => string;
  service: string;
  staff: string;
  when: string;
  previously: string;
  businessTime: (business: string) => string;
  reason: string;
  manage: string;
  manageRequest: string;
  addToCalendar: string;
  sandboxNote: string;
  kinds: Record<NotificationKind, KindMessages>;
}

const en: Messages = {
  greeting: (name) => `Hi ${name},`,
  service: "Service",
  staff: "With",
  when: "When",
  previously: "Previously",
  businessTime: (business) => `Local time at ${business}`,
  reason: "Reason",
  manage: "Manage or cancel your appointment",
  manageRequest: "Manage or withdraw your request",
  addToCalendar: "Add to your calendar",
  sandboxNote: "This message comes from a Frontdesk sandbox and is for testing only.",
  kinds: {
    confirmation: {
      subject: (p) => `Confirmed: ${p.service} on ${p.when}`,
      heading: "Your appointment is confirmed",
      intro: (p) => `Your ${p.service} with ${p.staff} at ${p.business} is confirmed.`,
      active: true,
    },
    pending: {
      subject: (p) => `Request received: ${p.service} on ${p.when}`,
      heading: "We have received your request",
      intro: (p) =>
        `We have received your request for ${p.service} with ${p.staff} at ${p.business}. It is awaiting confirmation: we will email you as soon as ${p.business} confirms it.`,
      active: true,
    },
    approved: {
      subject: (p) => `Confirmed: ${p.service} on ${p.when}`,
      heading: "Your request has been accepted",
      intro: (p) => `${p.business} has confirmed your ${p.service} with ${p.staff}.`,
      active: true,
    },
    rejected: {
      subject: (p) => `Request declined: ${p.service} on ${p.when}`,
      heading: "Your request was not accepted",
      intro: (p) => `Sorry, ${p.business} could not accept your request for ${p.service} with ${p.staff}.`,
      closing: "You are welcome to book another time.",
      active: false,
    },
    expired: {
      subject: (p) => `Request expired: ${p.service} on ${p.when}`,
      heading: "Your request has expired",
      intro: (p) =>
        `Your request for ${p.service} with ${p.staff} at ${p.business} was not confirmed in time, so it has lapsed and the time is no longer held for you.`,
      closing: "You are welcome to book again.",
      active: false,
    },
    reminder: {
      subject: (p) => `Reminder: your appointment on ${p.when}`,
      heading: "A reminder of your appointment",
      intro: (p) => `This is a reminder of your ${p.service} with ${p.staff} at ${p.business}.`,
      active: true,
    },
    rescheduled: {
      subject: (p) => `Rescheduled: ${p.service} now on ${p.when}`,
      heading: "Your appointment has moved",
      intro: (p) => `Your ${p.service} with ${p.staff} at ${p.business} has a new time.`,
      active: true,
    },
    cancelled: {
      subject: (p) => `Cancelled: ${p.service} on ${p.when}`,
      heading: "Your appointment is cancelled",
      intro: (p) => `Your ${p.service} with ${p.staff} at ${p.business} has been cancelled.`,
      closing: "You are welcome to book another time.",
      active: false,
    },
  },
};

const es: Messages = {
  greeting: (name) => `Hola, ${name}:`,
  service: "Servicio",
  staff: "Con",
  when: "Cuándo",
  previously: "Antes",
  businessTime: (business) => `Hora local de ${business}`,
  reason: "Motivo",
  manage: "Gestionar o cancelar tu cita",
  manageRequest: "Gestionar o retirar tu solicitud",
  addToCalendar: "Añadir a tu calendario",
  sandboxNote: "Este mensaje procede de un entorno de pruebas (sandbox) de Frontdesk y es solo para pruebas.",
  kinds: {
    confirmation: {
      subject: (p) => `Confirmada: ${p.service} el ${p.when}`,
      heading: "Tu cita está confirmada",
      intro: (p) => `Tu cita de ${p.service} con ${p.staff} en ${p.business} está confirmada.`,
      active: true,
    },
    pending: {
      subject: (p) => `Solicitud recibida: ${p.service} el ${p.when}`,
      heading: "Hemos recibido tu solicitud",
      intro: (p) =>
        `Hemos recibido tu solicitud de ${p.service} con ${p.staff} en ${p.business}. Está pendiente de confirmación: te escribiremos en cuanto ${p.business} la confirme.`,
      active: true,
    },
    approved: {
      subject: (p) => `Confirmada: ${p.service} el ${p.when}`,
      heading: "Tu solicitud ha sido aceptada",
      intro: (p) => `${p.business} ha confirmado tu cita de ${p.service} con ${p.staff}.`,
      active: true,
    },
    rejected: {
      subject: (p) => `Solicitud no aceptada: ${p.service} el ${p.when}`,
      heading: "Tu solicitud no ha sido aceptada",
      intro: (p) => `Lo sentimos: ${p.business} no ha podido aceptar tu solicitud de ${p.service} con ${p.staff}.`,
      closing: "Puedes reservar otro horario cuando quieras.",
      active: false,
    },
    expired: {
      subject: (p) => `Solicitud caducada: ${p.service} el ${p.when}`,
      heading: "Tu solicitud ha caducado",
      intro: (p) =>
        `Tu solicitud de ${p.service} con ${p.staff} en ${p.business} no se confirmó a tiempo, así que ha caducado y el horario ya no está reservado para ti.`,
      closing: "Puedes volver a reservar cuando quieras.",
      active: false,
    },
    reminder: {
      subject: (p) => `Recordatorio: tu cita el ${p.when}`,
      heading: "Recordatorio de tu cita",
      intro: (p) => `Te recordamos tu cita de ${p.service} con ${p.staff} en ${p.business}.`,
      active: true,
    },
    rescheduled: {
      subject: (p) => `Cita cambiada: ${p.service} ahora el ${p.when}`,
      heading: "Tu cita ha cambiado de hora",
      intro: (p) => `Tu cita de ${p.service} con ${p.staff} en ${p.business} tiene una nueva hora.`,
      active: true,
    },
    cancelled: {
      subject: (p) => `Cancelada: ${p.service} el ${p.when}`,
      heading: "Tu cita ha sido cancelada",
      intro: (p) => `Tu cita de ${p.service} con ${p.staff} en ${p.business} ha sido cancelada.`,
      closing: "Puedes reservar otra cita cuando quieras.",
      active: false,
    },
  },
};

const catalogues: Record<string, Messages> = { en, es };

export function renderNotification(kind: NotificationKind, data: NotificationData): RenderedNotification {
  const { messages, locale } = resolveLocale(data.locale);
  const copy = messages.kinds[kind];
  const timeZone = usableZone(data.customerTimeZone) ?? usableZone(data.businessTimeZone) ?? "UTC";
  const businessZone = usableZone(data.businessTimeZone) ?? timeZone;

  const phrase: Phrase = {
    business: data.businessName,
    service: data.serviceName,
    staff: data.staffName,
    when: shortDateTime(data.start, locale, timeZone),
  };
  const details: [label: string, value: string][] = [
    [messages.service, data.serviceName],
    [messages.staff, data.staffName],
    [messages.when, `${dateTimeRange(data.start, data.end, locale, timeZone)} (${zoneName(data.start, locale, timeZone)})`],
  ];
  if (kind === "rescheduled" && data.previousStart !== undefined) {
    details.push([messages.previously, `${fullDateTime(data.previousStart, locale, timeZone)} (${zoneName(data.previousStart, locale, timeZone)})`]);
  }
  if (zoneDiffers(data.start, timeZone, businessZone)) {
    details.push([messages.businessTime(data.businessName), `${mediumDateTime(data.start, locale, businessZone)} (${zoneName(data.start, locale, businessZone)})`]);
  }
  const reason = data.reason?.trim();
  if (reason && (kind === "rejected" || kind === "cancelled")) details.push([messages.reason, reason]);

  const manageUrl = copy.active ? safeUrl(data.manageUrl) : undefined;
  const manageLabel = kind === "pending" ? messages.manageRequest : messages.manage;
  const calendarLinks = copy.active && kind !== "pending" && data.calendarLinks ? calendarEntries(data.calendarLinks) : [];

  const subject = `${data.sandbox ? "[Sandbox] " : ""}${copy.subject(phrase)}`;
  const content: MessageContent = {
    lang: locale,
    subject,
    heading: copy.heading,
    greeting: messages.greeting(data.customerName),
    intro: copy.intro(phrase),
    details,
    manage: manageUrl ? { label: manageLabel, url: manageUrl } : undefined,
    calendar: calendarLinks.length > 0 ? { label: messages.addToCalendar, links: calendarLinks } : undefined,
    closing: copy.closing,
    signature: data.businessName,
    sandboxNote: data.sandbox ? messages.sandboxNote : undefined,
  };
  return { subject, text: plainText(content), html: html(content) };
}

interface MessageContent {
  lang: string;
  subject: string;
  heading: string;
  greeting: string;
  intro: string;
  details: [label: string, value: string][];
  manage: { label: string; url: string } | undefined;
  calendar: { label: string; links: [name: string, url: string][] } | undefined;
  closing: string | undefined;
  signature: string;
  sandboxNote: string | undefined;
}

function plainText(c: MessageContent): string {
  const blocks: string[] = [];
  if (c.sandboxNote) blocks.push(c.sandboxNote);
  blocks.push(c.greeting, c.intro);
  blocks.push(c.details.map(([label, value]) => `${label}: ${value}`).join("\n"));
  if (c.manage) blocks.push(`${c.manage.label}:\n${c.manage.url}`);
  if (c.calendar) blocks.push(`${c.calendar.label}:\n${c.calendar.links.map(([name, url]) => `${name}: ${url}`).join("\n")}`);
  if (c.closing) blocks.push(c.closing);
  blocks.push(`— ${c.signature}`);
  return `${blocks.join("\n\n")}\n`;
}

const font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function html(c: MessageContent): string {
  const parts: string[] = [];
  if (c.sandboxNote) {
    parts.push(`<p style="margin:0 0 16px;padding:8px 12px;background:#fef3c7;color:#78350f;border-radius:6px;font-size:13px">${escapeHtml(c.sandboxNote)}</p>`);
  }
  parts.push(
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;color:#18181b">${escapeHtml(c.heading)}</h1>`,
    `<p style="margin:0 0 12px">${escapeHtml(c.greeting)}</p>`,
    `<p style="margin:0 0 16px">${escapeHtml(c.intro)}</p>`,
    `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 20px;border-collapse:collapse">${c.details
      .map(
        ([label, value]) =>
          `<tr><th scope="row" align="left" style="padding:4px 16px 4px 0;vertical-align:top;font-weight:600;color:#52525b;white-space:nowrap">${escapeHtml(label)}</th><td style="padding:4px 0;vertical-align:top">${escapeHtml(value)}</td></tr>`,
      )
      .join("")}</table>`,
  );
  if (c.manage) {
    parts.push(
      `<p style="margin:0 0 20px"><a href="${escapeHtml(c.manage.url)}" style="display:inline-block;padding:10px 16px;background:#18181b;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(c.manage.label)}</a></p>`,
    );
  }
  if (c.calendar) {
    const links = c.calendar.links.map(([name, url]) => `<a href="${escapeHtml(url)}" style="color:#2563eb">${escapeHtml(name)}</a>`).join(" · ");
    parts.push(`<p style="margin:0 0 20px">${escapeHtml(c.calendar.label)}: ${links}</p>`);
  }
  if (c.closing) parts.push(`<p style="margin:0 0 16px">${escapeHtml(c.closing)}</p>`);
  parts.push(`<p style="margin:24px 0 0;color:#71717a;font-size:13px">— ${escapeHtml(c.signature)}</p>`);
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(c.lang)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(c.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f4f5">`,
    `<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;${font};font-size:15px;line-height:1.5;color:#27272a">`,
    ...parts,
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only web links go into a message: a `javascript:` manage URL must never become a button. */
function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? value : undefined;
  } catch {
    return undefined;
  }
}

function calendarEntries(links: CalendarLinks): [name: string, url: string][] {
  const entries: [string, string | undefined][] = [
    ["Google Calendar", safeUrl(links.google)],
    ["Outlook.com", safeUrl(links.outlook)],
    ["Office 365", safeUrl(links.office365)],
  ];
  return entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function resolveLocale(requested: string | undefined): { messages: Messages; locale: string } {
  let canonical: string | undefined;
  try {
    canonical = requested ? Intl.getCanonicalLocales(requested.replace(/_/g, "-"))[0] : undefined;
  } catch {
    canonical = undefined;
  }
  const messages = canonical ? catalogues[canonical.split("-")[0]?.toLowerCase() ?? ""] : undefined;
  // Dates follow the customer's regional variant (es-MX writes "9:30 a.m."), but only in a language the words are in.
  return messages && canonical ? { messages, locale: canonical } : { messages: en, locale: "en" };
}

function usableZone(timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

function fullDateTime(instant: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "full", timeStyle: "short" }).format(instant);
}

function dateTimeRange(start: number, end: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "full", timeStyle: "short" }).formatRange(start, end);
}

function mediumDateTime(instant: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(instant);
}

function shortDateTime(instant: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(instant);
}

/** "Eastern Time", "hora de Europa central": the generic name, as people say it, falling back when CLDR has only an offset. */
function zoneName(instant: number, locale: string, timeZone: string): string {
  const name = (style: "longGeneric" | "long") =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  const generic = name("longGeneric");
  return /^(GMT|UTC)/.test(generic) ? name("long") : generic;
}

function zoneDiffers(instant: number, a: string, b: string): boolean {
  if (a === b) return false;
  const wall = (timeZone: string) => new Intl.DateTimeFormat("en", { timeZone, dateStyle: "short", timeStyle: "short" }).format(instant);
  return wall(a) !== wall(b);
}
