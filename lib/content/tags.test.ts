import { describe, expect, it } from "vitest";
import { tagKey, tagLinks, tagPath } from "./tags";
import { makeArticle, makeStore } from "./test-helpers";

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

describe("tags through the store", () => {
  const articles = [
    makeArticle("a", "2024-03-01T10:00:00+03:00", { tags: ["Могилёв", "Спорт"] }),
    makeArticle("b", "2024-03-02T10:00:00+03:00", { tags: ["Могилев"] }),
    makeArticle("c", "2024-03-03T10:00:00+03:00", { tags: ["Могилёв", "могилев"] }),
    makeArticle("draft", "2024-03-03T10:00:00+03:00", { tags: ["Черновик", "Могилёв"], draft: true }),
    makeArticle("later", "2024-03-09T10:00:00+03:00", { tags: ["Будущее"] }),
  ];
  const stored = makeStore(articles);

  it("groups spellings, lists published articles newest first, and names the tag by its most used spelling", async () => {
    const store = await stored;
    const tag = (await store.tag("МОГИЛЁВ", now))!;
    expect(tag.name).toBe("Могилёв");
    expect(tag.count).toBe(3); // c once, though spelt twice
    expect((await store.list({ tag: tag.key }, now, { offset: 0, limit: 10 })).map((a) => a.slug)).toEqual(["c", "b", "a"]);
  });

  it("knows no tag that only drafts or scheduled articles carry, until they are published", async () => {
    const store = await stored;
    expect(await store.tag("Черновик", now)).toBeUndefined();
    expect(await store.tag("Будущее", now)).toBeUndefined();
    expect((await store.tag("Будущее", Date.parse("2024-03-10T00:00:00+03:00")))?.count).toBe(1);
  });

  it("breaks a tie between spellings the same way whatever the article order", async () => {
    const one = await makeStore([makeArticle("x", "2024-03-01T10:00:00+03:00", { tags: ["минск"] }), makeArticle("y", "2024-03-02T10:00:00+03:00", { tags: ["Минск"] })]);
    const other = await makeStore([makeArticle("x", "2024-03-02T10:00:00+03:00", { tags: ["минск"] }), makeArticle("y", "2024-03-01T10:00:00+03:00", { tags: ["Минск"] })]);
    expect((await one.tag("минск", now))!.name).toBe("Минск");
    expect((await other.tag("минск", now))!.name).toBe("Минск");
  });

  it("links an article's tags to their canonical pages, and leaves unknown ones unlinked", async () => {
    const store = await stored;
    expect(await tagLinks(store, ["могилев", "Черновик"], now)).toEqual([{ name: "могилев", href: tagPath("Могилёв") }, { name: "Черновик" }]);
  });
});
