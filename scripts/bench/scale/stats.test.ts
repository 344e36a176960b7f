import { describe, expect, it } from "vitest";
import { percentile, scaledTimeoutMs } from "./stats";

describe("percentile", () => {
  it("takes the nearest rank: a value that was measured", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
  });

  it("handles few figures", () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 1], 50)).toBe(1);
    expect(percentile([3, 1], 95)).toBe(3);
    expect(percentile([], 50)).toBeUndefined();
  });

  it("refuses a percentile out of range", () => {
    expect(() => percentile([1], 0)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });
});

describe("scaledTimeoutMs", () => {
  it("grows with the archive above its floor", () => {
    expect(scaledTimeoutMs(120, 1_000, 120)).toBe(120_000);
    expect(scaledTimeoutMs(120, 100_000, 60)).toBe(120_000);
    expect(scaledTimeoutMs(120, 1_000_000, 60)).toBe(1_200_000);
  });
});
