import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import type { AppointmentSummary, Catalog } from "@frontdesk/client";
import { chevronRight, isolate, personIcon, whenTemplate, type Slot } from "@frontdesk/ui";

/** The steps of `<fd-booking>`'s flow, as pure templates: the element holds the state and passes what each shows. */

export type Step = "service" | "staff" | "date" | "time" | "details" | "confirmation";
export type Service = Catalog["services"][number];

export function stepTitle(step: Step, appointment: AppointmentSummary | undefined): string {
  switch (step) {
    case "service":
      return msg("Choose a service");
    case "staff":
      return msg("Choose who you'd like to see");
    case "date":
      return msg("Choose a date");
    case "time":
      return msg("Choose a time");
    case "details":
      return msg("Your details");
    case "confirmation":
      return appointment?.status === "pending" ? msg("Request received") : msg("You're booked");
  }
}

/** The business's name (which names the dialog too) and "Step 2 of 5". */
export function flowHeader(catalog: Catalog | undefined, steps: readonly Step[], index: number): TemplateResult {
  const counted = catalog && index >= 0;
  return html`<span class="business" id="business-name">
      ${catalog ? html`<bdi>${catalog.business.name}</bdi>` : msg("Book an appointment")}
      ${catalog?.business.sandbox ? html`<span class="badge" title=${msg("Bookings made here are test data.")}>${msg("Sandbox")}</span>` : nothing}
    </span>
    <span class="progress">
      <span aria-live="polite">${counted ? msg(str`Step ${index + 1} of ${steps.length}`) : nothing}</span>
      ${counted ? html`<span class="dots" aria-hidden="true">${steps.map((_, at) => html`<span class=${at <= index ? "dot done" : "dot"}></span>`)}</span>` : nothing}
    </span>`;
}

export function servicesStep(catalog: Catalog, locale: string, choose: (serviceId: string) => void): TemplateResult {
  if (catalog.services.length === 0) return html`<p class="state">${msg("No services can be booked online right now.")}</p>`;
  return html`<ul class="options" role="list">
    ${catalog.services.map(
      (service) => html`<li>
        <button type="button" class="option" part="service" @click=${() => choose(service.id)}>
          <span class="option-text">
            <span class="option-name"><bdi>${service.name}</bdi></span>
            <span class="option-meta">
              <span>${[formatDuration(service.durationMin, locale), formatPrice(service, locale), service.capacity > 1 ? msg("Group session") : ""]
                .filter(Boolean)
                .map((part, index) => html`${index ? " · " : ""}<bdi>${part}</bdi>`)}</span>
              ${service.description ? html`<span class="option-description" dir="auto">${service.description}</span>` : nothing}
            </span>
          </span>
          ${chevronRight()}
        </button>
      </li>`,
    )}
  </ul>`;
}

export function staffStep(catalog: Catalog, service: Service | undefined, choose: (staffId: string | undefined) => void): TemplateResult {
  const offered = new Set(service?.staffIds ?? []);
  const choices = [
    { id: undefined, name: msg("Any available"), title: msg("Whoever is free at the time you pick") },
    ...catalog.staff.filter((member) => offered.has(member.id)),
  ];
  return html`<ul class="options" role="list">
    ${choices.map(
      (choice) => html`<li>
        <button type="button" class="option" part="staff" @click=${() => choose(choice.id)}>
          <span class="avatar" aria-hidden="true">${choice.id ? initials(choice.name) : personIcon()}</span>
          <span class="option-text">
            <span class="option-name"><bdi>${choice.name}</bdi></span>
            <span class="option-meta">${choice.title}</span>
          </span>
          ${chevronRight()}
        </button>
      </li>`,
    )}
  </ul>`;
}

export interface SummaryOptions {
  catalog: Catalog;
  service: Service | undefined;
  staffId: string | undefined;
  slot: Slot | undefined;
  locale: string;
  zone: string;
}

/** What the customer is booking, above the details form. */
export function bookingSummary({ catalog, service, staffId, slot, locale, zone }: SummaryOptions): TemplateResult {
  const staff = catalog.staff.find((member) => member.id === staffId)?.name ?? msg("Any available");
  return html`<dl class="summary">
    <div><dt>${msg("Service")}</dt><dd><bdi>${service?.name}</bdi></dd></div>
    <div><dt>${msg("With")}</dt><dd><bdi>${staff}</bdi></dd></div>
    ${slot ? html`<div><dt>${msg("When")}</dt><dd>${whenTemplate(slot.start, slot.end, locale, zone)}</dd></div>` : nothing}
  </dl>`;
}

export function confirmationStep(catalog: Catalog, appointment: AppointmentSummary, locale: string, zone: string, restart: () => void): TemplateResult {
  const pending = appointment.status === "pending";
  return html`<div class="confirmation" part="confirmation">
    <p class="lead">
      ${pending
        ? msg(str`Thank you, ${isolate(appointment.customerName)}. ${isolate(catalog.business.name)} will confirm your appointment by email.`)
        : msg(str`Thank you, ${isolate(appointment.customerName)}. Your appointment is confirmed.`)}
    </p>
    <dl class="summary">
      <div><dt>${msg("Service")}</dt><dd><bdi>${appointment.serviceName}</bdi></dd></div>
      <div><dt>${msg("With")}</dt><dd><bdi>${appointment.staffName}</bdi></dd></div>
      <div><dt>${msg("When")}</dt><dd>${whenTemplate(appointment.start, appointment.end, locale, zone)}</dd></div>
      <div><dt>${msg("Name")}</dt><dd><bdi>${appointment.customerName}</bdi></dd></div>
    </dl>
    <button type="button" class="button" part="button" @click=${restart}>${msg("Book another appointment")}</button>
  </div>`;
}

function formatDuration(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "short" }).format(minutes);
}

function formatPrice(service: Service, locale: string): string {
  if (service.priceCents === null) return "";
  if (service.priceCents === 0) return msg("Free");
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: service.currency }).format(service.priceCents / 100);
  } catch {
    return "";
  }
}

function initials(name: string): string {
  const words = name.replace(/^(Dr|Mr|Mrs|Ms|Prof)\.?\s+/i, "").split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
}
