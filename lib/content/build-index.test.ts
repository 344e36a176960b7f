import { describe, expect, it } from "vitest";
import { renderArticleBody } from "./body";
import { buildIndex } from "./build-index";
import { testSections, testSite } from "./test-helpers";

const file = (path: string, front: string, body = "Первый абзац.\n\nВторой абзац.") => ({ path, text: `---\n${front}\n---\n${body}` });
const base = "title: Новость\nsection: politics";

function build(files: { path: string; text: string }[]) {
  return buildIndex({ site: testSite, sections: testSections, files, media: new Map([["media/a.jpg", { width: 1600, height: 900 }]]) });
}

describe("buildIndex", () => {
  it("sorts newest first and keeps every valid article", () => {
    const idx = build([
      file("articles/old.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'`),
      file("articles/new.md", `${base}\ndate: '2024-03-04T10:00:00+03:00'`),
      file("articles/mid.md", `${base}\ndate: '2024-03-02T10:00:00+03:00'`),
    ]);
    expect(idx.articles.map((a) => a.slug)).toEqual(["new", "mid", "old"]);
    expect(idx.problems).toEqual([]);
  });

  it("leaves out a broken file, reports it, and keeps the rest", () => {
    const idx = build([
      file("articles/good.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'`),
      file("articles/broken.md", "title: [unclosed"),
      { path: "articles/binary.md", text: "\u0000\u0001garbage" },
    ]);
    expect(idx.articles.map((a) => a.slug)).toEqual(["good"]);
    expect(idx.problems.map((p) => `${p.file}: ${p.field}`)).toEqual(["articles/binary.md: file", "articles/broken.md: front matter"]);
  });

  it("keeps the first of two files with the same slug and names both in the problem", () => {
    const idx = build([
      file("articles/b/same.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'`),
      file("articles/a/same.md", `${base}\ndate: '2024-03-02T10:00:00+03:00'`),
    ]);
    expect(idx.articles.map((a) => a.file)).toEqual(["articles/a/same.md"]);
    expect(idx.problems).toEqual([{ file: "articles/b/same.md", field: "slug", message: '"same" is already used by articles/a/same.md' }]);
  });

  it("defaults the lead to the first paragraph and the rubric to the section name", () => {
    const f = file("articles/x.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'`);
    const a = build([f]).bySlug.get("x")!;
    expect(a.lead).toBe("Первый абзац.");
    expect(a.leadFromBody).toBe(true);
    expect(renderArticleBody(f.text, a)?.html).toBe("<p>Второй абзац.</p>");
    expect(a.rubric).toBe("Политика");
  });

  it("keeps the whole body when the lead is given", () => {
    const f = file("articles/x.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'\nlead: Отдельный лид\nrubric: Разное`);
    const a = build([f]).bySlug.get("x")!;
    expect(a.lead).toBe("Отдельный лид");
    expect(a.rubric).toBe("Разное");
    expect(a.leadFromBody).toBe(false);
    expect(renderArticleBody(f.text, a)?.html).toContain("<p>Первый абзац.</p>");
  });

  it("counts the words a reader reads, not link targets or markup", () => {
    const f = file("articles/x.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'\nlead: Два слова`, "Текст со [ссылкой](https://example.org/very/long-path) и **жирным**.\n\n![фото](media/a.jpg)");
    expect(build([f]).bySlug.get("x")!.wordCount).toBe(2 + 5);
  });

  it("turns media paths into site URLs with the image's size", () => {
    const idx = build([file("articles/x.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'\nimage: {src: media/a.jpg, alt: Фото, credit: Автор}`)]);
    expect(idx.bySlug.get("x")!.image).toEqual({ src: "/media/a.jpg", alt: "Фото", credit: "Автор", width: 1600, height: 900 });
  });

  it("lists the partners of sources.json and joins their problems", () => {
    const idx = buildIndex({ site: testSite, sections: testSections, files: [], media: new Map(), sources: [{ id: "vestnik", name: "Вестник" }], problems: [{ file: "sources.json", field: "[1].url", message: "is required" }] });
    expect(idx.sources).toEqual([{ id: "vestnik", name: "Вестник" }]);
    expect(idx.sourceById.get("vestnik")?.name).toBe("Вестник");
    expect(idx.problems.map((p) => `${p.file}: ${p.field}`)).toEqual(["sources.json: [1].url"]);
    expect(build([]).sources).toEqual([]);
  });

  it("carries source.id and also onto the article, and publishes an over-long also with a problem", () => {
    const also = Array.from({ length: 21 }, (_, i) => `{name: П${i}, url: "https://example.org/${i}"}`).join(", ");
    const idx = build([file("articles/p/x.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'\nsource: {id: vestnik, name: Вестник, url: "https://example.org/x"}\nalso: [${also}]`)]);
    const a = idx.bySlug.get("x")!;
    expect(a.source).toEqual({ id: "vestnik", name: "Вестник", url: "https://example.org/x" });
    expect(a.also).toHaveLength(20);
    expect(a.also[0]).toEqual({ name: "П0", url: "https://example.org/0" });
    expect(idx.problems).toEqual([{ file: "articles/p/x.md", field: "also", message: "has 21 entries; the first 20 are shown" }]);
    expect(build([file("articles/y.md", `${base}\ndate: '2024-03-01T10:00:00+03:00'`)]).bySlug.get("y")!.also).toEqual([]);
  });
});
