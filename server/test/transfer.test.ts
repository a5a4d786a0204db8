import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../testing/start-server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

interface RawAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  /** The bytes as they came over the wire, still compressed. */
  body: Buffer;
}

/** A GET that, unlike fetch, leaves the body as it was sent: what a browser pays for on the wire. */
function get(path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const call = request(`${server.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers as RawAnswer["headers"], body: Buffer.concat(chunks) }));
    });
    call.on("error", reject).end();
  });
}

const browser = { "accept-encoding": "gzip, deflate, br, zstd" };
const decoded = (answer: RawAnswer) =>
  answer.headers["content-encoding"] === "br" ? brotliDecompressSync(answer.body) : answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body) : answer.body;

describe("/embed.js", () => {
  it("comes brotli-compressed to a browser, gzip to a client without brotli, and whole to one without either", async () => {
    const plain = await get("/embed.js");
    const brotli = await get("/embed.js", browser);
    const gzip = await get("/embed.js", { "accept-encoding": "gzip" });

    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(brotli).equals(plain.body)).toBe(true);
    expect(decoded(gzip).equals(plain.body)).toBe(true);
    // The loader is about a kilobyte, so compression saves less of it than of the widgets' code (below).
    expect(brotli.body.length).toBeLessThan(plain.body.length);
  });

  it("may be cached for five minutes and is revalidated with its ETag: 304, no body", async () => {
    const first = await get("/embed.js", browser);
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    expect(first.headers.etag).toBeTruthy();

    const again = await get("/embed.js", { ...browser, "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe("the widget modules", () => {
  it("keep their addresses, cached briefly, and load code named for its content, cached as immutable", async () => {
    for (const name of ["booking", "booking-manage", "client"]) {
      const stable = await get(`/widgets/${name}.js`, browser);
      expect(stable.status).toBe(200);
      expect(stable.headers["cache-control"]).toBe("public, max-age=300");
      const versioned = /from "\.\/(chunks\/[\w-]+\.js)"/.exec(decoded(stable).toString())?.[1];
      expect(versioned, `widgets/${name}.js names the build it re-exports`).toMatch(new RegExp(`^chunks/${name}-[\\w-]+\\.js$`));

      const code = await get(`/widgets/${versioned}`, browser);
      expect(code.status).toBe(200);
      expect(code.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(code.headers["access-control-allow-origin"]).toBe("*");
    }
  });

  it("send their shared code compressed, immutable, with an ETag", async () => {
    const booking = decoded(await get(`/widgets/${/from "\.\/(chunks\/[\w-]+\.js)"/.exec(decoded(await get("/widgets/booking.js")).toString())![1]}`, browser));
    const shared = /from ?"\.\/([\w-]+\.js)"/.exec(booking.toString())![1];
    const chunk = await get(`/widgets/chunks/${shared}`, browser);
    expect(chunk.headers).toMatchObject({ "content-encoding": "br", "cache-control": "public, max-age=31536000, immutable" });
    expect(chunk.headers.etag).toBeTruthy();
    // Minified code: about a third of its size goes over the wire.
    expect(chunk.body.length).toBeLessThan(decoded(chunk).length / 2.5);
  });
});

describe("API answers", () => {
  const month = () => {
    const from = new Date(server.now() + 86_400_000).toISOString().slice(0, 10);
    const to = new Date(server.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    return `/trpc/booking.availability?input=${encodeURIComponent(JSON.stringify({ serviceId: "svc_consult", from, to }))}`;
  };
  const key = { "x-frontdesk-key": "pk_demo_brightsmile" };

  it("a month of open times comes compressed as the request allows, the same answer each way, cached or not", async () => {
    const plain = await get(month(), key);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const slots = JSON.parse(plain.body.toString()).result.data.slots as unknown[];
    expect(slots.length).toBeGreaterThan(100);

    for (const [acceptEncoding, coding] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
    ] as const) {
      // The second ask is answered from the server's short-lived answer cache.
      for (const attempt of [1, 2]) {
        const answer = await get(month(), { ...key, "accept-encoding": acceptEncoding });
        expect(answer.headers["content-encoding"], `${acceptEncoding}, attempt ${attempt}`).toBe(coding);
        expect(answer.headers.vary).toMatch(/accept-encoding/i);
        expect(JSON.parse(decoded(answer).toString())).toEqual(JSON.parse(plain.body.toString()));
        expect(answer.body.length).toBeLessThan(plain.body.length / 10);
      }
    }
  });

  it("answers under a kilobyte are sent as they are", async () => {
    const small = await get(`/trpc/manage.get?input=${encodeURIComponent(JSON.stringify({ token: "apt_nothing.forged" }))}`, { "accept-encoding": "br" });
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(small.body.toString()).error.data.frontdesk.code).toEqual(expect.any(String));
  });
});
