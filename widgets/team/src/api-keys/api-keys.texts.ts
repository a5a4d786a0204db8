import { msg } from "@lit/localize";
import { FrontdeskClientError } from "@frontdesk/client";
import type { ApiScope, WebhookDeliveryStatus, WebhookEventType } from "@frontdesk/core/vocabulary";
import { errorText, type ErrorTexts } from "@frontdesk/ui";
import { backOfficeErrorTexts } from "../back-office/back-office-widget";

/** What each part of the API is called, for the scope checkboxes: `bookings:read` reads as "Bookings". */
export function scopeArea(scope: ApiScope): string {
  switch (scope.split(":")[0]) {
    case "config":
      return msg("Configuration: hours, services, staff");
    case "keys":
      return msg("API keys");
    case "bookings":
      return msg("Appointments");
    case "outbox":
      return msg("Sandbox outbox");
    case "team":
      return msg("Team");
    case "audit":
      return msg("Audit log");
    case "customers":
      return msg("Customers' data");
    case "webhooks":
      return msg("Webhooks");
    case "calls":
      return msg("Phone calls");
    case "agents":
      return msg("Phone agents");
    case "numbers":
      return msg("Phone numbers");
    case "approvals":
      return msg("Approvals of the phone agent's actions");
    case "knowledge":
      return msg("Knowledge base");
    default:
      return msg("Embed sessions");
  }
}

export function eventTypeLabel(type: WebhookEventType | string): string {
  switch (type) {
    case "appointment.created":
      return msg("An appointment is booked");
    case "appointment.confirmed":
      return msg("An appointment is confirmed");
    case "appointment.rescheduled":
      return msg("An appointment is moved");
    case "appointment.cancelled":
      return msg("An appointment is cancelled");
    case "appointment.pending_approval":
      return msg("A booking waits for approval");
    case "call.started":
      return msg("A phone call starts");
    case "call.ended":
      return msg("A phone call ends");
    case "call.analyzed":
      return msg("A phone call's summary is ready");
    case "approval.created":
      return msg("An action of the phone agent waits for approval");
    case "ping":
      return msg("Test event");
    default:
      return type;
  }
}

export function deliveryStatusLabel(status: WebhookDeliveryStatus): string {
  switch (status) {
    case "pending":
      return msg("Pending");
    case "delivered":
      return msg("Delivered");
    case "failed":
      return msg("Failed");
  }
}

function validationText(error: FrontdeskClientError): string {
  const field = error.field ?? "";
  if (field === "url") return msg("Enter an absolute URL such as https://example.com/frontdesk/webhooks, without a user name or password.");
  if (field.startsWith("eventTypes")) return msg("Choose at least one event to send.");
  if (field.startsWith("scopes")) return msg("Choose at least one thing the key may do.");
  return backOfficeErrorTexts.VALIDATION_FAILED(error);
}

const apiKeysErrorTexts: ErrorTexts = {
  ...backOfficeErrorTexts,
  VALIDATION_FAILED: validationText,
  WEBHOOK_DESTINATION_REFUSED: () => msg("This server does not send webhooks to that address. Use a public https:// URL of your own server."),
  DELIVERY_IN_PROGRESS: () => msg("This delivery is being sent right now. Look at its attempts in a few seconds, then replay it if it failed."),
  ROLE_NOT_ALLOWED: () => msg("Your role does not allow this. Ask an owner or admin."),
  MISSING_SCOPE: () => msg("You may not do this here. Ask an owner or admin."),
  NOT_FOUND: () => msg("That key or endpoint does not exist any more. The list now shows what there is."),
};

export const apiKeysErrorMessage = (error: unknown): string => errorText(error, apiKeysErrorTexts);
