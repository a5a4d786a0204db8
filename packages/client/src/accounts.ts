import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@frontdesk/server";

/** A failed call to the accounts API: the server's code (ours or the accounts library's), its message, the field at fault. */
export class AccountsError extends Error {
  override readonly name = "AccountsError";
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | undefined,
    readonly status: number,
    /** For 429: the seconds the server asked to wait (`Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The person the session cookie names, as `/api/auth/get-session` describes them. */
export interface AccountUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image?: string | null;
  locale?: string | null;
  timeZone?: string | null;
  twoFactorEnabled?: boolean | null;
}

export interface AccountSession {
  id: string;
  token: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  createdAt: string;
  expiresAt: string;
}

/**
 * Calls to the accounts API (`/api/auth/*`) from a web page: the session cookie travels with every call, and the
 * page's origin is sent even where the page asks for no referrer (the server checks it on every signed-in change).
 */
export interface AccountsClient {
  readonly baseUrl: string;
  /** GET without a body, POST with one; the JSON answer, or an `AccountsError`. */
  call<T = unknown>(path: string, body?: unknown, options?: { method?: "GET" | "POST"; query?: Record<string, string> }): Promise<T>;
  /** The signed-in person and their session, or null. */
  session(): Promise<{ user: AccountUser; session: { id: string; token: string } } | null>;
}

/** The fetch options that carry the session cookie and name the page's origin (never its path). */
export const withSessionCookie: RequestInit = { credentials: "include", referrerPolicy: "origin" };

export function createAccountsClient(options: { baseUrl: string; fetch?: typeof fetch }): AccountsClient {
  const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  async function call<T>(path: string, body?: unknown, { method, query }: { method?: "GET" | "POST"; query?: Record<string, string> } = {}): Promise<T> {
    const url = new URL(`/api/auth/${path}`, options.baseUrl);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    const verb = method ?? (body === undefined ? "GET" : "POST");
    let response: Response;
    try {
      response = await fetcher(url, {
        ...withSessionCookie,
        method: verb,
        ...(verb === "POST" ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) } : {}),
      });
    } catch {
      throw new AccountsError("NETWORK", "Could not reach the server. Check your connection and try again.", undefined, 0);
    }
    const text = await response.text();
    let answer: unknown = null;
    try {
      answer = text ? JSON.parse(text) : null;
    } catch {
      answer = null;
    }
    if (!response.ok) {
      const error = (answer ?? {}) as { code?: string; message?: string; field?: string | null };
      const wait = Number(response.headers.get("retry-after") ?? response.headers.get("x-retry-after"));
      throw new AccountsError(
        error.code ?? (response.status === 429 ? "RATE_LIMITED" : "ACCOUNTS_ERROR"),
        error.message ?? "The request could not be completed.",
        error.field ?? undefined,
        response.status,
        Number.isFinite(wait) && wait > 0 ? wait : undefined,
      );
    }
    return answer as T;
  }
  return {
    baseUrl: options.baseUrl,
    call,
    session: () => call("get-session"),
  };
}

