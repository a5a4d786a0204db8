import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import {
  addToCalendarLinks,
  icsForAppointment,
  MessageRejected,
  renderNotification,
  type Messenger,
  type OutgoingMessage,
} from "@frontdesk/core";
import { notifications, tenants, type Db, type TenantScope, randomId } from "@frontdesk/db";
import type { ManageLinks } from "../manage/manage-links";

export type NotificationKind = "confirmation" | "pending" | "approved" | "rejected" | "expired" | "reminder" | "rescheduled" | "cancelled";

/** Minutes to wait before each retry of a transient failure; after the last one the message is marked failed. */
const retryDelaysMin = [1, 5, 30, 120, 360];
const claimLeaseMs = 5 * 60_000;

const withCalendarFile: Partial<Record<NotificationKind, "REQUEST" | "CANCEL">> = {
  confirmation: "REQUEST",
  approved: "REQUEST",
  rescheduled: "REQUEST",
  reminder: "REQUEST",
  cancelled: "CANCEL",
};

/** Messages after which a confirmed appointment gets a reminder before its (new) start. */
const schedulesReminder = new Set<NotificationKind>(["confirmation", "approved", "rescheduled"]);

/** Messages that make an earlier scheduled reminder wrong. */
const endsReminders = new Set<NotificationKind>(["cancelled", "rescheduled", "rejected", "expired"]);

export interface NotificationDeps {
  db: Db;
  /** Null in sandbox mode: messages stay in the outbox table, marked sent by `outbox`. */
  messenger: Messenger | null;
  links: ManageLinks;
  now: () => number;
  from?: string;
}

/**
 * Customer notifications, durable first: `enqueue` writes rows in the caller's write, `deliverDue` sends the
 * due ones through the messaging port and retries transient failures with backoff.
 */
export function notificationService(deps: NotificationDeps) {
  const { db, links, now } = deps;
  let delivering: Promise<unknown> | undefined;
  let again = false;

  async function enqueue(
    scope: TenantScope,
    appointmentId: string,
    kind: NotificationKind,
    extra: { previousStart?: number; reason?: string | null } = {},
  ): Promise<void> {
    const [detail, tenant] = await Promise.all([scope.appointmentDetail(appointmentId), scope.tenant()]);
    if (!detail?.customer || !tenant) return;
    const { appointment, service, staff, customer } = detail;
    const current = now();
    if (endsReminders.has(kind)) {
      await scope.db.orm
        .update(notifications)
        .set({ status: "cancelled" })
        .where(
          and(
            eq(notifications.tenantId, tenant.id),
            eq(notifications.appointmentId, appointmentId),
            eq(notifications.kind, "reminder"),
            eq(notifications.status, "queued"),
          ),
        );
    }
    const manageUrl = links.urlFor(appointmentId, tenant.manageUrl);
    const title = `${service.name} — ${tenant.name}`;
    const details = `${service.name} with ${staff.name}. Manage or cancel: ${manageUrl}`;
    const calendarLinks = addToCalendarLinks({ start: appointment.startAt, end: appointment.endAt, title, details });
    const data = {
      locale: customer.locale ?? undefined,
      customerTimeZone: appointment.customerTimeZone ?? customer.timeZone ?? tenant.timeZone,
      businessName: tenant.name,
      businessTimeZone: tenant.timeZone,
      customerName: customer.name,
      serviceName: service.name,
      staffName: staff.name,
      start: appointment.startAt,
      end: appointment.endAt,
      previousStart: extra.previousStart,
      reason: extra.reason ?? appointment.statusReason,
      manageUrl,
      calendarLinks,
      sandbox: tenant.sandbox,
    };

    const rows: (typeof notifications.$inferInsert)[] = [];
    const add = (messageKind: NotificationKind, sendAt: number, dedupeKey: string) => {
      const message = renderNotification(messageKind, data);
      const method = withCalendarFile[messageKind];
      const ics = method
        ? icsForAppointment({
            uid: `${appointment.id}@frontdesk`,
            sequence: appointment.sequence,
            method,
            start: appointment.startAt,
            end: appointment.endAt,
            summary: title,
            description: details,
            organizer: { name: tenant.name, ...(tenant.replyToEmail ? { email: tenant.replyToEmail } : {}) },
            attendee: { name: customer.name, email: customer.email },
            url: manageUrl,
            now: current,
          })
        : null;
      rows.push({
        tenantId: tenant.id,
        id: randomId("ntf"),
        appointmentId,
        kind: messageKind,
        dedupeKey,
        channel: "email",
        recipient: customer.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ics,
        sendAt,
        nextAttemptAt: sendAt,
      });
    };

    add(kind, current, `${kind}:${appointmentId}:${appointment.sequence}:${appointment.status}`);
    const remindAt = appointment.startAt - tenant.reminderHours * 3_600_000;
    if (appointment.status === "confirmed" && schedulesReminder.has(kind) && remindAt > current) {
      add("reminder", remindAt, `reminder:${appointmentId}:${appointment.sequence}:${appointment.startAt}`);
    }
    await scope.db.orm.insert(notifications).values(rows).onConflictDoNothing();
  }

  async function sendOne(row: typeof notifications.$inferSelect, sandbox: boolean): Promise<void> {
    const messenger = deps.messenger;
    if (!messenger || sandbox) {
      await db.write((orm) =>
        orm
          .update(notifications)
          .set({ status: "sent", transport: "outbox", sentAt: now(), attempts: row.attempts + 1 })
          .where(and(eq(notifications.id, row.id), eq(notifications.status, "queued"))),
      );
      return;
    }
    const message: OutgoingMessage = {
      channel: row.channel,
      to: row.recipient,
      subject: row.subject,
      text: row.text,
      ...(row.html ? { html: row.html } : {}),
      ...(deps.from ? { from: deps.from } : {}),
      idempotencyKey: row.id,
      ...(row.ics
        ? {
            attachments: [
              { filename: "appointment.ics", contentType: `text/calendar; method=${row.kind === "cancelled" ? "CANCEL" : "REQUEST"}`, content: row.ics },
            ],
          }
        : {}),
    };
    const attempts = row.attempts + 1;
    try {
      const { providerMessageId } = await messenger.send(message);
      await db.write((orm) =>
        orm
          .update(notifications)
          .set({ status: "sent", transport: messenger.transport, providerMessageId, sentAt: now(), attempts, lastError: null })
          // It went out even if it was withdrawn meanwhile: record that truthfully.
          .where(and(eq(notifications.id, row.id), inArray(notifications.status, ["queued", "cancelled"]))),
      );
    } catch (error) {
      const permanent = error instanceof MessageRejected && error.permanent;
      const delay = retryDelaysMin[attempts - 1];
      const failed = permanent || delay === undefined;
      await db.write((orm) =>
        orm
          .update(notifications)
          .set({
            status: failed ? "failed" : "queued",
            attempts,
            lastError: (error as Error).message.slice(0, 500),
            nextAttemptAt: failed ? row.nextAttemptAt : now() + delay * 60_000,
          })
          // A message withdrawn while it was being sent stays withdrawn.
          .where(and(eq(notifications.id, row.id), eq(notifications.status, "queued"))),
      );
    }
  }

  async function deliverDue(limit = 25): Promise<{ sent: number; failed: number; retrying: number }> {
    const current = now();
    const due = await db.orm
      .select({ notification: notifications, sandbox: tenants.sandbox })
      .from(notifications)
      .innerJoin(tenants, eq(tenants.id, notifications.tenantId))
      .where(and(eq(notifications.status, "queued"), lte(notifications.nextAttemptAt, current)))
      .orderBy(asc(notifications.nextAttemptAt))
      .limit(limit);
    const tally = { sent: 0, failed: 0, retrying: 0 };
    for (const { notification, sandbox } of due) {
      // Claim the row first, so a second server process does not send it too.
      const claimed = await db.write((orm) =>
        orm
          .update(notifications)
          .set({ nextAttemptAt: current + claimLeaseMs })
          .where(and(eq(notifications.id, notification.id), eq(notifications.status, "queued"), lte(notifications.nextAttemptAt, current)))
          .returning({ id: notifications.id }),
      );
      if (claimed.length === 0) continue;
      await sendOne(notification, sandbox);
      const [after] = await db.orm.select({ status: notifications.status }).from(notifications).where(eq(notifications.id, notification.id));
      if (after?.status === "sent") tally.sent++;
      else if (after?.status === "failed") tally.failed++;
      else tally.retrying++;
    }
    return tally;
  }

  return {
    enqueue,
    deliverDue,

    /** Starts a delivery round soon, without waiting for the scheduled task; rounds never overlap. */
    deliverSoon(): void {
      if (delivering) {
        again = true;
        return;
      }
      delivering = (async () => {
        do {
          again = false;
          await deliverDue().catch((error: unknown) => console.error("Notification delivery failed:", error));
        } while (again);
      })().finally(() => (delivering = undefined));
    },

    /** Resolves when the current delivery round (if any) has finished. */
    async settled(): Promise<void> {
      while (delivering) await delivering;
    },

    /** Sandbox outbox: the messages of one tenant, newest first. */
    outbox(tenantId: string, limit = 100) {
      return db.orm
        .select()
        .from(notifications)
        .where(eq(notifications.tenantId, tenantId))
        .orderBy(desc(notifications.createdAt), desc(notifications.sendAt))
        .limit(limit);
    },

    /** The messages about one appointment, oldest first. */
    forAppointment(tenantId: string, appointmentIds: string[]) {
      return db.orm
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, tenantId), inArray(notifications.appointmentId, appointmentIds)))
        .orderBy(asc(notifications.createdAt));
    },
  };
}

export type NotificationService = ReturnType<typeof notificationService>;
