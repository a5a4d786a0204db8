import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskAdminClient, createFrontdeskClient, toClientError } from "@frontdesk/client";
import { startServer, type RunningServer } from "../testing/start-server";

const demoKey = "pk_demo_brightsmile";

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeDefined();
  const { code, status } = toClientError(error);
  return { code, status };
}

describe("a production start (the built server alone, SEED_DEMO unset)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ SEED_DEMO: undefined });
  });
  afterAll(() => server?.stop());

  it("seeds no demo tenant: nothing is printed and the demo key is unknown", async () => {
    expect(server.output()).not.toMatch(/Seeded the demo tenant|Demo secret key/);
    const visitor = createFrontdeskClient({ baseUrl: server.url, publishableKey: demoKey });
    expect(await failure(visitor.catalog())).toEqual({ code: "UNKNOWN_PUBLISHABLE_KEY", status: 401 });
  });
});

describe("the sandbox outbox", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it("is refused to the publishable key, which any page may show: it holds other visitors' manage links", async () => {
    const response = await fetch(`${server.url}/trpc/sandbox.outbox`, { headers: { "x-frontdesk-key": demoKey, origin: "https://anyone.example" } });
    expect(response.status).toBe(401);
    expect((await response.json()).error.data.frontdesk.code).toBe("UNKNOWN_SECRET_KEY");
  });

  it("answers the business's own server, with its secret key", async () => {
    const visitor = createFrontdeskClient({ baseUrl: server.url, publishableKey: demoKey });
    const day = new Date(server.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(server.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const [slot] = (await visitor.availability({ serviceId: "svc_consult", from: day, to })).slots;
    await visitor.createBooking({ serviceId: "svc_consult", start: slot!.start, customer: { name: "Otto Outbox", email: "otto@example.com" } });

    const business = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
    await expect.poll(async () => (await business.sandbox.outbox.query()).some((message) => message.recipient === "otto@example.com")).toBe(true);
  });
});
