/**
 * The twilio SDK client the adapter and the messenger share: no automatic retries (a retried purchase could buy twice;
 * the server's jobs retry instead), a request timeout, and optionally every request sent to another origin (the fake).
 * Twilio's errors become `ProviderError`s by HTTP status.
 */
import { ProviderError } from "@frontdesk/core";
import twilio from "twilio";

export interface TwilioCredentials {
  /** `AC…`: the account the numbers, trunks and messages belong to. */
  accountSid: string;
  /** The account's auth token; it also signs the status callbacks Twilio sends. */
  authToken: string;
  /**
   * Send every request to this origin instead of Twilio's hosts: `https://api.twilio.com/…` goes to
   * `${apiOrigin}/api/…`, `https://trunking.twilio.com/…` to `${apiOrigin}/trunking/…` (how the fake is mounted).
   */
  apiOrigin?: string;
  /** Per request; 15 s unless set (the SDK's own default is 30 s). */
  timeoutMs?: number;
}

type RequestOptions = Parameters<InstanceType<typeof twilio.RequestClient>["request"]>[0];

/** `https://<product>.twilio.com/<path>` → `${origin}/<product>/<path>`; any other URL is left as it is. */
export function rewriteTwilioUrl(uri: string, origin: string): string {
  const match = /^https:\/\/([a-z0-9-]+)\.twilio\.com(?::443)?(\/.*)?$/i.exec(uri);
  return match ? `${origin.replace(/\/+$/, "")}/${match[1]!.toLowerCase()}${match[2] ?? "/"}` : uri;
}

/**
 * The SDK's own HTTP client with every URL rewritten to `origin` first. One hook covers every Twilio domain and the
 * next-page URLs the SDK follows, which name Twilio's real hosts.
 */
export class RewritingClient extends twilio.RequestClient {
  readonly origin: string;

  constructor(origin: string, options: ConstructorParameters<typeof twilio.RequestClient>[0] = {}) {
    super(options);
    this.origin = origin;
  }

  override request<TData>(options: RequestOptions & { data?: TData }) {
    return super.request<TData>({ ...options, uri: rewriteTwilioUrl(options.uri, this.origin) });
  }
}

export type TwilioClient = ReturnType<typeof twilio>;

export function createTwilioClient(credentials: TwilioCredentials): TwilioClient {
  if (!/^AC[0-9a-fA-F]{32}$/.test(credentials.accountSid)) {
    throw new ProviderError("auth", "A Twilio account sid is AC followed by 32 hexadecimal digits.", "twilio");
  }
  const timeout = credentials.timeoutMs ?? 15_000;
  const clientOptions = { timeout, autoRetry: false };
  const httpClient = credentials.apiOrigin ? new RewritingClient(credentials.apiOrigin, clientOptions) : new twilio.RequestClient(clientOptions);
  return twilio(credentials.accountSid, credentials.authToken, { httpClient, timeout, autoRetry: false });
}

/**
 * What Twilio answered, if the error is one of its answers: a `RestException` (the legacy body) or a
 * `TwilioServiceException` (RFC 9457 bodies, which the SDK only exports by shape), rather than a lost request.
 */
export function twilioStatusOf(error: unknown): { status: number; code: number | undefined; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const answered = error instanceof twilio.RestException || error.constructor.name === "TwilioServiceException";
  const { status, code } = error as { status?: unknown; code?: unknown };
  if (!answered || typeof status !== "number") return undefined;
  return { status, code: typeof code === "number" ? code : undefined, message: error.message };
}

/**
 * A Twilio failure as a `ProviderError`: 401/403 auth, 404 not found, 429 and 5xx (or no answer at all) unavailable,
 * other 4xx rejected. Our own errors (bad input, bugs) go through as they are.
 */
export function asProviderError(error: unknown, doing: string): unknown {
  if (error instanceof ProviderError) return error;
  const answered = twilioStatusOf(error);
  if (!answered) {
    if (!isLostRequest(error)) return error;
    return new ProviderError("unavailable", `Twilio could not be reached while ${doing}: ${(error as Error).message}`, "twilio", { cause: error });
  }
  const { status, code, message } = answered;
  const kind = status === 401 || status === 403 ? "auth" : status === 404 ? "not_found" : status === 429 || status >= 500 ? "unavailable" : "rejected";
  return new ProviderError(kind, `Twilio refused ${doing} (HTTP ${status}${code ? `, error ${code}` : ""}): ${message}`, "twilio", { providerCode: code ?? status, cause: error });
}

/** A request that got no answer: refused, reset or timed out on the way (the SDK's HTTP client is axios). */
export function isLostRequest(error: unknown): boolean {
  return error instanceof Error && (error as { isAxiosError?: unknown }).isAxiosError === true;
}
