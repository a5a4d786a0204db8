/**
 * The googleapis Calendar client the adapter uses: only the Calendar API's module (the package's index loads every
 * Google API), no automatic retries (the server's durable jobs retry, on a transient `ProviderError`), a timeout per
 * request, and optionally another root URL (the fake). Google's errors become `ProviderError`s by HTTP status.
 */
import { ProviderError } from "@frontdesk/core";
import { calendar, type calendar_v3 } from "googleapis/build/src/apis/calendar";

export type { calendar_v3 };
export type CalendarClient = calendar_v3.Calendar;

export interface GoogleClientOptions {
  /** Where the Calendar API lives; `https://www.googleapis.com/` unless set (the fake's `rootUrl` in tests). */
  rootUrl?: string;
  /** Per request; 15 s unless set. */
  timeoutMs?: number;
  /** The clock a `Retry-After` date is read against (epoch ms); the system clock unless set. */
  now?: () => number;
}

export const defaultTimeoutMs = 15_000;

export function createCalendarClient(options: GoogleClientOptions): CalendarClient {
  return calendar({ version: "v3", ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}), timeout: options.timeoutMs ?? defaultTimeoutMs, retry: false });
}

/** The Authorization header of one request: the token comes from the server, fresh, for every call. */
export async function bearer(accessToken: () => Promise<string>) {
  return { headers: { Authorization: `Bearer ${await accessToken()}` } };
}

/**
 * Whether the error is gaxios's (the HTTP client of googleapis and google-auth-library). Each of them may bring its
 * own copy of gaxios, and `instanceof` holds only within one version, so the mark every copy sets is checked instead.
 */
function isGaxiosError(error: unknown): error is Error & { response?: unknown } {
  return error instanceof Error && Symbol.for("gaxios-gaxios-error") in error;
}

/** What Google answered, if the error is one of its answers rather than a lost request. */
export function googleAnswerOf(error: unknown): { status: number; reason: string | undefined; message: string; retryAfter: string | null } | undefined {
  if (!isGaxiosError(error) || !error.response) return undefined;
  const { status, data, headers } = error.response as { status: number; data: unknown; headers: Headers };
  const body = (typeof data === "object" && data !== null ? data : {}) as { error?: unknown; error_description?: unknown };
  // The Calendar API answers `{ error: { code, message, errors: [{ reason }] } }`; the OAuth endpoints `{ error, error_description }`.
  const apiError = typeof body.error === "object" && body.error !== null ? (body.error as { message?: unknown; errors?: { reason?: unknown }[] }) : undefined;
  const reason = apiError ? apiError.errors?.[0]?.reason : body.error;
  const message = apiError ? apiError.message : body.error_description;
  return {
    status,
    reason: typeof reason === "string" ? reason : undefined,
    message: typeof message === "string" ? message : error.message,
    retryAfter: typeof headers?.get === "function" ? headers.get("retry-after") : null,
  };
}

/** Google's 403s that are rate limits, not refusals: retrying later succeeds. */
const rateLimitReasons = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

/**
 * A Google failure as a `ProviderError`: 401 and 403 auth (but a rate-limit 403 is unavailable), 404 and 410 not
 * found, 408, 429 and 5xx (or no answer at all) unavailable with `retryAfterMs` when Google said when, other 4xx
 * rejected. `providerCode` is Google's reason (`invalid_grant`, `notFound`, …) or else the status. Our own errors go
 * through as they are.
 */
export function asProviderError(error: unknown, doing: string, now: () => number = Date.now): unknown {
  if (error instanceof ProviderError || !isGaxiosError(error)) return error;
  const answer = googleAnswerOf(error);
  if (!answer) return new ProviderError("unavailable", `Google could not be reached while ${doing}: ${error.message}`, "google", { cause: error });
  const { status, reason, message } = answer;
  const kind =
    status === 401 || (status === 403 && !rateLimitReasons.has(reason ?? ""))
      ? "auth"
      : status === 404 || status === 410
        ? "not_found"
        : status === 403 || status === 408 || status === 429 || status >= 500
          ? "unavailable"
          : "rejected";
  const retryAfterMs = kind === "unavailable" ? retryAfterMsOf(answer.retryAfter, now()) : undefined;
  return new ProviderError(kind, `Google refused ${doing} (HTTP ${status}${reason ? `, ${reason}` : ""}): ${message}`, "google", {
    providerCode: reason ?? status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    cause: error,
  });
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if neither. */
export function retryAfterMsOf(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Runs one request to Google, its failure as a `ProviderError` (see `asProviderError`). */
export async function callGoogle<T>(doing: string, now: () => number, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw asProviderError(error, doing, now);
  }
}

/** Whether Google answered this status (a patch of an event that is not there, an insert of an id that is). */
export function answeredWith(error: unknown, ...statuses: number[]): boolean {
  const answer = googleAnswerOf(error);
  return answer !== undefined && statuses.includes(answer.status);
}
