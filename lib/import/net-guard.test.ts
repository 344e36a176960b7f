import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { assertLiteralAllowed, createGuardedLookup, isPublicAddress, resolveVetted, type Resolver } from "./net-guard";
import { ImportError } from "./types";

describe("isPublicAddress", () => {
  const notPublic = [
    // IPv4
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.5",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "0.1.2.3",
    "100.64.0.1",
    "100.127.255.255",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "240.0.0.1",
    "192.0.0.8",
    "198.18.0.1",
    "198.19.255.255",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "192.88.99.1",
    // IPv6
    "::1",
    "::",
    "fc00::1",
    "fd12:3456:789a::1",
    "fe80::1",
    "fe80::1%eth0",
    "febf::1",
    "fec0::1",
    "ff02::1",
    "100::1",
    "2001:db8::1",
    "3fff::1",
    "2001::1", // Teredo
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.5",
    "::ffff:a9fe:a9fe",
    "::127.0.0.1",
    "::7f00:1",
    "64:ff9b::127.0.0.1",
    "64:ff9b::a00:5",
    "64:ff9b:1::8.8.8.8",
    "2002:7f00:1::1",
    "2002:c0a8:101::",
    "[::1]",
    // Not addresses at all
    "",
    "example.com",
    "1.2.3",
    "256.1.1.1",
    "::ffff:1.2.3.4.5",
  ];
  const publicOnes = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "198.17.255.255",
    "198.20.0.1",
    "192.0.1.1",
    "223.255.255.255",
    "2a00:1450:4001:81c::200e",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "::ffff:808:808",
    "64:ff9b::8.8.8.8",
    "2002:808:808::1",
    "2001:4860:4860::8888",
    "3fff:1000::1",
    "[2606:4700:4700::1111]",
  ];

  it.each(notPublic)("refuses %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });
  it.each(publicOnes)("accepts %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

const fake =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = table[host];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND", hostname: host });
    return list.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

const resolver = fake({
  "feed.example": ["93.184.216.34"],
  "evil.example": ["10.0.0.5"],
  "mixed.example": ["93.184.216.34", "10.0.0.5"],
  "dual.example": ["2606:4700:4700::1111", "93.184.216.34"],
  "v6only.example": ["2606:4700:4700::1111"],
});

describe("resolveVetted", () => {
  it("returns public addresses", async () => {
    await expect(resolveVetted("feed.example", false, resolver)).resolves.toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it("refuses a public name resolving to a private address, in the operator's words", async () => {
    const err = await resolveVetted("evil.example", false, resolver).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).reason).toBe("evil.example resolves to a private address (10.0.0.5); only the feed's own origin may be private");
  });

  it("refuses when any one of several addresses is private", async () => {
    await expect(resolveVetted("mixed.example", false, resolver)).rejects.toThrow("(10.0.0.5)");
  });

  it("lets the trusted origin resolve to a private address", async () => {
    await expect(resolveVetted("evil.example", true, resolver)).resolves.toHaveLength(1);
  });
});

/** Calls a LookupFunction the way net.connect does and collects what it answers. */
function callLookup(
  lookup: ReturnType<typeof createGuardedLookup>,
  host: string,
  options: { all?: boolean; family?: number },
): Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((resolve) => {
    lookup(host, options, (err, address, family) => resolve({ err, address, family }));
  });
}

describe("createGuardedLookup", () => {
  it("answers all vetted addresses when asked for all (Node's happy eyeballs)", async () => {
    const r = await callLookup(createGuardedLookup(false, resolver), "dual.example", { all: true });
    expect(r.err).toBeNull();
    expect(r.address).toEqual([
      { address: "2606:4700:4700::1111", family: 6 },
      { address: "93.184.216.34", family: 4 },
    ]);
  });

  it("answers one address with its family otherwise, honouring a family restriction", async () => {
    const r = await callLookup(createGuardedLookup(false, resolver), "dual.example", { family: 4 });
    expect(r).toEqual({ err: null, address: "93.184.216.34", family: 4 });
  });

  it("fails with not-found when the requested family has no address", async () => {
    const r = await callLookup(createGuardedLookup(false, resolver), "v6only.example", { family: 4 });
    expect(r.err?.code).toBe("ENOTFOUND");
  });

  it("fails with the ImportError for a private answer", async () => {
    const r = await callLookup(createGuardedLookup(false, resolver), "evil.example", { all: true });
    expect(r.err).toBeInstanceOf(ImportError);
  });

  it("passes resolver errors through (so the caller can say host not found)", async () => {
    const r = await callLookup(createGuardedLookup(false, resolver), "nowhere.example", { all: true });
    expect(r.err?.code).toBe("ENOTFOUND");
  });

  it("resolves once per connection: the socket gets exactly what was vetted", async () => {
    let calls = 0;
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    };
    const r = await callLookup(createGuardedLookup(false, rebinding), "rebind.example", {});
    expect(r.address).toBe("93.184.216.34");
    expect(calls).toBe(1);
  });
});

describe("assertLiteralAllowed", () => {
  it("refuses private address literals unless trusted", () => {
    expect(() => assertLiteralAllowed("127.0.0.1", false)).toThrow("127.0.0.1 is a private address; only the feed's own origin may be private");
    expect(() => assertLiteralAllowed("[::1]", false)).toThrow("::1 is a private address");
    expect(() => assertLiteralAllowed("127.0.0.1", true)).not.toThrow();
  });

  it("leaves public literals and host names alone", () => {
    expect(() => assertLiteralAllowed("8.8.8.8", false)).not.toThrow();
    expect(() => assertLiteralAllowed("localhost", false)).not.toThrow();
  });
});
