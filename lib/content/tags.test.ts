import { describe, expect, it } from "vitest";
import { publishedTags, tagKey, tagLinks, tagPath } from "./tags";
import { makeArticle, makeIndex, makeStore } from "./test-helpers";

const now = Date.parse("2024-03-05T12:00:00+03:00");

describe("tagKey and tagPath", () => {
  it("treats case, ё/е, composition and spacing as the same tag", () => {
    expect(tagKey("Могилёв")).toBe(tagKey("МОГИЛЕВ"));
    expect(tagKey(" Местные   Советы ")).toBe(tagKey("местные советы"));
    expect(tagKey("Могиле\u0308в")).toBe(tagKey("Могилёв"));
    expect(tagKey("Минск")).not.toBe(tagKey("Минская область"));
  });

  it("percent-encodes the tag into one path segment", () => {
    expect(tagPath("ШОС")).toBe("/tag/%D0%A8%D0%9E%D0%A1");
    expect(tagPath("A&B / C?")).toBe("/tag/A%26B%20%2F%20C%3F");
  });
});

/** The published tag a spelling belongs to (the in-heap store's lookup). */
const findTag = (index: ReturnType<typeof makeIndex>, spelling: string, at: number) => publishedTags(index, at).get(tagKey(spelling));

describe("publishedTags", () => {
  const idx = makeIndex([
    makeArticle("a", "2024-03-01T10:00:00+03:00", { tags: ["Могилёв", "Спорт"] }),
    makeArticle("b", "2024-03-02T10:00:00+03:00", { tags: ["Могилев"] }),
    makeArticle("c", "2024-03-03T10:00:00+03:00", { tags: ["Могилёв", "могилев"] }),
    makeArticle("draft", "2024-03-03T10:00:00+03:00", { tags: ["Черновик", "Могилёв"], draft: true }),
    makeArticle("later", "2024-03-09T10:00:00+03:00", { tags: ["Будущее"] }),
  ]);

  it("groups spellings, lists published articles newest first, and names the tag by its most used spelling", () => {
    const tag = findTag(idx, "МОГИЛЁВ", now)!;
    expect(tag.name).toBe("Могилёв");
    expect(tag.articles.map((a) => a.slug)).toEqual(["c", "b", "a"]); // c once, though spelt twice
    expect([...publishedTags(idx, now).values()].map((t) => t.name).sort()).toEqual(["Могилёв", "Спорт"]);
  });

  it("knows no tag that only drafts or scheduled articles carry, until they are published", () => {
    expect(findTag(idx, "Черновик", now)).toBeUndefined();
    expect(findTag(idx, "Будущее", now)).toBeUndefined();
    expect(findTag(idx, "Будущее", Date.parse("2024-03-10T00:00:00+03:00"))?.articles).toHaveLength(1);
  });

  it("breaks a tie between spellings the same way whatever the article order", () => {
    const one = makeIndex([makeArticle("x", "2024-03-01T10:00:00+03:00", { tags: ["минск"] }), makeArticle("y", "2024-03-02T10:00:00+03:00", { tags: ["Минск"] })]);
    const other = makeIndex([makeArticle("x", "2024-03-02T10:00:00+03:00", { tags: ["минск"] }), makeArticle("y", "2024-03-01T10:00:00+03:00", { tags: ["Минск"] })]);
    expect(findTag(one, "минск", now)!.name).toBe("Минск");
    expect(findTag(other, "минск", now)!.name).toBe("Минск");
  });

  it("links an article's tags to their canonical pages, and leaves unknown ones unlinked", async () => {
    const store = await makeStore([...idx.articles]);
    expect(await tagLinks(store, ["могилев", "Черновик"], now)).toEqual([{ name: "могилев", href: tagPath("Могилёв") }, { name: "Черновик" }]);
  });
});
