import { FrontdeskError, outboxOutput } from "@frontdesk/core";
import { router, secretProcedure } from "../trpc";

/**
 * Only for sandbox businesses, whose messages are fake: what would have been sent. The messages carry manage links,
 * which can cancel a customer's appointment, so only the business's own server (its secret key) may read them.
 */
export const sandboxRouter = router({
  outbox: secretProcedure.output(outboxOutput).query(async ({ ctx }) => {
    if (!ctx.tenant.sandbox) throw new FrontdeskError("NOT_FOUND", "The outbox exists only for sandbox businesses.");
    const rows = await ctx.app.notifications.outbox(ctx.tenantId);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      channel: row.channel,
      recipient: row.recipient,
      subject: row.subject,
      text: row.text,
      hasCalendarFile: row.ics !== null,
      status: row.status,
      sendAt: new Date(row.sendAt).toISOString(),
      sentAt: row.sentAt === null ? null : new Date(row.sentAt).toISOString(),
    }));
  }),
});
