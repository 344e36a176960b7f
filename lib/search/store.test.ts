import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeArticle, makeIndex } from "@/lib/content/test-helpers";
import type { ContentIndex } from "@/lib/content/types";
import { SearchIndex } from "./search-index";
import { parseQuery } from "./text";

// The live content store reads a folder; here it serves an index the test swaps.
const content: { index: ContentIndex } = { index: makeIndex([makeArticle("minsk", "2024-03-01T10:00:00+03:00", { title: "Минск" })]) };
vi.mock("@/lib/content/store", () => ({
  getContentIndex: async () => content.index,
  getArticleBodyText: async () => "",
}));

const { searchArticles } = await import("./store");
const now = Date.parse("2024-03-05T12:00:00+03:00");

describe("searchArticles", () => {
  beforeEach(() => {
    // store.ts keeps one state object per process (globalThis); each test starts it empty.
    const state = (globalThis as { __searchStore?: { recent?: unknown; index?: unknown } }).__searchStore!;
    delete state.recent;
    delete state.index;
    vi.restoreAllMocks();
  });

  it("answers the page's search from the proxy's: the same words within 2 s of the same content search once", async () => {
    const search = vi.spyOn(SearchIndex.prototype, "search");
    const proxy = await searchArticles(parseQuery("минск")!, now);
    const page = await searchArticles(parseQuery("  Минск ")!, now + 300);
    expect(proxy.hits.map((h) => h.slug)).toEqual(["minsk"]);
    expect(page).toBe(proxy);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it("searches again for other words, after 2 s, and when the content changed", async () => {
    const search = vi.spyOn(SearchIndex.prototype, "search");
    await searchArticles(parseQuery("минск")!, now);
    await searchArticles(parseQuery("гомель")!, now);
    expect(search).toHaveBeenCalledTimes(2);
    await searchArticles(parseQuery("минск")!, now + 2_000);
    expect(search).toHaveBeenCalledTimes(3);
    content.index = makeIndex([makeArticle("minsk2", "2024-03-02T10:00:00+03:00", { title: "Снова Минск" })]);
    const fresh = await searchArticles(parseQuery("минск")!, now + 2_100);
    expect(search).toHaveBeenCalledTimes(4);
    expect(fresh.hits.map((h) => h.slug)).toEqual(["minsk2"]);
  });
});
