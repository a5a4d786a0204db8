/**
 * A fake Twilio on 127.0.0.1: a node:http server speaking the part of Twilio's published REST API that Frontdesk uses
 * (numbers, elastic SIP trunks, SIP credential lists, messages), with Basic auth per account, RestException bodies
 * and both styles of paging, and the signed status callbacks Twilio sends after a message.
 *
 * Twilio's hosts are mounted under their product name: `https://api.twilio.com/2010-04-01/…` is served at
 * `${url}/api/2010-04-01/…` and `https://trunking.twilio.com/v1/…` at `${url}/trunking/v1/…`, which is how the
 * adapter's `apiOrigin` rewrites them (see `RewritingClient`). Links in answers name the real hosts, as Twilio's do.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { parseTwilioForm, type TwilioParams } from "../webhook";
import { notFound, sidMaker, TwilioFault, type FakeAccount, type FakeAnswer, type FakeContext, type FakeMessage, type FakeTwilioState } from "./fake-state";
import { trunkingRoutes } from "./fake-trunking";
import { v2010Routes, type FakeRoute } from "./fake-v2010";

export type { FakeAccount, FakeMessage, FakeTrunk, FakeTwilioState } from "./fake-state";
export { inventory } from "./fake-inventory";

export interface FakeTwilioAccount {
  accountSid: string;
  authToken: string;
}

export interface FakeTwilioOptions {
  /** The accounts it knows; by default one with a fresh sid and token. */
  accounts?: FakeTwilioAccount[];
  /** The clock its resources are dated by. */
  now?: () => Date;
  /**
   * Where a status callback for `url` is actually sent; it is signed for `url` all the same. A test points the
   * server's public URL (what Twilio is configured with) at the server's real address, as a reverse proxy would.
   */
  routeCallback?: (url: string) => string;
  /** The port on 127.0.0.1; a free one unless set. */
  port?: number;
  /** What to start with, as `exportState` gave it: a sandbox server keeps its fake's numbers across restarts. */
  state?: FakeTwilioState;
  /** Called after each change of the state: an API write, a message's status. */
  onChange?: () => void;
}

export interface FakeRequest {
  method: string;
  /** `api` or `trunking`: the Twilio host the request was meant for. */
  product: string;
  /** The path as Twilio would have seen it, e.g. `/2010-04-01/Accounts/AC…/Messages.json`. */
  path: string;
  query: URLSearchParams;
  form: TwilioParams;
  /** The user name of its Basic auth, if any. */
  username: string | undefined;
}

export interface DeliveredCallback {
  /** The URL Twilio was configured with, and signed. */
  url: string;
  /** Where it was sent (`routeCallback(url)`). */
  deliveredTo: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  /** The receiver's HTTP status, or null when it could not be reached. */
  status: number | null;
  error?: string;
}

export interface FailNext {
  method?: string;
  /** Matches the Twilio-side path (`/2010-04-01/…`, `/v1/…`): a substring or a pattern. */
  path: string | RegExp;
  status: number;
  code?: number;
  message?: string;
  /** Carry the request out, then answer with the error: an answer lost on its way back. */
  afterHandling?: boolean;
}

export interface FakeTwilio {
  /** `http://127.0.0.1:<port>`: give it to the adapter as `apiOrigin`. */
  url: string;
  accounts: FakeTwilioAccount[];
  state: FakeTwilioState;
  /** The API requests, in arrival order (the latest 10,000). */
  requests: FakeRequest[];
  /** The status callbacks sent, in the order they were sent (the latest 10,000). */
  callbacks: DeliveredCallback[];
  /** The next request that matches is answered with this RestException instead. */
  failNext(failure: FailNext): void;
  /**
   * Puts a number into an account as a completed port does (no trunk, its own number as its name); `/__fake/port-in`
   * does it from another process. Once in one account, it is in none other.
   */
  portIn(accountSid: string, phoneNumber: string): void;
  /** Forgets every number, trunk, credential list and message, and the logs; the accounts stay. */
  reset(): void;
  /** Resolves once every status callback due so far has been sent and answered. */
  idle(): Promise<void>;
  /** A copy of the accounts' numbers, trunks, credential lists and messages, for `state` on a later start. */
  exportState(): FakeTwilioState;
  close(): Promise<void>;
}

/** The one account of the fake a sandbox server starts for itself; well known, since it is only ever a fake's. */
export const sandboxTwilioAccount: FakeTwilioAccount = { accountSid: "AC5a4db0c5fd0000000000000000000001", authToken: "sandbox-auth-token-frontdesk" };

/** Numbers whose messages end `undelivered` with 30003 (unreachable handset), as a phone that is switched off. */
export const unreachableSuffix = "0199";

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accounts = options.accounts ?? [{ accountSid: `AC${randomBytes(16).toString("hex")}`, authToken: randomBytes(16).toString("hex") }];
  const state: FakeTwilioState = options.state ? structuredClone(options.state) : { accounts: new Map(), sold: new Set() };
  const changed = () => options.onChange?.();
  for (const account of accounts) {
    if (!state.accounts.has(account.accountSid)) state.accounts.set(account.accountSid, { sid: account.accountSid, authToken: account.authToken, numbers: [], trunks: [], credentialLists: [], messages: [] });
  }
  const now = options.now ?? (() => new Date());
  const newSid = sidMaker(randomBytes(8).toString("hex"));
  const requests: FakeRequest[] = [];
  const callbacks: DeliveredCallback[] = [];
  const failures: FailNext[] = [];
  const pending = new Set<Promise<void>>();

  function dispatch(account: FakeAccount, message: FakeMessage) {
    const delivery = deliver(account, message).finally(() => pending.delete(delivery));
    pending.add(delivery);
  }

  // Twilio reports `sent` once the carrier takes the message, then `delivered` (or `undelivered`) from the handset.
  async function deliver(account: FakeAccount, message: FakeMessage) {
    await new Promise((resolve) => setImmediate(resolve));
    const unreachable = message.to.endsWith(unreachableSuffix);
    for (const status of ["sent", unreachable ? "undelivered" : "delivered"] as const) {
      message.status = status;
      message.dateUpdated = now();
      if (status === "sent") message.dateSent = message.dateUpdated;
      if (status === "undelivered") message.errorCode = 30003;
      changed();
      if (message.statusCallback) await sendCallback(account, message);
    }
  }

  async function sendCallback(account: FakeAccount, message: FakeMessage) {
    const url = message.statusCallback!;
    const params: Record<string, string> = {
      AccountSid: account.sid,
      ApiVersion: "2010-04-01",
      From: message.from,
      MessageSid: message.sid,
      MessageStatus: message.status,
      SmsSid: message.sid,
      SmsStatus: message.status,
      To: message.to,
      ...(message.errorCode ? { ErrorCode: String(message.errorCode) } : {}),
    };
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "TwilioProxy/1.1",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(account.authToken, url, params),
      "i-twilio-idempotency-token": randomBytes(16).toString("hex"),
    };
    const deliveredTo = options.routeCallback ? options.routeCallback(url) : url;
    const record: DeliveredCallback = { url, deliveredTo, params, headers, status: null };
    remember(callbacks, record);
    try {
      // Twilio gives a status callback 15 seconds and does not retry it.
      const response = await fetch(deliveredTo, { method: "POST", headers, body: new URLSearchParams(params).toString(), signal: AbortSignal.timeout(15_000) });
      record.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  }

  async function answer(request: IncomingMessage): Promise<FakeAnswer & { headers?: Record<string, string> }> {
    const url = new URL(request.url ?? "/", "http://fake.invalid");
    const [, product = "", ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    const raw = await readBody(request);
    const form = request.method === "POST" ? parseTwilioForm(raw) : {};
    const username = credentialsOf(request)?.username;
    if (product === "__fake") return control(request.method ?? "GET", path, raw);
    remember(requests, { method: request.method ?? "GET", product, path, query: url.searchParams, form, username });

    const account = authenticate(request);
    if (!account) return { ...new TwilioFault(401, 20003, "Authenticate").asAnswer(), headers: { "www-authenticate": 'Basic realm="Twilio API"' } };

    const failure = failures.findIndex((candidate) => (!candidate.method || candidate.method === request.method) && (typeof candidate.path === "string" ? path.includes(candidate.path) : candidate.path.test(path)));
    const fail = failure >= 0 ? failures.splice(failure, 1)[0] : undefined;
    const fault = fail && new TwilioFault(fail.status, fail.code ?? 20500, fail.message ?? "An internal server error has occurred");
    if (fault && !fail.afterHandling) return fault.asAnswer();
    const answered = route(request.method ?? "GET", product, path, url.searchParams, form, account);
    if (request.method !== "GET") changed();
    return fault ? fault.asAnswer() : answered;
  }

  function route(method: string, product: string, path: string, query: URLSearchParams, form: TwilioParams, account: FakeAccount): FakeAnswer {
    let routes: FakeRoute[];
    let routePath: string;
    if (product === "api") {
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})(\/.*)$/.exec(path);
      if (!match) throw notFound(path);
      // Another account's resources: the credentials do not open them.
      if (match[1] !== account.sid) return new TwilioFault(401, 20003, "Authenticate").asAnswer();
      routes = v2010Routes;
      routePath = match[2]!;
    } else if (product === "trunking") {
      routes = trunkingRoutes;
      routePath = path;
    } else {
      throw notFound(path);
    }
    for (const candidate of routes) {
      if (candidate.method !== method) continue;
      const match = candidate.pattern.exec(routePath);
      if (!match) continue;
      const context: FakeContext = { account, state, params: match.slice(1), query, form, now: now(), newSid, dispatch: (message) => dispatch(account, message) };
      return candidate.handle(context, path);
    }
    throw notFound(path);
  }

  /** `/__fake/…`, not Twilio's: what a test in another process (than the one running the fake) reads and sets. */
  function control(method: string, path: string, raw: string): FakeAnswer {
    if (method === "GET" && path === "/state") return { status: 200, body: snapshot() };
    if (method === "POST" && path === "/reset") {
      reset();
      return { status: 204 };
    }
    if (method === "POST" && path === "/port-in") {
      const { accountSid, phoneNumber } = JSON.parse(raw || "{}") as { accountSid?: unknown; phoneNumber?: unknown };
      if (typeof accountSid !== "string" || typeof phoneNumber !== "string") throw new TwilioFault(400, 20001, "Give the accountSid and the phoneNumber (E.164).");
      portIn(accountSid, phoneNumber);
      return { status: 204 };
    }
    if (method === "POST" && path === "/fail-next") {
      const failure = JSON.parse(raw || "{}") as FailNext;
      if (typeof failure.path !== "string" || typeof failure.status !== "number") throw new TwilioFault(400, 20001, "Give the path (a substring) and the status to fail with.");
      failures.push(failure);
      return { status: 204 };
    }
    throw notFound(`/__fake${path}`);
  }

  function portIn(accountSid: string, phoneNumber: string): void {
    const account = state.accounts.get(accountSid);
    if (!account) throw new TwilioFault(404, 20404, `No account ${accountSid}.`);
    if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) throw new TwilioFault(400, 21421, `${phoneNumber} is not a phone number in E.164.`);
    if (state.sold.has(phoneNumber)) throw new TwilioFault(400, 21422, `${phoneNumber} is already in an account.`);
    const at = now();
    state.sold.add(phoneNumber);
    account.numbers.push({
      sid: newSid("PN"),
      phoneNumber,
      friendlyName: phoneNumber,
      isoCountry: phoneNumber.startsWith("+1") ? "US" : "",
      type: "Local",
      trunkSid: null,
      smsUrl: "",
      voiceUrl: "",
      statusCallback: "",
      capabilities: { voice: true, SMS: true, MMS: false },
      addressRequirements: "none",
      dateCreated: at,
      dateUpdated: at,
    });
    changed();
  }

  function snapshot() {
    return { accounts: [...state.accounts.values()].map(({ authToken: _token, ...account }) => account), sold: [...state.sold] };
  }

  function reset() {
    for (const account of state.accounts.values()) Object.assign(account, { numbers: [], trunks: [], credentialLists: [], messages: [] });
    state.sold.clear();
    changed();
    requests.length = 0;
    callbacks.length = 0;
    failures.length = 0;
  }

  function authenticate(request: IncomingMessage): FakeAccount | undefined {
    const credentials = credentialsOf(request);
    const account = credentials && state.accounts.get(credentials.username);
    return account && account.authToken === credentials.password ? account : undefined;
  }

  const server = createServer((request, response) => {
    answer(request)
      .catch((error: unknown) => (error instanceof TwilioFault ? error.asAnswer() : new TwilioFault(500, 20500, `The fake failed: ${String(error)}`).asAnswer()))
      .then((result) => send(response, result));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accounts,
    state,
    requests,
    callbacks,
    failNext: (failure) => void failures.push(failure),
    portIn,
    reset,
    exportState: () => structuredClone(state),
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      while (pending.size > 0) await Promise.all([...pending]);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

// A sandbox server runs its fake for days: the logs keep the latest entries only.
const logLimit = 10_000;

function remember<T>(log: T[], entry: T) {
  log.push(entry);
  if (log.length > logLimit) log.splice(0, log.length - logLimit);
}

function credentialsOf(request: IncomingMessage): { username: string; password: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, result: FakeAnswer & { headers?: Record<string, string> }) {
  if (result.status === 204 || result.body === undefined) {
    response.writeHead(result.status, result.headers).end();
    return;
  }
  response.writeHead(result.status, { "content-type": "application/json; charset=utf-8", ...result.headers }).end(JSON.stringify(result.body));
}
