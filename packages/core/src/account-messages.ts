/**
 * The words of the mail a person gets about their account (verify the address, reset the password, join a business),
 * in their language (English or Spanish, English for anything else). Pure, like the appointment messages.
 */
import { escapeHtml, resolveLocale } from "./notification-templates";
import type { AccountMessageKind, MemberRole } from "./vocabulary";

export interface AccountMessageData {
  /** BCP 47 tag of the recipient; unsupported languages get English. */
  locale?: string | null;
  /** The recipient's name, when known (an invitee has none yet). */
  name?: string | null;
  /** The link the message is for. */
  url: string;
  /** For an invitation: who invites, to which business, as what. */
  businessName?: string;
  inviterName?: string;
  role?: MemberRole;
  /** For the calendar messages: the provider's name as people know it ("Google Calendar"), and the account. */
  calendarName?: string;
  calendarAccount?: string;
  /** How long the link works, in hours. */
  expiresInHours: number;
  sandbox?: boolean;
}

export interface RenderedAccountMessage {
  subject: string;
  text: string;
  html: string;
}

interface Copy {
  subject(d: AccountMessageData): string;
  heading: string;
  intro(d: AccountMessageData): string;
  action: string;
}

interface Catalogue {
  kinds: Record<AccountMessageKind, Copy>;
  greeting(name: string | null | undefined): string;
  expires(hours: number): string;
  ignore: string;
  roles: Record<MemberRole, string>;
  sandboxNote: string;
}

const hours = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

const en: Catalogue = {
  kinds: {
    verify_email: {
      subject: () => "Confirm your e-mail address",
      heading: "Confirm your e-mail address",
      intro: () => "Confirm that this address is yours to finish setting up your Frontdesk account.",
      action: "Confirm address",
    },
    reset_password: {
      subject: () => "Reset your Frontdesk password",
      heading: "Reset your password",
      intro: () => "Someone asked to reset the password of your Frontdesk account. Choose a new one with the button below.",
      action: "Choose a new password",
    },
    invitation: {
      subject: (d) => `${d.inviterName ?? "Someone"} invited you to ${d.businessName ?? "a business"} on Frontdesk`,
      heading: "You are invited",
      intro: (d) => `${d.inviterName ?? "Someone"} invited you to join ${d.businessName ?? "their business"} on Frontdesk as ${en.roles[d.role ?? "staff"]}.`,
      action: "Accept the invitation",
    },
    calendar_connect: {
      subject: (d) => `Connect your calendar to ${d.businessName ?? "Frontdesk"}`,
      heading: "Connect your calendar",
      intro: (d) =>
        `${d.inviterName ?? "Your business"} asks you to connect your ${d.calendarName ?? "calendar"} to ${d.businessName ?? "Frontdesk"}: times that are busy there will not be offered to customers, and your appointments will appear in it.`,
      action: "Connect your calendar",
    },
    calendar_reconnect: {
      subject: (d) => `Your ${d.calendarName ?? "calendar"} needs connecting again`,
      heading: "Connect your calendar again",
      intro: (d) =>
        `Frontdesk can no longer reach ${d.calendarAccount ?? "your calendar"} for ${d.businessName ?? "your business"}. Until you connect it again, its busy times are not checked and new appointments do not appear in it.`,
      action: "Connect it again",
    },
  },
  greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
  expires: (n) => `The link works for ${hours(n, "one hour", "hours")}.`,
  ignore: "If you did not expect this message, you can ignore it: nothing changes.",
  roles: { owner: "an owner", admin: "an admin", staff: "a staff member" },
  sandboxNote: "Sandbox: this message was kept in the outbox, not sent.",
};

const es: Catalogue = {
  kinds: {
    verify_email: {
      subject: () => "Confirma tu dirección de correo",
      heading: "Confirma tu dirección de correo",
      intro: () => "Confirma que esta dirección es tuya para terminar de configurar tu cuenta de Frontdesk.",
      action: "Confirmar dirección",
    },
    reset_password: {
      subject: () => "Restablece tu contraseña de Frontdesk",
      heading: "Restablece tu contraseña",
      intro: () => "Alguien pidió restablecer la contraseña de tu cuenta de Frontdesk. Elige una nueva con el botón de abajo.",
      action: "Elegir una contraseña nueva",
    },
    invitation: {
      subject: (d) => `${d.inviterName ?? "Alguien"} te invitó a ${d.businessName ?? "un negocio"} en Frontdesk`,
      heading: "Tienes una invitación",
      intro: (d) => `${d.inviterName ?? "Alguien"} te invitó a unirte a ${d.businessName ?? "su negocio"} en Frontdesk como ${es.roles[d.role ?? "staff"]}.`,
      action: "Aceptar la invitación",
    },
    calendar_connect: {
      subject: (d) => `Conecta tu calendario a ${d.businessName ?? "Frontdesk"}`,
      heading: "Conecta tu calendario",
      intro: (d) =>
        `${d.inviterName ?? "Tu negocio"} te pide que conectes tu ${d.calendarName ?? "calendario"} a ${d.businessName ?? "Frontdesk"}: las horas ocupadas allí no se ofrecerán a los clientes y tus citas aparecerán en él.`,
      action: "Conectar tu calendario",
    },
    calendar_reconnect: {
      subject: (d) => `Tu ${d.calendarName ?? "calendario"} necesita conectarse de nuevo`,
      heading: "Conecta tu calendario de nuevo",
      intro: (d) =>
        `Frontdesk ya no puede acceder a ${d.calendarAccount ?? "tu calendario"} para ${d.businessName ?? "tu negocio"}. Hasta que lo conectes de nuevo, no se comprueban sus horas ocupadas y las citas nuevas no aparecen en él.`,
      action: "Conectarlo de nuevo",
    },
  },
  greeting: (name) => (name ? `Hola, ${name}:` : "Hola:"),
  expires: (n) => `El enlace funciona durante ${hours(n, "una hora", "horas")}.`,
  ignore: "Si no esperabas este mensaje, puedes ignorarlo: no cambia nada.",
  roles: { owner: "propietario", admin: "administrador", staff: "miembro del equipo" },
  sandboxNote: "Sandbox: este mensaje se guardó en la bandeja de salida, no se envió.",
};

const catalogues: Record<string, Catalogue> = { en, es };

export function renderAccountMessage(kind: AccountMessageKind, data: AccountMessageData): RenderedAccountMessage {
  const { locale } = resolveLocale(data.locale ?? undefined);
  const words = catalogues[locale.split("-")[0]!] ?? en;
  const copy = words.kinds[kind];
  const subject = `${data.sandbox ? "[Sandbox] " : ""}${copy.subject(data)}`;
  const paragraphs = [words.greeting(data.name), copy.intro(data)];
  const after = [words.expires(data.expiresInHours), words.ignore];
  const text = [...(data.sandbox ? [words.sandboxNote] : []), ...paragraphs, `${copy.action}:\n${data.url}`, ...after].join("\n\n") + "\n";
  const p = (line: string) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`;
  const html = [
    "<!doctype html>",
    `<html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;background:#f4f4f5"><div style="max-width:560px;margin:0 auto;padding:24px;background:#fff;font:15px/1.5 system-ui,sans-serif;color:#27272a">`,
    ...(data.sandbox ? [p(words.sandboxNote)] : []),
    `<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(copy.heading)}</h1>`,
    ...paragraphs.map(p),
    `<p style="margin:0 0 20px"><a href="${escapeHtml(data.url)}" style="display:inline-block;padding:10px 16px;background:#18181b;color:#fff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(copy.action)}</a></p>`,
    ...after.map(p),
    "</div></body></html>",
    "",
  ].join("\n");
  return { subject, text, html };
}
