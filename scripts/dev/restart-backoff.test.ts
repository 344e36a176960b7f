import { describe, expect, it } from "vitest";
import { createBackoff, RESTART_BACKOFF } from "./restart-backoff";

describe("the restart back-off of a dead app instance", () => {
  it("starts at half a second and doubles while the instance keeps dying at once, up to 30 s", () => {
    const backoff = createBackoff();
    const delays = Array.from({ length: 10 }, () => backoff.next(100));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it("starts over once an instance has run a while before it died", () => {
    const backoff = createBackoff();
    for (let i = 0; i < 5; i++) backoff.next(1_000);
    expect(backoff.next(RESTART_BACKOFF.resetAfterMs)).toBe(500);
    expect(backoff.next(10)).toBe(1_000);
    // A run just short of the reset still counts as a crash loop.
    expect(backoff.next(RESTART_BACKOFF.resetAfterMs - 1)).toBe(2_000);
  });

  it("takes other bounds, and refuses ones that make no sense, naming them", () => {
    const backoff = createBackoff({ initialMs: 100, maxMs: 250, resetAfterMs: 5_000 });
    expect([backoff.next(0), backoff.next(0), backoff.next(0), backoff.next(6_000)]).toEqual([100, 200, 250, 100]);
    expect(() => createBackoff({ initialMs: 0, maxMs: 1, resetAfterMs: 1 })).toThrow(/initialMs/);
    expect(() => createBackoff({ initialMs: 10, maxMs: 5, resetAfterMs: 1 })).toThrow(/maxMs/);
    expect(() => createBackoff({ initialMs: 10, maxMs: 50, resetAfterMs: -1 })).toThrow(/resetAfterMs/);
  });
});
