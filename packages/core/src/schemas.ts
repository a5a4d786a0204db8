import { z } from "zod";

const id = z.string().min(1, "Required.").max(64);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-14.");
const isoInstant = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time such as 2026-03-14T09:30:00Z." });

export const timeZoneSchema = z.string().refine(isKnownTimeZone, "Unknown time zone; use an IANA name such as Europe/Berlin.");

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const catalogOutput = z.object({
  business: z.object({ name: z.string(), timeZone: z.string(), sandbox: z.boolean() }),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      durationMin: z.number().int(),
      priceCents: z.number().int().nullable(),
      currency: z.string(),
      staffIds: z.array(z.string()),
    }),
  ),
  staff: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
});
export type Catalog = z.infer<typeof catalogOutput>;

export const availabilityInput = z
  .object({
    serviceId: id,
    staffId: id.optional(),
    from: localDate,
    to: localDate,
  })
  .refine((v) => v.from <= v.to, { message: "The range ends before it starts.", path: ["to"] })
  .refine((v) => daysBetween(v.from, v.to) <= 62, { message: "Ask for at most 62 days at a time.", path: ["to"] });
export type AvailabilityInput = z.infer<typeof availabilityInput>;

export const availabilityOutput = z.object({
  timeZone: z.string(),
  slots: z.array(z.object({ start: z.string(), end: z.string(), staffIds: z.array(z.string()) })),
});
export type Availability = z.infer<typeof availabilityOutput>;

export const customerInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
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
  start: isoInstant,
  customer: customerInput,
  notes: z.string().max(2000, "Use at most 2000 characters.").optional(),
  /** The customer's zone, kept for messages sent to them. */
  customerTimeZone: timeZoneSchema.optional(),
  /** The same key on a retried submission returns the first booking instead of making another. */
  idempotencyKey: z.string().min(8).max(128).optional(),
});
export type CreateBookingInput = z.input<typeof createBookingInput>;

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
});
export type AppointmentSummary = z.infer<typeof appointmentOutput>;

function digits(value: string): number {
  return value.replace(/\D/g, "").length;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
