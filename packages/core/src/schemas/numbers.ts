import { z } from "zod";
import { singleLineText } from "../text";
import { idSchema } from "./common";
import { phoneCarriers, phoneNumberStatuses, phoneNumberTypes, portingStatuses } from "../vocabulary";

/**
 * Phone numbers: searched for, bought (through Twilio and wired to Retell over a SIP trunk, or through Retell),
 * named, bound to an agent, released, or ported in. The server parses every number with libphonenumber-js
 * (`@frontdesk/core/phone`); these schemas check only the E.164 shape, so the widgets need no metadata.
 */

/** `+`, a country code and the number: 7 to 15 digits in all, e.g. +14155550100. */
export const e164Schema = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "Write the number in E.164, e.g. +14155550100.");

const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "Use a two-letter country code such as US.")
  .transform((code) => code.toUpperCase());

export const numberSearchInput = z.object({
  country,
  type: z.enum(phoneNumberTypes).default("local"),
  areaCode: z.string().trim().regex(/^\d{2,5}$/, "Use an area code of 2 to 5 digits, e.g. 415.").optional(),
  /** Digits, letters (read as on a keypad) and `*` as a wildcard, e.g. `555*` or `SMILE`. */
  contains: z.string().trim().regex(/^[0-9A-Za-z*]{1,16}$/, "Use up to 16 digits, letters or *.").optional(),
  sms: z.boolean().optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const availableNumberOutput = z.object({
  phoneNumber: z.string(),
  friendlyName: z.string(),
  isoCountry: z.string(),
  type: z.enum(phoneNumberTypes),
  locality: z.string().optional(),
  region: z.string().optional(),
  capabilities: z.object({ voice: z.boolean(), sms: z.boolean(), mms: z.boolean() }),
  addressRequired: z.enum(["none", "any", "local", "foreign"]),
});
export type AvailableNumber = z.infer<typeof availableNumberOutput>;

export const buyNumberInput = z.object({
  phoneNumber: e164Schema,
  /** Who sells it: Twilio (then wired to Retell over the business's SIP trunk) or Retell itself (US and CA only). */
  carrier: z.enum(phoneCarriers).default("twilio"),
  nickname: singleLineText().max(80, "Use at most 80 characters.").optional(),
  agentId: idSchema.optional(),
});

export const numberIdInput = z.object({ numberId: idSchema });

export const updateNumberInput = z.object({
  numberId: idSchema,
  nickname: singleLineText().max(80, "Use at most 80 characters.").optional(),
  /** null unbinds the agent. */
  agentId: idSchema.nullable().optional(),
  /** The agent that answers outside the business's hours; null: the main agent answers at all hours. */
  afterHoursAgentId: idSchema.nullable().optional(),
  status: z.enum(["active", "inactive"]).optional(),
});

/** Releasing is for good: the answer to `numbers.releaseToken` must come back, so it is never one click. */
export const releaseNumberInput = z.object({ numberId: idSchema, confirmation: z.string().min(1, "Required.").max(200) });

export const phoneNumberOutput = z.object({
  id: z.string(),
  e164: z.string(),
  /** As a person reads it in the number's country, e.g. (415) 555-0100. */
  display: z.string(),
  country: z.string(),
  type: z.enum(phoneNumberTypes),
  nickname: z.string(),
  carrier: z.enum(phoneCarriers),
  status: z.enum(phoneNumberStatuses),
  agentId: z.string().nullable(),
  afterHoursAgentId: z.string().nullable(),
  /** The published agent version calls are answered with. */
  pinnedVersionId: z.string().nullable(),
  capabilities: z.object({ voice: z.boolean(), sms: z.boolean(), mms: z.boolean() }),
  sandbox: z.boolean(),
  /**
   * How far the purchase got: `pending` (nothing bought yet), `bought` (the carrier has it, Retell not yet: buying it
   * again finishes the wiring), `wired` (Retell answers it).
   */
  setup: z.enum(["pending", "bought", "wired"]),
  createdAt: z.string(),
});
export type PhoneNumberRecord = z.infer<typeof phoneNumberOutput>;

export const numberUsageInput = z.object({ numberId: idSchema, from: z.iso.date().optional(), to: z.iso.date().optional() });
export const numberUsageOutput = z.object({ calls: z.number().int(), minutes: z.number(), costCents: z.number().int() });

export const portingRequestInput = z.object({
  phoneNumber: e164Schema,
  currentCarrier: singleLineText().min(1, "Name the carrier the number is with now.").max(120),
  /** The account number at the current carrier; stored sealed. */
  accountNumber: z.string().trim().min(1, "Required.").max(64),
  /** The port-out PIN, if the carrier uses one; stored sealed. */
  pin: z.string().trim().max(32).optional(),
});

export const portingStatusInput = z.object({
  requestId: idSchema,
  status: z.enum(portingStatuses),
  note: singleLineText().max(500).optional(),
});

export const portingRequestOutput = z.object({
  id: z.string(),
  e164: z.string(),
  currentCarrier: z.string(),
  status: z.enum(portingStatuses),
  /** Whether the signed Letter of Authorization has been uploaded. */
  hasLetterOfAuthorization: z.boolean(),
  history: z.array(z.object({ at: z.string(), status: z.enum(portingStatuses), note: z.string(), actor: z.enum(["staff", "operator", "system"]) })),
  createdAt: z.string(),
});

export const phoneNumbersOutput = z.array(phoneNumberOutput);
export const availableNumbersOutput = z.array(availableNumberOutput);
export const portingRequestsOutput = z.array(portingRequestOutput);
/** Released numbers are left out unless asked for. */
export const numberListInput = z.object({ released: z.boolean().default(false) });

/** Every status a number went through, oldest first. */
export const numberHistoryOutput = z.array(
  z.object({ at: z.string(), status: z.enum(phoneNumberStatuses), actor: z.enum(["staff", "operator", "system"]), note: z.string() }),
);

/** What `numbers.release` wants back: this token (valid for ten minutes), or the number itself, repeated. */
export const releaseTokenOutput = z.object({ confirmation: z.string(), phoneNumber: z.string(), expiresAt: z.string() });

export const portingRequestIdInput = z.object({ requestId: idSchema });

/** The signed Letter of Authorization: a PDF, PNG or JPEG, base64-encoded, at most 700 kB once decoded. */
export const letterOfAuthorizationInput = z.object({
  requestId: idSchema,
  contentType: z.enum(["application/pdf", "image/png", "image/jpeg"]),
  data: z.string().min(1, "Required.").max(1_000_000, "Upload a file of at most 700 kB."),
});

/** An operator moving a business's porting request along. */
export const operatorPortingStatusInput = portingStatusInput.extend({ businessId: idSchema });
export const operatorPortingListInput = z.object({ businessId: idSchema });
/** An operator suspending or reinstating a business's number. */
export const operatorNumberInput = z.object({ businessId: idSchema, numberId: idSchema, note: singleLineText().max(500).optional() });
export const operatorPortingRequestInput = z.object({ businessId: idSchema, requestId: idSchema });
export const letterOfAuthorizationOutput = z.object({ contentType: z.string(), data: z.string() });
