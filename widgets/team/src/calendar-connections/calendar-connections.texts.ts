import { msg, str } from "@lit/localize";
import type { CalendarProviderName } from "@frontdesk/core";
import { errorText, type ErrorTexts } from "@frontdesk/ui";
import { backOfficeErrorTexts } from "../back-office/back-office-widget";

export function providerName(provider: CalendarProviderName): string {
  return provider === "google" ? msg("Google Calendar") : msg("Outlook calendar");
}

/** What the `reason` of `?calendar=error&reason=…` means, for the person who came back from the provider. */
export function connectRefusalText(reason: string | null): string {
  switch (reason) {
    case "access_denied":
      return msg("The calendar was not connected: access was not allowed. Try again and allow Frontdesk to use the calendar.");
    case "unknown_state":
      return msg("That connection attempt had expired or was already used. Start again.");
    case "provider_error":
      return msg("The calendar provider did not answer as expected. Try again in a moment.");
    case "not_configured":
      return msg("This server has no app set up for that calendar provider. Ask the server's operator.");
    case "invalid_link":
      return msg("This connect link does not work. Ask for a new one.");
    case "link_expired":
      return msg("This connect link has expired. Ask for a new one.");
    default:
      return msg("The calendar was not connected. Try again.");
  }
}

/** How fresh a calendar's busy times are: "Updated 2 minutes ago". */
export function freshness(syncedAt: string | null, now: number, locale: string): string {
  if (!syncedAt) return msg("Busy times not read yet");
  const seconds = Math.round((Date.parse(syncedAt) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const abs = Math.abs(seconds);
  const ago =
    abs < 60
      ? format.format(seconds, "second")
      : abs < 3600
        ? format.format(Math.round(seconds / 60), "minute")
        : abs < 86_400
          ? format.format(Math.round(seconds / 3600), "hour")
          : format.format(Math.round(seconds / 86_400), "day");
  return msg(str`Updated ${ago}`);
}

function validationText(error: Parameters<ErrorTexts["VALIDATION_FAILED"]>[0]): string {
  switch (error.field) {
    case "destinationCalendarId":
      return msg("Frontdesk may not write to that calendar. Choose one you can edit, or none.");
    case "connectionId":
      return msg("This connection is broken or has no calendars yet. Reconnect it, or read its calendars again.");
    case "staffId":
      return msg("This staff member has no e-mail address. Add one to their staff record, or link them to a member of the team.");
    case "returnTo":
      return msg("This page may not receive the person back from the calendar provider. Open the back office on the Frontdesk server.");
    default:
      return backOfficeErrorTexts.VALIDATION_FAILED(error);
  }
}

const calendarErrorTexts: ErrorTexts = {
  ...backOfficeErrorTexts,
  VALIDATION_FAILED: validationText,
  PROVIDER_NOT_CONFIGURED: () => msg("This server has no app set up for that calendar provider. Ask the server's operator."),
  PROVIDER_UNAVAILABLE: () => msg("The calendar provider did not answer. Try again in a moment."),
  ROLE_NOT_ALLOWED: () => msg("Your role does not allow this. Ask an owner or admin."),
  NOT_FOUND: () => msg("That calendar connection does not exist any more. The list now shows what there is."),
};

export const calendarErrorMessage = (error: unknown): string => errorText(error, calendarErrorTexts);
