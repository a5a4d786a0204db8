import { FrontdeskError, type OutboxMessage } from "@frontdesk/core";
import type { Tenant } from "@frontdesk/db";
import type { NotificationService } from "../notifications/notifications.service";

/**
 * Only for sandbox businesses, whose messages are fake: what would have been sent. The messages carry manage links,
 * which can cancel a customer's appointment, so only the business's own server may read them.
 */
export function sandboxService({ notifications }: { notifications: NotificationService }) {
  return {
    async outbox(tenant: Tenant): Promise<OutboxMessage[]> {
      if (!tenant.sandbox) throw new FrontdeskError("NOT_FOUND", "The outbox exists only for sandbox businesses.");
      const rows = await notifications.outbox(tenant.id);
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
    },
  };
}

export type SandboxService = ReturnType<typeof sandboxService>;
