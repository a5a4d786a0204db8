import { isIPv4, isIPv6 } from "node:net";

/**
 * What an IP address is, as far as sending a business's webhooks there goes. Only `public` addresses receive
 * webhooks; `loopback`, `private` and `shared` ones also do when the server allows private destinations (development).
 */
export type AddressKind = "public" | "loopback" | "private" | "shared" | "link-local" | "metadata" | "unspecified" | "multicast" | "reserved";

/** The kinds a server that allows private destinations (FRONTDESK_WEBHOOKS_ALLOW_PRIVATE) also sends to. */
export const privateKinds: ReadonlySet<AddressKind> = new Set(["loopback", "private", "shared"]);

/** IPv4 ranges, most specific first: the first that holds an address names its kind. */
const ipv4Ranges: [string, number, AddressKind][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  // Alibaba Cloud's instance metadata, inside the shared range.
  ["100.100.100.200", 32, "metadata"],
  ["100.64.0.0", 10, "shared"],
  ["127.0.0.0", 8, "loopback"],
  // AWS, GCP, Azure, DigitalOcean, OpenStack instance metadata.
  ["169.254.169.254", 32, "metadata"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  // Azure's WireServer: a public-looking address only a VM reaches.
  ["168.63.129.16", 32, "metadata"],
  // IETF protocol assignments (Oracle Cloud's metadata is 192.0.0.192), documentation, 6to4 relays, benchmarking.
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  // Future use, and the broadcast address.
  ["240.0.0.0", 4, "reserved"],
];

function ipv4Number(address: string): number {
  return address.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

const ipv4Table = ipv4Ranges.map(([base, bits, kind]) => ({ base: ipv4Number(base), size: 2 ** (32 - bits), kind }));

function ipv4Kind(value: number): AddressKind {
  for (const { base, size, kind } of ipv4Table) if (value >= base && value < base + size) return kind;
  return "public";
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad and `::` expanded, a zone dropped). */
export function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, "");
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const ipv4Of = (high: number, low: number) => high * 65_536 + low;

function ipv6Kind(groups: number[]): AddressKind {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const zeroUpTo = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zeroUpTo(8)) return "unspecified";
  if (zeroUpTo(7) && g7 === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form (::a.b.c.d): the IPv4 address decides.
  if (zeroUpTo(5) && (g5 === 0xffff || g5 === 0)) return ipv4Kind(ipv4Of(g6, g7));
  // NAT64 (64:ff9b::a.b.c.d) reaches the IPv4 address it embeds; its local-use prefix is a private network's.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Kind(ipv4Of(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "private";
  // 6to4 (2002:aabb:ccdd::) tunnels to the IPv4 address it embeds.
  if (g0 === 0x2002) return ipv4Kind(ipv4Of(g1, g2));
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0 && g7 === 0x254) return "metadata";
  if ((g0 & 0xfe00) === 0xfc00) return "private";
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  // Site-local: deprecated, still a private network's.
  if ((g0 & 0xffc0) === 0xfec0) return "private";
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  // Teredo (2001::/32) and documentation (2001:db8::/32); everything outside global unicast (2000::/3) is unassigned or special.
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8)) return "reserved";
  if ((g0 & 0xe000) !== 0x2000) return "reserved";
  return "public";
}

/** The kind of an IPv4 or IPv6 address; `reserved` for anything that is not one. */
export function addressKind(address: string): AddressKind {
  if (isIPv4(address)) return ipv4Kind(ipv4Number(address));
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  if (isIPv6(bare)) return ipv6Kind(ipv6Groups(bare));
  return "reserved";
}

/** Whether a webhook may go to this address, given whether the server allows private destinations. */
export function mayReceive(kind: AddressKind, allowPrivate: boolean): boolean {
  return kind === "public" || (allowPrivate && privateKinds.has(kind));
}
