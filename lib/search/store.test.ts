import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import type { ArticleStore } from "@/lib/store/types";
import { parseQuery } from "./text";

// The process's store reads a folder; here it is a store the test swaps.
const content: { store: ArticleStore } = { store: await makeStore([makeArticle("minsk", "2024-03-01T10:00:00+03:00", { title: "Минск" })]) };
vi.mock("@/lib/store", () => ({ getStore: async () => content.store }));

const { searchArticles } = await import("./store");
const now = Date.parse("2024-03-05T12:00:00+03:00");
const page = { offset: 0, limit: 20 };

describe("searchArticles", () => {
  beforeEach(() => {
    // store.ts keeps one state object per process (globalThis); each test starts it empty.
    const state = (globalThis as { __searchStore?: { recent?: unknown; index?: unknown } }).__searchStore!;
    delete state.recent;
    vi.restoreAllMocks();
  });

  it("answers the page's search from the proxy's: the same words and range within 2 s of the same content search once", async () => {
    const search = vi.spyOn(content.store, "search");
    const proxy = await searchArticles(parseQuery("минск")!, now, page);
    const again = await searchArticles(parseQuery("  Минск ")!, now + 300, page);
    expect(proxy.hits.map((h) => h.slug)).toEqual(["minsk"]);
    expect(proxy.total).toBe(1);
    expect(again).toBe(proxy);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith(expect.anything(), now, page, "relevance");
  });

  it("searches again for other words, another range or order, after 2 s, and when the content changed", async () => {
    const search = vi.spyOn(content.store, "search");
    await searchArticles(parseQuery("минск")!, now, page);
    await searchArticles(parseQuery("гомель")!, now, page);
    expect(search).toHaveBeenCalledTimes(2);
    await searchArticles(parseQuery("минск")!, now, { offset: 20, limit: 20 });
    expect(search).toHaveBeenCalledTimes(3);
    await searchArticles(parseQuery("минск")!, now, page, "date");
    expect(search).toHaveBeenCalledTimes(4);
    await searchArticles(parseQuery("минск")!, now + 2_000, page);
    expect(search).toHaveBeenCalledTimes(5);
    content.store = await makeStore([makeArticle("minsk2", "2024-03-02T10:00:00+03:00", { title: "Снова Минск" })]);
    const fresh = await searchArticles(parseQuery("минск")!, now + 2_100, page);
    expect(fresh.hits.map((h) => h.slug)).toEqual(["minsk2"]);
  });
});
