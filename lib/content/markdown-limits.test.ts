import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "./front-matter";
import { countMarkdownWords, firstParagraphOf } from "./markdown";
import { markdownShapeProblem, MAX_NESTING } from "./markdown-limits";

const here = import.meta.dirname;

function bodiesUnder(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .map((f) => {
      const split = splitFrontMatter(readFileSync(path.join(dir, f), "utf8"));
      return [f, split.ok ? split.body : ""];
    });
}

describe("markdownShapeProblem", () => {
  it("accepts every body of the demo content and the seed article", () => {
    const bodies = bodiesUnder(path.resolve(here, "../../content/articles"));
    expect(bodies.length).toBeGreaterThan(10);
    for (const [file, body] of bodies) expect([file, markdownShapeProblem(body)]).toEqual([file, undefined]);
  });

  it("accepts what a newsroom writes: nested lists, quotes, tables, code, thematic breaks", () => {
    const body = [
      "Абзац с **жирным**, _курсивом_, ~~зачёркнутым~~ и [ссылкой](https://example.org/a_(b)).",
      "> Цитата\n> > с цитатой внутри\n> - и списком",
      "1. Первый\n   - вложенный\n     - ещё глубже\n2. Второй",
      "| Город | Население |\n| --- | ---: |\n| Минск | 2 000 000 |",
      "```js\nconst a = `шаблон`;\n```",
      "* * *",
      "![Фото](/media/x.jpg \"Подпись\")",
    ].join("\n\n");
    expect(markdownShapeProblem(body)).toBeUndefined();
  });

  it.each([
    ["100,000 nested quotes", ">".repeat(100_000) + " x", /^line 1: more than 16 block quotes and list items nested$/],
    ["100,000 nested list items", "- ".repeat(100_000) + "a", /^line 1: more than 16 block quotes/],
    ["lists nested by indentation", Array.from({ length: 40 }, (_, i) => "  ".repeat(i) + "- a").join("\n"), /^line 33: indented by more than 64 columns$/],
    ["*a_ repeated", "*a_".repeat(100_000), /^line 1: |^the block at line 1 /],
    ["a 5,000-column table", "|" + "a|".repeat(5000), /^line 1: more than 128 table columns$/],
    ["growing backtick runs", Array.from({ length: 100 }, (_, i) => "`".repeat(i + 1) + "a").join(" "), /^line 1: more than 32 '`' in a row$/],
    ["100,000 unclosed links", "[a](".repeat(100_000), /^the block at line 1 /],
    ["emphasis marks in one paragraph", "*a* ".repeat(300), /^the block at line 1 has more than 400 emphasis marks/],
    ["backticks in one paragraph", "`a` ".repeat(300), /^the block at line 1 has more than 400 backticks/],
    ["brackets in one paragraph", "[a] (b) ".repeat(600), /^the block at line 1 has more than 2000 brackets/],
  ])("refuses %s, naming the line and the bound", (_name, body, message) => {
    expect(markdownShapeProblem(`Лид.\n\n${body}`.replace(/^Лид\.\n\n/, ""))).toMatch(message);
  });

  it("counts lines of the body and starts each block's counts afresh", () => {
    const ok = Array.from({ length: 10 }, () => "*a* ".repeat(90)).join("\n\n");
    expect(markdownShapeProblem(ok)).toBeUndefined();
    expect(markdownShapeProblem(`Первая строка.\n\n${">".repeat(MAX_NESTING + 1)} x`)).toMatch(/^line 3: /);
  });
});

describe("index-time reading of hostile bodies", () => {
  it("finds no lead in an odd-shaped first block, and counts words without scanning to the end from every bracket", () => {
    expect(firstParagraphOf(">".repeat(100_000) + " x")).toBeUndefined();
    expect(firstParagraphOf("*a_".repeat(100_000))).toBeUndefined();
    // Each of these took from minutes to hours with the unbounded patterns.
    expect(countMarkdownWords("[a](".repeat(100_000))).toBe(100_000);
    expect(countMarkdownWords("![".repeat(100_000))).toBe(0);
    expect(countMarkdownWords("<a ".repeat(100_000))).toBe(100_000);
    expect(countMarkdownWords("](".repeat(100_000) + "x")).toBe(1);
    expect(countMarkdownWords("```\n".repeat(50_001) + "слово")).toBe(0);
  });
});
