import { z } from "zod";
import { daysInMonth, isCalendarDate, isKnownTimeZone } from "./scheduling/dates";
import { multiLineText, singleLineText } from "./text";

const id = z.string().min(1, "Required.").max(64);

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A calendar date `YYYY-MM-DD` that exists: 2026-11-31 is refused, not read as 1 December. */
export const localDateSchema = z.string().refine(isCalendarDate, {
  error: (issue) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(issue.input));
    if (!match) return "Use a date like 2026-03-14.";
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) return `There is no month ${match[2]}: use a date like 2026-03-14.`;
    return `There is no ${issue.input as string}: ${monthNames[month - 1]} ${year} has ${daysInMonth(year, month)} days.`;
  },
});
/** An instant as ISO 8601 with `Z` or an offset, on a real calendar day (zod checks the day exists). */
export const instantSchema = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time such as 2026-03-14T09:30:00Z." });

export const timeZoneSchema = z.string().refine(isKnownTimeZone, "Unknown time zone; use an IANA name such as Europe/Berlin.");


export const catalogOutput = z.object({
  business: z.object({ name: z.string(), timeZone: z.string(), sandbox: z.boolean(), holdMinutes: z.number().int() }),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      durationMin: z.number().int(),
      priceCents: z.number().int().nullable(),
      currency: z.string(),
      /** Seats per session; above 1 it is a group session. */
      capacity: z.number().int(),
      /** Bookings stay `pending` until staff approve them. */
      requiresApproval: z.boolean(),
      staffIds: z.array(z.string()),
    }),
  ),
  staff: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
  /** Empty for a business with one place. */
  locations: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })),
});
export type Catalog = z.infer<typeof catalogOutput>;

/** A search range of local dates: in order, and short enough to answer quickly. */
function boundedRange<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((v) => v.from <= v.to, { message: "The range ends before it starts.", path: ["to"] })
    .refine((v) => daysBetween(v.from, v.to) <= 62, { message: "Ask for at most 62 days at a time.", path: ["to"] });
}

export const availabilityInput = boundedRange(z
  .object({
    serviceId: id,
    staffId: id.optional(),
    /** Only times at this location (a business with several places). */
    locationId: id.optional(),
    from: localDateSchema,
    to: localDateSchema,
  }));
export type AvailabilityInput = z.infer<typeof availabilityInput>;

export const availabilityOutput = z.object({
  timeZone: z.string(),
  slots: z.array(
    z.object({
      start: z.string(),
      end: z.string(),
      staffIds: z.array(z.string()),
      /** For group sessions: seats still free (the most any listed staff member has). */
      seatsLeft: z.number().int().optional(),
    }),
  ),
});
export type Availability = z.infer<typeof availabilityOutput>;

export const customerInput = z.object({
  name: singleLineText().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
  email: z.email("Enter an email address like name@example.com.").max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{6,20}$/, "Enter a phone number with 6 to 15 digits, e.g. +1 415 555 0100.")
    .refine((p) => digits(p) >= 6 && digits(p) <= 15, "Enter a phone number with 6 to 15 digits, e.g. +1 415 555 0100.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const createBookingInput = z.object({
  serviceId: id,
  /** Omitted: any available staff member. */
  staffId: id.optional(),
  locationId: id.optional(),
  start: instantSchema,
  customer: customerInput,
  notes: multiLineText().max(2000, "Use at most 2000 characters.").optional(),
  /** The customer's zone, kept for messages sent to them. */
  customerTimeZone: timeZoneSchema.optional(),
  /** The same key on a retried submission returns the first booking instead of making another. */
  idempotencyKey: z.string().min(8).max(128).optional(),
  /** A hold placed on this time by `booking.hold`: the booking takes its place. */
  holdId: id.optional(),
  /** Pre-filled values or the page's locale; used for messages to the customer. */
  locale: z.string().max(35).optional(),
});
export type CreateBookingInput = z.input<typeof createBookingInput>;

export const holdInput = z.object({ serviceId: id, staffId: id.optional(), locationId: id.optional(), start: instantSchema });
export type HoldInput = z.input<typeof holdInput>;
export const holdOutput = z.object({ holdId: z.string(), staffId: z.string(), start: z.string(), end: z.string(), expiresAt: z.string() });
export type Hold = z.infer<typeof holdOutput>;
export const releaseHoldInput = z.object({ holdId: id });

/** A customer's manage link carries this token; it names one appointment and is signed by the server. */
export const manageToken = z.string().min(20, "This link is incomplete. Open the link from your confirmation email again.").max(400);
export const manageGetInput = z.object({ token: manageToken });
export const manageAvailabilityInput = boundedRange(z.object({ token: manageToken, from: localDateSchema, to: localDateSchema }));
export const manageRescheduleInput = z.object({ token: manageToken, start: instantSchema });
export const manageCancelInput = z.object({ token: manageToken, reason: singleLineText().max(500).optional() });

export const appointmentStatuses = ["held", "pending", "confirmed", "cancelled", "rejected", "expired", "completed", "no_show"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const appointmentOutput = z.object({
  id: z.string(),
  status: z.enum(appointmentStatuses),
  serviceId: z.string(),
  staffId: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  serviceName: z.string(),
  staffName: z.string(),
  customerName: z.string(),
  /** Until when the customer may still cancel or reschedule (the cancellation policy); null once it cannot change. */
  changeableUntil: z.string().nullable().optional(),
});
export type AppointmentSummary = z.infer<typeof appointmentOutput>;

export const managedAppointmentOutput = appointmentOutput.extend({
  /** `cancellationNoticeHours`: how long before the start the customer may still change it. */
  business: z.object({ name: z.string(), timeZone: z.string(), cancellationNoticeHours: z.number().int() }),
  customerTimeZone: z.string().nullable(),
  /** Whether the customer may still change it, and if not, why. */
  canChange: z.boolean(),
  cannotChangeReason: z.string().nullable(),
});
export type ManagedAppointment = z.infer<typeof managedAppointmentOutput>;

export const outboxOutput = z.array(
  z.object({
    id: z.string(),
    kind: z.string(),
    channel: z.enum(["email", "sms"]),
    recipient: z.string(),
    subject: z.string(),
    text: z.string(),
    hasCalendarFile: z.boolean(),
    status: z.enum(["queued", "sent", "failed", "cancelled"]),
    sendAt: z.string(),
    sentAt: z.string().nullable(),
  }),
);
export type OutboxMessage = z.infer<typeof outboxOutput>[number];

function digits(value: string): number {
  return value.replace(/\D/g, "").length;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
