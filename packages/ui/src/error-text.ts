import { msg } from "@lit/localize";
import { FrontdeskClientError } from "@frontdesk/client";

/** Every code a widget can be answered with: the API's (packages/core/src/errors.ts) and the client's own NETWORK. */
export type ErrorTextCode = FrontdeskClientError["code"];

/** The sentence for one code, given the error (its `field` picks a variant). */
export type ErrorTexts = Record<ErrorTextCode, (error: FrontdeskClientError) => string>;

/** What was wrong with the input, by the field the server names; the server's sentence depends on which rule failed. */
function validationText({ field }: FrontdeskClientError): string {
  switch (field?.replace(/^customer\./, "")) {
    case "name":
      return msg("Enter your name, in at most 120 characters.");
    case "email":
      return msg("Enter an email address like name@example.com.");
    case "phone":
      return msg("Enter a phone number with 6 to 15 digits, e.g. +1 415 555 0100.");
    case "notes":
      return msg("Use at most 2000 characters.");
    case "reason":
      return msg("Use at most 500 characters.");
    case "token":
      return msg("This link is incomplete. Open the link from your confirmation email again.");
    case "start":
      return msg("That time cannot be booked. Please pick one of the listed times.");
    case "customerTimeZone":
      return msg("Your time zone was not recognised. Choose another one from the time zone list.");
    default:
      return msg("Something in this request is not valid. Please check what you entered and try again.");
  }
}

/** Codes that mean the page calls with a credential that cannot do what it asks: nothing the customer did. */
function notSetUp(): string {
  return msg("This page is not set up correctly. Please contact the business.");
}

/** Codes that mean this widget and the server do not speak the same API: nothing the customer did. */
function outOfDate(): string {
  return msg("This booking form could not talk to the booking service. Please reload the page and try again.");
}

/**
 * The widgets' own words, in the widget's language, for every error code; a widget replaces the few it words
 * differently. The server's English message is shown only for a code this table does not know.
 */
export const commonErrorTexts: ErrorTexts = {
  VALIDATION_FAILED: validationText,
  SLOT_NOT_ON_GRID: () => msg("We don't offer an appointment at that time. Please pick one of the listed times."),
  START_IN_PAST: () => msg("That time has already passed. Please pick a later time."),
  TOO_SOON: () => msg("That time is now too soon to book online. Please pick a later time."),
  BEYOND_HORIZON: () => msg("That date is further ahead than bookings are taken. Please pick an earlier date."),
  UNKNOWN_PUBLISHABLE_KEY: () => msg("This booking form is not set up correctly: its publishable key is unknown."),
  UNKNOWN_SECRET_KEY: notSetUp,
  MISSING_SCOPE: notSetUp,
  // Only a business's server registers and replays webhooks: a widget never meets these.
  WEBHOOK_DESTINATION_REFUSED: notSetUp,
  DELIVERY_IN_PROGRESS: notSetUp,
  PRINCIPAL_NOT_ACCEPTED: notSetUp,
  NOT_SIGNED_IN: notSetUp,
  CODE_ALREADY_USED: notSetUp,
  BUSINESS_NOT_CHOSEN: notSetUp,
  NOT_A_MEMBER: notSetUp,
  ROLE_NOT_ALLOWED: notSetUp,
  ACCOUNT_SUSPENDED: notSetUp,
  CROSS_SITE_REQUEST: notSetUp,
  INVITATION_EXPIRED: notSetUp,
  INVITATION_FOR_ANOTHER_EMAIL: notSetUp,
  INVALID_INVITATION: notSetUp,
  LAST_OWNER: notSetUp,
  BUSINESS_SUSPENDED: () => msg("This business is not taking online bookings at the moment. Please contact it directly."),
  // The provider refreshes an expired session itself; these reach a widget only when its vendor's page cannot.
  UNKNOWN_EMBED_SESSION: notSetUp,
  EMBED_SESSION_EXPIRED: notSetUp,
  TOO_MANY_EMBED_SESSIONS: notSetUp,
  INVALID_MANAGE_LINK: () => msg("This link does not work any more. Open the link in your most recent confirmation email, or contact the business."),
  MANAGE_LINK_EXPIRED: () => msg("This link has expired: its appointment ended more than 30 days ago. Please contact the business."),
  ORIGIN_NOT_ALLOWED: () => msg("Online booking is not enabled for this website."),
  NOT_FOUND: () => msg("We could not find what you were looking for. Please contact the business."),
  UNKNOWN_SERVICE: () => msg("That service can no longer be booked online. Please choose another."),
  UNKNOWN_STAFF: () => msg("That person does not offer this service. Please choose someone else, or any available."),
  UNKNOWN_LOCATION: () => msg("That location is not available. Please choose another."),
  SLOT_TAKEN: () => msg("Sorry, that time was just booked by someone else. Please pick another time."),
  IDEMPOTENCY_KEY_REUSED: () => msg("This booking was already sent with other details. Please start a new booking."),
  NUMBER_TAKEN: () => msg("That phone number is already in use. Pick another one."),
  PROVIDER_NOT_CONFIGURED: () => msg("The phone line is not set up: connect a Retell and a Twilio account first."),
  PROVIDER_REJECTED: () => msg("The phone provider refused this change. Check the details and try again."),
  PROVIDER_AUTH_FAILED: () => msg("The phone provider did not accept the business's keys. Connect the account again."),
  PROVIDER_UNAVAILABLE: () => msg("The phone provider cannot be reached right now. Please try again in a few minutes."),
  HOLD_EXPIRED: () => msg("We could not hold that time any longer, and it has been booked meanwhile. Please pick another time."),
  CHANGE_WINDOW_CLOSED: () => msg("This appointment can no longer be changed online."),
  INVALID_TRANSITION: () => msg("This appointment has changed in the meantime. Here it is as it is now."),
  TOO_MANY_HOLDS: () => msg("You are already holding several times. Finish one booking first, or wait a few minutes."),
  CUSTOMER_HAS_UPCOMING: () => msg("This customer still has upcoming appointments. Cancel them first, or erase with cancelUpcoming."),
  REQUEST_TOO_LARGE: () => msg("What you entered is too long to send. Please shorten it and try again."),
  RATE_LIMITED: () => msg("There were too many requests in a short time. Please wait a minute and try again."),
  INVALID_JSON: outOfDate,
  UNKNOWN_PROCEDURE: outOfDate,
  UNKNOWN_ROUTE: outOfDate,
  METHOD_NOT_ALLOWED: outOfDate,
  UNSUPPORTED_MEDIA_TYPE: outOfDate,
  INTERNAL: () => msg("Something went wrong on our side. Please try again."),
  NETWORK: () => msg("Could not reach the booking service. Check your connection and try again."),
};

/** The sentence to show for a failed request, from `texts` by its code; the server's own message for a code it does not know. */
export function errorText(error: unknown, texts: ErrorTexts = commonErrorTexts): string {
  if (!(error instanceof FrontdeskClientError)) return msg("Something went wrong. Please try again.");
  const text = Object.hasOwn(texts, error.code) ? texts[error.code] : undefined;
  // A server newer than this widget may answer with a code it does not know yet; its message is written for the customer.
  return text ? text(error) : error.message;
}
