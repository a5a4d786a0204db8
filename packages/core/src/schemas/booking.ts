import { z } from "zod";
import { multiLineText, singleLineText } from "../text";
import { appointmentStatuses } from "../vocabulary";
import { boundedRange, idSchema as id, instantSchema, localDateSchema, timeZoneSchema } from "./common";

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
}).meta({ id: "Appointment" });
export type AppointmentSummary = z.infer<typeof appointmentOutput>;

function digits(value: string): number {
  return value.replace(/\D/g, "").length;
}
