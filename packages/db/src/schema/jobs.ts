import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants";

/** `queued` until it succeeds (`done`), runs out of attempts or fails for good (`dead`), or is withdrawn (`cancelled`). */
export const jobStatuses = ["queued", "done", "dead", "cancelled"] as const;

/**
 * Work that must happen once, whatever process does it (sending a message; later reminders, outgoing webhooks,
 * calendar sync). A worker takes a due job by writing its lease in one statement, so no two processes run it at
 * once; a failed attempt is retried with backoff, and after the last one the job stays here, `dead`, with its error.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    /** The business the work is for; null for the server's own work. */
    tenantId: text("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    /** Which handler runs it, e.g. `notification.deliver`. */
    kind: text("kind").notNull(),
    /** What it is about, unique per kind (e.g. the notification's id): enqueueing it twice makes one job. */
    key: text("key").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    status: text("status", { enum: jobStatuses }).notNull().default("queued"),
    /** Not before this instant (epoch ms): the first run, then each retry. */
    runAt: integer("run_at").notNull(),
    /** Runs started so far, counted when a worker takes the job. */
    attempts: integer("attempts").notNull().default(0),
    /** The worker running it (once done, the one that ran it), and until when no other may take it (a worker that died lets it go then). */
    leaseHolder: text("lease_holder"),
    leaseUntil: integer("lease_until"),
    lastError: text("last_error"),
    finishedAt: integer("finished_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    uniqueIndex("jobs_kind_key").on(t.kind, t.key),
    // Workers look across every business for what is due.
    index("jobs_due").on(t.status, t.runAt),
    index("jobs_tenant").on(t.tenantId),
  ],
);
