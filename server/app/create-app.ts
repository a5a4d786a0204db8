import type { Messenger } from "@frontdesk/core";
import type { Db } from "@frontdesk/db";
import { appointmentList, type AppointmentList } from "./appointments/appointment-list";
import { lifecycleService, type LifecycleService } from "./appointments/lifecycle.service";
import { bookingService, type BookingService } from "./booking/booking.service";
import { configService, type ConfigService } from "./config/config.service";
import { embedSessionService, type EmbedSessionService } from "./embed-sessions/embed-sessions.service";
import { answerCache, type AnswerCache } from "./http/answer-cache";
import { clientsOf, type ClientOf, type LimitSettings, type LimitStore } from "./http/limits";
import { publishableKeyLookup, type PublishableKeys } from "./auth/publishable-keys";
import { jobRunner, type JobRunner } from "./jobs/jobs";
import { manageLinks, type ManageLinks } from "./manage/manage-links";
import { manageService, type ManageService } from "./manage/manage.service";
import { notificationService, type NotificationService } from "./notifications/notifications.service";
import { sandboxService, type SandboxService } from "./sandbox/sandbox.service";

export interface App {
  db: Db;
  answers: AnswerCache;
  publishableKeys: PublishableKeys;
  now: () => number;
  links: ManageLinks;
  booking: BookingService;
  lifecycle: LifecycleService;
  /** Appointments as staff list them. */
  appointments: AppointmentList;
  manage: ManageService;
  notifications: NotificationService;
  /** Durable work (message delivery today), run by the periodic task and right after the writes that add it. */
  jobs: JobRunner;
  config: ConfigService;
  sandbox: SandboxService;
  /** Sessions SaaS vendors mint for their front ends. */
  embedSessions: EmbedSessionService;
  /** Who a request counts against for the per-client limits. */
  clientOf: ClientOf;
}

export interface AppOptions {
  /** Signs manage links. */
  secret: string;
  /** Where this server is reached from outside, for links in messages. */
  publicUrl: string;
  /** Null in sandbox mode: messages stay in the outbox. */
  messenger: Messenger | null;
  from?: string;
  /** Per-client limits and where their counters live; without it there are none (the services' own tests). */
  limits?: { settings: LimitSettings; store: LimitStore };
}

/** Wires the services together; tests use it to drive them with their own clock and messenger. */
export function createApp(db: Db, now: () => number, options: AppOptions): App {
  const links = manageLinks(options.secret, options.publicUrl);
  const jobs = jobRunner({ db, now });
  const notifications = notificationService({ db, messenger: options.messenger, links, now, jobs, ...(options.from ? { from: options.from } : {}) });
  const booking = bookingService({ db, now, notifications });
  const lifecycle = lifecycleService({ db, now, notifications });
  return {
    db,
    now,
    answers: answerCache(db, now),
    publishableKeys: publishableKeyLookup(db, now),
    links,
    booking,
    lifecycle,
    appointments: appointmentList({ db, now }),
    notifications,
    jobs,
    manage: manageService({ db, now, links, booking, lifecycle }),
    config: configService(db, now),
    sandbox: sandboxService({ notifications }),
    embedSessions: embedSessionService({ db, now }),
    clientOf: clientsOf(options.secret, now, options.limits),
  };
}
