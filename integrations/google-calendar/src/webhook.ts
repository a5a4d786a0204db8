/**
 * Google's push notifications, pure: a channel's POST carries everything in its `X-Goog-*` headers and no body. The
 * channel token is the secret given at `watch`; compare it with `sameSecret`. A notification only says that something
 * changed: the events are read with the channel's sync cursor.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { FrontdeskError } from "@frontdesk/core";

/** `sync` opens a channel; `exists` is a change to the calendar's events; `not_exists` says the resource is gone. */
export const googleResourceStates = ["sync", "exists", "not_exists"] as const;
export type GoogleResourceState = (typeof googleResourceStates)[number];

export interface GooglePush {
  channelId: string;
  /** The channel token, as given at `watch`; null when the channel has none. */
  token: string | null;
  /** Google's id of the watched resource (the calendar's events), the same for every channel on it. */
  resourceId: string;
  resourceUri: string | null;
  resourceState: GoogleResourceState;
  /** Grows with each message of a channel (1 for its `sync`): a repeat has the same number. */
  messageNumber: number;
  /** Epoch ms the channel expires at; null when Google did not say. */
  expiresAt: number | null;
}

/** A `Headers` (fetch, h3) or a Node header record. */
type PushHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: PushHeaders, name: string): string | undefined {
  // Told by shape: a server's own Headers class (srvx's, say) need not be the global one.
  if (typeof headers.get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function required(headers: PushHeaders, name: string): string {
  const value = header(headers, name)?.trim();
  if (!value) throw new FrontdeskError("VALIDATION_FAILED", `Not a Google push notification: it has no ${name} header.`, { field: name });
  return value;
}

/** A push notification's headers (a `Headers` or a Node header record); throws VALIDATION_FAILED naming the header at fault. */
export function parseGooglePush(headers: PushHeaders): GooglePush {
  const channelId = required(headers, "x-goog-channel-id");
  const resourceId = required(headers, "x-goog-resource-id");
  const resourceState = required(headers, "x-goog-resource-state");
  if (!(googleResourceStates as readonly string[]).includes(resourceState)) {
    throw new FrontdeskError("VALIDATION_FAILED", `Not a calendar push notification: resource state ${resourceState}.`, { field: "x-goog-resource-state" });
  }
  const messageNumber = Number(required(headers, "x-goog-message-number"));
  if (!Number.isSafeInteger(messageNumber) || messageNumber < 1) {
    throw new FrontdeskError("VALIDATION_FAILED", "Not a Google push notification: its message number is not a positive whole number.", { field: "x-goog-message-number" });
  }
  const expiration = header(headers, "x-goog-channel-expiration")?.trim();
  const expiresAt = expiration ? Date.parse(expiration) : null;
  if (expiresAt !== null && Number.isNaN(expiresAt)) {
    throw new FrontdeskError("VALIDATION_FAILED", "Not a Google push notification: its channel expiration is not a date.", { field: "x-goog-channel-expiration" });
  }
  return {
    channelId,
    token: header(headers, "x-goog-channel-token") ?? null,
    resourceId,
    resourceUri: header(headers, "x-goog-resource-uri") ?? null,
    resourceState: resourceState as GoogleResourceState,
    messageNumber,
    expiresAt,
  };
}

/**
 * Whether a channel token is the secret given at `watch`, in time that depends neither on where they differ nor on
 * their lengths (both are hashed to the same length first).
 */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
