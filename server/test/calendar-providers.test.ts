import { describe, expect, it } from "vitest";
import type { CalendarProviderSettings } from "../app/settings";
import { issueSecretKey } from "../app/auth/secret-keys";
import { calendarProviders } from "../app/calendar-sync/providers";
import { startTestApp } from "../testing/app-harness";
import { callApp } from "../testing/app-calls";

const noApps: CalendarProviderSettings = { tokenKeys: undefined, google: undefined, microsoft: undefined, fakeGoogleUrl: undefined, fakeMicrosoftUrl: undefined };

/** `calendar.providers` on a server whose providers are built from `settings`, with the sandbox's fakes off. */
async function providersListed(settings: Partial<CalendarProviderSettings>): Promise<unknown> {
  const providers = await calendarProviders({ ...noApps, ...settings }, { publicUrl: "http://frontdesk.test", now: Date.now, sandbox: false });
  const t = await startTestApp({ calendar: { providers } });
  try {
    const key = await t.db.write((writer) => issueSecretKey(writer, t.tenantId));
    const answer = await callApp(t.app, "calendar.providers", { headers: { authorization: `Bearer ${key}` } });
    expect(answer.status).toBe(200);
    return answer.data;
  } finally {
    await t.close();
  }
}

describe("calendar.providers: the providers whose OAuth app the operator set up", () => {
  it("lists only Microsoft on a server with only the Microsoft app", async () => {
    expect(await providersListed({ microsoft: { clientId: "6f1f0cc5-2c4e-4d7b-9a57-3f1e0f7c2a10", clientSecret: "graph-secret", tenant: "common" } })).toEqual({ providers: ["microsoft"] });
  });

  it("lists none on a server with no app and no sandbox", async () => {
    expect(await providersListed({})).toEqual({ providers: [] });
  });
});
