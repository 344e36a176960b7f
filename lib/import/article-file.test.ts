import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../content/front-matter";
import { composeArticle } from "./article-file";

describe("composeArticle", () => {
  it("writes front matter the content contract reads back unchanged", () => {
    const fields = {
      title: "Лукашенко: «Беларусь — за» - 100%",
      date: "2024-03-04T12:40:00+03:00",
      section: "politics",
      rubric: "Разное",
      lead: "Лид: с двоеточием, и # решёткой",
      tags: ["ШОС", "- тире", "yes"],
      source: { id: "mir24-by", name: "Mir24.TV Belarus", url: "https://mir24.tv/news/16588420" },
      image: { src: "media/mir24-by/x.jpg", alt: "Фото", credit: "Mir24" },
      also: [{ name: "БелТА", url: "https://example.org/a" }],
    };
    const text = composeArticle(fields, "Первый абзац.\n\nВторой.");
    const parsed = parseFrontMatter(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toEqual(fields);
    expect(parsed.body.trim()).toBe("Первый абзац.\n\nВторой.");
    expect(text.indexOf("title:")).toBeLessThan(text.indexOf("date:"));
  });

  it("leaves out empty lists and absent fields, and an empty body", () => {
    const text = composeArticle({ title: "T", date: "2024-03-04T12:40:00Z", section: "politics", tags: [], source: { id: "a", name: "A" } }, "");
    expect(text).not.toContain("tags");
    expect(text).not.toContain("undefined");
    expect(text.endsWith("---\n")).toBe(true);
  });
});
