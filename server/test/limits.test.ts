import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxCallsPerBatch, publicBodyLimitBytes, rates } from "../app/http/limits";
import { startServer, type RunningServer } from "../testing/start-server";

const demoKey = "pk_demo_brightsmile";

describe("behind a trusted proxy, per visitor", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ RATE_LIMITS: "on", TRUST_PROXY: "1" });
  });
  afterAll(() => server?.stop());

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
