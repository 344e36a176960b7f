import { describe, expect, it } from "vitest";
import pairs from "./fixtures/near-duplicates.json";
import { fingerprint, isSameStory, RecentStories, similarity, DUPLICATE_WINDOW_MS } from "./near-duplicate";

const fp = (x: { title: string; text: string }) => fingerprint(x.title, x.text);

describe("isSameStory on the labelled pairs", () => {
  for (const pair of pairs) {
    it(`${pair.same ? "same" : "different"}: ${pair.note}`, () => {
      const a = fp(pair.a);
      const b = fp(pair.b);
      const s = similarity(a, b);
      expect(isSameStory(a, b), `title ${s.title.toFixed(2)}, opening ${s.opening.toFixed(2)}`).toBe(pair.same);
      expect(isSameStory(b, a)).toBe(pair.same);
    });
  }
});

describe("RecentStories", () => {
  const same = pairs.find((p) => p.same)!;
  it("finds the earliest other source's article, and never the item's own source", () => {
    const now = Date.now();
    const recent = new RecentStories([
      { source: "a", slug: "first", at: now - 3_600_000, fp: fp(same.a) },
      { source: "c", slug: "second", at: now - 60_000, fp: fp(same.a) },
    ]);
    expect(recent.findSame(fp(same.b), "b", now)?.slug).toBe("first");
    expect(recent.findSame(fp(same.b), "a", now)?.slug).toBe("second");
  });

  it("forgets articles older than 48 hours", () => {
    const now = Date.now();
    const recent = new RecentStories([{ source: "a", slug: "old", at: now - DUPLICATE_WINDOW_MS - 1, fp: fp(same.a) }], now);
    expect(recent.findSame(fp(same.b), "b", now)).toBeUndefined();
    expect(recent.toJSON(now)).toEqual([]);
  });
});
