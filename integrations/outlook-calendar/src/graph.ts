/**
 * The Microsoft Graph client the adapter uses: the official SDK's `Client` on a middleware chain of our own, so that
 * the access token comes from the server's `CalendarAccess`, every request has a timeout, requests can go to another
 * origin (the fake), and nothing is retried (the SDK's default chain retries 429 and 503 itself; the server's jobs
 * retry instead, on a transient `ProviderError`). Graph's errors become `ProviderError`s by HTTP status.
 */
import { ProviderError, type CalendarAccess } from "@frontdesk/core";
import { Client, GraphClientError, GraphError, HTTPMessageHandler, type Context, type Middleware } from "@microsoft/microsoft-graph-client";

/** Graph's origin: the SDK builds every URL on it, and Graph's own links (`@odata.nextLink`, `@odata.deltaLink`) name it. */
export const graphOrigin = "https://graph.microsoft.com";

export interface GraphOptions {
  /** Send every Graph request to this origin instead (the fake's `url`); Graph's links are followed there too. */
  baseUrl?: string;
  /** Per request; 15 s unless set. */
  timeoutMs?: number;
}

/** What our middleware throws so that the SDK hands it on as it is (it wraps any other error in a `GraphError`). */
class Unanswered extends GraphClientError {
  constructor(
    readonly reason: "token" | "lost",
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    // GraphClientError (compiled to ES5) sets its own prototype, which would lose this subclass.
    Object.setPrototypeOf(this, Unanswered.prototype);
  }
}

/** Adds the bearer token and the timeout, rewrites Graph's origin to `baseUrl`, and lets the SDK's fetch run once. */
class AccessMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly access: CalendarAccess,
    private readonly options: GraphOptions,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    // The token goes to Graph only: a link naming any other host is refused rather than followed with it.
    if (!url.startsWith(`${graphOrigin}/`)) throw new Unanswered("lost", new Error(`Not a Microsoft Graph URL: ${url}`));
    let token: string;
    try {
      token = await this.access.accessToken();
    } catch (error) {
      throw new Unanswered("token", error);
    }
    const headers = new Headers(context.options?.headers as HeadersInit | undefined);
    headers.set("Authorization", `Bearer ${token}`);
    context.request = this.options.baseUrl ? `${this.options.baseUrl.replace(/\/+$/, "")}${url.slice(graphOrigin.length)}` : url;
    context.options = { ...context.options, headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) };
    try {
      await this.next!.execute(context);
    } catch (error) {
      throw new Unanswered("lost", error);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function graphClient(access: CalendarAccess, options: GraphOptions = {}): Client {
  return Client.initWithMiddleware({ middleware: [new AccessMiddleware(access, options), new HTTPMessageHandler()] });
}

/** Graph's answer, if the error is one (an HTTP status of 400 or more), rather than a request that got none. */
export function graphStatusOf(error: unknown): { status: number; code: string | null } | undefined {
  const graphError = error instanceof ProviderError ? error.cause : error;
  if (!(graphError instanceof GraphError) || graphError.statusCode < 400) return undefined;
  return { status: graphError.statusCode, code: graphError.code };
}

/** Retry-After as Graph sends it (seconds, or an HTTP date), in ms from `now`. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A Graph failure as a `ProviderError`: 401/403 auth, 404/410 not found, 429 and 5xx (or no answer, or a timeout)
 * unavailable with Retry-After, other 4xx rejected; Graph's `error.code` is the `providerCode`. A `ProviderError` the
 * token source threw goes through as it is, and so do our own errors.
 */
export function asProviderError(error: unknown, doing: string): unknown {
  if (error instanceof Unanswered) {
    if (error.reason === "token") return error.cause;
    return new ProviderError("unavailable", `Microsoft Graph could not be reached while ${doing}: ${error.message}`, "microsoft", { cause: error.cause });
  }
  if (!(error instanceof GraphError)) return error;
  const answered = graphStatusOf(error);
  // A GraphError below 400 is a body that could not be read (a timeout half-way, a cut connection).
  if (!answered) return new ProviderError("unavailable", `Microsoft Graph's answer was lost while ${doing}: ${error.message}`, "microsoft", { cause: error });
  const { status, code } = answered;
  const kind = status === 401 || status === 403 ? "auth" : status === 404 || status === 410 ? "not_found" : status === 429 || status >= 500 ? "unavailable" : "rejected";
  return new ProviderError(kind, `Microsoft Graph refused ${doing} (HTTP ${status}${code ? `, ${code}` : ""}): ${error.message}`, "microsoft", {
    providerCode: code ?? status,
    retryAfterMs: kind === "unavailable" ? retryAfterMs(error.headers?.get("retry-after")) : undefined,
    cause: error,
  });
}

/** Runs one SDK call, its failure as a `ProviderError`. */
export async function graphCall<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asProviderError(error, doing);
  }
}
