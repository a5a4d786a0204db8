import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ProviderError, type CalendarAccess } from "@frontdesk/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { maxSubscriptionMs, outlookCalendar, type OutlookCalendarProvider } from "./calendar";
import { startFakeMicrosoftGraph, type FakeMicrosoftGraph, type FakeUser } from "./testing/fake";
import { clientStateMatches, graphValidationAnswer, parseGraphNotifications, type GraphNotification } from "./webhook";

const DAY = 86_400_000;
let clock = Date.parse("2027-03-01T08:00:00Z");
let fake: FakeMicrosoftGraph;
let outlook: OutlookCalendarProvider;
let user: FakeUser;
let access: CalendarAccess;
let receiver: Server;
let webhookUrl: string;
let received: GraphNotification[];
/** How the receiver answers a validation handshake: as Graph asks, or wrongly. */
let handshake: "right" | "json" | "missing";

beforeEach(async () => {
  clock = Date.parse("2027-03-01T08:00:00Z");
  fake = await startFakeMicrosoftGraph({ now: () => new Date(clock) });
  user = fake.addUser({ displayName: "Ana Ruiz", mail: "ana@bella-salon.example", mailboxTimeZone: "W. Europe Standard Time" });
  outlook = outlookCalendar({ baseUrl: fake.url, now: () => clock });
  access = { accessToken: async () => fake.accessTokenFor(user.id) };
  received = [];
  handshake = "right";
  // The server's webhook route in miniature: answer the handshake, else parse and keep the notifications.
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const validation = graphValidationAnswer(request.url ?? "/");
    if (validation && handshake === "right") return response.writeHead(validation.status, validation.headers).end(validation.body);
    if (validation && handshake === "json") return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(validation.body));
    if (validation) return response.writeHead(404).end();
    received.push(...parseGraphNotifications(Buffer.concat(chunks).toString("utf8")));
    response.writeHead(202).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/microsoft/calendar?connection=c1`;
});
afterEach(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const primary = () => user.calendars[0]!;
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("it resolved"), (error: unknown) => error);
const watchRequest = (expiresAt: number) => ({ webhookUrl, channelId: "ours-ignored", secret: "s3cret-client-state", expiresAt });
const watch = (expiresAt = clock + 3 * DAY) => outlook.watch(access, primary().id, watchRequest(expiresAt));
const anEvent = () => fake.addEvent(user.id, null, { subject: "Dentist", start: { dateTime: "2027-03-02T10:00:00", timeZone: "UTC" }, end: { dateTime: "2027-03-02T11:00:00", timeZone: "UTC" } });

describe("watching a calendar", () => {
  it("subscribes after Graph's handshake, then hears of changes with the client state", async () => {
    const channel = await watch();
    expect(channel).toEqual({ channelId: expect.any(String), resourceId: null, expiresAt: clock + 3 * DAY });
    const [validation] = fake.notifications;
    expect(validation).toMatchObject({ kind: "validation", status: 200 });
    // The token has spaces and colons, sent URL-encoded; the receiver answered it decoded, or the create would have failed.
    expect(new URL(validation!.url).searchParams.get("validationToken")).toMatch(/^Validation: Testing client application reachability/);
    expect(fake.requests.find((request) => request.path === "/subscriptions")!.body).toEqual({
      changeType: "created,updated,deleted",
      notificationUrl: webhookUrl,
      lifecycleNotificationUrl: webhookUrl,
      resource: `me/calendars/${primary().id}/events`,
      expirationDateTime: new Date(clock + 3 * DAY).toISOString(),
      clientState: "s3cret-client-state",
    });

    const event = anEvent();
    await fake.idle();
    expect(received).toEqual([
      {
        kind: "change",
        subscriptionId: channel.channelId,
        clientState: "s3cret-client-state",
        subscriptionExpiresAt: channel.expiresAt,
        tenantId: fake.state.tenantId,
        changeType: "created",
        resource: `Users/${user.id}/Events/${event.id}`,
        resourceId: event.id,
      },
    ]);
    expect(clientStateMatches("s3cret-client-state", received[0]!.clientState)).toBe(true);
    fake.deleteEvent(user.id, event.id);
    await fake.idle();
    expect(received.map((notification) => notification.kind === "change" && notification.changeType)).toEqual(["created", "deleted"]);
  });

  it("asks no more than Graph's maximum of a little under 7 days", async () => {
    const channel = await watch(clock + 30 * DAY);
    expect(channel.expiresAt).toBe(clock + maxSubscriptionMs);
    expect(channel.expiresAt).toBeLessThan(clock + 7 * DAY);
  });

  it("fails when the notification URL does not answer the handshake as Graph asks", async () => {
    handshake = "json";
    const wrong = await failure(watch());
    expect(wrong).toBeInstanceOf(ProviderError);
    expect(wrong).toMatchObject({ kind: "rejected", providerCode: "InvalidRequest" });
    handshake = "missing";
    expect(await failure(watch())).toMatchObject({ kind: "rejected", providerCode: "InvalidRequest" });
    expect(fake.state.subscriptions).toEqual([]);
  });

  it("passes on lifecycle notifications", async () => {
    const channel = await watch();
    fake.lifecycle(channel.channelId, "reauthorizationRequired");
    fake.lifecycle(channel.channelId, "missed");
    await fake.idle();
    expect(received).toEqual([
      expect.objectContaining({ kind: "lifecycle", subscriptionId: channel.channelId, lifecycleEvent: "reauthorizationRequired", clientState: "s3cret-client-state" }),
      expect.objectContaining({ kind: "lifecycle", lifecycleEvent: "missed" }),
    ]);
  });

  it("renews in place, and finds an expired subscription gone", async () => {
    const channel = await watch();
    clock += 2 * DAY;
    const renewed = await outlook.renewWatch(access, primary().id, channel, watchRequest(clock + 10 * DAY));
    expect(renewed).toEqual({ channelId: channel.channelId, resourceId: null, expiresAt: clock + maxSubscriptionMs });
    clock += 8 * DAY;
    anEvent();
    await fake.idle();
    expect(received).toEqual([]);
    expect(await failure(outlook.renewWatch(access, primary().id, renewed, watchRequest(clock + DAY)))).toMatchObject({ kind: "not_found" });
  });

  it("stops, and stopping a subscription already gone succeeds", async () => {
    const channel = await watch();
    await outlook.stopWatch(access, channel);
    expect(fake.state.subscriptions).toEqual([]);
    anEvent();
    await fake.idle();
    expect(received).toEqual([]);
    await expect(outlook.stopWatch(access, channel)).resolves.toBeUndefined();
  });

  it("refuses a secret longer than Graph's clientState", async () => {
    await expect(outlook.watch(access, primary().id, { webhookUrl, channelId: "x", secret: "s".repeat(129), expiresAt: clock + DAY })).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "secret" });
  });
});
