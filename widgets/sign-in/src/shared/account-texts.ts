import { msg, str } from "@lit/localize";
import { AccountsError } from "@frontdesk/client";

/** The rules the server holds passwords to (server/app/accounts/auth.ts). */
export const passwordLength = { min: 10, max: 128 } as const;

const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function emailProblem(email: string): string | undefined {
  const trimmed = email.trim();
  if (!trimmed) return msg("Enter your e-mail address.");
  if (!emailPattern.test(trimmed) || trimmed.length > 254) return msg("Enter an e-mail address like name@example.com.");
  return undefined;
}

export function newPasswordProblem(password: string): string | undefined {
  if (password.length < passwordLength.min || password.length > passwordLength.max) return passwordRule();
  return undefined;
}

export const passwordRule = () => msg(str`Use ${passwordLength.min} to ${passwordLength.max} characters.`);

/** "Please wait 2 minutes", from a Retry-After in seconds. */
function waitText(seconds: number | undefined): string {
  if (!seconds) return msg("Too many attempts. Please wait a minute and try again.");
  if (seconds < 60) return msg(str`Too many attempts. Please wait ${seconds} seconds and try again.`);
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? msg("Too many attempts. Please wait a minute and try again.") : msg(str`Too many attempts. Please wait ${minutes} minutes and try again.`);
}

/** The sentence for a failed accounts call, in the widget's language; the server's own message for a code not listed. */
export function accountErrorText(error: unknown): string {
  if (!(error instanceof AccountsError)) return msg("Something went wrong. Please try again.");
  if (error.status === 429) return waitText(error.retryAfterSeconds);
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return msg("That e-mail address and password do not match. Check both and try again.");
    case "INVALID_PASSWORD":
      return msg("That password is not right.");
    case "PASSWORD_TOO_SHORT":
    case "PASSWORD_TOO_LONG":
      return passwordRule();
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return msg("An account with this e-mail address already exists. Sign in instead.");
    case "INVALID_EMAIL":
      return msg("Enter an e-mail address like name@example.com.");
    case "INVALID_TOKEN":
    case "TOKEN_EXPIRED":
      return msg("This link does not work any more. Ask for a new one.");
    case "INVALID_CODE":
    case "INVALID_TWO_FACTOR_COOKIE":
      return msg("That code is not right. Enter the current code from your authenticator app.");
    case "CODE_ALREADY_USED":
      return msg("This code was used already. Wait for the next code from your authenticator app.");
    case "INVALID_BACKUP_CODE":
      return msg("That backup code is not right, or it was used already.");
    case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
    case "OTP_HAS_EXPIRED":
      return msg("That code has expired. Sign in again.");
    case "ACCOUNT_SUSPENDED":
      return msg("This account is suspended on this server.");
    case "NETWORK":
      return msg("Could not reach the server. Check your connection and try again.");
    default:
      return error.status >= 500 ? msg("Something went wrong on our side. Please try again.") : error.message;
  }
}

/** Passkey ceremonies the person (or their browser) cancelled or refused, which need no scary wording. */
export function passkeyErrorText(error: unknown): string {
  if (error instanceof AccountsError) return accountErrorText(error);
  const name = (error as { name?: string; code?: string })?.name;
  const code = (error as { code?: string })?.code;
  if (name === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED") return msg("The passkey request was cancelled or timed out. Try again when you are ready.");
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return msg("This device already holds a passkey for your account.");
  if (name === "NotSupportedError" || code === "ERROR_WEBAUTHN_NOT_SUPPORTED") return msg("This browser cannot use passkeys.");
  return msg("The passkey could not be used. Try again, or sign in with your password.");
}
