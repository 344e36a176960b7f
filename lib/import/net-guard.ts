/**
 * Keeps the importer from being used to reach the server's own network (SSRF).
 *
 * A partner feed names addresses we fetch (redirects, images, article pages), so a hostile or
 * careless feed could point us at 127.0.0.1, the cloud metadata service or an office LAN.
 * Every address a name resolves to must be public, unless the request goes to the origin the
 * operator configured for the feed (which may legitimately live on the LAN).
 */
import dns from "node:dns";
import net from "node:net";
import { ImportError } from "./types";

/** Parses dotted-quad IPv4 into a 32-bit unsigned number; undefined when not IPv4. */
function parseIPv4(ip: string): number | undefined {
  if (!net.isIPv4(ip)) return undefined;
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

/**
 * Parses IPv6 (with `::`, an embedded dotted quad, or a `%zone`) into 8 groups of 16 bits.
 * Own parsing rather than BlockList because we need the embedded IPv4 of mapped, NAT64 and 6to4 forms.
 */
function parseIPv6(input: string): number[] | undefined {
  const ip = input.replace(/%.*$/, "");
  if (!net.isIPv6(ip)) return undefined;
  let text = ip;
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad?.[1] !== undefined) {
    const v4 = parseIPv4(quad[1]);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, -quad[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const toGroups = (part: string): number[] => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = toGroups(head);
  if (tail === undefined) return left.length === 8 ? left : undefined;
  const right = toGroups(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0) return undefined;
  return [...left, ...Array<number>(fill).fill(0), ...right];
}

/** True when the top `bits` of `value` equal those of `base` (both 32-bit IPv4 numbers). */
function inV4Range(value: number, base: string, bits: number): boolean {
  const start = parseIPv4(base) ?? 0;
  const size = 2 ** (32 - bits);
  return value >= start && value < start + size;
}

/**
 * IPv4 ranges that are not the public internet (IANA special-purpose registry, RFC 6890 and later).
 * 0/8 covers 0.0.0.0; 240/4 covers 255.255.255.255 (broadcast).
 */
const NON_PUBLIC_V4: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT (shared address space)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, including the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation (TEST-NET-1)
  ["192.88.99.0", 24], // deprecated 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation (TEST-NET-2)
  ["203.0.113.0", 24], // documentation (TEST-NET-3)
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and 255.255.255.255 broadcast
];

function isPublicV4(value: number): boolean {
  return !NON_PUBLIC_V4.some(([base, bits]) => inV4Range(value, base, bits));
}

/** The IPv4 address held in groups `g[i]` and `g[i+1]`. */
function v4At(groups: number[], i: number): number {
  return (groups[i] ?? 0) * 0x10000 + (groups[i + 1] ?? 0);
}

function isPublicV6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0] = g;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  // ::ffff:a.b.c.d (IPv4-mapped) reaches the IPv4 host a.b.c.d: judge it as that.
  if (firstFiveZero && g5 === 0xffff) return isPublicV4(v4At(g, 6));
  // ::a.b.c.d (IPv4-compatible, deprecated) — also covers :: and ::1, whose "IPv4" is in 0/8.
  if (firstFiveZero && g5 === 0) return isPublicV4(v4At(g, 6));
  // 64:ff9b::/96 is NAT64: a gateway forwards it to the embedded IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPublicV4(v4At(g, 6));
  // 64:ff9b:1::/48 is local-use NAT64 (RFC 8215): the operator's own translation, never public.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return false;
  // 2002::/16 is 6to4: the relay forwards to the IPv4 address in bits 16–47.
  if (g0 === 0x2002) return isPublicV4(v4At(g, 1));
  // Only 2000::/3 is allocated as global unicast; everything else (ULA fc00::/7, link-local
  // fe80::/10, site-local fec0::/10, multicast ff00::/8, discard 100::/64 …) is not public.
  if ((g0 & 0xe000) !== 0x2000) return false;
  // 2001::/23 holds IETF protocol assignments (Teredo, benchmarking, ORCHID); no web servers.
  if (g0 === 0x2001 && g1 < 0x200) return false;
  // Documentation: 2001:db8::/32 and 3fff::/20.
  if (g0 === 0x2001 && g1 === 0xdb8) return false;
  if (g0 === 0x3fff && g1 < 0x1000) return false;
  return true;
}

/**
 * True when `ip` (IPv4 or IPv6 text) is an address on the public internet.
 * Anything unparsable is treated as not public, so a surprise never opens a hole.
 */
export function isPublicAddress(ip: string): boolean {
  const v4 = parseIPv4(ip);
  if (v4 !== undefined) return isPublicV4(v4);
  const v6 = parseIPv6(ip.replace(/^\[|\]$/g, ""));
  if (v6 !== undefined) return isPublicV6(v6);
  return false;
}

/** Resolves a host name to every address it has; injectable so tests need no real DNS. */
export type Resolver = (hostname: string) => Promise<dns.LookupAddress[]>;

/** The system resolver (getaddrinfo, so /etc/hosts counts), all addresses, in the system's order. */
export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** The operator-facing refusal; the same words for a resolved name and an address literal. */
export function privateAddressError(host: string, address: string): ImportError {
  const where = host === address ? `${host} is a private address` : `${host} resolves to a private address (${address})`;
  return new ImportError(`${where}; only the feed's own origin may be private`);
}

/**
 * Refuses an address literal host (Node does not call `lookup` for those, so the check must be made
 * here). Host names are left to the guarded lookup. `host` may carry IPv6 brackets.
 */
export function assertLiteralAllowed(host: string, allowPrivate: boolean): void {
  const bare = host.replace(/^\[|\]$/g, "");
  if (allowPrivate || net.isIP(bare) === 0) return;
  if (!isPublicAddress(bare)) throw privateAddressError(bare, bare);
}

/**
 * Vets a resolution: all addresses must be public unless `allowPrivate` (the trusted origin).
 * One private address among public ones is refused too: the OS may pick any of them.
 */
export async function resolveVetted(hostname: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<dns.LookupAddress[]> {
  const addresses = await resolve(hostname);
  if (addresses.length === 0) {
    throw Object.assign(new Error(`no addresses for ${hostname}`), { code: "ENOTFOUND", hostname });
  }
  if (!allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) throw privateAddressError(hostname, bad.address);
  }
  return addresses;
}

/**
 * A `lookup` for http.request / net.connect that resolves once and hands the socket exactly the
 * vetted addresses. Because the socket connects to what this returns, there is no second
 * resolution for a rebinding DNS server to answer differently.
 */
export function createGuardedLookup(allowPrivate: boolean, resolve: Resolver = systemResolver): net.LookupFunction {
  return (hostname, options, callback) => {
    resolveVetted(hostname, allowPrivate, resolve).then(
      (all) => {
        // Honour a family restriction the caller asked for (family: 4 / 6).
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family === 0 ? all : all.filter((a) => a.family === family);
        const first = usable[0];
        if (!first) {
          callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: "ENOTFOUND", hostname }), "");
          return;
        }
        // Node ≥ 20 asks for all addresses (happy eyeballs); older callers want one.
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), ""),
    );
  };
}
