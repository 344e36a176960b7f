import { describe, expect, it } from "vitest";
import { recencyBoost } from "./ranking";

const DAY = 24 * 3600 * 1000;
const now = Date.parse("2024-03-05T12:00:00Z");

describe("recencyBoost", () => {
  it("favours newer stories and decays smoothly towards 1", () => {
    const boosts = [0, 1, 30, 365, 3650].map((days) => recencyBoost(now - days * DAY, now));
    expect(boosts[0]).toBeCloseTo(1.5);
    expect(boosts[2]).toBeCloseTo(1.25);
    for (let i = 1; i < boosts.length; i++) expect(boosts[i]).toBeLessThan(boosts[i - 1]!);
    expect(boosts[4]).toBeGreaterThan(1);
    expect(boosts[4]).toBeLessThan(1.01);
  });

  it("treats a date in the future as now", () => {
    expect(recencyBoost(now + DAY, now)).toBe(recencyBoost(now, now));
  });
});
