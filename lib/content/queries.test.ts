import { describe, expect, it } from "vitest";
import { findPublished, findSource, latest, moreNews, paginate, parsePageParam, previousAndNext, publishedArticles, sectionArticles, sectionBlocks, sourceArticles, sourcesWithPages, topNews } from "./queries";
import { makeArticle, makeIndex } from "./test-helpers";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const idx = makeIndex([
  makeArticle("p1", "2024-03-01T10:00:00+03:00", { top: true }),
  makeArticle("p2", "2024-03-02T10:00:00+03:00"),
  makeArticle("p3", "2024-03-03T10:00:00+03:00", { top: true }),
  makeArticle("s1", "2024-03-03T11:00:00+03:00", { section: "sport", top: true }),
  makeArticle("p4", "2024-03-04T10:00:00+03:00"),
  makeArticle("draft", "2024-03-04T11:00:00+03:00", { draft: true, top: true }),
  makeArticle("future", "2024-03-06T10:00:00+03:00", { top: true }),
]);

describe("publish rules", () => {
  it("leaves out drafts and articles whose time has not come", () => {
    expect(publishedArticles(idx, now).map((a) => a.slug)).toEqual(["p4", "s1", "p3", "p2", "p1"]);
    expect(findPublished(idx, "draft", now)).toBeUndefined();
    expect(findPublished(idx, "future", now)).toBeUndefined();
    expect(findPublished(idx, "future", Date.parse("2024-03-06T10:00:00+03:00"))?.slug).toBe("future");
    expect(findPublished(idx, "nope", now)).toBeUndefined();
  });
});

describe("the published view", () => {
  it("changes by itself when a scheduled article's time comes, and not before", () => {
    const before = Date.parse("2024-03-06T09:59:59+03:00");
    const at = Date.parse("2024-03-06T10:00:00+03:00");
    expect(publishedArticles(idx, before).map((a) => a.slug)).not.toContain("future");
    expect(publishedArticles(idx, at).map((a) => a.slug)[0]).toBe("future");
    // Asking about an earlier instant again gives the earlier answer, not the cached later one.
    expect(publishedArticles(idx, before).map((a) => a.slug)).not.toContain("future");
    expect(sectionArticles(idx, "politics", at).map((a) => a.slug)[0]).toBe("future");
  });
});

describe("lists", () => {
  it("takes the newest published articles for the feed", () => {
    expect(latest(idx, now, 3).map((a) => a.slug)).toEqual(["p4", "s1", "p3"]);
  });

  it("takes only published top articles, newest first, up to the limit", () => {
    expect(topNews(idx, now).map((a) => a.slug)).toEqual(["s1", "p3", "p1"]);
    expect(topNews(idx, now, 1).map((a) => a.slug)).toEqual(["s1"]);
  });

  it("picks more news from the same section without the article itself", () => {
    const p3 = idx.bySlug.get("p3")!;
    expect(moreNews(idx, p3, now).map((a) => a.slug)).toEqual(["p4", "p2", "p1"]);
    expect(moreNews(idx, p3, now, 2).map((a) => a.slug)).toEqual(["p4", "p2"]);
  });

  it("links to the older and newer article of the section, skipping the unpublished", () => {
    expect(previousAndNext(idx, idx.bySlug.get("p3")!, now)).toMatchObject({ previous: { slug: "p2" }, next: { slug: "p4" } });
    const edges = previousAndNext(idx, idx.bySlug.get("p4")!, now);
    expect(edges.next).toBeUndefined();
    expect(edges.previous?.slug).toBe("p3");
    expect(previousAndNext(idx, idx.bySlug.get("p1")!, now).previous).toBeUndefined();
  });

  it("filters a section and builds home blocks in sections.json order", () => {
    expect(sectionArticles(idx, "sport", now).map((a) => a.slug)).toEqual(["s1"]);
    expect(sectionBlocks(idx, now, 2).map((b) => [b.section.slug, b.articles.map((a) => a.slug)])).toEqual([
      ["politics", ["p4", "p3"]],
      ["sport", ["s1"]],
    ]);
  });
});

describe("partners", () => {
  const from = (id: string, name: string) => ({ source: { id, name, url: "https://example.org/x" } });
  const partners = makeIndex(
    [
      makeArticle("v1", "2024-03-01T10:00:00+03:00", from("vestnik", "Вестник")),
      makeArticle("v2", "2024-03-03T10:00:00+03:00", { ...from("vestnik", "Вестник"), section: "sport" }),
      makeArticle("v-draft", "2024-03-04T10:00:00+03:00", { ...from("vestnik", "Вестник"), draft: true }),
      makeArticle("v-later", "2024-03-09T10:00:00+03:00", from("vestnik", "Вестник")),
      makeArticle("gone-old", "2024-02-01T10:00:00+03:00", from("gone", "Старое имя")),
      makeArticle("gone-new", "2024-02-02T10:00:00+03:00", from("gone", "Новое имя")),
      makeArticle("only-draft", "2024-02-02T10:00:00+03:00", { ...from("hidden", "Скрытый"), draft: true }),
      makeArticle("agency", "2024-03-02T10:00:00+03:00", { source: { name: "БелТА" } }),
    ],
    [
      { id: "vestnik", name: "Вестник Полесья" },
      { id: "quiet", name: "Тихий партнёр" },
    ],
  );

  it("lists a partner's published articles newest first, across sections", () => {
    expect(sourceArticles(partners, "vestnik", now).map((a) => a.slug)).toEqual(["v2", "v1"]);
    expect(sourceArticles(partners, "vestnik", Date.parse("2024-03-09T10:00:00+03:00"))[0]?.slug).toBe("v-later");
    expect(sourceArticles(partners, "quiet", now)).toEqual([]);
  });

  it("finds a partner in sources.json, or a removed one by its newest article's name", () => {
    expect(findSource(partners, "vestnik", now)).toEqual({ id: "vestnik", name: "Вестник Полесья" });
    expect(findSource(partners, "quiet", now)).toEqual({ id: "quiet", name: "Тихий партнёр" });
    expect(findSource(partners, "gone", now)).toEqual({ id: "gone", name: "Новое имя" });
    expect(findSource(partners, "hidden", now)).toBeUndefined(); // only a draft: no page
    expect(findSource(partners, "nope", now)).toBeUndefined();
  });

  it("names every partner page: sources.json's first, in its order, then removed ones", () => {
    expect(sourcesWithPages(partners, now).map((s) => s.id)).toEqual(["vestnik", "quiet", "gone"]);
  });
});

describe("pagination", () => {
  const list = Array.from({ length: 45 }, (_, i) => i);
  it("slices pages of 20 and rejects pages past the end", () => {
    expect(paginate(list, 1, 20)).toMatchObject({ page: 1, pageCount: 3, total: 45, items: list.slice(0, 20) });
    expect(paginate(list, 3, 20)?.items).toEqual([40, 41, 42, 43, 44]);
    expect(paginate(list, 4, 20)).toBeUndefined();
    expect(paginate([], 1, 20)).toMatchObject({ page: 1, pageCount: 1, total: 0 });
  });

  it("accepts only plain positive integers in ?page=", () => {
    expect(parsePageParam(undefined)).toBe(1);
    expect(parsePageParam("2")).toBe(2);
    for (const bad of ["abc", "0", "-1", "1.5", "01", " 2", "1e3", "9999999", ""]) expect(parsePageParam(bad)).toBeUndefined();
    expect(parsePageParam(["1", "2"])).toBeUndefined();
  });
});
