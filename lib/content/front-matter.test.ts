import { describe, expect, it } from "vitest";
import { parseFrontMatter, splitFrontMatter } from "./front-matter";

describe("parseFrontMatter", () => {
  it("splits YAML front matter from the Markdown body", () => {
    const r = parseFrontMatter("---\ntitle: Заголовок\ndate: '2024-03-04T12:40:00+03:00'\n---\nТекст.\n");
    expect(r).toEqual({ ok: true, data: { title: "Заголовок", date: "2024-03-04T12:40:00+03:00" }, body: "Текст.\n" });
  });

  it("keeps unquoted ISO dates as the strings the editor wrote", () => {
    const r = parseFrontMatter("---\ndate: 2024-03-04T12:40:00+03:00\n---\n");
    expect(r.ok && r.data.date).toBe("2024-03-04T12:40:00+03:00");
  });

  it("accepts a byte-order mark and CRLF line endings", () => {
    const r = parseFrontMatter("\uFEFF---\r\ntitle: Привет\r\n---\r\nСтрока один\r\nстрока два\r\n");
    expect(r).toEqual({ ok: true, data: { title: "Привет" }, body: "Строка один\nстрока два\n" });
  });

  it("rejects a file without the opening line", () => {
    expect(parseFrontMatter("title: x\n")).toMatchObject({ ok: false, field: "front matter", message: expect.stringContaining("start with") });
  });

  it("rejects a file whose front matter never closes (a file caught mid-save)", () => {
    expect(parseFrontMatter("---\ntitle: x\n")).toMatchObject({ ok: false, message: "no closing '---' line" });
  });

  it("reports broken YAML with its line in the file", () => {
    const r = parseFrontMatter("---\ntitle: ok\ntags: [a, b\n---\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^invalid YAML \(line \d+ of the file\)/);
  });

  it("rejects duplicate keys", () => {
    expect(parseFrontMatter("---\ntitle: a\ntitle: b\n---\n").ok).toBe(false);
  });

  it("rejects front matter that is not a mapping", () => {
    expect(parseFrontMatter("---\n- a\n- b\n---\n")).toMatchObject({ ok: false, message: "must be a YAML mapping of fields" });
  });
});

describe("parseFrontMatter on hostile YAML", () => {
  it("refuses aliases, so a few nested ones cannot expand into billions of values", () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ..."bcdefghi".split("").map((n, i) => `${n}: &${n} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(",")}]`), "title: x"];
    expect(parseFrontMatter(`---\n${bomb.join("\n")}\n---\nТекст.\n`)).toEqual({ ok: false, field: "front matter", message: "uses YAML aliases (*name), which are not allowed" });
    expect(parseFrontMatter("---\na: &x 1\ntitle: *x\n---\n")).toMatchObject({ ok: false, message: expect.stringContaining("aliases") });
  });

  it("refuses front matter too large or too deeply nested before parsing it", () => {
    expect(parseFrontMatter(`---\ntitle: ${"[".repeat(100_000)}\n---\n`)).toMatchObject({ ok: false, message: "is 100,008 characters long; at most 65,536" });
    expect(parseFrontMatter(`---\ntitle: ${"[".repeat(20)}\n---\n`)).toMatchObject({ ok: false, message: "nests lists and mappings 20 deep; at most 10" });
    expect(parseFrontMatter("---\ntags: [a, [b]]\nimage:\n  src: x\n---\n").ok).toBe(true);
  });
});

describe("splitFrontMatter", () => {
  it("cuts the body from the front matter without reading the YAML", () => {
    expect(splitFrontMatter("\uFEFF---\r\ntags: [a, b\r\n---\r\nТекст.\r\n")).toEqual({ ok: true, yaml: "tags: [a, b\n", body: "Текст.\n" });
    expect(splitFrontMatter("---\ntitle: x\n")).toMatchObject({ ok: false, field: "front matter", message: "no closing '---' line" });
    expect(splitFrontMatter("Текст.")).toMatchObject({ ok: false, message: expect.stringContaining("start with") });
  });
});
