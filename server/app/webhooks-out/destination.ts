import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { FrontdeskError } from "@frontdesk/core";
import { addressKind, mayReceive, type AddressKind } from "./addresses";

/** Where this server may send webhooks: public https addresses, unless its settings say more (development, tests). */
export interface DestinationPolicy {
  /** Also loopback, private (RFC 1918, fc00::/7) and shared (100.64/10) addresses: FRONTDESK_WEBHOOKS_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** Also plain http: FRONTDESK_WEBHOOKS_ALLOW_HTTP. */
  allowHttp: boolean;
}

/** Every address a host name has; the system resolver by default, another in tests that change what a name resolves to. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** A destination this server will not send to, with the reason, in words for the business's developer. */
export class DestinationRefused extends Error {
  override readonly name = "DestinationRefused";
  readonly code = "EDESTINATIONREFUSED";
}

const kindWords: Record<Exclude<AddressKind, "public">, string> = {
  loopback: "a loopback address",
  private: "a private network's address",
  shared: "a carrier-grade NAT (shared) address",
  "link-local": "a link-local address",
  metadata: "a cloud metadata address",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved or special-purpose address",
};

/** Refuses an address this policy does not send to. */
function checkAddress(host: string, address: string, policy: DestinationPolicy): void {
  const kind = addressKind(address);
  if (mayReceive(kind, policy.allowPrivate)) return;
  const what = kindWords[kind as Exclude<AddressKind, "public">];
  const shown = host === address ? address : `${host} (${address})`;
  throw new DestinationRefused(`${shown} is ${what}: webhooks are only sent to public internet addresses.`);
}

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Refuses a URL whose scheme the policy does not allow; the host is checked where it is resolved. */
function checkScheme(url: URL, policy: DestinationPolicy): void {
  if (url.protocol === "https:" || (url.protocol === "http:" && policy.allowHttp)) return;
  throw new DestinationRefused(`Use an https:// URL: this server sends webhooks over https only.`);
}

/**
 * Resolves the URL's host and checks every address it has: for registering an endpoint. `WEBHOOK_DESTINATION_REFUSED`
 * for one this server will not send to. Each attempt checks again, at connect time.
 */
export async function checkDestination(urlText: string, policy: DestinationPolicy, resolve: Resolve = systemResolve): Promise<void> {
  try {
    const url = new URL(urlText);
    checkScheme(url, policy);
    const host = bareHost(url);
    if (isIP(host)) return checkAddress(host, host, policy);
    const addresses = await resolve(host).catch((error: NodeJS.ErrnoException) => {
      throw new DestinationRefused(`${host} could not be resolved (${error.code ?? error.message}). Use a host name with a public DNS record.`);
    });
    if (addresses.length === 0) throw new DestinationRefused(`${host} has no addresses.`);
    for (const { address } of addresses) checkAddress(host, address, policy);
  } catch (error) {
    if (error instanceof DestinationRefused) throw new FrontdeskError("WEBHOOK_DESTINATION_REFUSED", error.message, { field: "url" });
    throw error;
  }
}

/**
 * A `lookup` for the connection itself: it resolves the host, refuses if any address is one the policy does not send
 * to, and hands the socket the checked addresses, so a name that changes its answer after the check cannot slip by.
 */
export function guardedLookup(policy: DestinationPolicy, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((addresses) => {
        for (const { address } of addresses) checkAddress(hostname, address, policy);
        const usable = addresses.filter(({ family }) => !options.family || family === options.family);
        if (usable.length === 0) throw Object.assign(new Error(`${hostname} has no usable address.`), { code: "ENOTFOUND" });
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ""));
  };
}

/** What one attempt came to: an answer (any status), or no answer and why. */
export interface SendOutcome {
  durationMs: number;
  httpStatus: number | null;
  /** Null for a 2xx answer. */
  error: string | null;
  responseExcerpt: string | null;
  /** True when the destination was refused: no retry changes that until the endpoint does. */
  refused: boolean;
}

/** The first kilobyte of an answer's body is kept for the attempt log. */
export const excerptChars = 1024;

/**
 * POSTs `body` to `url` once, with the destination checked at connect time, no redirect followed (a 3xx is a failed
 * attempt naming its Location) and a deadline for the whole exchange. Never throws: the outcome says what happened.
 */
export async function sendOnce(
  urlText: string,
  request: { body: string; headers: Record<string, string> },
  options: { policy: DestinationPolicy; resolve?: Resolve; timeoutMs: number },
): Promise<SendOutcome> {
  const started = performance.now();
  const done = (outcome: Omit<SendOutcome, "durationMs">): SendOutcome => ({ ...outcome, durationMs: Math.round(performance.now() - started) });
  const failed = (error: unknown): SendOutcome => {
    const refused = error instanceof DestinationRefused;
    const message = error instanceof Error ? error.message : String(error);
    return done({ httpStatus: null, error: refused ? `Refused: ${message}` : message, responseExcerpt: null, refused });
  };
  let url: URL;
  try {
    url = new URL(urlText);
    checkScheme(url, options.policy);
    const host = bareHost(url);
    if (isIP(host)) checkAddress(host, host, options.policy);
  } catch (error) {
    return failed(error);
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    const req = client.request(url, {
      method: "POST",
      headers: { ...request.headers, "content-type": "application/json", "content-length": Buffer.byteLength(request.body).toString(), "user-agent": "Frontdesk-Webhooks/1" },
      lookup: guardedLookup(options.policy, options.resolve),
      // One connection per attempt: a pooled socket would skip the connect-time check.
      agent: false,
    });
    const deadline = setTimeout(() => req.destroy(new Error(`No answer within ${options.timeoutMs / 1000} s.`)), options.timeoutMs);
    const finish = (outcome: SendOutcome) => {
      clearTimeout(deadline);
      resolve(outcome);
    };
    req.on("error", (error) => finish(failed(error)));
    req.on("response", (res) => {
      let excerpt = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        excerpt += chunk;
        // Enough for the log: stop reading what could be a very long answer.
        if (excerpt.length >= excerptChars) res.destroy();
      });
      const settle = () => {
        const status = res.statusCode ?? 0;
        const responseExcerpt = excerpt.slice(0, excerptChars) || null;
        const location = res.headers.location;
        const error =
          status >= 200 && status < 300
            ? null
            : status >= 300 && status < 400
              ? `Redirected (${status}) to ${location ?? "no Location"}: redirects are not followed. Register the final URL.`
              : `The endpoint answered ${status}.`;
        finish(done({ httpStatus: status, error, responseExcerpt, refused: false }));
      };
      res.on("end", settle);
      res.on("close", settle);
      res.on("error", () => undefined);
    });
    req.end(request.body);
  });
}
