import { afterEach, describe, expect, it } from "vitest";
import { addressKind, ipv6Groups, mayReceive, type AddressKind } from "../app/webhooks-out/addresses";
import { checkDestination, excerptChars, sendOnce, type DestinationPolicy, type Resolve } from "../app/webhooks-out/destination";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";

const table: [string, AddressKind][] = [
  // IPv4
  ["8.8.8.8", "public"],
  ["93.184.215.14", "public"],
  ["1.1.1.1", "public"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["172.15.255.255", "public"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["172.32.0.0", "public"],
  ["192.168.1.1", "private"],
  ["192.169.0.1", "public"],
  ["100.63.255.255", "public"],
  ["100.64.0.1", "shared"],
  ["100.127.255.255", "shared"],
  ["100.128.0.0", "public"],
  ["100.100.100.200", "metadata"],
  ["169.254.169.254", "metadata"],
  ["169.254.170.2", "link-local"],
  ["169.254.0.1", "link-local"],
  ["168.63.129.16", "metadata"],
  ["192.0.0.192", "reserved"],
  ["192.0.2.10", "reserved"],
  ["198.18.0.1", "reserved"],
  ["198.51.100.7", "reserved"],
  ["203.0.113.9", "reserved"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "reserved"],
  // IPv6
  ["2606:4700:4700::1111", "public"],
  ["2001:4860:4860::8888", "public"],
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  ["fc00::1", "private"],
  ["fd12:3456:789a::1", "private"],
  ["fd00:ec2::254", "metadata"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["febf::1", "link-local"],
  ["fec0::1", "private"],
  ["ff02::1", "multicast"],
  ["2001:db8::1", "reserved"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
  ["100::1", "reserved"],
  ["3fff::1", "public"],
  ["4000::1", "reserved"],
  // IPv4 inside IPv6: the IPv4 address decides.
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["::ffff:169.254.169.254", "metadata"],
  ["::ffff:a9fe:a9fe", "metadata"],
  ["::ffff:10.1.2.3", "private"],
  ["::ffff:8.8.8.8", "public"],
  ["::127.0.0.1", "loopback"],
  ["64:ff9b::7f00:1", "loopback"],
  ["64:ff9b::8.8.8.8", "public"],
  ["64:ff9b:1::1", "private"],
  ["2002:7f00:1::", "loopback"],
  ["2002:a9fe:a9fe::1", "metadata"],
  ["2002:808:808::1", "public"],
  ["::ffff:0:127.0.0.1", "reserved"],
  ["[::1]", "loopback"],
  // Not addresses at all.
  ["localhost", "reserved"],
  ["127.1", "reserved"],
  ["", "reserved"],
];

describe("the address classifier", () => {
  it.each(table)("reads %s as %s", (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it("expands IPv6 forms to eight groups", () => {
    expect(ipv6Groups("2001:db8::1")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Groups("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("lets only public addresses receive, and loopback, private and shared ones too when private destinations are allowed", () => {
    const kinds: AddressKind[] = ["public", "loopback", "private", "shared", "link-local", "metadata", "unspecified", "multicast", "reserved"];
    expect(kinds.filter((kind) => mayReceive(kind, false))).toEqual(["public"]);
    expect(kinds.filter((kind) => mayReceive(kind, true))).toEqual(["public", "loopback", "private", "shared"]);
  });
});

const strict: DestinationPolicy = { allowPrivate: false, allowHttp: true };
const development: DestinationPolicy = { allowPrivate: true, allowHttp: true };
/** A resolver that answers from a table, as a DNS server under the test's control would. */
const resolverOf =
  (names: Record<string, string[]>): Resolve =>
  async (hostname) => {
    const addresses = names[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { code?: string; message: string; field?: string }) => error);

describe("checking a URL on register", () => {
  it("refuses loopback, metadata, private and mapped addresses, as literals and as names that resolve to them", async () => {
    const resolve = resolverOf({ "hooks.example.com": ["93.184.215.14"], "internal.example.com": ["93.184.215.14", "10.0.0.5"], "rebind.example.com": ["127.0.0.1"] });
    for (const url of [
      "http://127.0.0.1:8080/hooks",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/hooks",
      "http://[::ffff:127.0.0.1]/hooks",
      "http://[fd00:ec2::254]/",
      "http://10.1.2.3/hooks",
      "http://internal.example.com/hooks",
      "http://rebind.example.com/hooks",
      // Other spellings of 127.0.0.1, which the URL parser normalises.
      "http://2130706433/hooks",
      "http://0x7f000001/hooks",
      "http://127.1/hooks",
      "http://[0:0:0:0:0:ffff:7f00:1]/hooks",
    ]) {
      const error = await refusal(checkDestination(url, strict, resolve));
      expect(error, url).toMatchObject({ code: "WEBHOOK_DESTINATION_REFUSED", field: "url" });
    }
    await expect(checkDestination("https://hooks.example.com/frontdesk", strict, resolve)).resolves.toBeUndefined();
  });

  it("says which address a name resolved to and what kind it is", async () => {
    const error = await refusal(checkDestination("https://meta.example.com/", strict, resolverOf({ "meta.example.com": ["169.254.169.254"] })));
    expect(error?.message).toBe("meta.example.com (169.254.169.254) is a cloud metadata address: webhooks are only sent to public internet addresses.");
  });

  it("refuses a name that does not resolve, and plain http unless the server allows it", async () => {
    expect(await refusal(checkDestination("https://nowhere.example.com/", strict, resolverOf({})))).toMatchObject({ code: "WEBHOOK_DESTINATION_REFUSED" });
    const httpOnly = await refusal(checkDestination("http://8.8.8.8/", { allowPrivate: false, allowHttp: false }));
    expect(httpOnly).toMatchObject({ code: "WEBHOOK_DESTINATION_REFUSED", message: expect.stringMatching(/https/) });
  });

  it("allows loopback when the server allows private destinations, but never metadata or link-local", async () => {
    await expect(checkDestination("http://127.0.0.1:9/hooks", development)).resolves.toBeUndefined();
    expect(await refusal(checkDestination("http://169.254.169.254/", development))).toMatchObject({ code: "WEBHOOK_DESTINATION_REFUSED" });
    expect(await refusal(checkDestination("http://169.254.10.10/", development))).toMatchObject({ code: "WEBHOOK_DESTINATION_REFUSED" });
  });
});

describe("one attempt, checked at connect time", () => {
  const receivers: WebhookReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  const receiver = async (...args: Parameters<typeof startWebhookReceiver>) => {
    const started = await startWebhookReceiver(...args);
    receivers.push(started);
    return started;
  };
  const post = { body: '{"type":"ping"}', headers: { "webhook-id": "msg_1" } };

  it("connects to the address its own lookup checked, not to whatever the system resolver says", async () => {
    const hooks = await receiver();
    const resolve = resolverOf({ "hooks.frontdesk.test": ["127.0.0.1"] });
    const outcome = await sendOnce(`http://hooks.frontdesk.test:${hooks.port}/in`, post, { policy: development, resolve, timeoutMs: 5000 });
    expect(outcome).toMatchObject({ httpStatus: 200, error: null, responseExcerpt: "ok", refused: false });
    expect(hooks.received).toHaveLength(1);
    expect(hooks.received[0]).toMatchObject({ body: post.body, headers: { host: `hooks.frontdesk.test:${hooks.port}`, "webhook-id": "msg_1" } });
  });

  it("refuses a name that resolved to a public address on register and to loopback when it connects", async () => {
    const hooks = await receiver();
    let lookups = 0;
    const rebinding: Resolve = async () => [{ address: lookups++ === 0 ? "93.184.215.14" : "127.0.0.1", family: 4 }];
    const url = `http://rebind.frontdesk.test:${hooks.port}/in`;
    await checkDestination(url, strict, rebinding);
    const outcome = await sendOnce(url, post, { policy: strict, resolve: rebinding, timeoutMs: 5000 });
    expect(outcome).toMatchObject({ httpStatus: null, refused: true, error: `Refused: rebind.frontdesk.test (127.0.0.1) is a loopback address: webhooks are only sent to public internet addresses.` });
    expect(hooks.received).toHaveLength(0);
  });

  it("refuses when any of a name's addresses is refused, even if another is fine", async () => {
    const hooks = await receiver();
    const resolve = resolverOf({ "mixed.frontdesk.test": ["127.0.0.1", "169.254.169.254"] });
    const outcome = await sendOnce(`http://mixed.frontdesk.test:${hooks.port}/in`, post, { policy: development, resolve, timeoutMs: 5000 });
    expect(outcome).toMatchObject({ refused: true, error: expect.stringMatching(/169\.254\.169\.254\) is a cloud metadata address/) });
    expect(hooks.received).toHaveLength(0);
  });

  it("refuses literal loopback addresses, IPv4-mapped ones included, without a lookup", async () => {
    const hooks = await receiver();
    for (const host of ["127.0.0.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"]) {
      const outcome = await sendOnce(`http://${host}:${hooks.port}/in`, post, { policy: strict, timeoutMs: 5000 });
      expect(outcome, host).toMatchObject({ refused: true, httpStatus: null });
    }
    expect(hooks.received).toHaveLength(0);
  });

  it("does not follow a redirect: the attempt fails with the Location it was sent to", async () => {
    const inside = await receiver();
    const redirecting = await receiver(() => ({ status: 302, headers: { location: `http://169.254.169.254/latest/meta-data/` } }));
    const outcome = await sendOnce(redirecting.url, post, { policy: development, timeoutMs: 5000 });
    expect(outcome).toMatchObject({ httpStatus: 302, refused: false, error: expect.stringContaining("Redirected (302) to http://169.254.169.254/latest/meta-data/") });
    const toLoopback = await receiver(() => ({ status: 307, headers: { location: inside.url } }));
    expect((await sendOnce(toLoopback.url, post, { policy: development, timeoutMs: 5000 })).httpStatus).toBe(307);
    expect(inside.received).toHaveLength(0);
  });

  it("gives up on an endpoint that does not answer in time, and keeps only the first kilobyte of an answer", async () => {
    const silent = await receiver(() => "hang");
    const outcome = await sendOnce(silent.url, post, { policy: development, timeoutMs: 300 });
    expect(outcome).toMatchObject({ httpStatus: null, error: "No answer within 0.3 s.", refused: false });
    const chatty = await receiver(() => ({ status: 500, body: "x".repeat(50_000) }));
    const failed = await sendOnce(chatty.url, post, { policy: development, timeoutMs: 5000 });
    expect(failed).toMatchObject({ httpStatus: 500, error: "The endpoint answered 500." });
    expect(failed.responseExcerpt).toHaveLength(excerptChars);
  });
});
