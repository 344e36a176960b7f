import { describe, expect, it } from "vitest";
import { clientAddress, FailureLimiter, PEER_HEADER } from "./rate-limit";

describe("FailureLimiter", () => {
  it("refuses an address after 10 failures in a minute, with the seconds to wait", () => {
    const limiter = new FailureLimiter();
    for (let i = 0; i < 10; i++) {
      expect(limiter.check("10.0.0.1", 1000 + i)).toEqual({ limited: false });
      limiter.fail("10.0.0.1", 1000 + i);
    }
    expect(limiter.check("10.0.0.1", 1010)).toEqual({ limited: true, retryAfterS: 60 });
    expect(limiter.check("10.0.0.1", 31_000)).toEqual({ limited: true, retryAfterS: 30 });
    expect(limiter.check("10.0.0.2", 1010)).toEqual({ limited: false }); // another address
    expect(limiter.check("10.0.0.1", 61_000)).toEqual({ limited: false }); // the window is over
    limiter.fail("10.0.0.1", 61_000);
    expect(limiter.check("10.0.0.1", 61_001)).toEqual({ limited: false }); // a new window
  });

  it("tracks at most maxClients addresses, dropping lapsed windows first, then the oldest", () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 1000, maxClients: 3 });
    limiter.fail("a", 0);
    limiter.fail("b", 500);
    limiter.fail("c", 600);
    limiter.fail("d", 1200); // a's window is over: it goes
    expect(limiter.size).toBe(3);
    expect(limiter.check("b", 1200).limited).toBe(true);
    limiter.fail("e", 1300); // full with live windows: b, the oldest, goes
    expect(limiter.size).toBe(3);
    expect(limiter.check("b", 1300).limited).toBe(false);
    expect(limiter.check("c", 1300).limited).toBe(true);
    for (let i = 0; i < 10_000; i++) limiter.fail(`x${i}`, 1400);
    expect(limiter.size).toBe(3);
  });
});

describe("clientAddress", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("takes nginx's X-Real-IP only from a loopback peer", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "127.0.0.1", "x-real-ip": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddress(h({ [PEER_HEADER]: "::ffff:127.0.0.1", "x-real-ip": "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientAddress(h({ [PEER_HEADER]: "::1" }))).toBe("::1");
  });

  it("ignores addresses a remote client claims", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "198.51.100.9", "x-real-ip": "203.0.113.7", "x-forwarded-for": "203.0.113.8" }))).toBe("198.51.100.9");
    expect(clientAddress(h({ [PEER_HEADER]: "127.0.0.1", "x-real-ip": "not an address" }))).toBe("127.0.0.1");
    expect(clientAddress(h({ "x-real-ip": "203.0.113.7", "x-forwarded-for": "203.0.113.8" }))).toBe("unknown");
  });
});
