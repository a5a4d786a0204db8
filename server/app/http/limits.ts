import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";
import { FrontdeskError } from "@frontdesk/core";

// Every bound on what one client or one request can make the server do; docs/server.md lists them.

/** Request bodies of web-page (publishable-key) and manage-link calls. */
export const publicBodyLimitBytes = 64 * 1024;
/** Request bodies of calls with a valid secret key: a business's own server saving its configuration. */
export const secretBodyLimitBytes = 1024 * 1024;
/** The whole URL: a GET call carries its input in the query string. */
export const maxUrlBytes = 8 * 1024;
/** A tool call from the phone agent (Retell's request, with the call's transcript so far). */
export const toolCallBodyLimitBytes = 256 * 1024;
/** Calls one batched request may carry; each is counted against the rate limits. */
export const maxCallsPerBatch = 10;

/** A token bucket: `burst` calls at once, refilled at `perMinute`. */
export interface Rate {
  burst: number;
  perMinute: number;
}

/** Calls per client address, by kind of call. Holds have their own bucket so that a visitor refused a hold can still book. */
export const rates = {
  /** Catalogue, availability, the manage page's reads. */
  reads: { burst: 120, perMinute: 120 },
  /** `booking.hold`, `booking.releaseHold`: a customer changing their mind uses two. */
  holds: { burst: 20, perMinute: 20 },
  /** `booking.create`, `manage.reschedule`, `manage.cancel`. */
  bookings: { burst: 10, perMinute: 10 },
  /** The phone agent's tool calls, per agent (however many calls it is on): a call makes a few dozen at most. */
  agentTools: { burst: 300, perMinute: 600 },
  /**
   * Calendar push notifications: per Google channel, and per sending address for Graph (whose batches name their
   * subscriptions only in the body). A calendar changed by a script sends bursts; a lost push is caught by care.
   */
  calendarPushes: { burst: 600, perMinute: 600 },
  /** A staff member's ICS feed, per feed: calendar apps poll every few minutes to hours, from a few devices. */
  calendarFeeds: { burst: 30, perMinute: 6 },
  /** Configuration and staff calls with a secret key or a member's session. */
  secret: { burst: 300, perMinute: 600 },
  // The accounts API (`/api/auth/*`): per client address, and per account (the e-mail address, or the sign-in waiting
  // for its second factor), so that neither one network nor many can guess one person's password or code.
  /** Password and passkey sign-ins from one address. */
  signIn: { burst: 10, perMinute: 2 },
  /** Password sign-ins to one account, from anywhere. */
  signInAccount: { burst: 5, perMinute: 0.2 },
  /** Accounts made from one address. */
  signUp: { burst: 5, perMinute: 0.1 },
  /** Reset and verification mail asked for from one address; `resetAccount` per address it goes to. */
  reset: { burst: 5, perMinute: 0.1 },
  resetAccount: { burst: 3, perMinute: 0.05 },
  /** Two-factor codes tried from one address, and for one sign-in or account. */
  twoFactor: { burst: 10, perMinute: 2 },
  twoFactorAccount: { burst: 5, perMinute: 0.2 },
} as const satisfies Record<string, Rate>;

export type RateBucket = keyof typeof rates;

/** Holds one client address may keep running at one business; the widget keeps one at a time. */
export const maxHoldsPerClient = 3;
/** A business's ceiling on running holds from everyone: this many per staff member, and never fewer than `minHoldsPerBusiness`. */
export const holdsPerStaffMember = 5;
export const minHoldsPerBusiness = 10;

/** What an operator sets: `TRUST_PROXY` (how many proxies append to X-Forwarded-For) and `RATE_LIMITS` (`on` | `off`). */
export interface LimitSettings {
  trustedProxies: number;
  perClient: boolean;
}

/**
 * The client's address: the socket's, or behind `trustedProxies` proxies the one the outermost of them saw
 * (each appends the address it was called from, so anything further left may be forged by the client).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null, trustedProxies: number): string {
  const chain = trustedProxies > 0 && forwardedFor ? forwardedFor.split(",").map((entry) => entry.trim()).filter(Boolean) : [];
  return networkOf(chain.length > 0 ? chain[Math.max(0, chain.length - trustedProxies)]! : (socketAddress ?? "unknown"));
}

/** IPv6 clients are counted by /64 network: one subscriber gets a whole /64 and can pick any address in it. */
function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

/** Who a request's calls count against, by its socket address and X-Forwarded-For header; null when per-client limits are off. */
export type ClientOf = (socketAddress: string | undefined, forwardedFor: string | null) => Client | null;

/** A client as the limits count it: `id` is a keyed hash of `address` (an IPv6 client's /64). */
export interface Client {
  id: string;
  address: string;
  rates: RateLimiter;
  /** A keyed hash of anything else a limit counts by (an account's e-mail address), like `id`. */
  idOf(value: string): string;
}

export function clientsOf(secret: string, now: () => number, limits: { settings: LimitSettings; store: LimitStore } | undefined): ClientOf {
  if (!limits?.settings.perClient) return () => null;
  const rates = rateLimiter(limits.store, now);
  // A keyed hash: counters and holds name the client without storing its address.
  const idOf = (value: string) => createHmac("sha256", secret).update(`client:${value}`).digest("base64url").slice(0, 22);
  return (socketAddress, forwardedFor) => {
    const address = clientAddress(socketAddress, forwardedFor, limits.settings.trustedProxies);
    return { id: idOf(address), address, rates, idOf };
  };
}

/** The little of unstorage (`useStorage()` from nitro/storage) the counters need; a shared driver shares them between processes. */
export interface LimitStore {
  getItem<T = unknown>(key: string): Promise<T | null>;
  setItem(key: string, value: unknown, options?: { ttl?: number }): Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
}

export type RateLimiter = ReturnType<typeof rateLimiter>;

/** Token buckets per client and kind of call, kept in `store`. Calls for one bucket take turns in this process. */
export function rateLimiter(store: LimitStore, now: () => number) {
  const turns = new Map<string, Promise<unknown>>();

  async function takeOne(key: string, rate: Rate): Promise<void> {
    const at = now();
    const perMs = rate.perMinute / 60_000;
    const saved = await store.getItem<Bucket>(key);
    const tokens = saved ? Math.min(rate.burst, saved.tokens + Math.max(0, at - saved.at) * perMs) : rate.burst;
    if (tokens < 1) {
      const wait = Math.ceil((1 - tokens) / perMs / 1000);
      throw new FrontdeskError("RATE_LIMITED", `Too many requests from your network. Please wait ${wait === 1 ? "a second" : `${wait} seconds`} and try again.`, {
        retryAfterSeconds: wait,
      });
    }
    // Kept until the bucket would be full again; after that, no entry means a full bucket.
    await store.setItem(key, { tokens: tokens - 1, at } satisfies Bucket, { ttl: Math.ceil((rate.burst - tokens + 1) / perMs / 1000) });
  }

  return {
    /** Takes one call from the client's allowance in `bucket`, or throws `RATE_LIMITED` with when to retry. */
    take(bucket: RateBucket, client: string): Promise<void> {
      const key = `${bucket}:${client}`;
      // Read-then-write is not atomic: without taking turns, a burst of parallel calls would all read a full bucket.
      const turn = (turns.get(key) ?? Promise.resolve()).then(() => takeOne(key, rates[bucket]));
      const settled = turn.catch(() => undefined);
      turns.set(key, settled);
      void settled.then(() => turns.get(key) === settled && turns.delete(key));
      return turn;
    },
  };
}

function requestTooLarge(message: string, field: string): FrontdeskError {
  return new FrontdeskError("REQUEST_TOO_LARGE", message, { field });
}

function bodyTooLarge(limit: number): FrontdeskError {
  const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit / 1024} kB`;
  return requestTooLarge(`The request body is larger than ${size}. Send less in one call.`, "body");
}

/** Why a request asks for too much, judged before any of its input is parsed or any call runs. */
export function oversizedRequest(url: string, calls: number): FrontdeskError | undefined {
  if (url.length > maxUrlBytes) return requestTooLarge(`This request's address is longer than ${maxUrlBytes} bytes. Ask for less in one call.`, "input");
  if (calls > maxCallsPerBatch) {
    return requestTooLarge(`A batch may carry at most ${maxCallsPerBatch} calls; this one has ${calls}. Send them in smaller batches.`, "batch");
  }
  return undefined;
}

export interface LimitedBody {
  request: Request;
  /** Raises the limit (a verified secret key); only takes effect before the body is read. */
  allow(bytes: number): void;
  /** Whether the body was refused: the rest of it is left unread, so the connection must close. */
  readonly refused: boolean;
}

/**
 * The request with a body that is read only when a procedure asks for its input, and that fails with
 * `REQUEST_TOO_LARGE` as soon as more than the limit has arrived (at once if Content-Length says so).
 */
export function limitedBody(request: Request): LimitedBody {
  let limit = publicBodyLimitBytes;
  let refused = false;
  if (request.method === "GET" || request.method === "HEAD") return { request, allow() {}, refused };
  const declared = Number(request.headers.get("content-length") ?? 0);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let received = 0;
  const refuse = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    refused = true;
    // Not cancelled: cancelling the source would reset the connection before the answer is sent.
    reader?.releaseLock();
    controller.error(bodyTooLarge(limit));
  };
  // Pulled only when read (high-water mark 0): the limit may still be raised, and an unread body is never touched.
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (declared > limit) return refuse(controller);
        if (!reader) {
          if (!request.body) return controller.close();
          reader = request.body.getReader();
        }
        const { done, value } = await reader.read();
        if (done) return controller.close();
        received += value.byteLength;
        if (received > limit) return refuse(controller);
        controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
  return {
    request: new Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: "half" } as RequestInit),
    allow(bytes) {
      limit = Math.max(limit, bytes);
    },
    get refused() {
      return refused;
    },
  };
}

/**
 * The whole body as text (UTF-8, as `Request.text()` reads it), failing with `REQUEST_TOO_LARGE` as soon as more than
 * `limit` bytes have arrived (at once if Content-Length says so); the rest is left unread, so the connection must close.
 * On Node it reads the request's own stream: wrapping that in web streams cost more than a tool call's work.
 */
export async function limitedText(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw bodyTooLarge(limit);
  const source = (request as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  if (!source || request.bodyUsed || source.readableEnded || source.destroyed) {
    const body = limitedBody(request);
    body.allow(limit);
    return body.request.text();
  }
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const settle = (error: unknown, body?: Buffer) => {
      source.off("data", onData).off("end", onEnd).off("error", settle).off("close", onClose);
      if (error) reject(error);
      else resolve(body!);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received <= limit) return void chunks.push(chunk);
      source.pause();
      settle(bodyTooLarge(limit));
    };
    const onEnd = () => settle(undefined, Buffer.concat(chunks, received));
    const onClose = () => settle(new Error("The client closed the connection before the request body arrived."));
    source.on("data", onData).once("end", onEnd).once("error", settle).once("close", onClose);
  });
  return utf8.decode(bytes);
}
const utf8 = new TextDecoder();
