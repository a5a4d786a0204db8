/**
 * Microsoft Graph's posts to a subscription's notification URL, pure: no SDK, no I/O. Graph posts two kinds:
 *
 * - the validation handshake, when a subscription is created: `POST {url}?validationToken=…`, to be answered within
 *   10 s with 200, `text/plain` and the token, URL-decoded, as the whole body;
 * - notifications: `{ value: [...] }`, each a change to the subscribed resource (`changeType`, `resource`,
 *   `resourceData`) or a lifecycle event of the subscription (`lifecycleEvent`: `reauthorizationRequired`,
 *   `subscriptionRemoved`, `missed`), with the `clientState` given at creation, which proves the post is Graph's.
 *
 * Graph carries no signature and no timestamp for notifications without resource data: the `clientState` check is
 * the verification, and changes are read back through the delta query, so a replayed post costs a read, not a wrong
 * change.
 */
import { timingSafeEqual } from "node:crypto";
import { FrontdeskError } from "@frontdesk/core";
import { z } from "zod";

/**
 * The largest notification body the server should read. Graph batches notifications; one without resource data is
 * well under 1 KB, so 1 MiB holds any batch. The parser does not check it: the route reads at most this much.
 */
export const maxGraphNotificationBytes = 1024 * 1024;

export interface GraphValidationAnswer {
  status: 200;
  headers: { "content-type": "text/plain; charset=utf-8" };
  body: string;
}

/**
 * The answer to Graph's validation handshake, if this post is one (its URL has a `validationToken`), else null.
 * The token is sent URL-encoded (spaces as `+`); the answer is the decoded token. Pass the URL as the request came.
 */
export function graphValidationAnswer(requestUrl: string | URL): GraphValidationAnswer | null {
  const url = typeof requestUrl === "string" ? new URL(requestUrl, "http://validation.invalid") : requestUrl;
  const token = url.searchParams.get("validationToken");
  return token === null ? null : { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: token };
}

export const graphLifecycleEvents = ["reauthorizationRequired", "subscriptionRemoved", "missed"] as const;
export type GraphLifecycleEvent = (typeof graphLifecycleEvents)[number];

const common = {
  subscriptionId: z.string().min(1),
  clientState: z.string().nullish(),
  subscriptionExpirationDateTime: z.string().nullish(),
  tenantId: z.string().nullish(),
};
const changeNotification = z.object({
  ...common,
  changeType: z.enum(["created", "updated", "deleted"]),
  resource: z.string(),
  resourceData: z.object({ id: z.string().nullish(), "@odata.type": z.string().nullish() }).nullish(),
});
const lifecycleNotification = z.object({ ...common, lifecycleEvent: z.enum(graphLifecycleEvents) });
const notificationBody = z.object({ value: z.array(z.union([lifecycleNotification, changeNotification])).min(1) });

interface NotificationBase {
  subscriptionId: string;
  /** As Graph sent it: compare it with `clientStateMatches` before trusting anything else here. */
  clientState: string | null;
  /** Epoch ms, or null when Graph did not say. */
  subscriptionExpiresAt: number | null;
  tenantId: string | null;
}
export interface GraphChangeNotification extends NotificationBase {
  kind: "change";
  changeType: "created" | "updated" | "deleted";
  /** E.g. `Users/{user id}/Events/{event id}`. */
  resource: string;
  /** The event's id, when Graph gave it. */
  resourceId: string | null;
}
export interface GraphLifecycleNotification extends NotificationBase {
  kind: "lifecycle";
  lifecycleEvent: GraphLifecycleEvent;
}
export type GraphNotification = GraphChangeNotification | GraphLifecycleNotification;

/**
 * The notifications in a post's body (change and lifecycle ones may come in one batch). A body that is not Graph's
 * shape throws `FrontdeskError("VALIDATION_FAILED")`.
 */
export function parseGraphNotifications(body: string): GraphNotification[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new FrontdeskError("VALIDATION_FAILED", "A Microsoft Graph notification is JSON; this body is not.");
  }
  const parsed = notificationBody.safeParse(json);
  if (!parsed.success) {
    throw new FrontdeskError("VALIDATION_FAILED", `This is not a Microsoft Graph notification: ${parsed.error.issues[0]?.message ?? "unexpected shape"}.`, {
      field: parsed.error.issues[0]?.path.join("."),
    });
  }
  return parsed.data.value.map((notification): GraphNotification => {
    const base = {
      subscriptionId: notification.subscriptionId,
      clientState: notification.clientState ?? null,
      subscriptionExpiresAt: expiresAt(notification.subscriptionExpirationDateTime),
      tenantId: notification.tenantId ?? null,
    };
    if ("lifecycleEvent" in notification) return { kind: "lifecycle", ...base, lifecycleEvent: notification.lifecycleEvent };
    return { kind: "change", ...base, changeType: notification.changeType, resource: notification.resource, resourceId: notification.resourceData?.id ?? null };
  });
}

function expiresAt(value: string | null | undefined): number | null {
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? null : at;
}

/** Whether a notification's `clientState` is the subscription's secret, compared in constant time. */
export function clientStateMatches(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== "string") return false;
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
