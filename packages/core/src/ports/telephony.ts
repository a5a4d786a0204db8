/**
 * The telephony port: the business's phone numbers at a carrier (Twilio). The server calls it, an integration
 * implements it, and the carrier's fake stands in for sandbox mode. Inbound voice never comes through here: the
 * carrier hands calls over a SIP trunk to the voice provider, whose webhooks tell us about them. SMS goes through
 * the `Messenger` port (channel `sms`).
 */

import type { PhoneNumberType } from "../vocabulary";

export interface NumberSearch {
  /** ISO 3166 alpha-2, e.g. `US`. */
  country: string;
  type: PhoneNumberType;
  areaCode?: string;
  /** Digits, letters (read as a keypad) and `*` as a wildcard, e.g. `555*`. */
  contains?: string;
  /** Only numbers that can send SMS. */
  sms?: boolean;
  limit?: number;
}

export interface AvailablePhoneNumber {
  /** E.164, e.g. `+14155550123`. */
  phoneNumber: string;
  /** The carrier's own label for it, e.g. `(415) 555-0123`. */
  friendlyName: string;
  isoCountry: string;
  type: PhoneNumberType;
  locality?: string;
  region?: string;
  capabilities: { voice: boolean; sms: boolean; mms: boolean };
  /** Whether the carrier needs an address on file before selling it, and where that address must be. */
  addressRequired: "none" | "any" | "local" | "foreign";
}

export interface OwnedPhoneNumber {
  /** The carrier's id for the number (Twilio's `PN…` sid). */
  providerNumberId: string;
  phoneNumber: string;
  /** The SIP trunk the number's calls go to, once it is on one. */
  trunkId: string | null;
}

/** The elastic SIP trunk that carries a carrier's calls to the voice provider, and the credentials it terminates with. */
export interface SipTrunk {
  trunkId: string;
  /** E.g. `frontdesk-ten-abc.pstn.twilio.com`: what the voice provider dials out through. */
  terminationUri: string;
  username: string;
  password: string;
}

export interface TelephonyProvider {
  /** A short name for logs and stored rows, e.g. `twilio`. */
  readonly name: string;
  searchNumbers(query: NumberSearch): Promise<AvailablePhoneNumber[]>;
  buyNumber(phoneNumber: string, options: { friendlyName: string; trunkId?: string; smsStatusUrl?: string }): Promise<OwnedPhoneNumber>;
  updateNumber(providerNumberId: string, patch: { friendlyName?: string; trunkId?: string | null }): Promise<void>;
  /** The number if this account holds it already: bought, or ported in from another carrier. */
  ownedNumber(phoneNumber: string): Promise<OwnedPhoneNumber | undefined>;
  /** Gives a number back to the carrier; releasing one already released succeeds. */
  releaseNumber(providerNumberId: string): Promise<void>;
  /** Idempotent by `domainName`: finds or creates the trunk, its origination URL and its credential list. */
  ensureSipTrunk(options: { friendlyName: string; domainName: string; originationSipUrl: string }): Promise<SipTrunk>;
}
