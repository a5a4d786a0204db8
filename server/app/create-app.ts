import type { Messenger } from "@frontdesk/core";
import type { Db } from "@frontdesk/db";
import { appointmentList, type AppointmentList } from "./appointments/appointment-list";
import { lifecycleService, type LifecycleService } from "./appointments/lifecycle.service";
import { auditService, type AuditService } from "./audit/audit.service";
import { bookingService, type BookingService } from "./booking/booking.service";
import { configService, type ConfigService } from "./config/config.service";
import { embedSessionService, type EmbedSessionService } from "./embed-sessions/embed-sessions.service";
import { answerCache, type AnswerCache } from "./http/answer-cache";
import { clientsOf, type ClientOf, type LimitSettings, type LimitStore } from "./http/limits";
import { publishableKeyLookup, type PublishableKeys } from "./auth/publishable-keys";
import { secretKeyLookup, type SecretKeys } from "./auth/secret-keys";
import { keysService, type KeysService } from "./keys/keys.service";
import { jobRunner, type JobRunner } from "./jobs/jobs";
import { manageLinks, type ManageLinks } from "./manage/manage-links";
import { manageService, type ManageService } from "./manage/manage.service";
import { smsSender } from "./notifications/sms-sender";
import { notificationService, type NotificationService } from "./notifications/notifications.service";
import { privacyService, type PrivacyService } from "./privacy/privacy.service";
import { sandboxService, type SandboxService } from "./sandbox/sandbox.service";
import { accountMail } from "./accounts/account-mail";
import { accountsService, type AccountsService } from "./accounts/accounts";
import { operatorsService, type OperatorsService } from "./accounts/operators.service";
import { teamService, type TeamService } from "./accounts/team.service";
import { phoneConnections, type PhoneConnectionOptions, type PhoneConnections } from "./phone/connections";
import { numbersService, type NumbersService } from "./numbers/numbers.service";
import { memoryDocuments, portingService, type DocumentStore, type PortingService } from "./numbers/porting.service";
import type { DestinationPolicy, Resolve } from "./webhooks-out/destination";
import { approvalsService, type ApprovalsService } from "./approvals/approvals.service";
import { callsService, type CallsService } from "./calls/calls.service";
import { outboundCalls, type OutboundCalls } from "./calls/outbound";
import { callSimulator, type CallSimulator } from "./calls/simulate.service";
import { webhookService, type WebhookService } from "./webhooks-out/webhooks.service";
import { toolsService, type ToolsService } from "./tools/tools.service";
import { agentsService, type AgentsService } from "./agents/agents.service";
import { repinNumbers } from "./agents/number-pins";
import { connectionsService, type ConnectionsService } from "./agents/connections.service";
import { knowledgeService, type KnowledgeService } from "./knowledge/knowledge.service";
import { callsIngress, type CallsIngress } from "./calls/ingest.wiring";
import type { RecordingStore } from "./calls/recordings";
import { smsStatusService, type SmsStatusService } from "./notifications/sms-status";
import { calendarAccess, type CalendarAccessor } from "./calendar-sync/access";
import type { CalendarProviders } from "./calendar-sync/providers";
import { tokenSeal, type TokenSeal } from "./calendar-sync/token-seal";
import { calendarConnectService, type CalendarConnectService } from "./calendar-sync/connect.service";
import { readSync, type ReadSync } from "./calendar-sync/read-sync";
import { writeSync, type WriteSync } from "./calendar-sync/write-sync";
import { calendarFeeds, type CalendarFeeds } from "./calendar-sync/feeds";

export interface App {
  db: Db;
  answers: AnswerCache;
  publishableKeys: PublishableKeys;
  /** Secret keys by value, recording when each was last used. */
  secretKeys: SecretKeys;
  now: () => number;
  links: ManageLinks;
  booking: BookingService;
  lifecycle: LifecycleService;
  /** Appointments as staff list them. */
  appointments: AppointmentList;
  manage: ManageService;
  notifications: NotificationService;
  /** Durable work (messages to customers, webhook deliveries), run by the periodic task and right after the writes that add it. */
  jobs: JobRunner;
  config: ConfigService;
  sandbox: SandboxService;
  /** The business's outgoing webhooks: endpoints, deliveries (durable jobs) and their log. */
  webhooks: WebhookService;
  /** The business's publishable and secret keys. */
  keys: KeysService;
  /** Sessions SaaS vendors mint for their front ends. */
  embedSessions: EmbedSessionService;
  /** Who a request counts against for the per-client limits. */
  clientOf: ClientOf;
  /** People: sign-up, sign-in, sessions, two-factor, passkeys (the accounts library, behind our limits). */
  accounts: AccountsService;
  /** Businesses and their members, roles and invitations. */
  team: TeamService;
  /** What this server's operators see and do across businesses. */
  operators: OperatorsService;
  /** Who did what to a business's data, and who was refused. */
  audit: AuditService;
  /** Export and erasure of one customer's personal data. */
  privacy: PrivacyService;
  /** Which Retell and Twilio account each business's phone line uses, and their adapters. */
  phone: PhoneConnections;
  /** The tools the phone agent calls during a call (`/webhooks/retell/agents/{agentId}/tools/{tool}`). */
  tools: ToolsService;
  /** The business's phone agents: drafts, versions published to Retell, rollbacks, imports. */
  agents: AgentsService;
  /** The business's own Retell and Twilio accounts. */
  connections: ConnectionsService;
  /** What the agents answer from: questions with answers, and documents. */
  knowledge: KnowledgeService;
  /** The business's phone numbers: search, purchase and wiring to Retell, agents bound, release, usage. */
  numbers: NumbersService;
  /** Requests to port a business's existing numbers in, with their Letters of Authorization. */
  porting: PortingService;
  /** The call log: pages, search, one call's record, CSV, live status. */
  calls: CallsService;
  /** The one queue of AI actions (and bookings waiting for approval) staff decide on. */
  approvals: ApprovalsService;
  /** Calls an agent places (reminders, follow-ups), as durable jobs. */
  outbound: OutboundCalls;
  /** Simulated calls on the sandbox: a shipped scenario played through the real webhooks, its expectations checked. */
  simulator: CallSimulator;
  /** Retell's call events and inbound-call webhook, and the calls' recordings. */
  callEvents: CallsIngress;
  /** Twilio's status callbacks for the SMS sent to customers. */
  smsStatus: SmsStatusService;
  /** Staff members' own Google and Outlook calendars: the providers, the sealed tokens and working access to them. */
  calendar: {
    providers: CalendarProviders;
    seal: TokenSeal;
    access: CalendarAccessor;
    /** Connecting, choosing calendars, disconnecting, connect links and the mail when a connection breaks. */
    connect: CalendarConnectService;
    /** Busy time read from the chosen calendars: reads on the durable jobs, push channels and their care. */
    read: ReadSync;
    /** Appointments written into staff members' destination calendars, as `calendar.write` jobs. */
    writes: WriteSync;
    /** Staff members' secret ICS feeds. */
    feeds: CalendarFeeds;
  };
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
  /** Origins besides `publicUrl`'s whose pages may use the accounts session cookie. */
  trustedOrigins?: string[];
  /** The operators' addresses (`FRONTDESK_ADMIN_EMAILS`). */
  adminEmails?: string[];
  /** Where webhooks may go (public https only, unless these say more), and how host names resolve (tests change it). */
  webhooks?: Partial<DestinationPolicy> & { resolve?: Resolve; timeoutMs?: number };
  /** The phone line's providers: the bundled fakes (null: the sandbox is off) and the platform's own accounts. */
  phone?: Pick<PhoneConnectionOptions, "sandbox" | "platform">;
  /** Where uploaded documents (Letters of Authorization) are kept: Nitro's `documents` storage; memory without it. */
  documents?: DocumentStore;
  /** Where call recordings are kept (the `recordings` storage mount); without it, `recordings/` in a temporary folder. */
  recordings?: RecordingStore;
  /** Calendar providers (none without it) and `CALENDAR_TOKEN_KEYS` (else a key derived from `secret`). */
  calendar?: { providers: CalendarProviders; tokenKeys?: Buffer[] };
}

/** Wires the services together; tests use it to drive them with their own clock and messenger. */
export function createApp(db: Db, now: () => number, options: AppOptions): App {
  const links = manageLinks(options.secret, options.publicUrl);
  const jobs = jobRunner({ db, now });
  const phone = phoneConnections({ db, serverSecret: options.secret, publicUrl: options.publicUrl, sandbox: options.phone?.sandbox ?? null, ...(options.phone?.platform ? { platform: options.phone.platform } : {}) });
  const notifications = notificationService({ db, messenger: options.messenger, links, now, jobs, sms: smsSender(db, phone), ...(options.from ? { from: options.from } : {}) });
  const { allowPrivate = false, allowHttp = false, ...webhookOptions } = options.webhooks ?? {};
  const webhooks = webhookService({ db, now, jobs, serverSecret: options.secret, policy: { allowPrivate, allowHttp }, ...webhookOptions });
  const calendarProviders = options.calendar?.providers ?? {};
  const seal = tokenSeal(options.calendar?.tokenKeys ? { keys: options.calendar.tokenKeys } : { serverSecret: options.secret });
  const mail = accountMail({ db, messenger: options.messenger, now, jobs, ...(options.from ? { from: options.from } : {}) });
  // A connection that breaks mails its staff member a link to connect again (bound late: the service needs the access).
  const calendarAccessor = calendarAccess({ db, now, seal, providers: calendarProviders, onBroken: (connection, reason) => connect.notifyBroken(connection, reason) });
  const calendarDeps = { db, now, jobs, providers: calendarProviders, access: calendarAccessor, publicUrl: options.publicUrl };
  const calendarWrites = writeSync(calendarDeps);
  const read = readSync(calendarDeps);
  const connect = calendarConnectService({
    db, now, secret: options.secret, publicUrl: options.publicUrl, trustedOrigins: options.trustedOrigins ?? [], providers: calendarProviders, seal, access: calendarAccessor, mail,
    // What the read and write syncs do when calendars are connected, chosen or read again, and before a connection goes.
    onCalendarsChanged: async (tenantId, connectionId) => {
      await read.calendarsChanged(tenantId, connectionId);
      jobs.runSoon();
    },
    onDestinationChosen: async (tenantId, staffId) => {
      if ((await calendarWrites.destinationChosen(tenantId, staffId)).queued > 0) jobs.runSoon();
    },
    beforeDisconnect: (connection) => read.beforeDisconnect(connection),
  });
  const calendar = {
    providers: calendarProviders,
    seal,
    access: calendarAccessor,
    connect,
    read,
    writes: calendarWrites,
    feeds: calendarFeeds({ db, now, secret: options.secret, publicUrl: options.publicUrl }),
  };
  const booking = bookingService({ db, now, notifications, webhooks: webhooks.deliveries, calendars: calendarWrites });
  const lifecycle = lifecycleService({ db, now, notifications, webhooks: webhooks.deliveries, calendars: calendarWrites });
  const callEvents = callsIngress({
    db, now, jobs, phone, webhooks: webhooks.deliveries, policy: { allowPrivate, allowHttp }, sandboxRetellUrl: options.phone?.sandbox?.retellUrl,
    ...(webhookOptions.resolve ? { resolve: webhookOptions.resolve } : {}), ...(options.recordings ? { store: options.recordings } : {}),
  });
  const audit = auditService({ db, now, secret: options.secret, trustedProxies: options.limits?.settings.trustedProxies ?? 0 });
  const config = configService(db, now);
  const agents = agentsService({ db, now, phone, config, publicUrl: options.publicUrl });
  const numbers = numbersService({ db, now, phone, publicUrl: options.publicUrl, secret: options.secret });
  agents.onPublished(repinNumbers({ db, now, phone, publicUrl: options.publicUrl }));
  return {
    db,
    now,
    answers: answerCache(db, now),
    publishableKeys: publishableKeyLookup(db, now),
    secretKeys: secretKeyLookup(db, now),
    links,
    booking,
    lifecycle,
    appointments: appointmentList({ db, now }),
    notifications,
    jobs,
    manage: manageService({ db, now, links, booking, lifecycle }),
    config,
    sandbox: sandboxService({ notifications }),
    webhooks,
    keys: keysService(db, now),
    embedSessions: embedSessionService({ db, now }),
    clientOf: clientsOf(options.secret, now, options.limits),
    accounts: accountsService({
      db,
      mail,
      secret: options.secret,
      publicUrl: options.publicUrl,
      trustedOrigins: options.trustedOrigins ?? [],
      ...(options.limits ? { store: options.limits.store } : {}),
      audit,
    }),
    team: teamService({ db, now, mail, publicUrl: options.publicUrl }),
    operators: operatorsService({ db, now, adminEmails: options.adminEmails ?? [] }),
    audit,
    tools: toolsService({ db, now, booking, lifecycle }),
    phone,
    agents,
    connections: connectionsService({ db, now, phone }),
    knowledge: knowledgeService({ db, now }),
    numbers,
    porting: portingService({ db, now, phone, documents: options.documents ?? memoryDocuments(), numbers }),
    calls: callsService({ db }),
    approvals: approvalsService({ db, now, lifecycle, notifications }),
    outbound: outboundCalls({ db, now, jobs, phone }),
    simulator: callSimulator({ db, now, phone }),
    privacy: privacyService({ db, now, recordings: callEvents.recordings }),
    callEvents,
    smsStatus: smsStatusService({
      db, now, publicUrl: options.publicUrl, open: phone.open,
      accounts: [options.phone?.platform?.twilio, options.phone?.sandbox?.twilioAccount].filter((account) => account !== undefined),
    }),
    calendar,
  };
}
