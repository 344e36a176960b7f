import { describe, expect, it } from "vitest";
import { makeArticle, makeIndex } from "@/lib/content/test-helpers";
import { resolveArticle, resolveArticleImage, resolveNewsList } from "./news";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const index = makeIndex([
  ...Array.from({ length: 21 }, (_, i) => makeArticle(`a${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`)),
  makeArticle("draft", "2024-03-01T10:00:00+03:00", { draft: true }),
  makeArticle("later", "2024-03-09T10:00:00+03:00"),
]);

describe("resolveNewsList", () => {
  it("gives the feed's pages, newest first, while they have articles", () => {
    const first = resolveNewsList(index, {}, now)!.page;
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 21 });
    expect(first.items[0]!.slug).toBe("a20");
    expect(resolveNewsList(index, { page: "2" }, now)!.page.items.map((a) => a.slug)).toEqual(["a0"]);
    expect(resolveNewsList(makeIndex([]), {}, now)!.page.total).toBe(0); // page 1 of an empty feed
  });

  it("refuses pages past the end and malformed or repeated ?page=", () => {
    for (const page of ["3", "0", "01", "x", ["1", "2"]]) expect(resolveNewsList(index, { page }, now), String(page)).toBeUndefined();
  });
});

describe("resolveArticle", () => {
  it("gives a published article with its section", () => {
    const resolved = resolveArticle(index, "a3", now)!;
    expect(resolved.article.slug).toBe("a3");
    expect(resolved.section.slug).toBe("politics");
  });

  it("refuses drafts, scheduled articles, unknown slugs and slugs that are not slugs", () => {
    for (const slug of ["draft", "later", "nope", "A3", "a3.json"]) expect(resolveArticle(index, slug, now), slug).toBeUndefined();
  });

  it("gives an editor's preview of a draft or scheduled article, but never a malformed slug", () => {
    expect(resolveArticle(index, "draft", now, { preview: true })?.article.slug).toBe("draft");
    expect(resolveArticle(index, "later", now, { preview: true })?.article.slug).toBe("later");
    expect(resolveArticle(index, "A3", now, { preview: true })).toBeUndefined();
  });
});

describe("resolveArticleImage", () => {
  it("draws published articles only", () => {
    expect(resolveArticleImage(index, "a3", now)?.article.slug).toBe("a3");
    expect(resolveArticleImage(index, "draft", now)).toBeUndefined();
    expect(resolveArticleImage(index, "later", now)).toBeUndefined();
  });
});
