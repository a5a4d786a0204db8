import { z } from "zod";
import { multiLineText, singleLineText } from "../text";
import { appointmentStatuses } from "../vocabulary";
import { appointmentOutput } from "./booking";
import { instantSchema } from "./common";


/** Appointments starting between two instants, for staff. */
export const staffAppointmentsInput = z.object({
  from: instantSchema,
  to: instantSchema,
  statuses: z.array(z.enum(appointmentStatuses)).optional(),
  staffId: z.string().optional(),
});

const staffDetails = {
  channel: z.enum(["web", "phone", "staff"]),
  notes: z.string(),
  staffNotes: z.string(),
  statusReason: z.string().nullable(),
};

/** An appointment as staff see it: with the customer's contact details, notes and what lapses when. */
export const staffAppointmentOutput = appointmentOutput
  .extend({
    customerEmail: z.string(),
    customerPhone: z.string().nullable(),
    ...staffDetails,
    expiresAt: z.string().nullable(),
  })
  .meta({ id: "StaffAppointment" });
export const staffAppointmentsOutput = z.array(staffAppointmentOutput);
export type StaffAppointment = z.infer<typeof staffAppointmentOutput>;

export const appointmentIdInput = z.object({ appointmentId: z.string().min(1, "Required.") });
export const rejectInput = appointmentIdInput.extend({ reason: singleLineText().min(1, "Say why, for the customer.").max(500) });
export const staffCancelInput = appointmentIdInput.extend({ reason: singleLineText().max(500).optional() });
export const staffRescheduleInput = appointmentIdInput.extend({ start: instantSchema });
export const staffNotesInput = appointmentIdInput.extend({ notes: multiLineText().max(5000, "Use at most 5000 characters.") });

/** A customer by id or by email: one of them is needed. */
export const customerHistoryInput = z
  .object({ customerId: z.string().optional(), email: z.email().optional() })
  .refine((value) => value.customerId || value.email, { message: "Give a customerId or an email.", path: ["email"] });

export const customerHistoryOutput = z.object({
  /** `email` is null for a customer the phone line knows by number alone. */
  customer: z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  appointments: z.array(
    appointmentOutput.extend({
      /** The local date in the business's zone. */
      date: z.string(),
      ...staffDetails,
      events: z.array(z.object({ at: z.string(), actor: z.enum(["customer", "staff", "system", "agent"]), action: z.string(), detail: z.record(z.string(), z.unknown()) })),
    }),
  ),
});
export type CustomerHistory = z.infer<typeof customerHistoryOutput>;
