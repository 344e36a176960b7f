import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { resolveArticle, resolveArticleImage, resolveNewsList } from "./news";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const store = await makeStore([
  ...Array.from({ length: 21 }, (_, i) => makeArticle(`a${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`)),
  makeArticle("draft", "2024-03-01T10:00:00+03:00", { draft: true }),
  makeArticle("later", "2024-03-09T10:00:00+03:00"),
]);

describe("resolveNewsList", () => {
  it("gives the feed's pages, newest first, while they have articles", async () => {
    const first = (await resolveNewsList(store, {}, now))!.page;
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 21 });
    expect(first.items[0]!.slug).toBe("a20");
    expect((await resolveNewsList(store, { page: "2" }, now))!.page.items.map((a) => a.slug)).toEqual(["a0"]);
    expect((await resolveNewsList(await makeStore([]), {}, now))!.page.total).toBe(0); // page 1 of an empty feed
  });

  it("refuses pages past the end and malformed or repeated ?page=", async () => {
    for (const page of ["3", "0", "01", "x", ["1", "2"]]) expect(await resolveNewsList(store, { page }, now), String(page)).toBeUndefined();
  });
});

describe("resolveArticle", () => {
  it("gives a published article with its section", async () => {
    const resolved = (await resolveArticle(store, "a3", now))!;
    expect(resolved.article.slug).toBe("a3");
    expect(resolved.section.slug).toBe("politics");
  });

  it("refuses drafts, scheduled articles, unknown slugs and slugs that are not slugs", async () => {
    for (const slug of ["draft", "later", "nope", "A3", "a3.json"]) expect(await resolveArticle(store, slug, now), slug).toBeUndefined();
  });

  it("gives an editor's preview of a draft or scheduled article, but never a malformed slug", async () => {
    expect((await resolveArticle(store, "draft", now, { preview: true }))?.article.slug).toBe("draft");
    expect((await resolveArticle(store, "later", now, { preview: true }))?.article.slug).toBe("later");
    expect(await resolveArticle(store, "A3", now, { preview: true })).toBeUndefined();
  });
});

describe("resolveArticleImage", () => {
  it("draws published articles only", async () => {
    expect((await resolveArticleImage(store, "a3", now))?.article.slug).toBe("a3");
    expect(await resolveArticleImage(store, "draft", now)).toBeUndefined();
    expect(await resolveArticleImage(store, "later", now)).toBeUndefined();
  });
});
