import { FrontdeskError, isProviderError, type ErrorCode } from "@frontdesk/core";

// Twilio's "this number is no longer for sale": someone else bought it first.
const twilioNumberUnavailable = 21422;

const codes = { auth: "PROVIDER_AUTH_FAILED", rejected: "PROVIDER_REJECTED", unavailable: "PROVIDER_UNAVAILABLE" } as const satisfies Record<string, ErrorCode>;

/**
 * A provider's failure (a `ProviderError` from the Retell or Twilio adapter) as the error the caller sees:
 * `PROVIDER_AUTH_FAILED` (424), `PROVIDER_REJECTED` (422, the provider's reason in the message),
 * `PROVIDER_UNAVAILABLE` (503, worth trying again), and `NOT_FOUND` for what the provider does not have, with
 * `field` naming the input at fault when the caller gives one; `NUMBER_TAKEN` when Twilio no longer sells the number.
 * Anything else passes through unchanged.
 */
export function fromProviderError(error: unknown, options: { field?: string; notFound?: string } = {}): unknown {
  if (!isProviderError(error)) return error;
  const provider = error.provider === "twilio" ? "Twilio" : error.provider === "retell" ? "Retell" : error.provider;
  const field = options.field ? { field: options.field } : {};
  if (error.provider === "twilio" && error.providerCode === twilioNumberUnavailable) {
    return new FrontdeskError("NUMBER_TAKEN", "That number is no longer for sale. Search again and pick another one.", { field: "phoneNumber", cause: error });
  }
  if (error.kind === "not_found") return new FrontdeskError("NOT_FOUND", options.notFound ?? `${provider} has no such thing: ${error.message}`, { ...field, cause: error });
  const message =
    error.kind === "auth"
      ? `${provider} did not accept the credentials: check the key in the business's connection. (${error.message})`
      : error.kind === "unavailable"
        ? `${provider} could not be reached or failed; try again in a moment. (${error.message})`
        : `${provider} refused the request: ${error.message}`;
  return new FrontdeskError(codes[error.kind], message, { ...(error.kind === "rejected" ? field : {}), cause: error });
}

/** Runs `work`, turning a provider's failure into our error (see `fromProviderError`). */
export async function withProvider<T>(work: () => Promise<T>, options: { field?: string; notFound?: string } = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw fromProviderError(error, options);
  }
}
