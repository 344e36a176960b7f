import { describe, expect, it } from "vitest";
import { rankRelated, relatedKeys } from "./related";

const row = (slug: string, day: number) => ({ slug, dateMs: Date.UTC(2024, 2, day) });

describe("related stories", () => {
  it("looks up each tag once by its key, and the headline's words without stop words", () => {
    const keys = relatedKeys({ title: "Новый мост в Гродно откроют летом", tags: ["Гродно", "гродно", "Мосты"] });
    expect(keys.tags).toEqual(["гродно", "мосты"]);
    expect(keys.words.length).toBe(5); // «в» is a stop word
    expect(relatedKeys({ title: "", tags: [] })).toEqual({ tags: [], words: [] });
  });

  it("puts more shared tags first, then the newest, ties by slug, and never the article itself", () => {
    const byTag = [
      [row("self", 5), row("b", 4), row("a", 4), row("old-both", 1)],
      [row("self", 5), row("old-both", 1)],
    ];
    expect(rankRelated("self", byTag, [], 5)).toEqual(["old-both", "a", "b"]);
    expect(rankRelated("self", byTag, [], 2)).toEqual(["old-both", "a"]);
  });

  it("fills up with stories sharing at least two headline words, more words first", () => {
    const byWord = [
      [row("one-word", 9), row("two", 3), row("three", 2)],
      [row("two", 3), row("three", 2)],
      [row("three", 2), row("tagged", 1)],
    ];
    expect(rankRelated("self", [[row("tagged", 1)]], byWord, 5)).toEqual(["tagged", "three", "two"]);
    // A one-word headline: that word is enough.
    expect(rankRelated("self", [], [[row("x", 2), row("self", 3)]], 5)).toEqual(["x"]);
  });
});
