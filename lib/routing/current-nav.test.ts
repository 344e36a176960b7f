import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { currentNav } from "./current-nav";

const storeOf = () => makeStore([makeArticle("a1", "2024-03-01T10:00:00+03:00", { section: "sport" })]);

describe("currentNav", () => {
  it("marks a section's own page, and the section from its later pages", async () => {
    const store = await storeOf();
    expect(await currentNav(store, "/section/sport")).toEqual({ item: "sport", kind: "page" });
    expect(await currentNav(store, "/section/sport?page=2")).toEqual({ item: "sport", kind: "true" });
    expect(await currentNav(store, "/section/sport?page=1")).toEqual({ item: "sport", kind: "page" });
  });

  it("marks «Все новости» on the feed, and an article's section on the article", async () => {
    const store = await storeOf();
    expect(await currentNav(store, "/news")).toEqual({ item: "news", kind: "page" });
    expect(await currentNav(store, "/news?page=3")).toEqual({ item: "news", kind: "true" });
    expect(await currentNav(store, "/news/a1")).toEqual({ item: "sport", kind: "true" });
  });

  it("marks nothing elsewhere, for an unknown article or a path it cannot read", async () => {
    const store = await storeOf();
    for (const target of [null, "/", "/search?q=x", "/tag/%D0%A8%D0%9E%D0%A1", "/news/missing", "/news/a1/opengraph-image", "/news/%zz"]) {
      expect(await currentNav(store, target)).toBeUndefined();
    }
  });
});
