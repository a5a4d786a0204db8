import { z } from "zod";
import { partsOfDay } from "../scheduling/spoken-dates";
import { messageUrgencies } from "../vocabulary";

/**
 * The tools a phone agent calls: the arguments it may pass (its language model fills them in, so every one is
 * forgiving: words for dates, names for services) and the answer it gets. An answer is short text the agent can
 * say, and a stable `code` the prompt and the scenarios test against.
 */

const words = (max: number) => z.string().trim().min(1).max(max);

export const checkAvailabilityArgs = z.object({
  /** A service's name as the caller said it, or its id. */
  service: words(120),
  /** An ISO date or words: "today", "next Tuesday", "el martes que viene", "the 19th". */
  date: words(120),
  part_of_day: z.enum([...partsOfDay, "any"]).optional(),
  staff: words(120).optional(),
});

export const bookAppointmentArgs = z.object({
  service: words(120),
  /** The `start` of a slot `check_availability` offered. */
  start: z.iso.datetime({ offset: true }),
  name: words(120),
  email: z.email().max(254).optional(),
  /** The caller's number unless they give another. */
  phone: words(40).optional(),
  notes: z.string().trim().max(1000).optional(),
});

export const rescheduleAppointmentArgs = z.object({
  /** An appointment id `find_customer` told; without it, the caller's next appointment. */
  appointment: words(64).optional(),
  new_start: z.iso.datetime({ offset: true }),
});

export const cancelAppointmentArgs = z.object({
  appointment: words(64).optional(),
  reason: z.string().trim().max(500).optional(),
});

export const findCustomerArgs = z.object({ phone: words(40).optional(), name: words(120).optional() });

export const businessInfoArgs = z.object({
  topic: z.enum(["hours", "address", "directions", "services", "prices", "faq"]),
  question: z.string().trim().max(500).optional(),
});

export const takeMessageArgs = z.object({
  name: words(120),
  message: words(2000),
  phone: words(40).optional(),
  urgency: z.enum(messageUrgencies).optional(),
});

export const transferToHumanArgs = z.object({ reason: z.string().trim().max(500).default("") });

/** Each tool's arguments, by the name the agent calls it. */
export const toolArgs = {
  check_availability: checkAvailabilityArgs,
  book_appointment: bookAppointmentArgs,
  reschedule_appointment: rescheduleAppointmentArgs,
  cancel_appointment: cancelAppointmentArgs,
  find_customer: findCustomerArgs,
  business_info: businessInfoArgs,
  take_message: takeMessageArgs,
  transfer_to_human: transferToHumanArgs,
} as const;
export type ToolArgs = { [K in keyof typeof toolArgs]: z.infer<(typeof toolArgs)[K]> };

/** What a tool answer can say happened: stable words, in the prompt and in scenario expectations. */
export const toolAnswerCodes = [
  "SLOTS",
  "NO_SLOTS",
  "PAST_DATE",
  "UNRECOGNISED_DATE",
  "UNKNOWN_SERVICE",
  "CLOSED_DAY",
  "BOOKED",
  "PENDING_APPROVAL",
  "SLOT_TAKEN",
  "HOLD_EXPIRED",
  "CANCELLED",
  "NOT_FOUND",
  "FOUND",
  "INFO",
  "TOO_LATE_TO_CHANGE",
  "TRANSFER_OK",
  "TRANSFER_UNAVAILABLE",
  "MESSAGE_TAKEN",
  "INVALID_ARGUMENTS",
  "ERROR",
] as const;
export type ToolAnswerCode = (typeof toolAnswerCodes)[number];

export const toolSlotSchema = z.object({ start: z.string(), label: z.string(), staff: z.string().optional() });

/** Always answered with HTTP 200, under 2 kB: `say` first, in the agent's language. */
export const toolAnswerSchema = z
  .object({
    say: z.string().max(1500),
    ok: z.boolean(),
    code: z.enum(toolAnswerCodes),
    slots: z.array(toolSlotSchema).max(5).optional(),
    appointment_id: z.string().optional(),
    transfer_number: z.string().optional(),
  })
  .loose();
export type ToolAnswer = z.infer<typeof toolAnswerSchema>;
