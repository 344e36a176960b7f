import { describe, expect, it } from "vitest";
import { compactArticle, NONE, ValuePool } from "./compact";
import type { Article } from "./types";

const base = (over: Partial<Article> = {}): Article => ({
  slug: "a",
  file: "articles/a.md",
  title: "Заголовок",
  date: "2024-03-04T12:00:00+03:00",
  dateMs: Date.parse("2024-03-04T12:00:00+03:00"),
  section: "politics",
  rubric: "Политика",
  lead: "Лид.",
  tags: ["Минск", "Выборы"],
  source: { name: "БелТА" },
  also: [],
  image: { src: "/media/a.jpg", alt: "Дом правительства", credit: "Фото: БелТА", width: 1200, height: 800 },
  top: false,
  draft: false,
  aliases: [],
  wordCount: 120,
  leadFromBody: false,
  stamp: "1:2",
  ...over,
});

// Copies with fresh strings, as two files parsed one after the other would give.
const fresh = (a: Article): Article => JSON.parse(JSON.stringify(a)) as Article;

describe("compactArticle", () => {
  it("keeps every field a page shows", () => {
    const a = base({ updated: "2024-03-05T10:00:00+03:00", aliases: ["old"], top: true, source: { name: "БелТА", url: "https://belta.by/x" } });
    const c = compactArticle(fresh(a), new ValuePool(), "articles/a.md", "1:2");
    expect(c).toEqual(a);
    const partner = base({ source: { id: "vestnik", name: "Вестник", url: "https://example.org/1" }, also: [{ name: "Курьер", url: "https://example.net/2" }] });
    expect(compactArticle(fresh(partner), new ValuePool(), "articles/a.md", "1:2")).toEqual(partner);
    const noUrl = base({ source: { id: "vestnik", name: "Вестник" } });
    expect(compactArticle(fresh(noUrl), new ValuePool(), "articles/a.md", "1:2")).toEqual(noUrl);
  });

  it("shares repeated values between articles, and the empty lists", () => {
    const pool = new ValuePool();
    const one = compactArticle(fresh(base()), pool, "articles/a.md", "1:2");
    const two = compactArticle(fresh(base({ slug: "b" })), pool, "articles/b.md", "3:4");
    expect(two.tags).toBe(one.tags);
    expect(two.image).toBe(one.image);
    expect(two.source).toBe(one.source);
    expect(one.aliases).toBe(NONE);
    expect(one.also).toBe(NONE);
    expect(() => (one.aliases as string[]).push("x")).toThrow();
  });

  it("does not share a photo whose caption differs", () => {
    const pool = new ValuePool();
    const one = compactArticle(fresh(base()), pool, "articles/a.md", undefined);
    const two = compactArticle(fresh(base({ image: { ...base().image!, alt: "Другой кадр" } })), pool, "articles/b.md", undefined);
    expect(two.image).not.toBe(one.image);
    expect(two.image?.alt).toBe("Другой кадр");
    expect(one.stamp).toBeUndefined();
  });

  it("takes its path and stamp from the file record", () => {
    const c = compactArticle(fresh(base()), new ValuePool(), "articles/2024/a.md", "9:9");
    expect(c.file).toBe("articles/2024/a.md");
    expect(c.stamp).toBe("9:9");
  });
});

describe("ValuePool", () => {
  it("starts afresh past its limit, so it never grows without bound", () => {
    const pool = new ValuePool(3);
    for (const s of ["a", "b", "c", "d", "e"]) pool.string(s);
    expect(pool.size).toBeLessThanOrEqual(3);
    expect(pool.string("e")).toBe("e");
  });
});
