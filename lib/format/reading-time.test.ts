import { describe, expect, it } from "vitest";
import { readingMinutes, WORDS_PER_MINUTE } from "./reading-time";

describe("readingMinutes", () => {
  it("rounds to whole minutes at 180 words a minute", () => {
    expect(WORDS_PER_MINUTE).toBe(180);
    expect(readingMinutes(180)).toBe(1);
    expect(readingMinutes(269)).toBe(1);
    expect(readingMinutes(270)).toBe(2);
    expect(readingMinutes(540)).toBe(3);
    expect(readingMinutes(900)).toBe(5);
  });

  it("never says zero minutes, even for an empty or broken count", () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(12)).toBe(1);
    expect(readingMinutes(Number.NaN)).toBe(1);
  });
});
