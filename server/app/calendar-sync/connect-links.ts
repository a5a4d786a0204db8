import { createHmac, timingSafeEqual } from "node:crypto";
import type { CalendarProviderName } from "@frontdesk/core";

/** How long a connect link an owner sends (or the reconnect mail carries) works. */
export const connectLinkLifetimeHours = 7 * 24;

/** What a connect link names: the business, the staff member, perhaps the provider, and until when it works. */
export interface ConnectLink {
  tenantId: string;
  staffId: string;
  provider: CalendarProviderName | null;
  expiresAt: number;
}

/**
 * Connect links (`GET /calendar/connect?link=…`): what they name, in the clear, with an HMAC under the server's secret,
 * so that a staff member connects their calendar from a mail without signing in.
 */
export function connectLinks(deps: { secret: string; publicUrl: string; now: () => number }) {
  const sign = (payload: string) => createHmac("sha256", deps.secret).update(`calendar-connect:${payload}`).digest("base64url");

  return {
    /** A link to the staff member, working for `connectLinkLifetimeHours`. */
    url(tenantId: string, staffId: string, provider: CalendarProviderName | null): { url: string; expiresAt: number } {
      const expiresAt = deps.now() + connectLinkLifetimeHours * 3_600_000;
      const payload = Buffer.from(JSON.stringify({ t: tenantId, s: staffId, p: provider, e: expiresAt })).toString("base64url");
      const url = new URL("/calendar/connect", deps.publicUrl);
      url.searchParams.set("link", `${payload}.${sign(payload)}`);
      return { url: url.href, expiresAt };
    },

    /** The link a token names, or undefined for a forged or damaged one (its expiry is the caller's to check). */
    verify(token: string): ConnectLink | undefined {
      const dot = token.lastIndexOf(".");
      if (dot <= 0) return undefined;
      const payload = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1));
      const expected = Buffer.from(sign(payload));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const { t, s, p, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { t: string; s: string; p: CalendarProviderName | null; e: number };
        return { tenantId: t, staffId: s, provider: p, expiresAt: e };
      } catch {
        return undefined;
      }
    },
  };
}
