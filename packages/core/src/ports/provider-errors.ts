/**
 * What a provider adapter (Retell, Twilio) throws when the provider answered with an error or could not be reached.
 * The server maps `kind` to its own error codes; `unavailable` is the only kind worth retrying.
 */

export const providerErrorKinds = ["not_found", "auth", "rejected", "unavailable"] as const;
export type ProviderErrorKind = (typeof providerErrorKinds)[number];

export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly kind: ProviderErrorKind;
  /** Which adapter threw it, e.g. `retell`, `twilio`. */
  readonly provider: string;
  /** The provider's own code when it gave one (an HTTP status, Twilio's error number). */
  readonly providerCode: string | number | undefined;
  /** How long the provider asked us to wait before trying again (a 429 or 503 with Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(kind: ProviderErrorKind, message: string, provider: string, options: { providerCode?: string | number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.provider = provider;
    this.providerCode = options.providerCode;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the same request could succeed later (rate limits, provider outages, lost connections). */
  get transient(): boolean {
    return this.kind === "unavailable";
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}
