import { z } from "zod";

/** One customer of the business, by id or by e-mail: one of them is needed. */
const customerRef = {
  customerId: z.string().min(1).max(64).optional(),
  email: z.email().optional(),
};
const oneOf = (value: { customerId?: string | undefined; email?: string | undefined }) => Boolean(value.customerId || value.email);
const oneOfMessage = { message: "Give a customerId or an email.", path: ["email"] };

export const customerExportInput = z.object(customerRef).refine(oneOf, oneOfMessage);

/** The version of the export's shape; it changes when a field's meaning does, not when one is added. */
export const customerExportVersion = 1;

/**
 * Everything the business holds about one customer. Each part beyond `customer` comes from one source of personal
 * data (appointments with their history, messages; later call transcripts and recordings), named by its key.
 */
export const customerExportOutput = z.object({
  schemaVersion: z.literal(customerExportVersion),
  generatedAt: z.string(),
  business: z.object({ id: z.string(), name: z.string() }),
  customer: z.object({
    id: z.string(),
    name: z.string(),
    /** Null for a customer the phone line knows by number alone. */
    email: z.string().nullable(),
    phone: z.string().nullable(),
    timeZone: z.string().nullable(),
    locale: z.string().nullable(),
    createdAt: z.string(),
    erasedAt: z.string().nullable(),
  }),
  sources: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type CustomerExport = z.infer<typeof customerExportOutput>;

export const customerEraseInput = z
  .object({
    ...customerRef,
    /** Cancel the customer's upcoming appointments (without telling them: their address is erased) instead of refusing. */
    cancelUpcoming: z.boolean().default(false),
  })
  .refine(oneOf, oneOfMessage);

export const customerEraseOutput = z.object({
  customerId: z.string(),
  /** False when the customer had been erased before: nothing changed. */
  erased: z.boolean(),
  appointmentsAnonymised: z.number().int(),
  appointmentsCancelled: z.array(z.string()),
  messagesRemoved: z.number().int(),
  jobsCancelled: z.number().int(),
});
