/**
 * What the fake Twilio holds, per account, and the small pieces of Twilio's wire manner its resources share: sids,
 * dates, RestException bodies and the two styles of list pages.
 */
import { createHash } from "node:crypto";
import type { TwilioParams } from "../webhook";
import type { InventoryNumber, InventoryType } from "./fake-inventory";

export interface FakeIncomingNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  isoCountry: string;
  type: InventoryType;
  trunkSid: string | null;
  smsUrl: string;
  voiceUrl: string;
  statusCallback: string;
  capabilities: InventoryNumber["capabilities"];
  addressRequirements: InventoryNumber["addressRequirements"];
  dateCreated: Date;
  dateUpdated: Date;
}

export interface FakeOriginationUrl {
  sid: string;
  friendlyName: string;
  sipUrl: string;
  priority: number;
  weight: number;
  enabled: boolean;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface FakeTrunk {
  sid: string;
  friendlyName: string;
  domainName: string;
  originationUrls: FakeOriginationUrl[];
  /** Credential lists (account-level `CL…` sids) the trunk terminates with, in the order they were attached. */
  credentialListSids: string[];
  dateCreated: Date;
  dateUpdated: Date;
}

export interface FakeCredential {
  sid: string;
  username: string;
  /** Twilio never answers with it; the fake keeps it so tests can see what a SIP client would have to present. */
  password: string;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface FakeCredentialList {
  sid: string;
  friendlyName: string;
  credentials: FakeCredential[];
  dateCreated: Date;
  dateUpdated: Date;
}

export interface FakeMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  status: "queued" | "sent" | "delivered" | "undelivered";
  statusCallback: string | null;
  errorCode: number | null;
  numSegments: number;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

export interface FakeAccount {
  sid: string;
  authToken: string;
  numbers: FakeIncomingNumber[];
  trunks: FakeTrunk[];
  credentialLists: FakeCredentialList[];
  messages: FakeMessage[];
}

export interface FakeTwilioState {
  accounts: Map<string, FakeAccount>;
  /** Numbers sold to any account: Twilio sells each number once. */
  sold: Set<string>;
}

export interface FakeContext {
  account: FakeAccount;
  state: FakeTwilioState;
  /** Path captures of the route (after the account sid for v2010 routes). */
  params: string[];
  query: URLSearchParams;
  form: TwilioParams;
  now: Date;
  newSid(prefix: string): string;
  /** Hand a message to the carrier: its status callbacks follow, as Twilio sends them. */
  dispatch(message: FakeMessage): void;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
}

/** A RestException the fake answers with: `{code, message, more_info, status}` and that HTTP status. */
export class TwilioFault extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  asAnswer(): FakeAnswer {
    return { status: this.status, body: { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status } };
  }
}

export const notFound = (path: string) => new TwilioFault(404, 20404, `The requested resource ${path} was not found`);
export const missing = (name: string) => new TwilioFault(400, 20001, `Missing required parameter ${name} in the post body`);

/** One value of a form or query parameter (the first, when repeated). */
export function one(params: TwilioParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

export function bool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new TwilioFault(400, 20001, `Invalid value for parameter ${name}: ${value}`);
}

/** Sids as Twilio writes them, `PN` + 32 hex digits, unique per fake. */
export function sidMaker(seed: string) {
  let counter = 0;
  return (prefix: string) => `${prefix}${createHash("sha256").update(`${seed}:${prefix}:${++counter}`).digest("hex").slice(0, 32)}`;
}

const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The 2010 API's dates: RFC 2822 in GMT, `Tue, 01 Dec 2026 17:00:00 +0000`. */
export function rfc2822(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${days[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** The newer APIs' (trunking) dates: ISO 8601 to the second. */
export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface PageRequest<T> {
  items: T[];
  /** The list's path as the client asked for it, e.g. `/2010-04-01/Accounts/AC…/IncomingPhoneNumbers.json`. */
  path: string;
  query: URLSearchParams;
  /** Query parameters that filter the list and so must be carried into every page's links. */
  filters: string[];
  key: string;
  sidOf: (item: T) => string;
  render: (item: T) => unknown;
}

/**
 * One page of a list. `PageSize` (default 50, at most 1000), `Page` and `PageToken` (the sid the page starts after,
 * as `PA…`) as Twilio's lists take them. The 2010 API links pages by `next_page_uri`, relative to its host; the
 * trunking API by `meta.next_page_url`, absolute.
 */
export function listPage<T>(request: PageRequest<T>, style: "v2010" | "trunking"): FakeAnswer {
  const pageSize = Math.min(Math.max(Number(request.query.get("PageSize") ?? 50) || 50, 1), 1000);
  const page = Math.max(Number(request.query.get("Page") ?? 0) || 0, 0);
  const token = request.query.get("PageToken");
  const start = token ? request.items.findIndex((item) => `PA${request.sidOf(item)}` === token) + 1 : page * pageSize;
  const items = request.items.slice(start, start + pageSize);
  const link = (pageNumber: number, pageToken?: string) => {
    const query = new URLSearchParams();
    for (const name of request.filters) {
      const value = request.query.get(name);
      if (value !== null) query.set(name, value);
    }
    query.set("PageSize", String(pageSize));
    query.set("Page", String(pageNumber));
    if (pageToken) query.set("PageToken", pageToken);
    return `${request.path}?${query}`;
  };
  const last = items.at(-1);
  const next = last && start + pageSize < request.items.length ? link(page + 1, `PA${request.sidOf(last)}`) : null;
  const records = items.map(request.render);
  if (style === "v2010") {
    return {
      status: 200,
      body: {
        [request.key]: records,
        uri: link(page, token ?? undefined),
        first_page_uri: link(0),
        next_page_uri: next,
        previous_page_uri: page > 0 ? link(page - 1) : null,
        page,
        page_size: pageSize,
        start,
        end: start + Math.max(items.length - 1, 0),
      },
    };
  }
  const absolute = (relative: string | null) => (relative ? `https://trunking.twilio.com${relative}` : null);
  return {
    status: 200,
    body: {
      [request.key]: records,
      meta: {
        page,
        page_size: pageSize,
        first_page_url: absolute(link(0)),
        previous_page_url: absolute(page > 0 ? link(page - 1) : null),
        url: absolute(link(page, token ?? undefined)),
        next_page_url: absolute(next),
        key: request.key,
      },
    },
  };
}
