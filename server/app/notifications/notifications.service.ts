import {
  addToCalendarLinks,
  icsForAppointment,
  MessageRejected,
  renderNotification,
  renderSms,
  type Messenger,
  type NotificationKind,
  type OutgoingMessage,
} from "@frontdesk/core";
import { forTenant, type Db, type NewNotification, type Tenant, type TenantWriteScope, randomId } from "@frontdesk/db";
import type { JobRecord, JobRunner } from "../jobs/jobs";
import type { ManageLinks } from "../manage/manage-links";

/** The job that sends one message; the jobs' backoff (1, 5, 30, 120, 360 minutes) retries it. */
export const deliveryKind = "notification.deliver";

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
  /** Runs the delivery jobs. */
  jobs: JobRunner;
  from?: string;
  /** How a business sends SMS: its carrier and the number they go out from (`MessageRejected` when it has none). */
  sms?: (tenantId: string) => Promise<{ messenger: Messenger; from: string }>;
}

/**
 * Customer notifications, durable first: `enqueue` writes each message and its delivery job in the caller's write;
 * the job sends it through the messaging port, and the job runner retries transient failures with backoff.
 * The message's row mirrors its job (status, attempts, next attempt, last error): it is what the outbox shows.
 */
export function notificationService(deps: NotificationDeps) {
  const { db, links, now, jobs } = deps;

  /** Adds the message (and the reminder it schedules) in the write `scope` was made from; `tenant` is the scope's business. */
  async function enqueue(
    scope: TenantWriteScope,
    tenant: Tenant,
    appointmentId: string,
    kind: NotificationKind,
    extra: { previousStart?: number; reason?: string | null; about?: string } = {},
  ): Promise<void> {
    const detail = await scope.appointmentDetail(appointmentId);
    if (!detail?.customer) return;
    const { appointment, service, staff } = detail;
    // By email; a customer the phone line knows by number alone gets SMS instead.
    const customer = detail.customer;
    const channel = customer.email !== null ? "email" : customer.phoneE164 !== null ? "sms" : undefined;
    if (!channel) return;
    const current = now();
    if (endsReminders.has(kind)) {
      await deliveries.cancel(scope.writer, await scope.withdrawReminders(appointmentId));
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

    const rows: NewNotification[] = [];
    const add = (messageKind: NotificationKind, sendAt: number, dedupeKey: string) => {
      if (channel === "sms") {
        const sms = renderSms(messageKind, data);
        rows.push({ id: randomId("ntf"), appointmentId, kind: messageKind, dedupeKey, channel, recipient: customer.phoneE164!, subject: sms.subject, text: sms.text, html: null, ics: null, sendAt, nextAttemptAt: sendAt });
        return;
      }
      const email = customer.email!;
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
            attendee: { name: customer.name, email },
            url: manageUrl,
            now: current,
          })
        : null;
      rows.push({
        id: randomId("ntf"),
        appointmentId,
        kind: messageKind,
        dedupeKey,
        channel,
        recipient: email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ics,
        sendAt,
        nextAttemptAt: sendAt,
      });
    };

    // Once per state of the appointment; a message about one request to change it (`about`), once per request.
    add(kind, current, extra.about ? `${kind}:${appointmentId}:${extra.about}` : `${kind}:${appointmentId}:${appointment.sequence}:${appointment.status}`);
    const remindAt = appointment.startAt - tenant.reminderHours * 3_600_000;
    if (appointment.status === "confirmed" && schedulesReminder.has(kind) && remindAt > current) {
      add("reminder", remindAt, `reminder:${appointmentId}:${appointment.sequence}:${appointment.startAt}`);
    }
    const added = await scope.addNotifications(rows);
    await deliveries.enqueue(
      scope.writer,
      added.map(({ id, sendAt }) => ({ key: id, tenantId: tenant.id, runAt: sendAt, payload: { notificationId: id } })),
    );
  }

  async function smsSender(tenantId: string) {
    if (!deps.sms) throw new MessageRejected("This server sends no SMS.", { permanent: true });
    return deps.sms(tenantId);
  }

  /**
   * Sends one message, once: a job run again after its worker died finds it sent and does nothing. That it was sent
   * is recorded with the job's end.
   */
  async function deliver({ notificationId }: { notificationId: string }, job: { attempts: number; tenantId: string | null }): Promise<JobRecord | undefined> {
    const tenantId = ownerOf(job);
    const found = await forTenant(db, tenantId).notificationToDeliver(notificationId);
    if (!found || found.row.status !== "queued") return undefined;
    const { row, sandbox } = found;
    const attempts = job.attempts;
    // Sandbox businesses' messages, and email while no SMTP is configured, stay in the outbox.
    const sender = sandbox ? undefined : row.channel === "sms" ? await smsSender(tenantId) : deps.messenger ? { messenger: deps.messenger, from: deps.from } : undefined;
    if (!sender) return (tx) => forTenant(tx, tenantId).updateNotification(row.id, ["queued"], { status: "sent", transport: "outbox", sentAt: now(), attempts });
    const { messenger, from } = sender;
    const message: OutgoingMessage = {
      channel: row.channel,
      to: row.recipient,
      subject: row.subject,
      text: row.text,
      ...(row.html ? { html: row.html } : {}),
      ...(from ? { from } : {}),
      idempotencyKey: row.id,
      ...(row.ics
        ? {
            attachments: [
              { filename: "appointment.ics", contentType: `text/calendar; method=${row.kind === "cancelled" ? "CANCEL" : "REQUEST"}`, content: row.ics },
            ],
          }
        : {}),
    };
    const { providerMessageId } = await messenger.send(message);
    return (tx) =>
      forTenant(tx, tenantId).updateNotification(
        row.id,
        // It went out even if it was withdrawn meanwhile: record that truthfully.
        ["queued", "cancelled"],
        { status: "sent", transport: messenger.transport, providerMessageId, sentAt: now(), attempts, lastError: null },
      );
  }

  const deliveries = jobs.define<{ notificationId: string }>({
    kind: deliveryKind,
    permanent: (error) => error instanceof MessageRejected && error.permanent,
    run: deliver,
    async failed(tx, { notificationId }, { attempts, error, retryAt }, job) {
      // A message withdrawn while it was being sent stays withdrawn.
      await forTenant(tx, ownerOf(job)).updateNotification(notificationId, ["queued"], {
        status: retryAt === undefined ? "failed" : "queued",
        attempts,
        lastError: error.message.slice(0, 500),
        ...(retryAt === undefined ? {} : { nextAttemptAt: retryAt }),
      });
    },
  });

  /** Sends the due messages (at most `limit`); resolves with how they ended. */
  async function deliverDue(limit = 25): Promise<{ sent: number; failed: number; retrying: number }> {
    const { done, dead, retrying } = await jobs.runDue({ kinds: [deliveryKind], limit });
    return { sent: done, failed: dead, retrying };
  }

  return {
    enqueue,
    deliverDue,

    /** Sends due messages soon, without waiting for the periodic task. */
    deliverSoon(): void {
      jobs.runSoon();
    },

    /** Resolves when this process is sending nothing. */
    settled(): Promise<void> {
      return jobs.settled();
    },

    /** Sandbox outbox: the messages of one tenant, newest first. */
    outbox(tenantId: string, limit = 100) {
      return forTenant(db, tenantId).outbox(limit);
    },

    /** The messages about some appointments, oldest first. */
    forAppointment(tenantId: string, appointmentIds: string[]) {
      return forTenant(db, tenantId).notificationsFor(appointmentIds);
    },
  };
}

export type NotificationService = ReturnType<typeof notificationService>;

/** The business a delivery job is for: every message's job names it. */
function ownerOf(job: { tenantId: string | null }): string {
  if (!job.tenantId) throw new Error("A delivery job names no business.");
  return job.tenantId;
}
