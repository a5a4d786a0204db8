import { FrontdeskError, isProviderError, type ProviderError } from "@frontdesk/core";

// Twilio's "this number is no longer for sale": someone else bought it first.
const twilioNumberUnavailable = 21422;

/**
 * What a business is told when Retell or Twilio refused or failed: one of the PROVIDER_* codes, with the provider's own
 * reason in the message. A FrontdeskError passes through; anything else is left for the server's 500.
 */
export function providerFailure(error: unknown, field?: string): unknown {
  if (!isProviderError(error)) return error;
  const who = error.provider === "twilio" ? "Twilio" : error.provider === "retell" ? "Retell" : error.provider;
  const options = { cause: error, ...(field ? { field } : {}) };
  if (error.provider === "twilio" && error.providerCode === twilioNumberUnavailable) {
    return new FrontdeskError("NUMBER_TAKEN", "That number is no longer for sale. Search again and pick another one.", { ...options, field: "phoneNumber" });
  }
  switch (error.kind) {
    case "auth":
      return new FrontdeskError("PROVIDER_AUTH_FAILED", `${who} did not accept the account's credentials: check them in the connection settings.`, options);
    case "unavailable":
      return new FrontdeskError("PROVIDER_UNAVAILABLE", `${who} could not be reached or failed: ${reason(error)} Try again in a moment.`, options);
    default:
      return new FrontdeskError("PROVIDER_REJECTED", `${who} refused the request: ${reason(error)}`, options);
  }
}

/** Runs provider work, answering its failures as `providerFailure` says. */
export async function withProvider<T>(work: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw providerFailure(error, field);
  }
}

function reason(error: ProviderError): string {
  const message = error.message.trim() || "no reason given";
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
