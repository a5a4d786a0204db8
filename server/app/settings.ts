import { z } from "zod";
import { isKnownTimeZone } from "@frontdesk/core";
import { parseTokenKeys } from "./calendar-sync/token-seal";
import type { LimitSettings } from "./http/limits";

/** Everything the server reads from its environment, checked once at start; docs/server.md lists each variable. */
export interface Settings {
  /** The port `PUBLIC_URL` defaults to; Nitro itself listens on `PORT`. */
  port: number;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  databaseSynchronous: "normal" | "full";
  /** Undefined: the folder the build knows (Nitro's runtime config). */
  migrationsFolder: string | undefined;
  /** Where customers reach this server, for links in messages. */
  publicUrl: string;
  /** Signs manage links; undefined: a secret made on first start and kept in the database. */
  signingSecret: string | undefined;
  /** Undefined: no mail server, messages stay in the outbox. */
  smtp: { url: string; from: string | undefined } | undefined;
  seedDemo: boolean;
  demo: { publishableKey: string; timeZone: string };
  taskIntervalMs: number;
  limits: LimitSettings;
  /** Where webhooks may go besides public https addresses: for development and tests only. */
  webhooks: { allowPrivate: boolean; allowHttp: boolean };
  /** The instant `FRONTDESK_CLOCK` starts the server's clock at; undefined: the system clock. */
  clockStart: number | undefined;
  /** Origins besides `publicUrl`'s whose pages may sign in and use the session (a back office on another host). */
  trustedOrigins: string[];
  /** The addresses of this server's operators: once verified, they list, suspend and reactivate businesses and people. */
  adminEmails: string[];
  /** The phone line's providers for businesses without their own accounts; docs/phone-agents.md says how they are chosen. */
  phone: PhoneProviderSettings;
  /** Staff members' own Google and Outlook calendars; docs/calendar-sync.md says how to set each up. */
  calendar: CalendarProviderSettings;
}

export interface CalendarProviderSettings {
  /** `CALENDAR_TOKEN_KEYS`: the keys the OAuth tokens are sealed with, the first one sealing; undefined: one derived from the server's secret. */
  tokenKeys: Buffer[] | undefined;
  /** The OAuth app in Google Cloud (`GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET`); undefined: the sandbox's fake Google, if the sandbox is on. */
  google: { clientId: string; clientSecret: string } | undefined;
  /** The app in Microsoft Entra (`MICROSOFT_CLIENT_ID`, `MICROSOFT_CLIENT_SECRET`, `MICROSOFT_TENANT`). */
  microsoft: { clientId: string; clientSecret: string; tenant: string } | undefined;
  /** Fakes already running (tests): the server sends the provider's requests there, with the app above. */
  fakeGoogleUrl: string | undefined;
  fakeMicrosoftUrl: string | undefined;
}

export interface PhoneProviderSettings {
  /** Whether businesses without credentials (and sandbox businesses always) use the bundled fakes of Retell and Twilio. */
  sandbox: boolean;
  /** Fakes already running (tests, `pnpm simulate`); unset: the server starts its own, in process, when `sandbox` is on. */
  fakeRetellUrl: string | undefined;
  fakeTwilioUrl: string | undefined;
  /** The platform's own Retell account (`RETELL_API_KEY`, `RETELL_WEBHOOK_KEY`). */
  retell: { apiKey: string; webhookKey: string | undefined } | undefined;
  /** The platform's own Twilio account (`TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`). */
  twilio: { accountSid: string; authToken: string } | undefined;
}

export const defaultDemo = { publishableKey: "pk_demo_brightsmile", timeZone: "America/New_York" };

/** One environment variable: what a person must give it (said when they did not), and whether its value may be printed. */
interface Variable<T extends z.ZodType> {
  schema: T;
  expects: string;
  secret?: boolean;
}

const variable = <T extends z.ZodType>(expects: string, schema: T, secret = false): Variable<T> => ({ schema, expects, secret });
const wholeNumber = z.string().regex(/^\d+$/).transform(Number);
const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T/)
  .transform((value) => Date.parse(value))
  .pipe(z.number().refine((at) => !Number.isNaN(at)));
const webUrl = z.url({ protocol: /^https?$/ });

const variables = {
  PORT: variable("a port number from 0 to 65535", wholeNumber.pipe(z.number().max(65_535)).default(3000)),
  DATABASE_URL: variable(
    "a libSQL URL such as file:./data/frontdesk.db, libsql://…, http://… or https://…",
    z.string().regex(/^(file|libsql|https?|wss?):/).default("file:./data/frontdesk.db"),
  ),
  DATABASE_AUTH_TOKEN: variable("a token", z.string().optional(), true),
  DATABASE_SYNCHRONOUS: variable('"normal" or "full"', z.enum(["normal", "full"]).default("normal")),
  MIGRATIONS_FOLDER: variable("a folder", z.string().optional()),
  PUBLIC_URL: variable("an http:// or https:// address such as https://bookings.example.com", webUrl.optional()),
  FRONTDESK_SECRET: variable("a secret", z.string().optional(), true),
  SMTP_URL: variable("an smtp:// or smtps:// URL such as smtp://user:password@smtp.example.com:587", z.url({ protocol: /^smtps?$/ }).optional(), true),
  SMTP_FROM: variable('a sender such as "BrightSmile Dental" <bookings@brightsmile.example>', z.string().regex(/[^\s@<>]+@[^\s@<>]+/).optional()),
  SEED_DEMO: variable('"true" or "false"', z.enum(["true", "false"]).default("false")),
  DEMO_PUBLISHABLE_KEY: variable("a publishable key such as pk_demo_brightsmile", z.string().regex(/^pk_\w+$/).default(defaultDemo.publishableKey)),
  DEMO_TIME_ZONE: variable("an IANA time zone such as America/New_York", z.string().refine(isKnownTimeZone).default(defaultDemo.timeZone)),
  TASK_INTERVAL_SECONDS: variable(
    "a number of seconds greater than 0, such as 30",
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .pipe(z.number().positive())
      .default(30),
  ),
  // srvx reads it, and falls back to 5 on a value it cannot read: checked here so that a typo is not silently ignored.
  SERVER_SHUTDOWN_TIMEOUT: variable("a whole number of seconds greater than 0, such as 5", wholeNumber.pipe(z.number().positive()).optional()),
  TRUST_PROXY: variable("the number of proxies in front of the server (0, 1, 2…)", wholeNumber.default(0)),
  RATE_LIMITS: variable('"on" or "off"', z.enum(["on", "off"]).default("on")),
  FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: variable('"1" or "0"', z.enum(["1", "0"]).default("0")),
  FRONTDESK_WEBHOOKS_ALLOW_HTTP: variable('"1" or "0"', z.enum(["1", "0"]).default("0")),
  FRONTDESK_CLOCK: variable("an ISO instant such as 2027-01-12T14:00:00Z", isoInstant.optional()),
  FRONTDESK_TRUSTED_ORIGINS: variable(
    "origins separated by commas, such as https://office.example.com,https://admin.example.com",
    z
      .string()
      .transform((list) => list.split(",").map((entry) => entry.trim()).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin)))
      .default([]),
  ),
  FRONTDESK_ADMIN_EMAILS: variable(
    "e-mail addresses separated by commas, such as ops@example.com,alex@example.com",
    z
      .string()
      .transform((list) => list.split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.email()))
      .default([]),
  ),
  FRONTDESK_SANDBOX_PROVIDERS: variable('"on" or "off"', z.enum(["on", "off"]).default("on")),
  FRONTDESK_RETELL_URL: variable("the http:// address of a running fake Retell", webUrl.optional()),
  FRONTDESK_TWILIO_URL: variable("the http:// address of a running fake Twilio", webUrl.optional()),
  RETELL_API_KEY: variable("a Retell API key", z.string().min(8).optional(), true),
  RETELL_WEBHOOK_KEY: variable("the Retell API key with the webhook badge", z.string().min(8).optional(), true),
  TWILIO_ACCOUNT_SID: variable("a Twilio Account SID such as AC0123456789abcdef0123456789abcdef", z.string().regex(/^AC[0-9a-fA-F]{32}$/).optional()),
  TWILIO_AUTH_TOKEN: variable("a Twilio auth token", z.string().min(16).optional(), true),
  CALENDAR_TOKEN_KEYS: variable(
    "keys of 32 bytes in base64 or hex, separated by commas (make one with: openssl rand -base64 32)",
    z
      .string()
      .transform((value, context) => {
        try {
          return parseTokenKeys(value);
        } catch {
          context.addIssue({ code: "custom", message: "not keys" });
          return z.NEVER;
        }
      })
      .pipe(z.array(z.instanceof(Buffer)).min(1))
      .optional(),
    true,
  ),
  GOOGLE_CLIENT_ID: variable("the client id of a Google OAuth client (…apps.googleusercontent.com)", z.string().min(8).optional()),
  GOOGLE_CLIENT_SECRET: variable("the client secret of that Google OAuth client", z.string().min(8).optional(), true),
  MICROSOFT_CLIENT_ID: variable("the application (client) id of an app in Microsoft Entra", z.string().min(8).optional()),
  MICROSOFT_CLIENT_SECRET: variable("a client secret of that Entra app", z.string().min(8).optional(), true),
  MICROSOFT_TENANT: variable('"common", "organizations", "consumers" or a directory (tenant) id', z.string().regex(/^[\w.-]+$/).default("common")),
  FRONTDESK_GOOGLE_CALENDAR_URL: variable("the http:// address of a running fake Google Calendar", webUrl.optional()),
  FRONTDESK_MICROSOFT_GRAPH_URL: variable("the http:// address of a running fake Microsoft Graph", webUrl.optional()),
};

const environment = z.object(Object.fromEntries(Object.entries(variables).map(([name, { schema }]) => [name, schema])) as {
  [Name in keyof typeof variables]: (typeof variables)[Name]["schema"];
});

/** Some environment variables hold values the server cannot use; `problems` says which and what each expects. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
  constructor(readonly problems: string[]) {
    super(`Fix these environment variables and start again:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
}

/** Reads and checks the settings; throws a `SettingsError` naming every variable with a value it cannot use. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  // An empty variable (`SMTP_URL=`) reads as unset, as it always has.
  const given = Object.fromEntries(Object.keys(variables).map((name) => [name, env[name] || undefined]));
  const parsed = environment.safeParse(given);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))] as (keyof typeof variables)[];
    throw new SettingsError(
      names.map((name) => {
        const { expects, secret } = variables[name];
        return `${name} must be ${expects}; ${secret ? "the value given is not" : `got ${JSON.stringify(given[name])}`}.`;
      }),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    databaseSynchronous: e.DATABASE_SYNCHRONOUS,
    migrationsFolder: e.MIGRATIONS_FOLDER,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    signingSecret: e.FRONTDESK_SECRET,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    seedDemo: e.SEED_DEMO === "true",
    demo: { publishableKey: e.DEMO_PUBLISHABLE_KEY, timeZone: e.DEMO_TIME_ZONE },
    taskIntervalMs: e.TASK_INTERVAL_SECONDS * 1000,
    limits: { trustedProxies: e.TRUST_PROXY, perClient: e.RATE_LIMITS === "on" },
    webhooks: { allowPrivate: e.FRONTDESK_WEBHOOKS_ALLOW_PRIVATE === "1", allowHttp: e.FRONTDESK_WEBHOOKS_ALLOW_HTTP === "1" },
    clockStart: e.FRONTDESK_CLOCK,
    trustedOrigins: e.FRONTDESK_TRUSTED_ORIGINS,
    adminEmails: e.FRONTDESK_ADMIN_EMAILS,
    phone: {
      sandbox: e.FRONTDESK_SANDBOX_PROVIDERS === "on",
      fakeRetellUrl: e.FRONTDESK_RETELL_URL,
      fakeTwilioUrl: e.FRONTDESK_TWILIO_URL,
      retell: e.RETELL_API_KEY ? { apiKey: e.RETELL_API_KEY, webhookKey: e.RETELL_WEBHOOK_KEY } : undefined,
      twilio: e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN } : undefined,
    },
    calendar: {
      tokenKeys: e.CALENDAR_TOKEN_KEYS,
      google: e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET ? { clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET } : undefined,
      microsoft:
        e.MICROSOFT_CLIENT_ID && e.MICROSOFT_CLIENT_SECRET ? { clientId: e.MICROSOFT_CLIENT_ID, clientSecret: e.MICROSOFT_CLIENT_SECRET, tenant: e.MICROSOFT_TENANT } : undefined,
      fakeGoogleUrl: e.FRONTDESK_GOOGLE_CALENDAR_URL,
      fakeMicrosoftUrl: e.FRONTDESK_MICROSOFT_GRAPH_URL,
    },
  };
}

let current: Settings | undefined;

/** This process's settings, read from its environment the first time they are asked for. */
export function settings(): Settings {
  current ??= readSettings(process.env);
  return current;
}
