import { z } from "zod";

/** What a sandbox business would have sent, newest first (`sandbox.outbox`). */
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
