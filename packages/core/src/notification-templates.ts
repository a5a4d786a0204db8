/**
 * The words of every message a customer gets about an appointment, in their language (English or
 * Spanish, English for anything else) and with times in their own zone. Pure: the server stores
 * what this returns and sends it later, so everything the message needs comes in `data`.
 */
import type { CalendarLinks } from "./calendar-files";
import { catalogues, type Messages, type Phrase } from "./notification-messages";
import { dateTimeFormat } from "./scheduling/dates";
import type { NotificationKind } from "./vocabulary";


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

/** Messages that say why: a refusal, a cancellation, a change that was not made. */
const showsReason = new Set<NotificationKind>(["rejected", "cancelled", "change_declined"]);

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
  if (reason && showsReason.has(kind)) details.push([messages.reason, reason]);

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

/**
 * The same message as one short SMS (two segments at most for a usual name and service): the business, what happened
 * with the time in the customer's zone, the reason of a refusal or cancellation, and the link to manage it.
 */
export function renderSms(kind: NotificationKind, data: NotificationData): { subject: string; text: string } {
  const { messages, locale } = resolveLocale(data.locale);
  const copy = messages.kinds[kind];
  const timeZone = usableZone(data.customerTimeZone) ?? usableZone(data.businessTimeZone) ?? "UTC";
  const phrase: Phrase = { business: data.businessName, service: data.serviceName, staff: data.staffName, when: shortDateTime(data.start, locale, timeZone) };
  const subject = `${data.sandbox ? "[Sandbox] " : ""}${copy.subject(phrase)}`;
  const reason = data.reason?.trim();
  const manageUrl = copy.active ? safeUrl(data.manageUrl) : undefined;
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  const parts = [sentence(`${data.businessName}: ${subject}`)];
  if (reason && showsReason.has(kind)) parts.push(sentence(`${messages.reason}: ${reason.slice(0, 120)}`));
  if (manageUrl) parts.push(`${kind === "pending" ? messages.manageRequest : messages.manage}: ${manageUrl}`);
  return { subject, text: parts.join(" ") };
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

export function escapeHtml(value: string): string {
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

export function resolveLocale(requested: string | undefined): { messages: Messages; locale: string } {
  let canonical: string | undefined;
  try {
    canonical = requested ? Intl.getCanonicalLocales(requested.replace(/_/g, "-"))[0] : undefined;
  } catch {
    canonical = undefined;
  }
  const messages = canonical ? (catalogues as Record<string, Messages | undefined>)[canonical.split("-")[0]?.toLowerCase() ?? ""] : undefined;
  // Dates follow the customer's regional variant (es-MX writes "9:30 a.m."), but only in a language the words are in.
  return messages && canonical ? { messages, locale: canonical } : { messages: catalogues.en, locale: "en" };
}

function usableZone(timeZone: string): string | undefined {
  try {
    dateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

function fullDateTime(instant: number, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, dateStyle: "full", timeStyle: "short" }).format(instant);
}

function dateTimeRange(start: number, end: number, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, dateStyle: "full", timeStyle: "short" }).formatRange(start, end);
}

function mediumDateTime(instant: number, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(instant);
}

function shortDateTime(instant: number, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(instant);
}

/** "Eastern Time", "hora de Europa central": the generic name, as people say it, falling back when CLDR has only an offset. */
function zoneName(instant: number, locale: string, timeZone: string): string {
  const name = (style: "longGeneric" | "long") =>
    dateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  const generic = name("longGeneric");
  return /^(GMT|UTC)/.test(generic) ? name("long") : generic;
}

function zoneDiffers(instant: number, a: string, b: string): boolean {
  if (a === b) return false;
  const wall = (timeZone: string) => dateTimeFormat("en", { timeZone, dateStyle: "short", timeStyle: "short" }).format(instant);
  return wall(a) !== wall(b);
}
