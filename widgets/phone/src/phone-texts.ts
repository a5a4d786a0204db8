import { html, type TemplateResult } from "lit";
import { msg } from "@lit/localize";
import type { FrontdeskClientError } from "@frontdesk/client";
import type { AgentStatus, AgentType, PhoneNumberStatus, PhoneNumberType } from "@frontdesk/core/vocabulary";
import { errorText, type ErrorTexts } from "@frontdesk/ui";
import { backOfficeErrorTexts } from "@frontdesk/widget-team/back-office";

/** The sentence for a refused field of a number or an agent, by the field the server names. */
function validationText(error: FrontdeskClientError): string {
  switch (error.field?.replace(/^config\./, "")) {
    case "country":
      return msg("Use a two-letter country code such as US.");
    case "areaCode":
      return msg("Use an area code of 2 to 5 digits, e.g. 415.");
    case "contains":
      return msg("Use up to 16 digits, letters or *.");
    case "nickname":
      return msg("Use at most 80 characters.");
    case "phoneNumber":
      return msg("Pick a number from the search results.");
    case "status":
      return msg("Bind an agent before activating the number.");
    case "agentId":
    case "afterHoursAgentId":
      return msg("Publish the agent before a number uses it: a number answers with a published version.");
    case "confirmation":
      return msg("The confirmation has expired. Start the release again.");
    case "name":
      return msg("Give the agent a name of at most 80 characters.");
    case "voiceId":
      return msg("Pick a voice from the list.");
    case "language":
      return msg("Use a language such as en-US or es-US.");
    case "greeting":
      return msg("Use at most 300 characters.");
    case "customInstructions":
      return msg("Use at most 4000 characters.");
    case "transferNumber":
      return msg("Write the number in E.164, e.g. +14155550100, or leave it empty.");
    case "maxCallDurationMin":
      return msg("Use 1 to 60 minutes.");
    default:
      return backOfficeErrorTexts.VALIDATION_FAILED(error);
  }
}

export const phoneErrorTexts: ErrorTexts = {
  ...backOfficeErrorTexts,
  VALIDATION_FAILED: validationText,
  NOT_FOUND: () => msg("That number or agent no longer exists. Here is the list as it is now."),
  // The server's sentence says what stands in the way (a number bound to the agent, a number being ported in).
  INVALID_TRANSITION: (error) => error.message,
};

export const phoneErrorMessage = (error: unknown): string => errorText(error, phoneErrorTexts);

export function numberStatusLabel(status: PhoneNumberStatus): string {
  switch (status) {
    case "active":
      return msg("Active");
    case "inactive":
      return msg("Inactive");
    case "suspended":
      return msg("Suspended");
    case "porting":
      return msg("Porting in");
    case "released":
      return msg("Released");
  }
}

export function numberTypeLabel(type: PhoneNumberType): string {
  switch (type) {
    case "local":
      return msg("Local");
    case "toll_free":
      return msg("Toll-free");
    case "mobile":
      return msg("Mobile");
  }
}

export function agentStatusLabel(status: AgentStatus): string {
  switch (status) {
    case "active":
      return msg("Active");
    case "inactive":
      return msg("Inactive");
    case "paused":
      return msg("Paused");
    case "error":
      return msg("Error");
  }
}

export function agentTypeLabel(type: AgentType): string {
  switch (type) {
    case "receptionist":
      return msg("Receptionist");
    case "scheduler":
      return msg("Scheduler");
    case "after_hours":
      return msg("After hours");
    case "emergency_triage":
      return msg("Emergency triage");
    case "customer_service":
      return msg("Customer service");
    case "sales":
      return msg("Sales");
    case "technical_support":
      return msg("Technical support");
    case "survey":
      return msg("Survey");
    case "billing":
      return msg("Billing");
    case "custom":
      return msg("Custom");
  }
}

/** A status as a small label; its text is the status, so it reads the same to a screen reader. */
export const statusBadge = (status: string, label: string): TemplateResult => html`<span class="badge ${status}" part="badge">${label}</span>`;

/** A date and time in the business's time zone, not the browser's. */
export const inZone = (instant: string, locale: string, timeZone: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(instant));
