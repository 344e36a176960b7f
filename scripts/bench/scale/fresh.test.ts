import { describe, expect, it } from "vitest";
import { freshArticle, withTitleMarker } from "./fresh";
import { titleOf } from "./queries";

const ARTICLE = [
  "---",
  'title: "Мост через Сож открыли"',
  'date: "2024-03-04T12:40:00+03:00"',
  'updated: "2024-03-05T09:00:00+03:00"',
  "section: society",
  "aliases: [old-bridge]",
  "---",
  "",
  "Текст новости: date: не трогать.",
  "",
].join("\n");

describe("freshArticle", () => {
  it("dates the copy now, in Minsk time, and files it under that month", () => {
    const nowMs = Date.parse("2026-01-31T22:30:00Z"); // 01:29 on 1 February in Minsk, a minute back
    const { path, text } = freshArticle(ARTICLE, { slug: "bench-fresh-1", section: "society", nowMs });
    expect(path).toBe("articles/society/2026/02/bench-fresh-1.md");
    expect(text).toContain('date: "2026-02-01T01:29:00+03:00"');
    expect(text).not.toMatch(/^(updated|aliases):/m);
    expect(text).toContain("Текст новости: date: не трогать.");
    expect(titleOf(text)).toBe("Мост через Сож открыли");
  });

  it("refuses a text without front matter", () => {
    expect(() => freshArticle("Просто текст", { slug: "x", section: "s", nowMs: 0 })).toThrow(/front matter/);
  });
});

describe("withTitleMarker", () => {
  it("adds the marker to the title and changes nothing else", () => {
    const edited = withTitleMarker(ARTICLE, "правка42");
    expect(titleOf(edited)).toBe("Мост через Сож открыли правка42");
    expect(edited.replace(/^title:.*$/m, "")).toBe(ARTICLE.replace(/^title:.*$/m, ""));
  });
});
