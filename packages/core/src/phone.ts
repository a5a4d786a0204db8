/**
 * Phone numbers in E.164, parsed and validated with libphonenumber-js ("max" metadata, which knows a number's type).
 * Server-side only: the metadata is large, so this module is its own entry point (`@frontdesk/core/phone`) and is
 * never exported from `@frontdesk/core`, which the widgets import. Widgets show numbers the server formatted.
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from "libphonenumber-js/max";
import { FrontdeskError } from "./errors";

/** What a valid number is: its E.164 form, the country it belongs to, and how a person reads it. */
export interface ParsedPhoneNumber {
  /** E.g. `+14155550100`. */
  e164: string;
  /** ISO 3166 alpha-2, e.g. `US`; undefined for the few non-geographic numbers. */
  country: string | undefined;
  /** E.g. `(415) 555-0100`. */
  national: string;
  /** E.g. `+1 415 555 0100`. */
  international: string;
  type: "mobile" | "fixed_line" | "fixed_line_or_mobile" | "toll_free" | "other";
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Whether `value` is already written as E.164 (a `+`, then 7 to 15 digits); says nothing of whether the number exists. */
export function looksLikeE164(value: string): boolean {
  return E164.test(value);
}

/**
 * Reads a number as a person or a carrier wrote it. Without a leading `+` it is read as a number of
 * `defaultCountry`. Throws VALIDATION_FAILED on `field` when it is not a valid number.
 */
export function parsePhoneNumber(value: string, options: { defaultCountry?: string; field?: string } = {}): ParsedPhoneNumber {
  const field = options.field ?? "phone";
  const parsed = tryParse(value, options.defaultCountry);
  if (!parsed) {
    const hint = options.defaultCountry ? "" : " Start it with + and the country code.";
    throw new FrontdeskError("VALIDATION_FAILED", `“${value.trim().slice(0, 40)}” is not a phone number we can read, e.g. +1 415 555 0100.${hint}`, { field });
  }
  if (!parsed.isValid()) {
    throw new FrontdeskError("VALIDATION_FAILED", `${parsed.formatInternational()} is not a valid phone number${parsed.country ? ` in ${parsed.country}` : ""}: check its digits.`, { field });
  }
  return {
    e164: parsed.number,
    country: parsed.country,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
    type: typeOf(parsed),
  };
}

/**
 * The E.164 form of a valid number, or undefined: for caller ids, which we match but never refuse. Every tool call of
 * a phone call reads the same numbers again, and parsing one costs tens of microseconds: the last few thousand answers
 * are kept.
 */
export function toE164(value: string, defaultCountry?: string): string | undefined {
  if (value.length > 64) return undefined;
  const key = `${defaultCountry ?? ""} ${value}`;
  if (knownE164.has(key)) return knownE164.get(key);
  const parsed = tryParse(value, defaultCountry);
  const e164 = parsed?.isValid() ? parsed.number : undefined;
  if (knownE164.size >= maxKnownE164) knownE164.delete(knownE164.keys().next().value!);
  knownE164.set(key, e164);
  return e164;
}
const knownE164 = new Map<string, string | undefined>();
const maxKnownE164 = 2_000;

/** A number already in E.164, checked: throws VALIDATION_FAILED on `field` unless it is one, valid, and written so. */
export function requireE164(value: string, field = "phoneNumber"): string {
  if (!looksLikeE164(value)) throw new FrontdeskError("VALIDATION_FAILED", "Write the number in E.164, e.g. +14155550100.", { field });
  return parsePhoneNumber(value, { field }).e164;
}

function tryParse(value: string, defaultCountry: string | undefined): PhoneNumber | undefined {
  if (value.length > 64) return undefined;
  const country = defaultCountry?.toUpperCase() as CountryCode | undefined;
  return parsePhoneNumberFromString(value.trim(), country ? { defaultCountry: country } : undefined);
}

function typeOf(parsed: PhoneNumber): ParsedPhoneNumber["type"] {
  switch (parsed.getType()) {
    case "MOBILE":
      return "mobile";
    case "FIXED_LINE":
      return "fixed_line";
    case "FIXED_LINE_OR_MOBILE":
      return "fixed_line_or_mobile";
    case "TOLL_FREE":
      return "toll_free";
    default:
      return "other";
  }
}
