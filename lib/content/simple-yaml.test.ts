import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { splitFrontMatter } from "./front-matter";
import { readSimpleFrontMatter } from "./simple-yaml";

/** What the YAML library makes of a text, as front-matter.ts asks it; undefined on an error. */
function library(yaml: string): unknown {
  const doc = parseDocument(yaml, { uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 0 });
}

/** The fast reader either declines or agrees with the library, value for value. */
function expectAgrees(yaml: string): boolean {
  const fast = readSimpleFrontMatter(yaml);
  if (fast !== undefined) expect([yaml, fast]).toEqual([yaml, library(yaml)]);
  return fast !== undefined;
}

const ARTICLE = `title: "Ночь музеев пройдёт в Борисове уже в этом году"
date: "2026-12-02T12:38:00+03:00"
section: culture
lead: "Ночь музеев пройдёт в Борисове в августе. Спрос заметно превысил ожидания."
tags: ["Музеи", "Литература"]
source:
  name: "Пресс-служба филармонии"
  url: "https://example.org/press/filarmoniya/660793"
image:
  src: media/graphic-exhibition-minsk.jpg
  alt: "Выставочный зал: три чёрные рамы — и скамейка"
  credit: Иллюстрация редакции
`;

describe("readSimpleFrontMatter", () => {
  it("reads an article's plain front matter as the YAML library does", () => {
    expect(expectAgrees(ARTICLE)).toBe(true);
    expect(readSimpleFrontMatter(ARTICLE)).toMatchObject({ section: "culture", tags: ["Музеи", "Литература"], image: { credit: "Иллюстрация редакции" } });
    expect(expectAgrees('tags:\n  - "Минск"\n  - спорт\ntop: "да"\naliases: []\n')).toBe(true);
  });

  it("leaves everything outside its subset to the library", () => {
    const declined = [
      "weight: 5", // a number
      "lead: null",
      "ratio: 1e3",
      "hex: 0x1F",
      "title: 'в одинарных'", // single quotes
      'title: "с \\"кавычкой\\""', // an escape
      'title: "текст" # комментарий',
      "# комментарий\ntitle: x",
      "title: x\ntitle: y", // a duplicate key, the library's error
      "image:\n  src: a\n  src: b",
      "date: 2026-12-02T12:38:00+03:00", // a colon in a plain scalar
      "url: https://example.org",
      "title: Первая часть\n  вторая часть", // a plain scalar over two lines
      "image:", // null
      "image:\n   src: a", // three spaces
      "image:\n  nested:\n    deeper: a",
      "tags:\n- a\n- b", // a list not indented
      'tags: ["a, b", c]', // a comma inside quotes
      "tags: [a, null]",
      'tags: ["a",]',
      "title: x\n\nlead: y", // a blank line
      "title: \"табуляция\tвнутри\"",
      "title: \"\u2028\"",
      "true: x",
      "null: x",
      "title:x",
      "key: &anchor x",
      "key: *alias",
      "key: [a, [b]]",
      "key: {a: b}",
      "key: >\n  folded",
      "key: |\n  literal",
    ];
    for (const yaml of declined) expect([yaml, readSimpleFrontMatter(yaml)]).toEqual([yaml, undefined]);
  });

  it("agrees with the library on the near misses it does read", () => {
    for (const yaml of ["title: 5 млн рублей", "slug: 2024-novosti", "title: 1_000", "title: 0b101", "a: .x", "a: x.", "a: Инф", "title: \"\"", "tags: []", "tags: [ \"a\" , \"b\" ]", "a: b c d", "top: true", "top: FALSE", "top: True", "tags: [a, true]", "title: x  \n", "tags: [Музыка, 8 Марта, Афиша]", 'tags: [ "a" ,b ]']) expectAgrees(yaml);
  });

  it("agrees with the library on every file of the demo content", () => {
    const root = path.join(process.cwd(), "content", "articles");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
    expect(files.length).toBeGreaterThan(10);
    let read = 0;
    for (const file of files) {
      const split = splitFrontMatter(readFileSync(path.join(root, file), "utf8"));
      if (split.ok && expectAgrees(split.yaml)) read++;
    }
    // Some demo files are written in fuller YAML on purpose; most are plain.
    expect(read).toBeGreaterThan(0);
  });
});
