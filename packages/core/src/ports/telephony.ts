/**
 * The telephony port: the business's phone numbers at a carrier (Twilio first). A first, minimal shape for the
 * adapters to come; the server calls it, an integration implements it, and its fake stands in for sandbox mode.
 * Inbound calls arrive as verified webhooks, not through this port.
 */

export interface AvailablePhoneNumber {
  /** E.164, e.g. `+14155550123`. */
  phoneNumber: string;
  /** The carrier's own label for it, e.g. `(415) 555-0123`. */
  friendlyName: string;
  locality?: string;
}

export interface OwnedPhoneNumber {
  /** The carrier's id for the number (Twilio's `PN…` sid). */
  providerNumberId: string;
  phoneNumber: string;
}

export interface TelephonyProvider {
  /** A short name for logs and stored rows, e.g. `twilio`, `sandbox`. */
  readonly name: string;
  /** Numbers the business could buy in a country (ISO 3166 alpha-2), optionally near an area code. */
  searchNumbers(query: { country: string; areaCode?: string }): Promise<AvailablePhoneNumber[]>;
  /** Buys a number and points its incoming calls at `voiceWebhookUrl`. */
  buyNumber(phoneNumber: string, options: { voiceWebhookUrl: string }): Promise<OwnedPhoneNumber>;
  /** Gives a number back to the carrier; releasing one already released succeeds. */
  releaseNumber(providerNumberId: string): Promise<void>;
}
