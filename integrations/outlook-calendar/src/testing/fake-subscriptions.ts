/**
 * The fake's Graph subscriptions (`/v1.0/subscriptions`) and the posts Graph makes to a subscription's URLs: the
 * validation handshake before a create succeeds (200, text/plain, the token, within 10 s), a change notification for
 * every change to a subscribed calendar's events, and lifecycle notifications a test triggers. Subscriptions expire
 * on the fake's clock, as Graph deletes those not renewed in time.
 */
import { randomUUID } from "node:crypto";
import { graphOrigin } from "../graph";
import type { GraphLifecycleEvent } from "../webhook";
import { readCalendars, type ChangeType, type GraphRoute } from "./fake-graph";
import { badRequest, GraphFault, graphTimestamp, newId, type FakeAnswer, type FakeCalendar, type FakeGraphState, type FakeSubscription, type FakeUser } from "./fake-state";

/** Graph's maximum for a subscription to Outlook events without resource data: 10,080 minutes. */
export const maxSubscriptionMinutes = 10_080;

export interface DeliveredPost {
  kind: "validation" | "change" | "lifecycle";
  subscriptionId: string | null;
  /** The URL as the subscription names it (with `?validationToken=` for a handshake). */
  url: string;
  /** Where it was sent (`routeNotification(url)`). */
  deliveredTo: string;
  body: string;
  /** The receiver's HTTP status, or null when it could not be reached. */
  status: number | null;
  error?: string;
}

export interface NotificationFaults {
  /** Posts of change notifications not sent at all. */
  drop: number;
  /** Posts of change notifications sent twice. */
  duplicate: number;
}

interface SubscriptionServiceOptions {
  state: FakeGraphState;
  now: () => number;
  routeNotification: (url: string) => string;
  /** Record a post and keep the promise of its delivery until it is answered. */
  track(delivery: Promise<void>): void;
  delivered: DeliveredPost[];
  faults: NotificationFaults;
}

const notFound = () => new GraphFault(404, "ResourceNotFound", "The object was not found."); // the fake's guess at the code
const loopback = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//i;

export function subscriptionService(options: SubscriptionServiceOptions) {
  const { state, now } = options;
  const active = () => state.subscriptions.filter((subscription) => subscription.expiresAt > now());

  async function post(record: Omit<DeliveredPost, "status" | "deliveredTo">, contentType: string, timeoutMs: number): Promise<{ status: number; contentType: string; text: string } | null> {
    const entry: DeliveredPost = { ...record, deliveredTo: options.routeNotification(record.url), status: null };
    options.delivered.push(entry);
    if (options.delivered.length > 10_000) options.delivered.splice(0, options.delivered.length - 10_000);
    try {
      const response = await fetch(entry.deliveredTo, { method: "POST", headers: { "content-type": contentType }, body: record.body, signal: AbortSignal.timeout(timeoutMs) });
      entry.status = response.status;
      return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  /** Graph's handshake: the URL must answer 200, text/plain, with the token decoded, within 10 seconds. */
  async function validate(url: string): Promise<void> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const withToken = `${url}${url.includes("?") ? "&" : "?"}${new URLSearchParams({ validationToken: token })}`;
    const answer = await post({ kind: "validation", subscriptionId: null, url: withToken, body: "" }, "text/plain; charset=utf-8", 10_000);
    if (!answer || answer.status !== 200) throw badRequest("Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.", "InvalidRequest");
    if (!answer.contentType.toLowerCase().startsWith("text/plain") || answer.text !== token) throw badRequest("Subscription validation request failed. Response must exactly match validationToken query parameter.", "InvalidRequest");
  }

  function send(subscription: FakeSubscription, kind: "change" | "lifecycle", value: Record<string, unknown>) {
    const url = kind === "change" ? subscription.notificationUrl : subscription.lifecycleNotificationUrl;
    if (!url) return;
    const body = JSON.stringify({ value: [{ subscriptionId: subscription.id, subscriptionExpirationDateTime: graphTimestamp(subscription.expiresAt), clientState: subscription.clientState, tenantId: state.tenantId, ...value }] });
    let copies = 1;
    if (kind === "change" && options.faults.drop > 0) {
      options.faults.drop -= 1;
      copies = 0;
    } else if (kind === "change" && options.faults.duplicate > 0) {
      options.faults.duplicate -= 1;
      copies = 2;
    }
    for (let copy = 0; copy < copies; copy++) {
      // Graph waits 3 seconds for a 2xx; the fake does not retry a failed post, it records it.
      options.track(
        new Promise<void>((resolve) => setImmediate(resolve)).then(() => post({ kind, subscriptionId: subscription.id, url, body }, "application/json; charset=utf-8", 3_000)).then(() => undefined),
      );
    }
  }

  function expiryOf(value: unknown): number {
    const at = typeof value === "string" ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) throw badRequest("expirationDateTime is required: the UTC date and time the subscription expires.", "InvalidRequest");
    if (at <= now()) throw badRequest("Subscription expiration must be in the future.", "InvalidRequest");
    if (at > now() + maxSubscriptionMinutes * 60_000) throw badRequest(`Subscription expiration can only be ${maxSubscriptionMinutes} minutes in the future.`, "InvalidRequest");
    return at;
  }

  function render(subscription: FakeSubscription) {
    return {
      "@odata.context": `${graphOrigin}/v1.0/$metadata#subscriptions/$entity`,
      id: subscription.id,
      resource: subscription.resource,
      applicationId: null,
      changeType: subscription.changeTypes.join(","),
      clientState: subscription.clientState,
      notificationUrl: subscription.notificationUrl,
      notificationQueryOptions: null,
      lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
      expirationDateTime: graphTimestamp(subscription.expiresAt),
      creatorId: subscription.userId,
      includeResourceData: false,
      latestSupportedTlsVersion: "v1_2",
      encryptionCertificate: null,
      encryptionCertificateId: null,
      notificationUrlAppId: null,
    };
  }

  function owned(user: FakeUser, id: string): FakeSubscription {
    const subscription = active().find((candidate) => candidate.id === decodeURIComponent(id) && candidate.userId === user.id);
    if (!subscription) throw notFound();
    return subscription;
  }

  const routes: GraphRoute[] = [
    {
      method: "POST",
      pattern: /^\/subscriptions$/,
      scopes: readCalendars,
      async handle({ user, body, now: at }): Promise<FakeAnswer> {
        const changeTypes = String(body.changeType ?? "").split(",").map((type) => type.trim());
        if (!changeTypes.every((type) => ["created", "updated", "deleted"].includes(type))) throw badRequest("changeType must be created, updated and/or deleted, comma-separated.", "InvalidRequest");
        const match = /^\/?me\/(?:calendars\/([^/]+)\/)?events$/i.exec(String(body.resource ?? ""));
        const calendar = match && user.calendars.find((candidate) => (match[1] ? candidate.id === match[1] : candidate.isDefault));
        if (!calendar) throw badRequest(`Resource '${String(body.resource)}' is not one this subscription can watch.`, "InvalidRequest");
        const urls = [body.notificationUrl, body.lifecycleNotificationUrl].filter((url) => url !== undefined && url !== null);
        for (const url of urls) {
          // Graph takes HTTPS only; the fake also takes http on loopback, where tests listen.
          if (typeof url !== "string" || !(url.startsWith("https://") || loopback.test(url))) throw badRequest("The notification URL must be an HTTPS URL.", "InvalidRequest");
        }
        if (typeof body.clientState === "string" && body.clientState.length > 128) throw badRequest("clientState is at most 128 characters.", "InvalidRequest");
        const expiresAt = expiryOf(body.expirationDateTime);
        for (const url of new Set(urls as string[])) await validate(url);
        const subscription: FakeSubscription = {
          id: randomUUID(),
          userId: user.id,
          calendarId: calendar.id,
          resource: String(body.resource),
          changeTypes,
          notificationUrl: String(body.notificationUrl),
          lifecycleNotificationUrl: typeof body.lifecycleNotificationUrl === "string" ? body.lifecycleNotificationUrl : null,
          clientState: typeof body.clientState === "string" ? body.clientState : null,
          expiresAt,
          createdAt: at,
        };
        state.subscriptions = [...active(), subscription];
        return { status: 201, body: render(subscription) };
      },
    },
    { method: "GET", pattern: /^\/subscriptions\/([^/]+)$/, scopes: readCalendars, handle: ({ user, params }) => ({ status: 200, body: render(owned(user, params[0]!)) }) },
    {
      method: "PATCH",
      pattern: /^\/subscriptions\/([^/]+)$/,
      scopes: readCalendars,
      handle({ user, params, body }) {
        const subscription = owned(user, params[0]!);
        subscription.expiresAt = expiryOf(body.expirationDateTime);
        return { status: 200, body: render(subscription) };
      },
    },
    {
      method: "DELETE",
      pattern: /^\/subscriptions\/([^/]+)$/,
      scopes: readCalendars,
      handle({ user, params }) {
        const subscription = owned(user, params[0]!);
        state.subscriptions = state.subscriptions.filter((candidate) => candidate !== subscription);
        return { status: 204 };
      },
    },
  ];

  return {
    routes,
    /** Notify the subscriptions to this calendar's events of a change, as Graph does. */
    changed(user: FakeUser, calendar: FakeCalendar, eventId: string, changeType: ChangeType) {
      for (const subscription of active()) {
        if (subscription.userId !== user.id || subscription.calendarId !== calendar.id || !subscription.changeTypes.includes(changeType)) continue;
        const resource = `Users/${user.id}/Events/${eventId}`;
        send(subscription, "change", {
          changeType,
          resource,
          resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": resource, "@odata.etag": `W/"${newId(state, "etag")}"`, id: eventId },
        });
      }
    },
    /** Posts a lifecycle notification to the subscription's lifecycle URL; `subscriptionRemoved` also ends it. */
    lifecycle(subscriptionId: string, lifecycleEvent: GraphLifecycleEvent) {
      const subscription = active().find((candidate) => candidate.id === subscriptionId);
      if (!subscription) throw new Error(`No active subscription ${subscriptionId}.`);
      send(subscription, "lifecycle", { lifecycleEvent });
      if (lifecycleEvent === "subscriptionRemoved") state.subscriptions = state.subscriptions.filter((candidate) => candidate !== subscription);
    },
    active,
  };
}
