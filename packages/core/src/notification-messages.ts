/** What each customer message says, in each language Frontdesk writes: the words only, no layout. */

import type { NotificationKind } from "./vocabulary";

export interface Phrase {
  business: string;
  service: string;
  staff: string;
  /** Short start time for subject lines. */
  when: string;
}

export interface KindMessages {
  subject: (p: Phrase) => string;
  heading: string;
  intro: (p: Phrase) => string;
  closing?: string;
  /** The appointment still stands, so the customer can manage it and put it in a calendar. */
  active: boolean;
}

export interface Messages {
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
    change_declined: {
      subject: (p) => `Unchanged: ${p.service} on ${p.when}`,
      heading: "Your appointment stays as it was",
      intro: (p) => `Sorry, ${p.business} could not make the change you asked for. Your ${p.service} with ${p.staff} stays as below.`,
      closing: "You can still change or cancel it yourself with the link above.",
      active: true,
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
    change_declined: {
      subject: (p) => `Sin cambios: ${p.service} el ${p.when}`,
      heading: "Tu cita sigue como estaba",
      intro: (p) => `Lo sentimos, ${p.business} no ha podido hacer el cambio que pediste. Tu cita de ${p.service} con ${p.staff} sigue como se indica abajo.`,
      closing: "Aún puedes cambiarla o cancelarla con el enlace de arriba.",
      active: true,
    },
  },
};

/** By language subtag; English is also the fallback. */
export const catalogues = { en, es } satisfies Record<string, Messages>;
