import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { messageChannels, notificationKinds } from "@frontdesk/core";
import { appointments } from "./appointments";
import { tenants } from "./tenants";

export const notificationStatuses = ["queued", "sent", "failed", "cancelled"] as const;

/**
 * Every message to a customer, durable before it is sent: the delivery task sends due rows through the
 * messaging port and retries failures with backoff. Without SMTP (sandbox) the rows are the outbox.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").primaryKey(),
    appointmentId: text("appointment_id").references(() => appointments.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    /** Makes enqueueing idempotent, e.g. `reminder:apt_…:1767000000000`. */
    dedupeKey: text("dedupe_key").notNull(),
    channel: text("channel", { enum: messageChannels }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** An iCalendar attachment (`text/calendar`). */
    ics: text("ics"),
    sendAt: integer("send_at").notNull(),
    status: text("status", { enum: notificationStatuses }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    /** `outbox` in sandbox mode, else the transport that sent it (`smtp`). */
    transport: text("transport"),
    providerMessageId: text("provider_message_id"),
    sentAt: integer("sent_at"),
    /** What the carrier reported after sending an SMS (`delivered`, `undelivered`, …), from its signed status callbacks. */
    deliveryStatus: text("delivery_status", { enum: ["sent", "delivered", "undelivered", "failed"] }),
    deliveryUpdatedAt: integer("delivery_updated_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    uniqueIndex("notifications_dedupe").on(t.tenantId, t.dedupeKey),
    index("notifications_due").on(t.status, t.nextAttemptAt),
    index("notifications_tenant").on(t.tenantId, t.createdAt),
  ],
);
