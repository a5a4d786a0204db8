import { z } from "zod";
import { singleLineText } from "../text";
import { appointmentOutput } from "./booking";
import { boundedRange, instantSchema, localDateSchema } from "./common";

/** A customer's manage link carries this token; it names one appointment (and so its business) and is signed by the server. */
export const manageToken = z.string().min(20, "This link is incomplete. Open the link from your confirmation email again.").max(400);
/** What every `manage.*` call carries: the token is its only credential. */
export const manageLinkInput = z.object({ token: manageToken });
export const manageGetInput = manageLinkInput;
export const manageAvailabilityInput = boundedRange(z.object({ token: manageToken, from: localDateSchema, to: localDateSchema }));
export const manageRescheduleInput = z.object({ token: manageToken, start: instantSchema });
export const manageCancelInput = z.object({ token: manageToken, reason: singleLineText().max(500).optional() });

export const managedAppointmentOutput = appointmentOutput.extend({
  /** `cancellationNoticeHours`: how long before the start the customer may still change it. */
  business: z.object({ name: z.string(), timeZone: z.string(), cancellationNoticeHours: z.number().int() }),
  customerTimeZone: z.string().nullable(),
  /** Whether the customer may still change it, and if not, why. */
  canChange: z.boolean(),
  cannotChangeReason: z.string().nullable(),
});
export type ManagedAppointment = z.infer<typeof managedAppointmentOutput>;
