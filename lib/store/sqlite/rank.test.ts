import { describe, expect, it } from "vitest";
import { cutOf, estimateDf, keyOf, scoreWindow, wholeSeconds, wordsToRank } from "./rank";
import { searchKey } from "./writer";

const now = Date.parse("2024-03-05T12:00:00Z");
const sec = (iso: string) => Date.parse(iso) / 1000;

describe("wordsToRank", () => {
  it("takes the rarest words while their article counts fit the budget", () => {
    const words = [
      { phrase: "common", df: 500_000 },
      { phrase: "rare", df: 300 },
      { phrase: "middle", df: 30_000 },
    ];
    expect(wordsToRank(words, 40_000)).toEqual(["rare", "middle"]);
    expect(wordsToRank(words, 20_000)).toEqual(["rare"]);
    // Every word too common: nothing is ranked by bm25(), the window is ordered by date.
    expect(wordsToRank([{ phrase: "common", df: 500_000 }], 40_000)).toEqual([]);
  });
});

describe("estimateDf", () => {
  it("scales a count in the newest articles to the archive, and is exact when the sample is all", () => {
    expect(estimateDf(274, 10_000, 1_000_000)).toBe(27_400);
    expect(estimateDf(12, 800, 800)).toBe(12);
  });
});

describe("keyOf", () => {
  it("gives back the search key the writer made", () => {
    const dateMs = Date.parse("2024-03-01T10:00:00Z");
    expect(keyOf({ sec: dateMs / 1000, id: 123_456 })).toBe(searchKey(dateMs, 123_456));
  });
});

describe("scoreWindow", () => {
  const older = { sec: sec("2023-03-01T10:00:00Z"), id: 1 };
  const newer = { sec: sec("2024-03-04T10:00:00Z"), id: 2 };
  const newest = { sec: sec("2024-03-05T10:00:00Z"), id: 3 };

  it("multiplies relevance by the recency boost", () => {
    // A much better match from last year beats a passing mention from yesterday.
    const scored = scoreWindow(
      [newest, newer, older],
      new Map([
        [1, 3],
        [2, 1],
        [3, 1],
      ]),
      now,
    );
    expect(scored.map((s) => s.id)).toEqual([1, 3, 2]);
  });

  it("orders by date alone when no word was ranked", () => {
    expect(scoreWindow([older, newest, newer], undefined, now).map((s) => s.id)).toEqual([3, 2, 1]);
  });

  it("ranks a match bm25() did not reach as the least relevant it did", () => {
    // The newest match without a score weighs 2, as the older one does, and its date lifts it above.
    const scored = scoreWindow(
      [newest, newer, older],
      new Map([
        [1, 2],
        [2, 5],
      ]),
      now,
    );
    expect(scored.map((s) => s.id)).toEqual([2, 3, 1]);
    expect(scored[1]!.score).toBeGreaterThan(2);
  });
});

describe("wholeSeconds", () => {
  const row = (id: number, sec: number) => ({ id, sec, b: -id });

  it("keeps every row when the limit was not reached", () => {
    const rows = [row(1, 9), row(2, 8), row(3, 8)];
    expect(wholeSeconds(rows, 4)).toEqual(rows);
  });

  it("drops the second the limit cut through, so no article id decides which of its matches were scored", () => {
    expect(wholeSeconds([row(1, 9), row(2, 8), row(3, 8)], 3)).toEqual([row(1, 9)]);
    // Another indexing of the same content gave that second's articles other ids: the same result.
    expect(wholeSeconds([row(1, 9), row(7, 8), row(5, 8)], 3)).toEqual([row(1, 9)]);
    // One second only: nothing is scored, every match takes the floor and the date orders them.
    expect(wholeSeconds([row(1, 8), row(2, 8)], 2)).toEqual([]);
  });
});

describe("cutOf", () => {
  it("goes on past the page's end through rows tied in score and second", () => {
    const row = (id: number, score: number, s = 100) => ({ id, sec: s, score });
    const scored = [row(1, 5), row(2, 3), row(3, 3), row(4, 3, 99), row(5, 1)];
    expect(cutOf(scored, 2)).toBe(3);
    expect(cutOf(scored, 4)).toBe(4);
    expect(cutOf(scored, 10)).toBe(5);
    expect(cutOf(scored, 0)).toBe(0);
  });
});
