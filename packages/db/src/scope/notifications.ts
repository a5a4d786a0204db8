import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { ormOf, type DrizzleDb, type Writer } from "../client";
import { notifications, notificationStatuses } from "../schema/notifications";
import { tenants } from "../schema/tenants";
import { shapedInsert } from "./shaped-insert";

export type Notification = typeof notifications.$inferSelect;
export type NewNotification = Omit<typeof notifications.$inferInsert, "tenantId">;
type NotificationStatus = (typeof notificationStatuses)[number];
export type NotificationPatch = Partial<Pick<typeof notifications.$inferInsert, "status" | "attempts" | "lastError" | "nextAttemptAt" | "transport" | "providerMessageId" | "sentAt">>;

/** One tenant's messages to customers: reads. */
export function notificationReads(orm: DrizzleDb, tenantId: string) {
  const own = eq(notifications.tenantId, tenantId);
  return {
    /** Sandbox outbox: the tenant's messages, newest first. */
    outbox(limit = 100): Promise<Notification[]> {
      return orm.select().from(notifications).where(own).orderBy(desc(notifications.createdAt), desc(notifications.sendAt)).limit(limit);
    },

    /** The messages about these appointments, oldest first. */
    notificationsFor(appointmentIds: string[]): Promise<Notification[]> {
      return orm
        .select()
        .from(notifications)
        .where(and(own, inArray(notifications.appointmentId, appointmentIds)))
        .orderBy(asc(notifications.createdAt));
    },

    /** A message with whether its business is a sandbox one (whose messages stay in the outbox). */
    async notificationToDeliver(id: string): Promise<{ row: Notification; sandbox: boolean } | undefined> {
      const [found] = await orm
        .select({ row: notifications, sandbox: tenants.sandbox })
        .from(notifications)
        .innerJoin(tenants, eq(tenants.id, notifications.tenantId))
        .where(and(own, eq(notifications.id, id)));
      return found;
    },
  };
}

/** One tenant's messages to customers: writes, only on a Writer's scope. */
// A booking adds its message on its own: one row, the same columns every time.
const insertNotificationRow = shapedInsert<NewNotification & { tenantId: string }, { id: string; sendAt: number }>((orm, values) =>
  orm.insert(notifications).values(values as never).onConflictDoNothing().returning({ id: notifications.id, sendAt: notifications.sendAt }),
);

export function notificationWrites(orm: DrizzleDb, tenantId: string) {
  const own = eq(notifications.tenantId, tenantId);
  return {
    /** Withdraws the appointment's reminders not sent yet; returns their ids. */
    async withdrawReminders(appointmentId: string): Promise<string[]> {
      const rows = await orm
        .update(notifications)
        .set({ status: "cancelled" })
        .where(and(own, eq(notifications.appointmentId, appointmentId), eq(notifications.kind, "reminder"), eq(notifications.status, "queued")))
        .returning({ id: notifications.id });
      return rows.map((row) => row.id);
    },

    /** Adds the messages whose dedupe key is new; returns those added. */
    async addNotifications(rows: NewNotification[]): Promise<{ id: string; sendAt: number }[]> {
      if (rows.length === 0) return [];
      if (rows.length === 1) return insertNotificationRow(orm, { ...rows[0]!, tenantId });
      return orm
        .insert(notifications)
        .values(rows.map((row) => ({ ...row, tenantId })))
        .onConflictDoNothing()
        .returning({ id: notifications.id, sendAt: notifications.sendAt });
    },

    /** Changes one message if it is (still) in one of `from`. */
    async updateNotification(id: string, from: readonly NotificationStatus[], patch: NotificationPatch): Promise<void> {
      await orm
        .update(notifications)
        .set(patch)
        .where(and(own, eq(notifications.id, id), inArray(notifications.status, [...from])));
    },
  };
}

const deliveryRank = { sent: 1, delivered: 2, undelivered: 2, failed: 2 } as const;
export type SmsDeliveryStatus = keyof typeof deliveryRank;

/**
 * What the carrier reported for the SMS it sent as `providerMessageId`, whoever's it is (a status callback names only
 * the message): a later status never goes back to an earlier one (`delivered` stays when a late `sent` arrives).
 * Returns the message's business, or undefined when no message has that id.
 */
export async function recordSmsDelivery(writer: Writer, providerMessageId: string, status: SmsDeliveryStatus, at: number): Promise<string | undefined> {
  const orm = ormOf(writer);
  const [row] = await orm
    .select({ tenantId: notifications.tenantId, id: notifications.id, deliveryStatus: notifications.deliveryStatus })
    .from(notifications)
    .where(and(eq(notifications.providerMessageId, providerMessageId), eq(notifications.channel, "sms")));
  if (!row) return undefined;
  if (!row.deliveryStatus || deliveryRank[status] > deliveryRank[row.deliveryStatus]) {
    await orm.update(notifications).set({ deliveryStatus: status, deliveryUpdatedAt: at }).where(and(eq(notifications.tenantId, row.tenantId), eq(notifications.id, row.id)));
  }
  return row.tenantId;
}
