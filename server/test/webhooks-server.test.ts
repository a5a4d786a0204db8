import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskClient, toClientError } from "@frontdesk/client";
import { codeBlocks } from "../testing/docs";
import { freePort } from "../testing/ports";
import { startServer, testClockStart, type RunningServer } from "../testing/start-server";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";

let developmentServer: RunningServer;
let strictServer: RunningServer;
let hooks: WebhookReceiver;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  [developmentServer, strictServer] = await Promise.all([
    startServer({ FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: "1", FRONTDESK_WEBHOOKS_ALLOW_HTTP: "1" }),
    // Plain http is allowed, so that what is refused is the address.
    startServer({ FRONTDESK_WEBHOOKS_ALLOW_HTTP: "1" }),
  ]);
});

afterAll(async () => {
  await Promise.all([developmentServer?.stop(), strictServer?.stop()]);
  await hooks?.close();
});

const adminOf = (server: RunningServer) => createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });

describe("outgoing webhooks on the running server", () => {
  it("deliver a booking made on the website as a signed appointment.created event", async () => {
    const admin = adminOf(developmentServer);
    const endpoint = await admin.webhooks.createEndpoint.mutate({ url: hooks.url, eventTypes: ["appointment.created"] });
    const visitor = createFrontdeskClient({ baseUrl: developmentServer.url, publishableKey: "pk_demo_brightsmile" });
    const day = new Date(Date.parse(testClockStart) + 3 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await visitor.availability({ serviceId: "svc_consult", from: day, to: day });
    const booked = await visitor.createBooking({ serviceId: "svc_consult", start: slots[0]!.start, customer: { name: "Ada", email: "ada@example.com" } });

    const [received] = await hooks.waitFor(1);
    vi.setSystemTime(developmentServer.now());
    const event = new Webhook(endpoint.secret).verify(received!.body, received!.headers as Record<string, string>);
    vi.useRealTimers();
    expect(event).toMatchObject({ type: "appointment.created", tenant_id: "ten_demo_brightsmile", data: { appointment: booked } });

    // The receiver answers before the server records the delivery.
    await expect.poll(async () => (await admin.webhooks.deliveries.query({ endpointId: endpoint.id }))[0]?.status, { timeout: 10_000 }).toBe("delivered");
    const deliveries = await admin.webhooks.deliveries.query({ endpointId: endpoint.id });
    expect(deliveries).toMatchObject([{ id: received!.headers["webhook-id"], eventType: "appointment.created", status: "delivered", attempts: 1 }]);
    expect(deliveries[0]!.attemptLog).toMatchObject([{ httpStatus: 200, error: null, responseExcerpt: "ok" }]);
  });

  it("refuse an endpoint on 127.0.0.1 or 169.254.169.254 when private destinations are not allowed", async () => {
    const admin = adminOf(strictServer);
    for (const url of [hooks.url, "http://169.254.169.254/latest/meta-data/"]) {
      const error = toClientError(await admin.webhooks.createEndpoint.mutate({ url, eventTypes: ["appointment.created"] }).catch((e: unknown) => e));
      expect(error, url).toMatchObject({ code: "WEBHOOK_DESTINATION_REFUSED", field: "url", status: 400 });
    }
    expect(await admin.webhooks.listEndpoints.query()).toEqual([]);
  });
});

const pinnedClock = new URL("../testing/pinned-clock.mjs", import.meta.url).pathname;
const snippets = new URL("./.snippets-webhooks/", import.meta.url);

describe("docs/webhooks.md", () => {
  let receiver: ChildProcess | undefined;
  afterAll(() => {
    receiver?.kill();
    rmSync(snippets, { recursive: true, force: true });
  });

  it("registers an endpoint, and its receiver verifies what is sent to it, as written", async () => {
    mkdirSync(snippets, { recursive: true });
    const port = await freePort();
    const receiverUrl = `http://127.0.0.1:${port}/frontdesk/webhooks`;
    const [register] = codeBlocks("webhooks.md", "ts");
    const registerFile = new URL("register.mts", snippets);
    writeFileSync(registerFile, register!.replace("http://localhost:3000", developmentServer.url).replace("https://example.com/frontdesk/webhooks", receiverUrl));
    const clock = { FRONTDESK_CLOCK: new Date(developmentServer.now()).toISOString() };
    const { stdout } = await promisify(execFile)("pnpm", ["exec", "tsx", "--import", pinnedClock, registerFile.pathname], {
      cwd: new URL("..", import.meta.url).pathname,
      env: { ...process.env, ...clock, FRONTDESK_SECRET_KEY: developmentServer.demoSecretKey },
    });
    const [, endpointId, secret] = /^Registered (whe_\S+); signing secret (whsec_\S+)/.exec(stdout)!;

    // Nothing listened yet when the ping went: it failed, and is replayed once the receiver runs.
    const admin = adminOf(developmentServer);
    const firstAttempt = async () => (await admin.webhooks.deliveries.query({ endpointId: endpointId! })).find((delivery) => delivery.attempts > 0);
    await untilAsync(async () => (await firstAttempt()) !== undefined);
    const ping = (await firstAttempt())!;
    expect(ping).toMatchObject({ eventType: "ping", status: "pending" });
    expect(ping.attemptLog[0]!.error).toMatch(/ECONNREFUSED/);

    const [receive] = codeBlocks("webhooks.md", "js");
    const receiveFile = new URL("receive.mjs", snippets);
    writeFileSync(receiveFile, receive!);
    receiver = spawn(process.execPath, ["--import", pinnedClock, receiveFile.pathname], {
      cwd: new URL("..", import.meta.url).pathname,
      env: { ...process.env, ...clock, PORT: String(port), FRONTDESK_WEBHOOK_SECRET: secret! },
    });
    let output = "";
    receiver.stdout!.on("data", (chunk) => (output += chunk));
    receiver.stderr!.on("data", (chunk) => (output += chunk));
    // A new Node process on a busy machine may take a while to start.
    await until(() => output.includes("Listening for Frontdesk webhooks"), 30_000);

    await admin.webhooks.replay.mutate({ deliveryId: ping.id });
    await until(() => output.includes("Received"));
    expect(output).toContain(`Received ping ${ping.id}`);
    const forged = await fetch(receiverUrl, { method: "POST", body: "{}", headers: { "webhook-id": "msg_x", "webhook-timestamp": "1", "webhook-signature": "v1,AAAA" } });
    expect(forged.status).toBe(400);
  });
});

const until = (done: () => boolean, timeoutMs?: number) => untilAsync(async () => done(), timeoutMs);

async function untilAsync(done: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await done()); ) {
    if (Date.now() > deadline) throw new Error("Timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
