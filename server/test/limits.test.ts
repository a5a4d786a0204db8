import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdeskClient, FrontdeskClientError, type FrontdeskClient } from "@frontdesk/client";
import { appointments, openDb, type Db } from "@frontdesk/db";
import { countRows } from "@frontdesk/db/testing";
import { maxCallsPerBatch, maxHoldsPerClient, publicBodyLimitBytes, rates } from "../app/http/limits";
import { startServer, type RunningServer } from "../testing/start-server";

const demoKey = "pk_demo_brightsmile";
const customer = { name: "Ada Lovelace", email: "ada@example.com" };

function dateAfter(server: RunningServer, days: number): string {
  return new Date(server.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A visitor's typed client; behind a trusted proxy, `address` is the one the proxy reports. */
function visitor(server: RunningServer, address?: string): FrontdeskClient {
  const fromAddress: typeof fetch = (url, init) => {
    const headers = new Headers(init?.headers);
    if (address) headers.set("x-forwarded-for", address);
    return fetch(url, { ...init, headers });
  };
  return createFrontdeskClient({ baseUrl: server.url, publishableKey: demoKey, fetch: fromAddress });
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "held",
    (error: unknown) => (error instanceof FrontdeskClientError ? error.code : String(error)),
  );
}

async function runningHolds(db: Db): Promise<number> {
  return countRows(db, appointments, { tenantId: "ten_demo_brightsmile", status: "held" });
}

/** Non-overlapping open times of a consultation, from `days` ahead on. */
async function separateTimes(client: FrontdeskClient, server: RunningServer, days: number, howMany: number) {
  const { slots } = await client.availability({ serviceId: "svc_consult", staffId: "stf_romero", from: dateAfter(server, days), to: dateAfter(server, days + 20) });
  const separate: typeof slots = [];
  for (const slot of slots) if (!separate.length || slot.start >= separate.at(-1)!.end) separate.push(slot);
  return separate.slice(0, howMany);
}

describe("behind a trusted proxy, per visitor", () => {
  let server: RunningServer;
  let db: Db;

  beforeAll(async () => {
    server = await startServer({ RATE_LIMITS: "on", TRUST_PROXY: "1" });
    db = await openDb(server.databaseUrl);
  });
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  it("cuts a hold flood from one address off at the limit, and the day stays bookable", async () => {
    const flooder = visitor(server, "203.0.113.10");
    const day = dateAfter(server, 2);
    const { slots: before } = await visitor(server, "198.51.100.1").availability({ serviceId: "svc_consult", from: day, to: day });
    const outcomes = await Promise.all(before.slice(0, 31).map((slot) => outcome(flooder.hold({ serviceId: "svc_consult", start: slot.start }))));

    expect(outcomes.filter((o) => o === "held")).toHaveLength(maxHoldsPerClient);
    expect(new Set(outcomes.filter((o) => o !== "held" && o !== "SLOT_TAKEN"))).toEqual(new Set(["TOO_MANY_HOLDS", "RATE_LIMITED"]));
    expect(await runningHolds(db)).toBe(maxHoldsPerClient);

    const neighbour = visitor(server, "198.51.100.1");
    const { slots: after } = await neighbour.availability({ serviceId: "svc_consult", from: day, to: day });
    expect(after.length).toBeGreaterThan(before.length - 2 * maxHoldsPerClient);
    await expect(neighbour.createBooking({ serviceId: "svc_consult", start: after.at(-1)!.start, customer })).resolves.toMatchObject({ status: "confirmed" });
  });

  it("answers too many calls from one address with 429 and Retry-After, and serves it again once that has passed", async () => {
    // A forged manage link: a read that is cheap to answer, so the calls arrive faster than the allowance refills.
    const read = (address: string) =>
      fetch(`${server.url}/trpc/manage.get?input=${encodeURIComponent(JSON.stringify({ token: `apt_forged.${"x".repeat(43)}` }))}`, {
        headers: { "x-forwarded-for": address },
      });
    const answers = await Promise.all(Array.from({ length: rates.reads.burst + 30 }, () => read("203.0.113.20")));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    const wait = Number(refused[0]!.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await refused[0]!.json()).error).toMatchObject({ message: expect.stringMatching(/try again/), data: { frontdesk: { code: "RATE_LIMITED" } } });

    expect((await read("203.0.113.21")).status).toBe(401);
    await expect.poll(async () => (await read("203.0.113.20")).status, { timeout: (wait + 5) * 1000, interval: 250 }).toBe(401);
  });

  it("lets a visitor who may not hold any more still book, with the database guarding the time", async () => {
    const client = visitor(server, "203.0.113.30");
    const times = await separateTimes(client, server, 4, maxHoldsPerClient + 1);
    for (const slot of times.slice(0, maxHoldsPerClient)) await client.hold({ serviceId: "svc_consult", staffId: "stf_romero", start: slot.start });
    const last = times.at(-1)!;
    await expect(outcome(client.hold({ serviceId: "svc_consult", staffId: "stf_romero", start: last.start }))).resolves.toBe("TOO_MANY_HOLDS");

    const booked = await client.createBooking({ serviceId: "svc_consult", staffId: "stf_romero", start: last.start, customer });
    expect(booked).toMatchObject({ status: "confirmed", start: last.start });
    const again = await outcome(visitor(server, "203.0.113.31").createBooking({ serviceId: "svc_consult", staffId: "stf_romero", start: last.start, customer }));
    expect(again).toBe("SLOT_TAKEN");
  });

  it("ends a hold flood from many addresses at the business's ceiling, while bookings go on", async () => {
    const times = await separateTimes(visitor(server, "198.51.100.2"), server, 10, 40);
    const outcomes = await Promise.all(
      times.map((slot, i) => outcome(visitor(server, `192.0.2.${i + 1}`).hold({ serviceId: "svc_consult", staffId: "stf_romero", start: slot.start }))),
    );
    // Three staff members: five running holds each.
    expect(await runningHolds(db)).toBe(15);
    expect(outcomes.filter((o) => o !== "held").every((o) => o === "TOO_MANY_HOLDS")).toBe(true);

    const free = (await separateTimes(visitor(server, "198.51.100.3"), server, 10, 40)).at(-1)!;
    await expect(
      visitor(server, "198.51.100.3").createBooking({ serviceId: "svc_consult", staffId: "stf_romero", start: free.start, customer }),
    ).resolves.toMatchObject({ status: "confirmed" });
  });
});

describe("on a server facing visitors directly", () => {
  let server: RunningServer;
  let secretKey: string;

  beforeAll(async () => {
    server = await startServer({ RATE_LIMITS: "on" });
    secretKey = /Demo secret key \(shown once, keep it safe\): (sk_\S+)/.exec(server.output())![1]!;
  });
  afterAll(() => server?.stop());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("ignores X-Forwarded-For, which any caller can write", async () => {
    const day = dateAfter(server, 3);
    const { slots } = await visitor(server).availability({ serviceId: "svc_consult", from: day, to: day });
    const outcomes = [];
    for (const [i, slot] of slots.slice(0, maxHoldsPerClient + 2).entries()) {
      outcomes.push(await outcome(visitor(server, `192.0.2.${i + 1}`).hold({ serviceId: "svc_consult", start: slot.start })));
    }
    expect(outcomes.filter((o) => o === "held")).toHaveLength(maxHoldsPerClient);
  });

  it("refuses a 70 kB body to a public procedure with 413", async () => {
    const answer = await post("manage.cancel", JSON.stringify({ token: "x".repeat(70_000) }));
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toMatchObject({ message: expect.stringContaining("64 kB"), data: { frontdesk: { code: "REQUEST_TOO_LARGE", field: "body" } } });
  });

  it("stops an endless body long before its end, and stays responsive", async () => {
    // The server answers 413 and closes the connection; a client still sending may see the reset before the answer.
    const { ending, sentBytes } = await new Promise<{ ending: string; sentBytes: number }>((resolve, reject) => {
      const url = new URL("/trpc/manage.cancel", server.url);
      const upload = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json" } });
      let sentBytes = 0;
      let answered = false;
      const chunk = Buffer.alloc(64 * 1024, " ");
      const pump = () => {
        while (!answered && sentBytes < 512 * 1024 * 1024) {
          sentBytes += chunk.length;
          if (!upload.write(chunk)) return void upload.once("drain", pump);
        }
        if (!answered) reject(new Error("The server read 512 MB without answering."));
      };
      const end = (ending: string) => {
        if (answered) return;
        answered = true;
        resolve({ ending, sentBytes });
        upload.destroy();
      };
      upload.on("response", (response) => end(String(response.statusCode)));
      upload.on("error", (error: NodeJS.ErrnoException) => (["EPIPE", "ECONNRESET"].includes(error.code!) ? end("closed") : reject(error)));
      upload.write('{"token":"');
      pump();
    });
    expect(["413", "closed"]).toContain(ending);
    expect(sentBytes).toBeLessThan(64 * 1024 * 1024);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("accepts a 500 kB body with a secret key, and up to 1 MB", async () => {
    const padded = (size: number) => JSON.stringify({ holdMinutes: 5 }).padEnd(size, " ");
    const auth = { authorization: `Bearer ${secretKey}` };
    expect((await post("config.updatePolicies", padded(500_000), auth)).status).toBe(200);
    expect(publicBodyLimitBytes).toBeLessThan(500_000);
    const tooLarge = await post("config.updatePolicies", padded(1_100_000), auth);
    expect(tooLarge.status).toBe(413);
    expect((await post("config.updatePolicies", padded(500_000), { authorization: "Bearer sk_forged" })).status).toBe(401);
  });

  it("refuses a batch of more calls than the cap, saying how many it takes", async () => {
    const batch = (calls: number) =>
      fetch(`${server.url}/trpc/${Array.from({ length: calls }, () => "booking.catalog").join(",")}?batch=1`, { headers: { "x-frontdesk-key": demoKey } });
    const over = await batch(maxCallsPerBatch + 1);
    expect(over.status).toBe(413);
    const [first] = await over.json();
    expect(first.error).toMatchObject({
      message: `A batch may carry at most ${maxCallsPerBatch} calls; this one has ${maxCallsPerBatch + 1}. Send them in smaller batches.`,
      data: { frontdesk: { code: "REQUEST_TOO_LARGE", field: "batch" } },
    });
    expect((await batch(maxCallsPerBatch)).status).toBe(200);
  });

  it("refuses a query whose input makes the address longer than 8 kB", async () => {
    const input = encodeURIComponent(JSON.stringify({ serviceId: "s".repeat(9_000), from: "2027-01-13", to: "2027-01-13" }));
    const answer = await fetch(`${server.url}/trpc/booking.availability?input=${input}`, { headers: { "x-frontdesk-key": demoKey } });
    expect(answer.status).toBe(413);
    expect((await answer.json()).error.data.frontdesk).toEqual({ code: "REQUEST_TOO_LARGE", field: "input" });
  });
});
