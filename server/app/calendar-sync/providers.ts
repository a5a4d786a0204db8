import type { CalendarAuth, CalendarProvider, CalendarProviderName } from "@frontdesk/core";
import { googleCalendar, googleCalendarAuth } from "@frontdesk/google-calendar";
import { entraEndpointsFor, outlookCalendar, outlookCalendarAuth } from "@frontdesk/outlook-calendar";
import type { CalendarProviderSettings } from "../settings";

/** One provider as the sync uses it: OAuth for connecting, the calendar API, and the sandbox's fake if it is one. */
export interface CalendarSide {
  name: CalendarProviderName;
  auth: CalendarAuth;
  calendar: CalendarProvider;
  /** Set on the sandbox's own fake: it consents on the server's side, for an account it makes on the way. */
  sandbox: SandboxConsent | null;
}

/** What connecting on the sandbox needs: a fake account for the person, and the fake's consent without a browser. */
export interface SandboxConsent {
  ensureAccount(email: string, name: string): void;
  /** The callback URL the fake sends the browser back to, with its `code` and `state`. */
  consent(authorizationUrl: URL): Promise<URL>;
}

export type CalendarProviders = Partial<Record<CalendarProviderName, CalendarSide>>;

/** Where the providers send the browser back to, and post their pushes: part of the public surface (docs/calendar-sync.md). */
export const calendarPaths = {
  callback: (provider: CalendarProviderName) => `/oauth/${provider}/callback`,
  push: (provider: CalendarProviderName) => `/webhooks/${provider}/calendar`,
} as const;

/** The app the sandbox's own fakes know: they accept nothing else. */
const sandboxApp = { clientId: "frontdesk-sandbox.apps.googleusercontent.com", clientSecret: "frontdesk-sandbox-secret" };

const running: { close(): Promise<void> }[] = [];

/**
 * Each provider with its app's credentials, pointed at a running fake when the settings name one (tests); without
 * credentials, the sandbox's own fake, started in this process, when the sandbox is on; else none.
 */
export async function calendarProviders(
  settings: CalendarProviderSettings,
  options: { publicUrl: string; now: () => number; sandbox: boolean },
): Promise<CalendarProviders> {
  const { publicUrl, now } = options;
  const redirectUri = (provider: CalendarProviderName) => `${publicUrl}${calendarPaths.callback(provider)}`;
  const providers: CalendarProviders = {};

  if (settings.google) {
    const endpoints = settings.fakeGoogleUrl ? fakeGoogleEndpoints(settings.fakeGoogleUrl) : undefined;
    providers.google = {
      name: "google",
      auth: googleCalendarAuth({ ...settings.google, redirectUri: redirectUri("google"), now, ...(endpoints ? { endpoints } : {}) }),
      calendar: googleCalendar({ now, ...(settings.fakeGoogleUrl ? { rootUrl: `${settings.fakeGoogleUrl}/` } : {}) }),
      sandbox: null,
    };
  } else if (options.sandbox) {
    const { startFakeGoogleCalendar } = await import("@frontdesk/google-calendar/testing");
    const fake = await startFakeGoogleCalendar({ now: () => new Date(now()), clients: [sandboxApp] });
    running.push(fake);
    providers.google = {
      name: "google",
      auth: googleCalendarAuth({ ...sandboxApp, redirectUri: redirectUri("google"), now, endpoints: fake.oauthEndpoints }),
      calendar: googleCalendar({ now, rootUrl: fake.rootUrl }),
      sandbox: {
        ensureAccount(email, name) {
          if (![...fake.state.users.values()].some((user) => user.email === email)) fake.addAccount({ email, name });
        },
        consent: async (url) => fake.authorize(url),
      },
    };
  }

  if (settings.microsoft) {
    const base = settings.fakeMicrosoftUrl;
    providers.microsoft = {
      name: "microsoft",
      auth: outlookCalendarAuth({
        ...settings.microsoft,
        redirectUri: redirectUri("microsoft"),
        now,
        ...(base ? { baseUrl: base, endpoints: entraEndpointsFor(settings.microsoft.tenant, base) } : {}),
      }),
      calendar: outlookCalendar({ now, ...(base ? { baseUrl: base } : {}) }),
      sandbox: null,
    };
  } else if (options.sandbox) {
    const { startFakeMicrosoftGraph } = await import("@frontdesk/outlook-calendar/testing");
    const fake = await startFakeMicrosoftGraph({ now: () => new Date(now()), apps: [{ ...sandboxApp, redirectUris: [redirectUri("microsoft")] }] });
    running.push(fake);
    providers.microsoft = {
      name: "microsoft",
      auth: outlookCalendarAuth({ ...sandboxApp, redirectUri: redirectUri("microsoft"), now, baseUrl: fake.url, endpoints: fake.entraEndpoints() }),
      calendar: outlookCalendar({ now, baseUrl: fake.url }),
      sandbox: {
        ensureAccount(email, name) {
          const user = fake.state.users.find((known) => known.mail === email) ?? fake.addUser({ displayName: name, mail: email });
          fake.signInAs(user.id);
        },
        async consent(url) {
          const answer = await fetch(url, { redirect: "manual" });
          return new URL(answer.headers.get("location") ?? "", url);
        },
      },
    };
  }
  return providers;
}

/** The fake Google's OAuth endpoints at its address, as `startFakeGoogleCalendar` names them. */
function fakeGoogleEndpoints(url: string) {
  return { authorizationUrl: `${url}/o/oauth2/v2/auth`, tokenUrl: `${url}/token`, revokeUrl: `${url}/revoke` };
}

/** Stops the sandbox fakes this process started. */
export async function closeCalendarProviders(): Promise<void> {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
}
